/*
 * The runtime core's names: paths to files. "/dev/NAME" is a disk
 * (fd_blk.c), anything else the ramdisk (ramfs.c), read-only. For the
 * personalities: newlib's open()/stat() and the Linux shim's open,
 * openat, stat, newfstatat, access, getdents64.
 *
 * Return convention: an fd, a count or 0, or a negative Linux errno.
 * Flags are open() flags with newlib's O_ values, as every file keeps
 * them (the Linux shim converts Linux's).
 */
#ifndef RUNTIME_FS_H
#define RUNTIME_FS_H

#include <stddef.h>

struct stat;

/* open() of an absolute path: an fd, or -ENOENT, -ENOTDIR, -EROFS,
 * -EISDIR, -EEXIST, -ENXIO, -ENOMEM, -EMFILE ... */
int path_open(const char *path, int flags);

/* stat() of an absolute path: 0 with *st filled, or -ENOENT, ... */
int path_stat(const char *path, struct stat *st);

/* Linux's getdents64 on fd: whole records (struct dirent's layout, each
 * d_reclen bytes, a multiple of 8) for as many entries as fit in len
 * bytes, from the fd's position on, which moves past them. Returns the
 * bytes filled, 0 at the end, -EINVAL if not even one record fits,
 * -ENOTDIR if fd is not a ramdisk directory, -EBADF. */
long ramfs_getdents64(int fd, void *buf, size_t len);

#endif
