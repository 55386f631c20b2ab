/*
 * The VFS's open files (vfs_fd.c), for path.c. Private to runtime/.
 */
#ifndef RUNTIME_VFS_FD_H
#define RUNTIME_VFS_FD_H

struct vnode;

/* An fd for vn (which it holds a reference to) with these open() flags:
 * the fd, or -ENOMEM / -EMFILE. */
int vfs_fd_open(struct vnode *vn, int flags);

/* The vnode open at fd (valid until the caller blocks): 0, -EBADF, or
 * -ENOTDIR for an fd that is not a file of the VFS. */
int vfs_fd_vnode(int fd, struct vnode **out);

/* Open the FIFO inode vn as a pipe (vfs_fifo.c): the fd, or pipe.h's
 * pipe_fifo_open errors. */
int vfs_fifo_open(struct vnode *vn, int flags);

#endif
