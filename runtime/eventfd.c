/*
 * eventfd: an fd over one 64-bit counter, for the Linux system-call shim
 * (eventfd, eventfd2). A write of 8 bytes adds to it, a read of 8 bytes
 * takes it (or, with EFD_SEMAPHORE, takes 1) and waits while it is 0; a
 * write that would take it past 2^64 - 2 waits for a read. O_NONBLOCK
 * makes either wait fail with -EAGAIN. poll/epoll: readable while the
 * counter is above 0, writable while it is below the maximum. Threads
 * are cooperative on one vCPU, as for pipes: a condition checked right
 * before wq_wait() cannot change in between.
 */
#include <kernel/errno.h>
#include <kernel/sched.h>

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <runtime/eventfd.h>
#include <runtime/fd.h>
#include "runtime_priv.h"

#define EVENTFD_MAX 0xfffffffffffffffeULL

struct eventfd {
	uint64_t count;
	bool semaphore, nonblock;
	struct wait_queue readers, writers;
	unsigned long events; /* the event counter for epoll */
};

static void changed(struct eventfd *e)
{
	wq_wake_all(&e->readers);
	wq_wake_all(&e->writers);
	e->events++;
	runtime_poll_wake();
}

/* Wait on wq until ready() holds; -EAGAIN with O_NONBLOCK, -EINTR
 * when a signal interrupts. A waiter
 * holds the open file: its fd closed meanwhile, it waits on for a
 * read or write from elsewhere, as on Linux. */
static int wait_for(struct eventfd *e, struct wait_queue *wq,
		    bool (*ready)(const struct eventfd *, uint64_t), uint64_t v)
{
	while (!ready(e, v)) {
		if (e->nonblock)
			return -EAGAIN;
		if (wq_wait_intr(wq, 0) == -EINTR)
			return -EINTR;
	}
	return 0;
}

static bool readable(const struct eventfd *e, uint64_t v)
{
	(void)v;
	return e->count > 0;
}

static bool room_for(const struct eventfd *e, uint64_t v)
{
	return EVENTFD_MAX - e->count >= v;
}

static long eventfd_read(void *obj, void *buf, size_t len)
{
	struct eventfd *e = obj;
	uint64_t v;
	int rc;

	if (len < sizeof(v))
		return -EINVAL;
	if ((rc = wait_for(e, &e->readers, readable, 0)) < 0)
		return rc;
	v = e->semaphore ? 1 : e->count;
	e->count -= v;
	memcpy(buf, &v, sizeof(v));
	changed(e);
	return sizeof(v);
}

static long eventfd_write(void *obj, const void *buf, size_t len)
{
	struct eventfd *e = obj;
	uint64_t v;
	int rc;

	if (len < sizeof(v))
		return -EINVAL;
	memcpy(&v, buf, sizeof(v));
	if (v == ~0ULL)
		return -EINVAL;
	if ((rc = wait_for(e, &e->writers, room_for, v)) < 0)
		return rc;
	e->count += v;
	if (v)
		changed(e);
	return sizeof(v);
}

static int eventfd_poll(void *obj)
{
	struct eventfd *e = obj;

	return (e->count ? FD_POLL_IN : 0) |
	       (e->count < EVENTFD_MAX ? FD_POLL_OUT : 0);
}

static unsigned long eventfd_events(void *obj)
{
	return ((struct eventfd *)obj)->events;
}

static int eventfd_set_flags(void *obj, int flags)
{
	((struct eventfd *)obj)->nonblock = !!(flags & O_NONBLOCK);
	return 0;
}

static int eventfd_fstat(void *obj, struct stat *st)
{
	(void)obj;
	file_stat_init(st, S_IRUSR | S_IWUSR, 0); /* an anonymous inode */
	return 0;
}

static const struct fd_ops eventfd_ops = {
    .read = eventfd_read,
    .write = eventfd_write,
    .fstat = eventfd_fstat,
    .close = file_close_free, /* the last reference: nobody waits */
    .poll = eventfd_poll,
    .set_flags = eventfd_set_flags,
    .event_count = eventfd_events,
};

_Static_assert(!(EVENTFD_SEMAPHORE & (O_NONBLOCK | O_CLOEXEC | O_ACCMODE)),
	       "EVENTFD_SEMAPHORE is no open() flag");

int eventfd_open(unsigned int initval, int flags)
{
	struct eventfd *e;
	int fd;

	if (flags & ~(EVENTFD_SEMAPHORE | O_NONBLOCK | O_CLOEXEC))
		return -EINVAL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->count = initval;
	e->semaphore = flags & EVENTFD_SEMAPHORE;
	e->nonblock = flags & O_NONBLOCK;
	wq_init(&e->readers);
	wq_init(&e->writers);
	fd = fd_open(&eventfd_ops, e, O_RDWR | (e->nonblock ? O_NONBLOCK : 0));
	if (fd < 0)
		free(e);
	return fd;
}
