/*
 * The ramdisk (runtime/ramfs.c): indexed once at start-up, then handed
 * to the root file system (vfs_root.c), which takes its tree as its first
 * content. Private to runtime/.
 */
#ifndef RUNTIME_RAMFS_H
#define RUNTIME_RAMFS_H

#include <stddef.h>

struct ramfs;

/* Index the newc cpio archive at buf (len bytes; Xen's ramdisk module,
 * which stays mapped and reserved) and print what was found. A malformed
 * archive is reported and leaves no index, as without a ramdisk. len 0:
 * no ramdisk, silently. */
void ramfs_mount(const void *buf, size_t len);

/* The index, or NULL (no ramdisk, or a malformed one). Its files' data
 * point into the archive, which stays. */
struct ramfs *ramfs_index(void);

#endif
