/*
 * Paths to files, for both personalities (<runtime/fs.h>): the disks
 * under /dev (fd_blk.c), the ramdisk everywhere else (ramfs.c).
 */
#include <runtime/fs.h>

#include "fd_blk.h"
#include "ramfs.h"

int path_open(const char *path, int flags)
{
	return blk_path(path) ? blk_open(path, flags) : ramfs_open(path, flags);
}

int path_stat(const char *path, struct stat *st)
{
	return blk_path(path) ? blk_stat(path, st) : ramfs_stat(path, st);
}
