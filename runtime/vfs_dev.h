/*
 * /dev as a file system of the VFS (vfs_dev.c). Private to runtime/.
 */
#ifndef RUNTIME_VFS_DEV_H
#define RUNTIME_VFS_DEV_H

struct vnode;

/* Mount it on the directory on (the root's /dev): 0 or a negative
 * errno (vfs_mount's). */
int vfs_dev_mount(struct vnode *on);

#endif
