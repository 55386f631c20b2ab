/*
 * The file-descriptor table: a fixed array of (ops, object, flags) slots,
 * lowest free fd first as POSIX requires. Pure bookkeeping and dispatch,
 * with no C-library or device code, so the host unit tests can run it
 * (tests/host/test_fd.c).
 *
 * dup() puts the same (ops, object) into a second slot: the object is
 * the open file, shared, with its offset and flags; its close op runs
 * when the last slot holding it closes.
 *
 * Threads are cooperative on one vCPU, so nothing here needs a lock: only
 * the ops may block, and no slot is touched after an op returns.
 */
#include <kernel/errno.h>

#include <stdbool.h>

#include "fd.h"

struct fd_slot {
	const struct fd_ops *ops; /* NULL: the fd is free */
	void *obj;
	int flags;
};

static struct {
	struct fd_slot slot[FD_MAX];
	int top; /* 1 + the highest open fd: the scans for dups stop there */
	void (*close_hook)(int fd); /* fd_set_close_hook() */
} fdtab;

/* The slot of an open fd, or NULL. */
static struct fd_slot *slot_of(int fd)
{
	if (fd < 0 || fd >= FD_MAX || !fdtab.slot[fd].ops)
		return NULL;
	return &fdtab.slot[fd];
}

/* Slot fd was just filled. */
static void used(int fd)
{
	if (fd >= fdtab.top)
		fdtab.top = fd + 1;
}

int fd_open(const struct fd_ops *ops, void *obj, int flags)
{
	int fd;

	for (fd = 0; fd < FD_MAX; fd++) {
		struct fd_slot *s = &fdtab.slot[fd];

		if (!s->ops) {
			s->ops = ops;
			s->obj = obj;
			s->flags = flags;
			used(fd);
			return fd;
		}
	}
	return -EMFILE;
}

/* Whether any slot holds obj (with ops). */
static bool held(const struct fd_ops *ops, const void *obj)
{
	int fd;

	for (fd = 0; fd < fdtab.top; fd++)
		if (fdtab.slot[fd].ops == ops && fdtab.slot[fd].obj == obj)
			return true;
	return false;
}

/* Empty slot fd (it is open) and tell the hook; *old gets what it held.
 * Never blocks. */
static void vacate(int fd, struct fd_slot *old)
{
	*old = fdtab.slot[fd];
	fdtab.slot[fd].ops = NULL;
	fdtab.slot[fd].obj = NULL;
	while (fdtab.top > 0 && !fdtab.slot[fdtab.top - 1].ops)
		fdtab.top--;
	if (fdtab.close_hook)
		fdtab.close_hook(fd);
}

/* After old left its slot: close its object unless a dup still holds it. */
static int release(const struct fd_slot *old)
{
	if (held(old->ops, old->obj) || !old->ops->close)
		return 0;
	return old->ops->close(old->obj);
}

int fd_close(int fd)
{
	struct fd_slot old;

	if (!slot_of(fd))
		return -EBADF;
	/* Free the slot first: a close op that blocks must not leave a
	 * half-closed fd that another thread could still use. */
	vacate(fd, &old);
	return release(&old);
}

int fd_dup(int fd, int min)
{
	struct fd_slot *s = slot_of(fd);
	int n;

	if (!s)
		return -EBADF;
	if (min < 0 || min >= FD_MAX)
		return -EINVAL;
	for (n = min; n < FD_MAX; n++) {
		if (!fdtab.slot[n].ops) {
			fdtab.slot[n] = *s;
			used(n);
			return n;
		}
	}
	return -EMFILE;
}

int fd_dup2(int fd, int newfd)
{
	struct fd_slot *s = slot_of(fd), old = {0};

	if (!s || newfd < 0 || newfd >= FD_MAX)
		return -EBADF;
	if (newfd == fd)
		return fd;
	/* Swap without blocking, then close what newfd held (which may
	 * block; newfd is already the new file by then). */
	if (fdtab.slot[newfd].ops)
		vacate(newfd, &old);
	fdtab.slot[newfd] = *s;
	used(newfd);
	if (old.ops)
		(void)release(&old); /* Linux ignores the close's error too */
	return newfd;
}

void fd_set_close_hook(void (*hook)(int fd))
{
	fdtab.close_hook = hook;
}

void *fd_object(int fd, const struct fd_ops *ops)
{
	struct fd_slot *s = slot_of(fd);

	return s && s->ops == ops ? s->obj : NULL;
}

long fd_read(int fd, void *buf, size_t len)
{
	struct fd_slot *s = slot_of(fd);

	if (!s || !s->ops->read)
		return -EBADF;
	return s->ops->read(s->obj, buf, len);
}

long fd_write(int fd, const void *buf, size_t len)
{
	struct fd_slot *s = slot_of(fd);

	if (!s || !s->ops->write)
		return -EBADF;
	return s->ops->write(s->obj, buf, len);
}

long fd_lseek(int fd, long off, int whence)
{
	struct fd_slot *s = slot_of(fd);

	if (!s)
		return -EBADF;
	if (!s->ops->lseek)
		return -ESPIPE;
	return s->ops->lseek(s->obj, off, whence);
}

long fd_seek_offset(long pos, long size, long off, int whence)
{
	long base;

	switch (whence) {
	case 0: /* SEEK_SET */
		base = 0;
		break;
	case 1: /* SEEK_CUR */
		base = pos;
		break;
	case 2: /* SEEK_END */
		base = size;
		break;
	default:
		return -EINVAL;
	}
	if (off < -base || (off > 0 && base > __LONG_MAX__ - off))
		return off < 0 ? -EINVAL : -EOVERFLOW;
	return base + off;
}

/* pread/pwrite through lseek and read/write: where the file is, move,
 * transfer, move back. */
static long seek_rw(struct fd_slot *s, void *rbuf, const void *wbuf, size_t len,
		    long off)
{
	long here = s->ops->lseek(s->obj, 0, 1 /* SEEK_CUR */), r, back;

	if (here < 0)
		return here;
	if ((r = s->ops->lseek(s->obj, off, 0 /* SEEK_SET */)) < 0)
		return r;
	r = rbuf ? s->ops->read(s->obj, rbuf, len)
		 : s->ops->write(s->obj, wbuf, len);
	back = s->ops->lseek(s->obj, here, 0);
	return r < 0 ? r : back < 0 ? back : r;
}

long fd_pread(int fd, void *buf, size_t len, long off)
{
	struct fd_slot *s = slot_of(fd);

	if (!s || !s->ops->read)
		return -EBADF;
	if (off < 0)
		return -EINVAL;
	if (s->ops->pread)
		return s->ops->pread(s->obj, buf, len, off);
	if (!s->ops->lseek)
		return -ESPIPE;
	return seek_rw(s, buf, NULL, len, off);
}

long fd_pwrite(int fd, const void *buf, size_t len, long off)
{
	struct fd_slot *s = slot_of(fd);

	if (!s || !s->ops->write)
		return -EBADF;
	if (off < 0)
		return -EINVAL;
	if (s->ops->pwrite)
		return s->ops->pwrite(s->obj, buf, len, off);
	if (!s->ops->lseek)
		return -ESPIPE;
	return seek_rw(s, NULL, buf, len, off);
}

int fd_fsync(int fd)
{
	struct fd_slot *s = slot_of(fd);

	if (!s)
		return -EBADF;
	if (s->ops->fsync)
		return s->ops->fsync(s->obj);
	return s->ops->lseek ? 0 : -EINVAL;
}

int fd_fstat(int fd, struct stat *st)
{
	struct fd_slot *s = slot_of(fd);

	if (!s)
		return -EBADF;
	if (!s->ops->fstat)
		return -ENOSYS;
	return s->ops->fstat(s->obj, st);
}

int fd_isatty(int fd)
{
	struct fd_slot *s = slot_of(fd);

	if (!s)
		return -EBADF;
	if (!s->ops->isatty || s->ops->isatty(s->obj) != 1)
		return -ENOTTY;
	return 1;
}

int fd_poll(int fd)
{
	struct fd_slot *s = slot_of(fd);

	if (!s)
		return -EBADF;
	if (!s->ops->poll)
		return FD_POLL_IN | FD_POLL_OUT;
	return s->ops->poll(s->obj);
}

int fd_pollable(int fd)
{
	struct fd_slot *s = slot_of(fd);

	return s && s->ops->poll;
}

int fd_poll_count(int fd, unsigned long *count)
{
	struct fd_slot *s = slot_of(fd);

	if (!s)
		return -EBADF;
	if (!s->ops->poll)
		return -EPERM;
	*count = s->ops->event_count ? s->ops->event_count(s->obj) : 0;
	return s->ops->poll(s->obj);
}

int fd_get_flags(int fd)
{
	struct fd_slot *s = slot_of(fd);

	return s ? s->flags : -EBADF;
}

int fd_set_flags(int fd, int flags)
{
	struct fd_slot *s = slot_of(fd);
	const struct fd_ops *ops;
	void *obj;
	int r, i;

	if (!s)
		return -EBADF;
	ops = s->ops;
	obj = s->obj;
	if (ops->set_flags) {
		r = ops->set_flags(obj, flags);
		if (r < 0)
			return r;
		/* The op may have blocked: the fd may be another file now. */
		if (s->ops != ops || s->obj != obj)
			return -EBADF;
	}
	/* The flags belong to the open file: every dup of it sees them. */
	for (i = 0; i < fdtab.top; i++)
		if (fdtab.slot[i].ops == ops && fdtab.slot[i].obj == obj)
			fdtab.slot[i].flags = flags;
	return 0;
}
