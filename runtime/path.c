/*
 * Opening and looking up files by path, for newlib's open(), stat() and
 * lstat() and for the Linux shim: a disk under /dev (fd_blk.c) or the
 * ramdisk's read-only files (ramfs.c), or with no ramdisk an empty name
 * space (ENOENT). In its own file so that an image whose app never opens
 * a path carries neither the disks nor blkfront (the Makefile's "files"
 * unit).
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "fd_blk.h"
#include "ramfs.h"
#include "runtime_priv.h"

int runtime_path_open(const char *path, int flags)
{
	return blk_path(path) ? blk_open(path, flags) : ramfs_open(path, flags);
}

int runtime_path_stat(const char *path, struct stat *st)
{
	return blk_path(path) ? blk_stat(path, st) : ramfs_stat(path, st);
}

int open(const char *path, int flags, ...)
{
	if (!path)
		return runtime_set_errno(EFAULT);
	return (int)runtime_ret(runtime_path_open(path, flags));
}

int stat(const char *restrict path, struct stat *restrict st)
{
	if (!path || !st)
		return runtime_set_errno(EFAULT);
	return (int)runtime_ret(runtime_path_stat(path, st));
}

/* There are no symbolic links (the ramdisk leaves them out). */
int lstat(const char *restrict path, struct stat *restrict st)
{
	return stat(path, st);
}
