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
#include <runtime/take.h>
#include "pipe_ring.h"
#include "runtime_priv.h"

struct pipe {
	struct pipe_ring ring;
	struct wait_queue readers; /* waiting for bytes or the end */
	struct wait_queue writers; /* waiting for room or the readers' end */
	struct wait_queue opens;   /* FIFO opens waiting for the other side */
	/* Open files of each side (an O_RDWR one counts on both), and how
	 * many ever opened it (a FIFO open waits for the other's to move). */
	unsigned int nreaders, nwriters;
	unsigned long r_opened, w_opened;
	unsigned long rd_events; /* the read side's event counter */
	unsigned long wr_events; /* the write side's */
	/* A FIFO's: told when the last open file went and p is freed. */
	struct pipe **slot;
	void (*released)(void *ctx);
	void *ctx;
	unsigned char buf[PIPE_RING_SIZE];
};

/* One open file of a pipe: its own O_NONBLOCK, and (for a reader) the
 * writers' open count it started with, since a FIFO reader that never
 * had a writer is not hung up (Linux's). */
struct pipe_end {
	struct pipe *p;
	bool nonblock;
	unsigned long w_seen;
};

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	pipe_ring_init(&p->ring, p->buf);
	wq_init(&p->readers);
	wq_init(&p->writers);
	wq_init(&p->opens);
	return p;
}

/* Free p once no open file has it. An end's close op runs at its open
 * file's last reference, so no thread is inside that end any more (a
 * thread blocked in a read of an end whose fd another thread closed
 * holds the file, and reads on until bytes or the end come, as on
 * Linux). A FIFO's bytes go with it, as on Linux. */
static void pipe_maybe_free(struct pipe *p)
{
	if (p->nreaders || p->nwriters)
		return;
	if (p->slot)
		*p->slot = NULL;
	if (p->released)
		p->released(p->ctx);
	free(p);
}

/* The read side may have become readable (bytes, the end): wake its
 * readers, move its event counter, and wake poll/select/epoll. */
static void pipe_rd_changed(struct pipe *p)
{
	wq_wake_all(&p->readers);
	p->rd_events++;
	runtime_poll_wake();
}

/* The write side may have become writable (room, the readers' end). */
static void pipe_wr_changed(struct pipe *p)
{
	wq_wake_all(&p->writers);
	p->wr_events++;
	runtime_poll_wake();
}

static long pipe_read(void *obj, void *buf, size_t len)
{
	struct pipe_end *e = obj;
	struct pipe *p = e->p;
	size_t n;
	long rc;

	if (!len)
		return 0;
	while (!p->ring.count && p->nwriters && !e->nonblock)
		if (wq_wait_intr(&p->readers, 0) == -EINTR)
			return -EINTR;
	/* The bytes stay when the reader cannot receive them. */
	if ((rc = fd_take_check(len < p->ring.count ? len : p->ring.count)) < 0)
		return rc;
	n = pipe_ring_get(&p->ring, buf, len);
	if (n)
		pipe_wr_changed(p);
	if (!n && p->nwriters)
		return -EAGAIN;
	return (long)n;
}

/* Put as much of buf as the atomic-write rule allows, waiting for room
 * unless O_NONBLOCK. Returns the bytes put, or -EPIPE / -EAGAIN when
 * none were; -EINTR when a signal interrupts before any. */
static long pipe_put_all(struct pipe_end *e, const unsigned char *buf,
			 size_t len)
{
	struct pipe *p = e->p;
	size_t done = 0, n;

	while (done < len) {
		if (!p->nreaders)
			return done ? (long)done : -EPIPE;
		n = pipe_write_chunk(pipe_ring_room(&p->ring), len - done, len);
		if (n) {
			pipe_ring_put(&p->ring, buf + done, n);
			done += n;
			pipe_rd_changed(p);
		} else if (e->nonblock) {
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

/* One reader or writer (or both) less. */
static void pipe_leave(struct pipe *p, bool reader, bool writer)
{
	if (reader && !--p->nreaders)
		pipe_wr_changed(p); /* writers see EPIPE, pollers POLLERR */
	if (writer && !--p->nwriters)
		pipe_rd_changed(p); /* readers see the end, pollers POLLHUP */
	pipe_maybe_free(p);
}

static int pipe_rd_close(void *obj)
{
	struct pipe_end *e = obj;

	pipe_leave(e->p, true, false);
	free(e);
	return 0;
}

static int pipe_wr_close(void *obj)
{
	struct pipe_end *e = obj;

	pipe_leave(e->p, false, true);
	free(e);
	return 0;
}

static int pipe_rdwr_close(void *obj)
{
	struct pipe_end *e = obj;

	pipe_leave(e->p, true, true);
	free(e);
	return 0;
}

static int pipe_rd_poll(void *obj)
{
	struct pipe_end *e = obj;
	struct pipe *p = e->p;
	bool hup = !p->nwriters && e->w_seen != p->w_opened;

	return (p->ring.count ? FD_POLL_IN : 0) | (hup ? FD_POLL_HUP : 0);
}

/* Writable with room for an atomic write, as Linux with a free page. */
static int pipe_wr_poll(void *obj)
{
	struct pipe *p = ((struct pipe_end *)obj)->p;
	int ev = p->nreaders ? 0 : FD_POLL_ERR;

	if (pipe_ring_room(&p->ring) >= PIPE_RING_ATOMIC)
		ev |= FD_POLL_OUT;
	return ev;
}

/* A FIFO opened for both: never hung up, it is a writer itself. */
static int pipe_rdwr_poll(void *obj)
{
	return pipe_rd_poll(obj) | pipe_wr_poll(obj);
}

static unsigned long pipe_rd_events(void *obj)
{
	return ((struct pipe_end *)obj)->p->rd_events;
}

static unsigned long pipe_wr_events(void *obj)
{
	return ((struct pipe_end *)obj)->p->wr_events;
}

static unsigned long pipe_rdwr_events(void *obj)
{
	return pipe_rd_events(obj) + pipe_wr_events(obj);
}

static int pipe_set_flags(void *obj, int flags)
{
	((struct pipe_end *)obj)->nonblock = !!(flags & O_NONBLOCK);
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
    .set_flags = pipe_set_flags,
    .event_count = pipe_rd_events,
};

static const struct fd_ops pipe_wr_ops = {
    .write = pipe_write,
    .fstat = pipe_fstat,
    .close = pipe_wr_close,
    .poll = pipe_wr_poll,
    .set_flags = pipe_set_flags,
    .event_count = pipe_wr_events,
};

static const struct fd_ops pipe_rdwr_ops = {
    .read = pipe_read,
    .write = pipe_write,
    .fstat = pipe_fstat,
    .close = pipe_rdwr_close,
    .poll = pipe_rdwr_poll,
    .set_flags = pipe_set_flags,
    .event_count = pipe_rdwr_events,
};

/* An open file of p (its side already counted) at a new fd; flags: the
 * access mode and O_NONBLOCK. The fd, or -EMFILE / -ENOMEM (the caller
 * uncounts). */
static int pipe_end_open(struct pipe *p, int flags)
{
	int acc = flags & O_ACCMODE, fd;
	struct pipe_end *e = malloc(sizeof(*e));
	const struct fd_ops *ops = acc == O_RDONLY   ? &pipe_rd_ops
				   : acc == O_WRONLY ? &pipe_wr_ops
						     : &pipe_rdwr_ops;

	if (!e)
		return -ENOMEM;
	e->p = p;
	e->nonblock = flags & O_NONBLOCK;
	e->w_seen = acc == O_RDONLY && !p->nwriters ? p->w_opened : 0;
	fd = fd_open(ops, e, acc | (flags & O_NONBLOCK));
	if (fd < 0)
		free(e);
	return fd;
}

bool pipe_file(const struct file *f)
{
	return f->ops == &pipe_rd_ops || f->ops == &pipe_wr_ops ||
	       f->ops == &pipe_rdwr_ops;
}

int pipe_capacity(int fd)
{
	struct file *f = fd_get(fd);
	bool pipe = f && pipe_file(f);

	if (f)
		file_put(f);
	return pipe ? PIPE_RING_SIZE : -EBADF;
}

/* The pipe with both ends as fds; nonblock for both. */
static int pipe_create(int fds[2], bool nonblock)
{
	int oflags = nonblock ? O_NONBLOCK : 0, rd, wr;
	struct pipe *p = pipe_alloc();

	if (!p)
		return -ENOMEM;
	p->nreaders = p->nwriters = 1;
	p->r_opened = p->w_opened = 1;
	rd = pipe_end_open(p, O_RDONLY | oflags);
	if (rd < 0) {
		free(p);
		return rd;
	}
	wr = pipe_end_open(p, O_WRONLY | oflags);
	if (wr < 0) {
		p->nwriters = 0;
		fd_close(rd); /* frees p: the write end was never open */
		return wr;
	}
	fds[0] = rd;
	fds[1] = wr;
	return 0;
}

/* A FIFO open waits until the other side's open count moves from seen. */
static int fifo_wait(struct pipe *p, const unsigned long *count,
		     unsigned long seen)
{
	while (*count == seen)
		if (wq_wait_intr(&p->opens, 0) == -EINTR)
			return -EINTR;
	return 0;
}

/* Count an opener in on its sides and wake who waits for it. */
static void fifo_join(struct pipe *p, bool reader, bool writer)
{
	if (reader) {
		p->nreaders++;
		p->r_opened++;
	}
	if (writer) {
		p->nwriters++;
		p->w_opened++;
	}
	wq_wake_all(&p->opens);
	pipe_rd_changed(p);
	pipe_wr_changed(p);
}

int pipe_fifo_open(struct pipe **slot, int flags, void (*released)(void *),
		   void *ctx)
{
	int acc = flags & O_ACCMODE, rc = 0, fd = 0;
	bool nb = flags & O_NONBLOCK, rd = acc != O_WRONLY,
	     wr = acc != O_RDONLY;
	struct pipe *p = *slot;

	if (acc != O_RDONLY && acc != O_WRONLY && acc != O_RDWR)
		rc = -EINVAL;
	else if (!p && !(p = pipe_alloc()))
		rc = -ENOMEM;
	if (rc) {
		if (!*slot)
			released(ctx); /* nobody has it open */
		return rc;
	}
	if (!*slot) {
		p->slot = slot;
		p->released = released;
		p->ctx = ctx;
		*slot = p;
	}
	/* A writer that would have to wait for a reader: ENXIO. */
	if (acc == O_WRONLY && nb && !p->nreaders) {
		pipe_maybe_free(p);
		return -ENXIO;
	}
	fifo_join(p, rd, wr);
	/* Without O_NONBLOCK, one side waits for the other (O_RDWR never
	 * does: it is both). */
	if (acc == O_RDONLY && !nb && !p->nwriters)
		rc = fifo_wait(p, &p->w_opened, p->w_opened);
	else if (acc == O_WRONLY && !p->nreaders)
		rc = fifo_wait(p, &p->r_opened, p->r_opened);
	if (!rc && (fd = pipe_end_open(p, acc | (nb ? O_NONBLOCK : 0))) >= 0)
		return fd;
	pipe_leave(p, rd, wr);
	return rc ? rc : fd;
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
