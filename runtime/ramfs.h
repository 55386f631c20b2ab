/*
 * The ramdisk file system as the system calls see it (runtime/ramfs.c):
 * mounted once at start-up from the domain's ramdisk, read-only. Private
 * to runtime/. Return convention: 0, an fd or a count on success, a
 * negative Linux errno value on failure.
 */
#ifndef RUNTIME_RAMFS_H
#define RUNTIME_RAMFS_H

#include <stddef.h>

struct stat;

/* Index the newc cpio archive at buf (len bytes; Xen's ramdisk module,
 * which stays mapped and reserved) and print what was found. A malformed
 * archive is reported and leaves no file system: every path is then
 * ENOENT, as without a ramdisk. len 0: no ramdisk, silently. */
void ramfs_mount(const void *buf, size_t len);

/* open() of a path: an fd, or -ENOENT, -ENOTDIR, -EROFS (any write or
 * create), -EISDIR (a directory opened for writing), -EEXIST, ... */
int ramfs_open(const char *path, int flags);

/* stat() of a path: 0 with *st filled, or -ENOENT, -ENOTDIR, ... */
int ramfs_stat(const char *path, struct stat *st);

/* ramfs_getdents64() is the core's: <runtime/fs.h>. */

#endif
