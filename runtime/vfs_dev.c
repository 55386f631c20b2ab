/*
 * /dev in the VFS: a small file system mounted on /dev at start-up
 * (vfs_root.c), as Linux mounts devtmpfs there. Its entries are the
 * memory devices (devfs.c: null, zero, full, random, urandom) and the
 * disks (fd_blk.c: xvda, ...), each a vnode whose open op makes the
 * device's own fd, so /dev lists, stats and resolves like any
 * directory (relative paths, dirfds, "..") while the devices behave as
 * before. Nothing can be created, removed or renamed there (EROFS).
 */
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/time.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "devfs.h"
#include "fd_blk.h"
#include "vfs.h"
#include "vfs_dev.h"
#include "vfs_fd.h"

#define DEV_PREFIX "/dev/"
#define DEV_NAME_MAX 32
/* st_dev of /dev itself: an anonymous device of its own (the root is
 * 0:1, the synthesised files 0:3). */
#define DEVDIR_DEV 5
#define DEVDIR_INO 1
/* How long listing /dev waits for the disks' backends at boot, as
 * opening one does (fd_blk.c). */
#define SETTLE_WAIT_NS (10ull * 1000 * 1000 * 1000)
#define DT_CHR 2
#define DT_BLK 6

/* A device met by a lookup, kept for good (there are few). */
struct dnode {
	struct vnode v;
	struct dnode *next;
	char path[sizeof(DEV_PREFIX) + DEV_NAME_MAX];
};

static struct {
	struct vfs_mount mount;
	struct vnode root;
	struct dnode *nodes;
} dev;

static const struct vnode_ops dev_ops;

/* "/dev/NAME" into buf; false for a name too long to be a device. */
static bool dev_path(const char *name, size_t len, char *buf)
{
	if (len > DEV_NAME_MAX)
		return false;
	memcpy(buf, DEV_PREFIX, sizeof(DEV_PREFIX) - 1);
	memcpy(buf + sizeof(DEV_PREFIX) - 1, name, len);
	buf[sizeof(DEV_PREFIX) - 1 + len] = 0;
	return true;
}

/* stat() of the device path names, from its own unit. */
static int dev_stat(const char *path, struct stat *st)
{
	return devfs_path(path) ? devfs_stat(path, st) : blk_stat(path, st);
}

static int d_lookup(struct vnode *dir, const char *name, size_t len,
		    struct vnode **out)
{
	char path[sizeof(DEV_PREFIX) + DEV_NAME_MAX];
	struct dnode *n;
	struct stat st;
	int rc;

	(void)dir;
	if (!dev_path(name, len, path))
		return -ENOENT;
	for (n = dev.nodes; n; n = n->next)
		if (!strcmp(n->path, path)) {
			*out = &n->v;
			return 0;
		}
	if ((rc = dev_stat(path, &st)))
		return rc;
	n = calloc(1, sizeof(*n));
	if (!n)
		return -ENOMEM;
	n->v.ops = &dev_ops;
	n->v.mnt = &dev.mount;
	n->v.mode = st.st_mode;
	n->v.ino = st.st_ino;
	strcpy(n->path, path);
	n->next = dev.nodes;
	dev.nodes = n;
	*out = &n->v;
	return 0;
}

static int d_getattr(struct vnode *vn, struct stat *st)
{
	if (vn != &dev.root)
		return dev_stat(((struct dnode *)vn)->path, st);
	memset(st, 0, sizeof(*st));
	st->st_dev = DEVDIR_DEV;
	st->st_ino = DEVDIR_INO;
	st->st_mode = S_IFDIR | 0755;
	st->st_nlink = 2;
	st->st_blksize = 4096;
	return 0;
}

/* The name of entry i of /dev (the memory devices, then the disks), ""
 * for a disk that was unplugged (it keeps its place), or NULL past the
 * last. */
static const char *entry(unsigned int i, char *buf, size_t size)
{
	const char *p;
	struct blkdev *bd;
	unsigned int n;

	for (n = 0; (p = devfs_name(n)); n++)
		if (n == i)
			return p + sizeof(DEV_PREFIX) - 1;
	bd = blkdev_get(i - n);
	if (!bd)
		return NULL;
	snprintf(buf, size, "%s", bd->node.removed ? "" : bd->name);
	return buf;
}

static int d_readdir(struct vnode *dir, uint64_t *pos, vfs_filldir_fn fn,
		     void *ctx)
{
	char buf[DEV_NAME_MAX + 1];
	struct vnode *vn;
	const char *name;

	(void)dir;
	if (*pos == 0) {
		if (fn(ctx, ".", 1, DEVDIR_INO, 4, 1))
			return 0;
		*pos = 1;
	}
	if (*pos == 1) {
		/* ".." is the root's directory the mount covers. */
		if (fn(ctx, "..", 2, dev.mount.on->ino, 4, 2))
			return 0;
		*pos = 2;
	}
	blkdev_wait_settled(time_monotonic_ns() + SETTLE_WAIT_NS);
	while ((name = entry((unsigned int)(*pos - 2), buf, sizeof(buf)))) {
		if (!*name) {
			(*pos)++;
			continue;
		}
		if (d_lookup(dir, name, strlen(name), &vn))
			return -ENOMEM;
		if (fn(ctx, name, strlen(name), vn->ino,
		       (vn->mode & VFS_IFMT) == S_IFBLK ? DT_BLK : DT_CHR,
		       *pos + 1))
			return 0;
		(*pos)++;
	}
	return 0;
}

static int d_open(struct vnode *vn, int flags)
{
	const char *path;

	if (vn == &dev.root) /* the directory: an fd of the VFS's own */
		return vfs_fd_open(vn, flags);
	path = ((struct dnode *)vn)->path;
	return devfs_path(path) ? devfs_open(path, flags)
				: blk_open(path, flags);
}

/* devtmpfs's answer: tmpfs's magic, no blocks. */
static int d_statfs(struct vnode *vn, struct vfs_statfs *sf)
{
	(void)vn;
	memset(sf, 0, sizeof(*sf));
	sf->magic = 0x01021994;
	sf->bsize = 4096;
	sf->namelen = VFS_NAME_MAX;
	return 0;
}

static const struct vnode_ops dev_ops = {
    .lookup = d_lookup,
    .getattr = d_getattr,
    .readdir = d_readdir,
    .statfs = d_statfs,
    .open = d_open,
};

int vfs_dev_mount(struct vnode *on)
{
	dev.root.ops = &dev_ops;
	dev.root.mnt = &dev.mount;
	dev.root.mode = VFS_IFDIR | 0755;
	dev.root.ino = DEVDIR_INO;
	return vfs_mount(&dev.mount, &dev.root, on, false);
}
