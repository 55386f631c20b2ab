/*
 * Disks mounted at start-up (see mounts.h): APP_MOUNTS from app.mk, then
 * the mount= boot options, which add a mount or replace the one of
 * app.mk with the same directory. Each is DEV:PATH, DEV:PATH:ro or
 * DEV:PATH:rw. The directories are made in the root when missing, the
 * mounts are done parents first, and a failure ends the program before
 * main() with a message, as a Linux system stops at a failed fstab entry.
 */
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/printk.h>

#include <stdlib.h>
#include <string.h>

#include "mounts.h"
#include "vfs.h"

#define MOUNTS_MAX 16
#define DEV_MAX 16
#define MPATH_MAX 256

/* app.mk's APP_MOUNTS (words), written by the Makefile; absent in
 * images linked outside it (build/skiff.mk). */
extern const char skiff_app_mounts[] __attribute__((weak));

struct req {
	char dev[DEV_MAX];
	char path[MPATH_MAX];
	bool ro;
	const char *from; /* "APP_MOUNTS" or "mount=" */
};

static struct {
	struct vfs_fstype *types;
	const char *opt[MOUNTS_MAX]; /* mount= values */
	unsigned int nopt;
	bool too_many;
} mnt;

void vfs_register_fstype(struct vfs_fstype *t)
{
	t->next = mnt.types;
	mnt.types = t;
}

static void take_mount(const char *value)
{
	if (mnt.nopt == MOUNTS_MAX)
		mnt.too_many = true;
	else
		mnt.opt[mnt.nopt++] = value;
}
BOOT_OPTION("mount", take_mount);

static __attribute__((noreturn)) void give_up(void)
{
	printk("mount: stopping the program (exit code 1)\n");
	exit(1);
}

/* One entry s[0, len): false if it is not DEV:PATH[:ro|:rw]. */
static bool parse(const char *s, size_t len, struct req *r)
{
	const char *c = memchr(s, ':', len), *p, *end = s + len, *opt;
	size_t dl, pl;

	if (!c)
		return false;
	if (len > 5 && !memcmp(s, "/dev/", 5))
		s += 5;
	dl = (size_t)(c - s);
	if (!dl || dl >= DEV_MAX)
		return false;
	for (p = s; p < c; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			return false;
	p = c + 1;
	opt = memchr(p, ':', (size_t)(end - p));
	pl = (size_t)((opt ? opt : end) - p);
	if (!pl || pl >= MPATH_MAX || p[0] != '/')
		return false;
	r->ro = false;
	if (opt) {
		size_t ol = (size_t)(end - opt - 1);

		if (ol == 2 && !memcmp(opt + 1, "ro", 2))
			r->ro = true;
		else if (!(ol == 2 && !memcmp(opt + 1, "rw", 2)))
			return false;
	}
	memcpy(r->dev, s, dl);
	r->dev[dl] = 0;
	memcpy(r->path, p, pl);
	r->path[pl] = 0;
	/* "/data/" is "/data". */
	while (pl > 1 && r->path[pl - 1] == '/')
		r->path[--pl] = 0;
	return strcmp(r->path, "/") != 0;
}

/* Add r, replacing an entry with the same directory. */
static void add(struct req *v, unsigned int *n, const struct req *r)
{
	unsigned int i;

	for (i = 0; i < *n; i++)
		if (!strcmp(v[i].path, r->path)) {
			v[i] = *r;
			return;
		}
	if (*n == MOUNTS_MAX) {
		printk("mount: more than %d mounts\n", MOUNTS_MAX);
		give_up();
	}
	v[(*n)++] = *r;
}

static void bad(const char *from, const char *s, size_t len)
{
	printk("mount: %s '%.*s' is not DEV:PATH, DEV:PATH:ro or "
	       "DEV:PATH:rw (a disk such as xvdb, an absolute directory "
	       "other than /)\n",
	       from, (int)len, s);
	give_up();
}

static unsigned int collect(struct req *v)
{
	const char *s = skiff_app_mounts ? skiff_app_mounts : "", *e;
	unsigned int n = 0, i;
	struct req r;

	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		e = strchr(s, ' ');
		if (!e)
			e = s + strlen(s);
		if (!parse(s, (size_t)(e - s), &r))
			bad("APP_MOUNTS word", s, (size_t)(e - s));
		r.from = "APP_MOUNTS";
		add(v, &n, &r);
		s = e;
	}
	if (mnt.too_many) {
		printk("mount: more than %d mount= options\n", MOUNTS_MAX);
		give_up();
	}
	for (i = 0; i < mnt.nopt; i++) {
		if (!parse(mnt.opt[i], strlen(mnt.opt[i]), &r))
			bad("mount=", mnt.opt[i], strlen(mnt.opt[i]));
		r.from = "mount=";
		add(v, &n, &r);
	}
	return n;
}

/* mkdir -p of an absolute path in the tree. */
static int make_dirs(const char *path)
{
	char buf[MPATH_MAX];
	size_t i, len = strlen(path);
	int rc;

	memcpy(buf, path, len + 1);
	for (i = 1; i <= len; i++) {
		if (buf[i] != '/' && buf[i] != 0)
			continue;
		buf[i] = 0;
		rc = vfs_mkdir(vfs_root(), buf, 0755);
		if (rc && rc != -EEXIST)
			return rc;
		buf[i] = path[i];
	}
	return 0;
}

static int by_depth(const void *a, const void *b)
{
	return (int)strlen(((const struct req *)a)->path) -
	       (int)strlen(((const struct req *)b)->path);
}

void vfs_mounts_start(void)
{
	static struct req v[MOUNTS_MAX];
	char why[160];
	struct vnode *on;
	unsigned int n, i, j;
	bool ro;
	int rc;

	n = collect(v);
	if (!n)
		return;
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(v[i].dev, v[j].dev)) {
				printk("mount: %s is named for both %s and "
				       "%s\n",
				       v[i].dev, v[j].path, v[i].path);
				give_up();
			}
	if (!mnt.types) {
		printk("mount: %s asks for %s on %s, but this image carries "
		       "no file system for disks (add APP_FS := ext4 or "
		       "APP_MOUNTS to app.mk)\n",
		       v[0].from, v[0].dev, v[0].path);
		give_up();
	}
	qsort(v, n, sizeof(v[0]), by_depth);
	for (i = 0; i < n; i++) {
		rc = make_dirs(v[i].path);
		if (!rc)
			rc = vfs_lookup(vfs_root(), v[i].path, true, &on);
		if (!rc && !vfs_is_dir(on))
			rc = -ENOTDIR;
		if (rc) {
			printk("mount: %s: cannot make the directory %s "
			       "(error %d)\n",
			       v[i].dev, v[i].path, -rc);
			give_up();
		}
		why[0] = 0;
		ro = v[i].ro;
		rc = mnt.types->mount(v[i].dev, on, v[i].ro, &ro, why,
				      sizeof(why));
		if (rc) {
			printk("mount: %s on %s failed: %s (error %d)\n",
			       v[i].dev, v[i].path, why[0] ? why : "no reason",
			       -rc);
			give_up();
		}
		printk("mount: %s on %s: %s, %s%s%s\n", v[i].dev, v[i].path,
		       mnt.types->name, ro ? "read-only" : "read-write",
		       why[0] ? ": " : "", why);
	}
}
