/*
 * The root file system: at start-up (an INIT_SERVICE initcall of the
 * files unit, so an image that names no path carries neither this nor
 * the ramdisk's reader) the ramdisk is indexed, then a memfs is mounted
 * at "/" and filled from the ramdisk's tree (its symbolic links too),
 * its files' bytes left in the archive until first written, as Linux
 * unpacks an initramfs into a writable rootfs. /tmp is made (mode 1777)
 * if the ramdisk has none, and the devices are mounted on /dev
 * (vfs_dev.c).
 *
 * Its bound: the rootsize= boot option, else the app's APP_ROOT_SIZE
 * (app.mk), else half of the memory free at that moment. A size is a
 * number of bytes with an optional K, M or G suffix.
 */
#include <kernel/init.h>
#include <kernel/page_alloc.h>
#include <kernel/printk.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "memfs.h"
#include "ramfs.h"
#include "ramfs_index.h"
#include "mounts.h"
#include "vfs.h"
#include "vfs_dev.h"

#include <runtime/fs.h>
#include <runtime/sysfile.h>

#define PAGE_BYTES 4096ull

/* app.mk's APP_ROOT_SIZE ("" when unset), written by the Makefile;
 * absent in images linked outside it (build/skiff.mk). */
extern const char skiff_root_size[] __attribute__((weak));

static struct {
	struct vfs_mount mount;
	struct memfs *fs;
	const char *option; /* rootsize=, or NULL */
} root;

static void take_rootsize(const char *value)
{
	root.option = value;
}
BOOT_OPTION("rootsize", take_rootsize);

/* "64M" and the like: bytes, or 0 for anything else. */
static uint64_t parse_size(const char *s)
{
	uint64_t v = 0, mult = 1;
	const char *p = s;

	if (!s || !*s)
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - 9) / 10)
			return 0;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (p == s)
		return 0;
	switch (*p) {
	case 'k':
	case 'K':
		mult = 1ull << 10, p++;
		break;
	case 'm':
	case 'M':
		mult = 1ull << 20, p++;
		break;
	case 'g':
	case 'G':
		mult = 1ull << 30, p++;
		break;
	}
	if (*p || v > UINT64_MAX / mult)
		return 0;
	return v * mult;
}

static uint64_t bound(void)
{
	uint64_t v;

	if (root.option) {
		v = parse_size(root.option);
		if (v)
			return v;
		printk("rootfs: rootsize=%s is not a size (bytes, or a number "
		       "with K, M or G): ignored\n",
		       root.option);
	}
	v = skiff_root_size ? parse_size(skiff_root_size) : 0;
	if (v)
		return v;
	return page_alloc_free_pages() * PAGE_BYTES / 2;
}

static void now(struct timespec *ts)
{
	clock_gettime(CLOCK_REALTIME, ts);
}

/* A symbolic link of the archive (its target there has no NUL). */
static int add_link(struct vnode *dst, const struct ramfs_node *c,
		    struct vnode **out)
{
	char *target = malloc(c->size + 1);
	int rc;

	if (!target)
		return -ENOMEM;
	memcpy(target, c->data, c->size);
	target[c->size] = 0;
	rc = dst->ops->symlink(dst, c->name, c->name_len, target, c->uid,
			       c->gid);
	free(target);
	if (!rc)
		rc = dst->ops->lookup(dst, c->name, c->name_len, out);
	return rc;
}

/* Copy the ramdisk's directory src (its entries) into dst. */
static int import(struct vnode *dst, const struct ramfs_node *src)
{
	const struct ramfs_node *c;
	struct vnode *vn;
	struct vfs_attr a;
	int rc;

	for (c = src->children; c; c = c->next) {
		if (ramfs_is_dir(c)) {
			rc = dst->ops->create(dst, c->name, c->name_len,
					      VFS_IFDIR | (c->mode & 07777),
					      c->uid, c->gid, &vn);
			if (!rc)
				rc = import(vn, c);
		} else if (ramfs_is_link(c)) {
			rc = add_link(dst, c, &vn);
		} else {
			rc = memfs_add_file(dst, c->name, c->name_len, c->mode,
					    c->uid, c->gid, c->data, c->size,
					    &vn);
		}
		if (rc)
			return rc;
		memfs_set_times(vn, c->mtime);
	}
	memset(&a, 0, sizeof(a));
	a.mask = VFS_SET_MODE | VFS_SET_UID | VFS_SET_GID;
	a.mode = src->mode;
	a.uid = src->uid;
	a.gid = src->gid;
	dst->ops->setattr(dst, &a);
	memfs_set_times(dst, src->mtime);
	return 0;
}

int path_add_borrowed_file(const char *path, const void *data, size_t size,
			   unsigned int mode)
{
	const char *slash = strrchr(path, '/');
	char dir[VFS_PATH_MAX];
	struct vnode *d;
	int rc;

	if (!root.fs || path[0] != '/' || !slash[1] ||
	    (size_t)(slash - path) >= sizeof(dir))
		return -EINVAL;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = 0;
	if ((rc =
		 vfs_lookup(memfs_root(root.fs), dir[0] ? dir : "/", true, &d)))
		return rc;
	/* Only where memfs is (not on /dev or another mount). */
	if (!vfs_is_dir(d) || d->mnt != &root.mount)
		return -EXDEV;
	return memfs_add_file(d, slash + 1, strlen(slash + 1), mode, 0, 0, data,
			      size, &d);
}

static void vfs_root_start(const struct boot_info *bi)
{
	struct ramfs *index;
	uint64_t limit;
	struct vnode *tmp, *dev;
	int rc;

	/* The ramdisk first: its index is the root's first content. */
	ramfs_mount((const void *)bi->mod_start,
		    bi->mod_start ? bi->mod_len : 0);
	index = ramfs_index();
	limit = bound();
	root.fs = memfs_new(limit, now, &root.mount);
	if (!root.fs) {
		printk("rootfs: no memory for the root file system\n");
		return;
	}
	if (index && (rc = import(memfs_root(root.fs), &index->root)))
		printk("rootfs: the ramdisk's tree does not fit in %llu bytes "
		       "(error %d): the root holds only part of it\n",
		       (unsigned long long)limit, -rc);
	if (index)
		ramfs_free(index); /* the tree is memfs's now */
	if (vfs_lookup(memfs_root(root.fs), "tmp", true, &tmp) == -ENOENT)
		vfs_mkdir(memfs_root(root.fs), "tmp", 01777);
	vfs_mount(&root.mount, memfs_root(root.fs), NULL, false);
	sysfile_place(); /* /etc, /proc, /sys list their files */
	/* /dev: the devices and disks, over whatever the ramdisk has
	 * there, as Linux's devtmpfs. */
	if (vfs_lookup(memfs_root(root.fs), "dev", true, &dev) == -ENOENT)
		vfs_mkdir(memfs_root(root.fs), "dev", 0755);
	if (vfs_lookup(memfs_root(root.fs), "dev", true, &dev) ||
	    !vfs_is_dir(dev) || vfs_dev_mount(dev))
		printk("rootfs: /dev is not a directory: no devices there\n");
	/* Then the disks that app.mk and mount= name (mounts.c). */
	vfs_mounts_start();
}
INITCALL(INIT_SERVICE, vfs_root_start);
