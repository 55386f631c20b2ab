/*
 * cat: prints each file named on the command line (the xl config's
 * extra=), read from the ramdisk that the app's files/ folder becomes,
 * then lists the root directory. Exits 1 if a file cannot be read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int cat(const char *path)
{
	char buf[512];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f) {
		printf("cat: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, stdout);
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	struct dirent *e;
	DIR *d;
	int i, rc = 0;

	for (i = 1; i < argc; i++)
		rc |= cat(argv[i]);
	d = opendir("/");
	if (d) {
		printf("/ holds:");
		while ((e = readdir(d)) != NULL)
			printf(" %s%s", e->d_name,
			       e->d_type == DT_DIR ? "/" : "");
		printf("\n");
		closedir(d);
	}
	return rc;
}
