/*
 * The disks as files under /dev (runtime/fd_blk.c), for the path calls
 * in syscalls_io.c.
 */
#ifndef RUNTIME_FD_BLK_H
#define RUNTIME_FD_BLK_H

#include <stdbool.h>

struct stat;

/* Whether path is under /dev/ (the disks' names; nothing else is). */
bool blk_path(const char *path);

/* Open the disk path names ("/dev/xvda") with open() flags. Returns the
 * fd; -ENOENT (no such disk), -ENXIO (its backend is not connected),
 * -ENOTDIR, -EEXIST, -ENOMEM, -EMFILE. A read-only disk opens for
 * writing too; writes then fail with -EROFS. */
int blk_open(const char *path, int flags);

/* stat() of a disk: 0 or -ENOENT. */
int blk_stat(const char *path, struct stat *st);

#endif
