/*
 * Guest test netipbad: main() runs although no source gave an address
 * (the network's messages come before it). Prints argv, then stays up
 * until dom0 has pinged the late DHCP address and writes
 * data/netipbad-done.
 */
#include <skiff/xenstore.h>
#include <stdio.h>
#include <unistd.h>

static int dom0_done(void)
{
	char v[8];

	return xs_read("data/netipbad-done", v, sizeof(v)) >= 0;
}

int main(int argc, char **argv)
{
	int i, waited;

	printf("netipbad: argc %d", argc);
	for (i = 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\n");
	fflush(stdout);
	for (waited = 0; !dom0_done(); waited++) {
		if (waited == 1000) {
			printf("netipbad: dom0 never finished\n");
			return 1;
		}
		usleep(100000);
	}
	printf("netipbad: done\n");
	return 0;
}
