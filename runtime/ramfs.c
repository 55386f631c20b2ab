/*
 * The ramdisk: the xl config's ramdisk (a newc cpio archive) is indexed
 * when the root file system is made (vfs_root.c, in the files unit, as
 * this is; ramfs_index.c makes the tree), which takes that tree as its
 * first content. Files stay in the archive, which Xen loaded and the kernel
 * keeps reserved, until they are first written. See docs/files.md.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>

#include "ramfs.h"
#include "ramfs_index.h"

static struct {
	bool mounted;
	struct ramfs fs;
} ramfs;

static void report_skip(const char *name, const char *why)
{
	printk("ramfs: left out \"%s\": %s\n", name, why);
}

void ramfs_mount(const void *buf, size_t len)
{
	struct cpio_reader rd;
	int rc;

	if (!len)
		return;
	rc = ramfs_build(&ramfs.fs, buf, len, &rd, report_skip);
	if (rc == -EINVAL) {
		printk("ramfs: the ramdisk (%zu bytes) is not a newc cpio "
		       "archive: %s at byte %zu; going on without files\n",
		       len, rd.error, rd.error_off);
		return;
	}
	if (rc) {
		printk("ramfs: no memory for the ramdisk's index; going on "
		       "without files\n");
		return;
	}
	ramfs.mounted = true;
	printk("ramfs: %zu files, %zu directories, %zu bytes\n", ramfs.fs.files,
	       ramfs.fs.dirs, ramfs.fs.bytes);
	if (ramfs.fs.links)
		printk("ramfs: %zu symbolic links\n", ramfs.fs.links);
}

struct ramfs *ramfs_index(void)
{
	return ramfs.mounted ? &ramfs.fs : NULL;
}
