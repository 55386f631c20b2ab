/*
 * FIFOs (named pipes) in the VFS: a FIFO inode (mknod S_IFIFO) opens as
 * a pipe (pipe.c's pipe_fifo_open: Linux's open semantics), one pipe per
 * inode shared by everyone who has it open, as Linux keeps it in the
 * inode. The records here tie an inode to its pipe while any open file
 * has it; the inode is held meanwhile, so unlinking the name does not
 * free it under the open files (they go on, as on Linux).
 */
#include <fcntl.h>
#include <stdlib.h>

#include <kernel/errno.h>
#include <runtime/pipe.h>

#include "vfs.h"
#include "vfs_fd.h"

struct fifo {
	struct vnode *vn;
	struct pipe *pipe;
	struct fifo *next;
};

static struct fifo *fifos;

/* The pipe went (no open file left): forget the inode. */
static void fifo_released(void *ctx)
{
	struct fifo *f = ctx, **pp;

	for (pp = &fifos; *pp; pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	vfs_put(f->vn);
	free(f);
}

int vfs_fifo_open(struct vnode *vn, int flags)
{
	struct fifo *f;

	for (f = fifos; f && f->vn != vn; f = f->next)
		;
	if (!f) {
		if (!(f = calloc(1, sizeof(*f))))
			return -ENOMEM;
		f->vn = vn;
		vfs_get(vn);
		f->next = fifos;
		fifos = f;
	}
	return pipe_fifo_open(&f->pipe, flags & (O_ACCMODE | O_NONBLOCK),
			      fifo_released, f);
}
