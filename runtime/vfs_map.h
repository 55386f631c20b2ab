/*
 * Shared file mappings (runtime/vfs_map.c): the pages of mapped files and
 * their coherence with read, write and truncate. Private to runtime/.
 */
#ifndef RUNTIME_VFS_MAP_H
#define RUNTIME_VFS_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct uvm_obj;
struct vnode;

/* The object showing vn's pages for a mapping of [off, off+len), with
 * those pages read in: *out. -ENOMEM, or the file system's read error. */
int vfs_map_obj(struct vnode *vn, uint64_t off, uint64_t len,
		struct uvm_obj **out);

/* read or write of a file with a map (vn->map): the file system's op,
 * kept coherent with the mapped pages. */
long vfs_map_rw(struct vnode *vn, void *buf, size_t len, uint64_t off,
		bool write);

/* vn's size changed other than by write or truncate (fallocate). */
void vfs_map_resized(struct vnode *vn);

/* Write back what was written through vn's mappings (fsync). */
int vfs_map_sync(struct vnode *vn);

/* The program is ending: write back every mapped file, before the file
 * systems are unmounted. */
void vfs_map_exit(void);

#endif
