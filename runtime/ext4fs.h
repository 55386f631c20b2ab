/*
 * ext2, ext3 and ext4 on a disk, behind the VFS (runtime/ext4fs.c): the
 * file system is e2fsprogs' libext2fs (built from Debian's source
 * package), its blocks come through Skiff's I/O manager (ext4_io.c).
 * See docs/files.md, "ext4 on disks".
 *
 * Pure apart from malloc and the clock, so the host tests mount images
 * that mkfs.ext4 made in memory.
 */
#ifndef RUNTIME_EXT4FS_H
#define RUNTIME_EXT4FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ext4_io.h"
#include "vfs.h"

struct ext4fs;

/* How a mount went: the file system, whether it ended up read-only, and
 * why (a message, "" when it is what was asked). */
struct ext4_mount_info {
	bool readonly;
	char why[160];
};

/* The lock the file system's ops take (they block on the disk): a
 * mutex of the caller's. NULL functions: no lock (the host tests). */
struct ext4_lock {
	void (*lock)(void *arg);
	void (*unlock)(void *arg);
	void *arg;
};

/* Open the file system on disk (which stays the caller's until
 * ext4fs_unmount) read-write, or read-only when readonly is set or when
 * the file system has what Skiff cannot write (info says so). dev is
 * st_dev for its files. Returns 0 with *out, or a negative errno with a
 * message in info->why (-EINVAL: no ext2/3/4 file system there). */
int ext4fs_open(struct ext4_disk *disk, bool readonly, unsigned long dev,
		const struct ext4_lock *lock, struct ext4fs **out,
		struct ext4_mount_info *info);

/* Its root directory and its mount (vfs_mount() it on a directory). */
struct vnode *ext4fs_root(struct ext4fs *fs);
struct vfs_mount *ext4fs_mount_of(struct ext4fs *fs);

/* Write everything back, mark the file system clean (when it was) and
 * close it. Its vnodes stay allocated (a walk may hold one), and every
 * op on them fails with EIO from then on. Returns 0 or a negative errno
 * (the disk failed: the file system is then not marked clean). */
int ext4fs_unmount(struct ext4fs *fs);

/* Free an unmounted file system's memory, when no vnode of it can be in
 * use any more (a mount that failed; the host tests). */
void ext4fs_free(struct ext4fs *fs);

/* Write back everything (fsync of the whole file system): 0 or a
 * negative errno. */
int ext4fs_sync(struct ext4fs *fs);

/* The block cache's counters (benchmarks, tests). */
void ext4fs_io_stats(struct ext4fs *fs, struct ext4_io_stats *s);

#endif
