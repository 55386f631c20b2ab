/*
 * memfs: a file system in memory, the writable root (docs/files.md). Its
 * vnodes are served through struct vnode_ops (vfs.h). A file may start
 * out as bytes someone else keeps (the ramdisk's archive): they are read
 * in place until the first change, which copies them (copy-on-write per
 * file). Everything else it holds (copied data, names, inodes) counts
 * against a bound: past it, writes and creates fail with ENOSPC. Pure
 * apart from malloc, so the host tests run it as it is.
 */
#ifndef RUNTIME_MEMFS_H
#define RUNTIME_MEMFS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "vfs.h"

/* Linux's TMPFS_MAGIC, which statfs reports. */
#define MEMFS_MAGIC 0x01021994u
#define MEMFS_BLOCK 4096u

struct memfs;

/* A new, empty memfs (its root directory mode 0755) that may hold limit
 * bytes; now() gives the time for its timestamps; its vnodes belong to
 * the mount m (the caller's, mounted later with vfs_mount). NULL without
 * memory. */
struct memfs *memfs_new(uint64_t limit, void (*now)(struct timespec *ts),
			struct vfs_mount *m);

/* Its root directory. */
struct vnode *memfs_root(struct memfs *fs);

/* Bytes it holds now, and may hold. */
uint64_t memfs_used(const struct memfs *fs);
uint64_t memfs_limit(const struct memfs *fs);

/* A file whose contents are size bytes at data, which the caller keeps
 * (read in place, copied on the first change), named name in dir: for
 * filling the root from the ramdisk. mode's type bits must be regular.
 * Then set the times as the archive has them. */
int memfs_add_file(struct vnode *dir, const char *name, size_t len,
		   uint32_t mode, uint32_t uid, uint32_t gid, const void *data,
		   size_t size, struct vnode **out);
void memfs_set_times(struct vnode *vn, time_t mtime);

/* Free everything (nothing may use fs afterwards). */
void memfs_free(struct memfs *fs);

#endif
