/*
 * Pipes: two fds over one 64 KiB ring (pipe_ring.c), with blocking
 * reads and writes between threads, O_NONBLOCK, end of file and EPIPE,
 * readiness for poll/select/epoll, and pipe()/pipe2() for C apps.
 * Threads are cooperative on one vCPU: a wait condition checked right
 * before wq_wait() cannot change in between, so no wake-up is lost.
 */
#define _GNU_SOURCE /* newlib's <unistd.h> declares pipe2() for it */

#include <kernel/errno.h>
#include <kernel/sched.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <runtime/fd.h>
#include <runtime/pipe.h>
#include "pipe_ring.h"
#include "runtime_priv.h"

struct pipe {
	struct pipe_ring ring;
	struct wait_queue readers; /* waiting for bytes or the end */
	struct wait_queue writers; /* waiting for room or the reader's close */
	bool rd_open, wr_open;	   /* each end's open file is there */
	bool rd_nonblock, wr_nonblock;
	unsigned long rd_events; /* the read end's event counter */
	unsigned long wr_events; /* the write end's */
	unsigned char buf[PIPE_RING_SIZE];
};

/* Free p once both ends are closed. An end's close op runs at its open
 * file's last reference, so no thread is inside that end any more (a
 * thread blocked in a read of an end whose fd another thread closed
 * holds the file, and reads on until bytes or the end come, as on
 * Linux). */
static void pipe_maybe_free(struct pipe *p)
{
	if (!p->rd_open && !p->wr_open)
		free(p);
}

/* The read end may have become readable (bytes, the end): wake its
 * readers, move its event counter, and wake poll/select/epoll. */
static void pipe_rd_changed(struct pipe *p)
{
	wq_wake_all(&p->readers);
	p->rd_events++;
	runtime_poll_wake();
}

/* The write end may have become writable (room, the reader's close). */
static void pipe_wr_changed(struct pipe *p)
{
	wq_wake_all(&p->writers);
	p->wr_events++;
	runtime_poll_wake();
}

static long pipe_read(void *obj, void *buf, size_t len)
{
	struct pipe *p = obj;
	size_t n;

	if (!len)
		return 0;
	while (!p->ring.count && p->wr_open && !p->rd_nonblock)
		if (wq_wait_intr(&p->readers, 0) == -EINTR)
			return -EINTR;
	n = pipe_ring_get(&p->ring, buf, len);
	if (n)
		pipe_wr_changed(p);
	if (!n && p->wr_open)
		return -EAGAIN;
	return (long)n;
}

/* Put as much of buf as the atomic-write rule allows, waiting for room
 * unless O_NONBLOCK. Returns the bytes put, or -EPIPE / -EAGAIN when
 * none were; -EINTR when a signal interrupts before any. */
static long pipe_put_all(struct pipe *p, const unsigned char *buf, size_t len)
{
	size_t done = 0, n;

	while (done < len) {
		if (!p->rd_open)
			return done ? (long)done : -EPIPE;
		n = pipe_write_chunk(pipe_ring_room(&p->ring), len - done, len);
		if (n) {
			pipe_ring_put(&p->ring, buf + done, n);
			done += n;
			pipe_rd_changed(p);
		} else if (p->wr_nonblock) {
			return done ? (long)done : -EAGAIN;
		} else if (wq_wait_intr(&p->writers, 0) == -EINTR) {
			return done ? (long)done : -EINTR;
		}
	}
	return (long)done;
}

static long pipe_write(void *obj, const void *buf, size_t len)
{
	return len ? pipe_put_all(obj, buf, len) : 0;
}

static int pipe_rd_close(void *obj)
{
	struct pipe *p = obj;

	p->rd_open = false;
	pipe_wr_changed(p); /* writers see EPIPE, pollers POLLERR */
	pipe_maybe_free(p);
	return 0;
}

static int pipe_wr_close(void *obj)
{
	struct pipe *p = obj;

	p->wr_open = false;
	pipe_rd_changed(p); /* readers see the end, pollers POLLHUP */
	pipe_maybe_free(p);
	return 0;
}

static int pipe_rd_poll(void *obj)
{
	struct pipe *p = obj;

	return (p->ring.count ? FD_POLL_IN : 0) |
	       (p->wr_open ? 0 : FD_POLL_HUP);
}

/* Writable with room for an atomic write, as Linux with a free page. */
static int pipe_wr_poll(void *obj)
{
	struct pipe *p = obj;
	int ev = p->rd_open ? 0 : FD_POLL_ERR;

	if (pipe_ring_room(&p->ring) >= PIPE_RING_ATOMIC)
		ev |= FD_POLL_OUT;
	return ev;
}

static unsigned long pipe_rd_events(void *obj)
{
	return ((struct pipe *)obj)->rd_events;
}

static unsigned long pipe_wr_events(void *obj)
{
	return ((struct pipe *)obj)->wr_events;
}

static int pipe_rd_set_flags(void *obj, int flags)
{
	((struct pipe *)obj)->rd_nonblock = !!(flags & O_NONBLOCK);
	return 0;
}

static int pipe_wr_set_flags(void *obj, int flags)
{
	((struct pipe *)obj)->wr_nonblock = !!(flags & O_NONBLOCK);
	return 0;
}

static int pipe_fstat(void *obj, struct stat *st)
{
	(void)obj;
	file_stat_init(st, S_IFIFO | S_IRUSR | S_IWUSR, PIPE_RING_ATOMIC);
	return 0;
}

/* Each end has its own ops, so a read on the write end (and a write on
 * the read end) is -EBADF, as on Linux. No lseek: -ESPIPE. */
static const struct fd_ops pipe_rd_ops = {
    .read = pipe_read,
    .fstat = pipe_fstat,
    .close = pipe_rd_close,
    .poll = pipe_rd_poll,
    .set_flags = pipe_rd_set_flags,
    .event_count = pipe_rd_events,
};

static const struct fd_ops pipe_wr_ops = {
    .write = pipe_write,
    .fstat = pipe_fstat,
    .close = pipe_wr_close,
    .poll = pipe_wr_poll,
    .set_flags = pipe_wr_set_flags,
    .event_count = pipe_wr_events,
};

/* The pipe with both ends as fds; nonblock for both. */
static int pipe_create(int fds[2], bool nonblock)
{
	int oflags = nonblock ? O_NONBLOCK : 0, rd, wr;
	struct pipe *p = calloc(1, sizeof(*p));

	if (!p)
		return -ENOMEM;
	pipe_ring_init(&p->ring, p->buf);
	wq_init(&p->readers);
	wq_init(&p->writers);
	p->rd_nonblock = p->wr_nonblock = nonblock;
	rd = fd_open(&pipe_rd_ops, p, O_RDONLY | oflags);
	if (rd < 0) {
		free(p);
		return rd;
	}
	p->rd_open = true;
	wr = fd_open(&pipe_wr_ops, p, O_WRONLY | oflags);
	if (wr < 0) {
		fd_close(rd); /* frees p: the write end was never open */
		return wr;
	}
	p->wr_open = true;
	fds[0] = rd;
	fds[1] = wr;
	return 0;
}

int pipe_open(int fds[2], int flags)
{
	if (flags & ~(O_NONBLOCK | O_CLOEXEC))
		return -EINVAL;
	if (!fds)
		return -EFAULT;
	return pipe_create(fds, flags & O_NONBLOCK);
}

/* For C apps: newlib's <fcntl.h> flags. */
int pipe2(int fds[2], int flags)
{
	return (int)runtime_ret(pipe_open(fds, flags));
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}
