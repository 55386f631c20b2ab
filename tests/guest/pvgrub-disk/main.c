/*
 * pvgrub-disk, pvgrub-part: booted from the app's disk image by pvgrub2
 * (make image). Prints its command line, which only the image's grub.cfg
 * gives it, and a file of its ramdisk, which only grub.cfg's initrd line
 * brings; the checks compare both with what the build put in the image.
 * Exits 3 when either is missing, so a boot without them cannot pass.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	char line[128];
	FILE *f;
	int i;

	printf("pvgrub: argc %d\n", argc);
	for (i = 1; i < argc; i++)
		printf("pvgrub: argv[%d] <%s>\n", i, argv[i]);
	f = fopen("/etc/pvgrub-token", "r");
	if (!f) {
		printf("pvgrub: no /etc/pvgrub-token: no ramdisk\n");
		return 3;
	}
	if (!fgets(line, sizeof(line), f))
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\n")] = '\0';
	printf("pvgrub: ramdisk token <%s>\n", line);
	return argc > 1 ? 0 : 3;
}
