/*
 * Disks mounted at start-up (see mounts.h): APP_MOUNTS from app.mk, then
 * the mount= boot options, which add a mount or replace the one of
 * app.mk with the same directory. Each is DEV:PATH with the options :ro
 * or :rw, and :nofail. The directories are made in the root when
 * missing, the mounts are done parents first, and a failure ends the
 * program before main() with a message, as a Linux system stops at a
 * failed fstab entry; with nofail (fstab's option of that name) it is
 * reported and the program goes on, and a disk that is not attached yet
 * is mounted when it is (xl block-attach), by the thread "mount-wait".
 */
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/time.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mounts.h"
#include "vfs.h"

#define MOUNTS_MAX 16
#define DEV_MAX 16
#define MPATH_MAX 256
/* How often mount-wait looks for disks it waits for. */
#define WAIT_POLL_NS (500 * NSEC_PER_MSEC)
#define WAIT_STACK (256 * 1024)

/* app.mk's APP_MOUNTS (words), written by the Makefile; absent in
 * images linked outside it (build/skiff.mk). */
extern const char skiff_app_mounts[] __attribute__((weak));

struct req {
	char dev[DEV_MAX];
	char path[MPATH_MAX];
	bool ro;
	bool nofail;	  /* a failure does not stop the program */
	const char *from; /* "APP_MOUNTS" or "mount=" */
};

static struct {
	struct vfs_fstype *types;
	const char *opt[MOUNTS_MAX]; /* mount= values */
	unsigned int nopt;
	bool too_many;
	struct req *waiting[MOUNTS_MAX]; /* nofail disks not attached yet */
	unsigned int nwaiting;
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

/* The options after PATH (":ro:nofail"): false for an unknown one. */
static bool parse_opts(const char *o, const char *end, struct req *r)
{
	const char *e;
	size_t ol;

	r->ro = r->nofail = false;
	while (o < end) {
		o++; /* the ':' */
		e = memchr(o, ':', (size_t)(end - o));
		e = e ? e : end;
		ol = (size_t)(e - o);
		if (ol == 2 && !memcmp(o, "ro", 2))
			r->ro = true;
		else if (ol == 2 && !memcmp(o, "rw", 2))
			r->ro = false;
		else if (ol == 6 && !memcmp(o, "nofail", 6))
			r->nofail = true;
		else
			return false;
		o = e;
	}
	return true;
}

/* One entry s[0, len): false if it is not DEV:PATH[:ro|:rw][:nofail]. */
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
	if (!parse_opts(opt ? opt : end, end, r))
		return false;
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
	       "DEV:PATH:rw, optionally with :nofail (a disk such as xvdb, "
	       "an absolute directory other than /)\n",
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

/* The directory of r, made if missing: 0 or a negative errno. */
static int dir_of(const struct req *r, struct vnode **on)
{
	int rc = make_dirs(r->path);

	if (!rc)
		rc = vfs_lookup(vfs_root(), r->path, true, on);
	if (!rc && !vfs_is_dir(*on))
		rc = -ENOTDIR;
	return rc;
}

/* Mount r; 0, or a negative errno with why filled. */
static int mount_one(const struct req *r, char *why, size_t whysize)
{
	struct vnode *on;
	bool ro = r->ro;
	int rc;

	why[0] = 0;
	if ((rc = dir_of(r, &on)) < 0) {
		snprintf(why, whysize, "cannot make the directory %s", r->path);
		return rc;
	}
	if ((rc = mnt.types->mount(r->dev, on, r->ro, &ro, why, whysize)))
		return rc;
	printk("mount: %s on %s: %s, %s%s%s\n", r->dev, r->path,
	       mnt.types->name, ro ? "read-only" : "read-write",
	       why[0] ? ": " : "", why);
	return 0;
}

static void mount_at_start(struct req *r)
{
	char why[160];
	int rc = mount_one(r, why, sizeof(why));

	if (!rc)
		return;
	if (r->nofail && (rc == -ENOENT || rc == -ENXIO) &&
	    mnt.nwaiting < MOUNTS_MAX) {
		printk("mount: %s not attached; %s is mounted when it is\n",
		       r->dev, r->path);
		mnt.waiting[mnt.nwaiting++] = r;
		return;
	}
	printk("mount: %s on %s failed: %s (error %d)\n", r->dev, r->path,
	       why[0] ? why : "no reason", -rc);
	if (!r->nofail)
		give_up();
}

/* Whether the disk named dev is attached and connected now. */
static bool attached(const char *dev)
{
	struct blkdev *bd = blkdev_by_name(dev);

	return bd && bd->connected;
}

/* mount-wait: mount each waiting disk once it is attached; ends when
 * none waits. A disk whose mount fails then is reported and dropped. */
static void wait_main(void *arg)
{
	char why[160];
	unsigned int i;
	int rc;

	(void)arg;
	while (mnt.nwaiting) {
		thread_sleep_until(time_monotonic_ns() + WAIT_POLL_NS);
		for (i = 0; i < mnt.nwaiting; i++) {
			struct req *r = mnt.waiting[i];

			if (!attached(r->dev))
				continue;
			if ((rc = mount_one(r, why, sizeof(why))))
				printk("mount: %s on %s failed: %s (error "
				       "%d)\n",
				       r->dev, r->path,
				       why[0] ? why : "no reason", -rc);
			mnt.waiting[i--] = mnt.waiting[--mnt.nwaiting];
		}
	}
}

static void start_waiting(void)
{
	struct thread *t;

	if (!mnt.nwaiting)
		return;
	if (!(t = thread_create("mount-wait", wait_main, NULL, WAIT_STACK))) {
		printk("mount: no thread to wait for disks; %u mount(s) "
		       "dropped\n",
		       mnt.nwaiting);
		return;
	}
	thread_detach(t);
}

void vfs_mounts_start(void)
{
	static struct req v[MOUNTS_MAX];
	unsigned int n, i, j;

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
	for (i = 0; i < n; i++)
		mount_at_start(&v[i]);
	start_waiting();
}
