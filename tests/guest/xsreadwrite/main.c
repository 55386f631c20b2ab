/* Xenstore basics against the real store: write, read back, errors,
 * mkdir/directory/rm, permissions, a value at the size limit, and a key
 * dom0 writes while we wait for it. dom0.sh checks our side from dom0. */
#include <skiff/xenstore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void print_dir(const char *label, const char *path)
{
	char buf[256], line[256] = "";
	const char *names[8];
	int n = xs_directory(path, buf, sizeof(buf), names, 8), i, j;

	for (i = 0; i < n && i < 8;
	     i++) /* sort: the store's order is its own */
		for (j = i + 1; j < n && j < 8; j++)
			if (strcmp(names[j], names[i]) < 0) {
				const char *t = names[i];
				names[i] = names[j];
				names[j] = t;
			}
	for (i = 0; i < n && i < 8; i++)
		snprintf(line + strlen(line), sizeof(line) - strlen(line),
			 "%s%s", i ? "," : "", names[i]);
	printf("%s: %s (%d)\n", label, line, n);
}

/* 2000 bytes fit xenstored's default per-value quota (2048); more than
 * the protocol's 4096-byte payload is refused before it is sent. */
static void sizes(void)
{
	static char big[5001], back[5001];

	memset(big, 'v', 2000);
	big[2000] = '\0';
	if (xs_write("data/big", big) == 0 &&
	    xs_read("data/big", back, sizeof(back)) == 2000 &&
	    !strcmp(big, back))
		printf("big value: 2000 bytes, ok\n");
	memset(big, 'v', 5000);
	big[5000] = '\0';
	printf("too big: %d\n", xs_write("data/big", big));
}

static void perms(void)
{
	char id[16];
	struct xs_perm p[4] = {{0, XS_PERM_NONE}, {0, XS_PERM_READ}};
	int n;

	if (xs_read("domid", id, sizeof(id)) < 0)
		return;
	p[0].domid = (unsigned)atoi(id);
	xs_write("data/perm-test", "x");
	printf("set perms: %d\n", xs_set_perms("data/perm-test", p, 2));
	memset(p, 0, sizeof(p));
	n = xs_get_perms("data/perm-test", p, 4);
	if (n == 2)
		printf("perms: %c%u %c%u\n", p[0].access, p[0].domid,
		       p[1].access, p[1].domid);
	else
		printf("get perms: %d\n", n);
}

int main(void)
{
	char buf[128];
	int rc, i;

	printf("write: %d\n",
	       xs_write("data/guest-wrote", "written-by-guest-42"));
	rc = xs_read("data/guest-wrote", buf, sizeof(buf));
	printf("read back: %d '%s'\n", rc, buf);
	printf("missing key: %d\n",
	       xs_read("data/no-such-key", buf, sizeof(buf)));
	xs_mkdir("data/dir");
	xs_write("data/dir/a", "1");
	xs_write("data/dir/b", "2");
	xs_mkdir("data/dir/c");
	print_dir("directory", "data/dir");
	printf("rm: %d\n", xs_rm("data/dir/b"));
	print_dir("after rm", "data/dir");
	printf("rm missing: %d\n", xs_rm("data/dir/nothing"));
	printf("rm missing parent: %d\n", xs_rm("data/nothing/deeper"));
	sizes();
	perms();
	xs_write("data/ready", "1");
	for (i = 0; i < 200; i++) {
		if (xs_read("data/from-dom0", buf, sizeof(buf)) > 0)
			break;
		usleep(100 * 1000);
	}
	printf("from dom0: '%s'\n", i < 200 ? buf : "(nothing)");
	return 0;
}
