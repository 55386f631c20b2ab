/*
 * gntmap: map a page another domain granted to dom0, through the gntdev
 * device, and show what is in it. A test helper for Skiff's grant tables,
 * run in the test host's dom0 next to the guest.
 *
 *   gntmap [-w TEXT] [-o FILE] [-u FILE] DOMID REF
 *
 * Maps grant REF of domain DOMID (read-only; read-write with -w), writes
 * the page's bytes to FILE (default: stdout) and a line with a checksum and
 * the first bytes to stderr. -w TEXT copies TEXT (with its NUL) into the
 * page at offset 2048. -u FILE keeps the page mapped until FILE exists
 * (at most 60 s), then unmaps; the -o FILE appears only once the page is
 * mapped, so a script can wait for it. Exit status 0, 1 on failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen/sys/gntdev.h>

#define PAGE 4096
#define WRITE_AT 2048

struct opts {
	const char *text;    /* -w */
	const char *out;     /* -o */
	const char *release; /* -u */
	uint32_t domid, ref;
};

static void die(const char *what)
{
	fprintf(stderr, "gntmap: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* FNV-1a over the page: a short fingerprint for the log. */
static uint32_t fnv1a(const unsigned char *p, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

/* Map the grant; returns the page and sets *index for the unmap. */
static void *map(int fd, const struct opts *o, uint64_t *index)
{
	struct ioctl_gntdev_map_grant_ref m = {.count = 1};
	int prot = PROT_READ | (o->text ? PROT_WRITE : 0);
	void *p;

	m.refs[0].domid = o->domid;
	m.refs[0].ref = o->ref;
	if (ioctl(fd, IOCTL_GNTDEV_MAP_GRANT_REF, &m))
		die("IOCTL_GNTDEV_MAP_GRANT_REF");
	*index = m.index;
	/* The grant is mapped from Xen here; a read-only grant mapped
	 * writable fails here. */
	p = mmap(NULL, PAGE, prot, MAP_SHARED, fd, (off_t)m.index);
	if (p == MAP_FAILED)
		die(o->text ? "mmap read-write" : "mmap read-only");
	return p;
}

/* Write the page to o->out (via a temporary name) or to stdout. */
static void dump(const unsigned char *page, const char *out)
{
	char tmp[4096];
	FILE *f = stdout;

	if (out) {
		snprintf(tmp, sizeof(tmp), "%s.tmp", out);
		if (!(f = fopen(tmp, "wb")))
			die(tmp);
	}
	if (fwrite(page, 1, PAGE, f) != PAGE || fflush(f))
		die("write");
	if (out && (fclose(f) || rename(tmp, out)))
		die(out);
}

static void show(const unsigned char *page, const struct opts *o)
{
	int i;

	fprintf(stderr,
		"gntmap: domain %u ref %u: fnv1a %08x, first bytes:", o->domid,
		o->ref, fnv1a(page, PAGE));
	for (i = 0; i < 16; i++)
		fprintf(stderr, " %02x", page[i]);
	fputc('\n', stderr);
}

/* Wait (at most 60 s) until path exists. */
static void wait_for(const char *path)
{
	int i;

	for (i = 0; i < 1200 && access(path, F_OK); i++)
		usleep(50000);
	if (access(path, F_OK))
		fprintf(stderr, "gntmap: %s did not appear, unmapping\n", path);
}

static void parse(int argc, char **argv, struct opts *o)
{
	int c;

	while ((c = getopt(argc, argv, "w:o:u:")) != -1) {
		if (c == 'w')
			o->text = optarg;
		else if (c == 'o')
			o->out = optarg;
		else if (c == 'u')
			o->release = optarg;
		else
			goto usage;
	}
	if (argc - optind != 2 || (o->text && strlen(o->text) >= WRITE_AT))
		goto usage;
	o->domid = (uint32_t)strtoul(argv[optind], NULL, 0);
	o->ref = (uint32_t)strtoul(argv[optind + 1], NULL, 0);
	return;
usage:
	fprintf(stderr,
		"usage: gntmap [-w TEXT] [-o FILE] [-u FILE] DOMID REF\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct opts o = {0};
	struct ioctl_gntdev_unmap_grant_ref u = {.count = 1};
	unsigned char *page;
	int fd;

	parse(argc, argv, &o);
	if ((fd = open("/dev/xen/gntdev", O_RDWR)) < 0)
		die("/dev/xen/gntdev");
	page = map(fd, &o, &u.index);
	if (o.text)
		memcpy(page + WRITE_AT, o.text, strlen(o.text) + 1);
	show(page, &o);
	dump(page, o.out);
	if (o.release)
		wait_for(o.release);
	if (munmap(page, PAGE) || ioctl(fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u))
		die("unmap");
	close(fd);
	fprintf(stderr, "gntmap: domain %u ref %u unmapped\n", o.domid, o.ref);
	return 0;
}
