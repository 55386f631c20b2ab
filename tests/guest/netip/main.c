/*
 * Guest test netip: by the time main() runs the network is configured.
 * Prints argv (Skiff's own options must be gone), then stays up until
 * dom0 has pinged every address and writes data/netip-done.
 */
#include <skiff/xenstore.h>
#include <stdio.h>
#include <unistd.h>

static int dom0_done(void)
{
	char v[8];

	return xs_read("data/netip-done", v, sizeof(v)) >= 0;
}

int main(int argc, char **argv)
{
	int i, waited;

	printf("netip: argc %d", argc);
	for (i = 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\n");
	fflush(stdout);
	for (waited = 0; !dom0_done(); waited++) {
		if (waited == 600) {
			printf("netip: dom0 never finished\n");
			return 1;
		}
		usleep(100000);
	}
	printf("netip: done\n");
	return 0;
}
