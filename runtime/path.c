/*
 * Opening and looking up files by path, for both personalities
 * (<runtime/fs.h>: path_open, path_stat; the Linux shim calls them) and
 * newlib's open(), stat() and lstat(): a memory device (/dev/null,
 * /dev/urandom ..., devfs.c), a disk under /dev (fd_blk.c) or
 * the ramdisk's read-only files (ramfs.c), or with no ramdisk an empty
 * name space (ENOENT). In its own file so that an image whose app never
 * opens a path carries neither the disks nor blkfront (the Makefile's
 * "files" unit).
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <runtime/fs.h>

#include "devfs.h"
#include "fd_blk.h"
#include "ramfs.h"
#include "runtime_priv.h"

int path_open(const char *path, int flags)
{
	if (devfs_path(path))
		return devfs_open(path, flags);
	return blk_path(path) ? blk_open(path, flags) : ramfs_open(path, flags);
}

int path_stat(const char *path, struct stat *st)
{
	if (devfs_path(path))
		return devfs_stat(path, st);
	return blk_path(path) ? blk_stat(path, st) : ramfs_stat(path, st);
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
