/*
 * Opening and looking up files by path, for both personalities
 * (<runtime/fs.h>: path_open, path_stat; the Linux shim calls them) and
 * newlib's open(), stat() and lstat(): a memory device (/dev/null,
 * /dev/urandom ..., devfs.c), a disk under /dev (fd_blk.c) or
 * the ramdisk's read-only files (ramfs.c), then the synthesised ones
 * (sysfiles.c: /proc, /etc, ...) where the ramdisk has none, else
 * ENOENT. In its own file so that an image whose app never
 * opens a path carries neither the disks nor blkfront (the Makefile's
 * "files" unit).
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <runtime/fs.h>
#include <runtime/sysfile.h>

#include "devfs.h"
#include "fd_blk.h"
#include "ramfs.h"
#include "runtime_priv.h"

int path_open(const char *path, int flags)
{
	struct stat st;

	if (devfs_path(path))
		return devfs_open(path, flags);
	if (blk_path(path))
		return blk_open(path, flags);
	/* The ramdisk's file wins over a synthesised one (sysfiles.c);
	 * either answers a create of a new file with EROFS. */
	if (ramfs_stat(path, &st) == -ENOENT)
		return sysfile_open(path, flags);
	return ramfs_open(path, flags);
}

int path_stat(const char *path, struct stat *st)
{
	int rc;

	if (devfs_path(path))
		return devfs_stat(path, st);
	if (blk_path(path))
		return blk_stat(path, st);
	rc = ramfs_stat(path, st);
	return rc == -ENOENT ? sysfile_stat(path, st) : rc;
}

int open(const char *path, int flags, ...)
{
	if (!path)
		return runtime_set_errno(EFAULT);
	return (int)runtime_ret(path_open(path, flags));
}

int stat(const char *restrict path, struct stat *restrict st)
{
	if (!path || !st)
		return runtime_set_errno(EFAULT);
	return (int)runtime_ret(path_stat(path, st));
}

/* There are no symbolic links (the ramdisk leaves them out). */
int lstat(const char *restrict path, struct stat *restrict st)
{
	return stat(path, st);
}
