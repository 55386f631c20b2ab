/*
 * Whether a read may take bytes now. Pipes and sockets consume what
 * they read; a caller whose destination cannot receive them (a Linux
 * program's buffer that another thread unmapped while the read waited)
 * would lose them. Linux leaves such bytes queued and fails the call
 * with EFAULT, so the layers ask here, after any wait and just before
 * they take n bytes: 0 lets them, a negative errno (-EFAULT) makes
 * the read return it with the bytes left in place. The Linux shim sets
 * the calling thread's check for the length of one read (uio.c); reads
 * of the kernel's own, and every thread without one, always may.
 */
#ifndef RUNTIME_TAKE_H
#define RUNTIME_TAKE_H

#include <stddef.h>

#include <kernel/sched.h>

struct fd_take {
	/* 0 when n bytes may go to the destination, else -errno. */
	long (*ok)(const struct fd_take *t, size_t n);
};

/* Set (t) or clear (NULL) the calling thread's check. */
static inline void fd_take_set(const struct fd_take *t)
{
	thread_current()->io_take = t;
}

static inline long fd_take_check(size_t n)
{
	const struct fd_take *t = thread_current()->io_take;

	return t && n ? t->ok(t, n) : 0;
}

#endif
