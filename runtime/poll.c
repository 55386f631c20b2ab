/*
 * poll(), select() and pselect() over any fds: sockets, the console and
 * any mix. Each fd's poll op says what holds now; when nothing does, the
 * caller sleeps on the network layer's one event counter, which every
 * socket readiness change and every console input event bumps, then
 * looks again. A signal for the thread (Linux binaries) ends the wait
 * with -EINTR.
 */
#include <kernel/errno.h>
#include <kernel/time.h>
#include <skiff_net.h>

#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>

#include <runtime/fd.h>
#include <runtime/poll.h>

#include "runtime_priv.h"

_Static_assert(FD_POLL_IN == POLLIN && FD_POLL_OUT == POLLOUT &&
		   FD_POLL_ERR == POLLERR && FD_POLL_HUP == POLLHUP,
	       "fd.h's bits are poll.h's");
/* select() names fds below FD_SETSIZE only (newlib's fd_set: 64), as
 * glibc's stops at 1024; poll() takes any fd. */

void runtime_poll_wake(void)
{
	net_events_signal();
}

/* The revents of one pollfd: what fd_poll() says, limited to what was
 * asked for (POLLERR, POLLHUP and POLLNVAL are always reported). */
static short poll_one(const struct pollfd *p)
{
	int ready, want = p->events | POLLERR | POLLHUP;

	if (p->fd < 0)
		return 0;
	ready = fd_poll(p->fd);
	if (ready < 0)
		return POLLNVAL;
	if (ready & POLLIN)
		ready |= POLLRDNORM;
	if (ready & POLLOUT)
		ready |= POLLWRNORM;
	return (short)(ready & want);
}

/* Fill every revents; the count of fds with any. */
static int poll_scan(struct pollfd *fds, nfds_t nfds)
{
	nfds_t i;
	int n = 0;

	for (i = 0; i < nfds; i++) {
		fds[i].revents = poll_one(&fds[i]);
		if (fds[i].revents)
			n++;
	}
	return n;
}

/* Scan until something is ready or the monotonic clock passes deadline
 * (0: wait forever; ~0: do not wait). */
static int poll_loop(struct pollfd *fds, nfds_t nfds, uint64_t deadline)
{
	for (;;) {
		/* Read the counter before scanning: a change during or
		 * after the scan makes the wait return at once. */
		uint64_t seq = net_events_seq();
		int n = poll_scan(fds, nfds);

		if (n || deadline == ~0ULL)
			return n;
		if (deadline && time_monotonic_ns() >= deadline)
			return 0;
		if (net_events_wait_until(seq, deadline) == -EINTR)
			return -EINTR;
	}
}

/* Files held on the stack while a poll waits; more are malloc'ed. */
#define POLL_HOLD_STACK 16

/* Hold (or, with put, let go of) the open files of fds[] while poll
 * waits, as Linux's poll table does: a file whose fd another thread
 * closes meanwhile stays open until poll returns (the fd itself reads
 * POLLNVAL at the next look, the file's peer still sees it open). */
static void hold_files(const struct pollfd *fds, nfds_t nfds,
		       struct file **held, bool put)
{
	nfds_t i;

	for (i = 0; i < nfds; i++) {
		if (!put)
			held[i] = fds[i].fd >= 0 ? fd_get(fds[i].fd) : NULL;
		else if (held[i])
			file_put(held[i]);
	}
}

/* poll_loop() with the files held. -ENOMEM when there is no room to
 * hold them. */
static int poll_wait(struct pollfd *fds, nfds_t nfds, uint64_t deadline)
{
	struct file *stack[POLL_HOLD_STACK], **held = stack;
	int n;

	if (nfds > POLL_HOLD_STACK && !(held = malloc(nfds * sizeof(*held))))
		return -ENOMEM;
	hold_files(fds, nfds, held, false);
	n = poll_loop(fds, nfds, deadline);
	hold_files(fds, nfds, held, true);
	if (held != stack)
		free(held);
	return n;
}

/* Timeouts longer than this (about 31 years) wait forever. */
#define POLL_FOREVER_SEC 1000000000L

/* The deadline of a timeout, in poll_wait()'s terms. */
static uint64_t deadline_in(uint64_t ns)
{
	return ns ? time_monotonic_ns() + ns : ~0ULL;
}

/* The deadline of a timeout of sec seconds and ns nanoseconds. */
static uint64_t deadline_sec(long sec, long ns)
{
	if (sec > POLL_FOREVER_SEC)
		return 0;
	return deadline_in((uint64_t)sec * NSEC_PER_SEC + (uint64_t)ns);
}

int poll_fds(struct pollfd *fds, unsigned long nfds, int timeout_ms)
{
	uint64_t deadline = 0;

	if (nfds > POLL_NFDS_MAX)
		return -EINVAL;
	if (nfds && !fds)
		return -EFAULT;
	if (timeout_ms >= 0)
		deadline = deadline_in((uint64_t)timeout_ms * NSEC_PER_MSEC);
	return poll_wait(fds, (nfds_t)nfds, deadline);
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
	return (int)runtime_ret(poll_fds(fds, nfds, timeout_ms));
}

/* One fd_set's bits as poll events into p[], which has nfds entries. */
static void sets_to_pollfds(int nfds, fd_set *set, short ev, struct pollfd *p)
{
	int fd;

	for (fd = 0; set && fd < nfds; fd++)
		if (FD_ISSET(fd, set))
			p[fd].events |= ev;
}

/* Rewrite one fd_set from the revents; the number of bits left set. */
static int pollfds_to_set(int nfds, fd_set *set, short ev,
			  const struct pollfd *p)
{
	int fd, n = 0;

	for (fd = 0; set && fd < nfds; fd++) {
		if (!FD_ISSET(fd, set))
			continue;
		if (p[fd].revents & ev)
			n++;
		else
			FD_CLR(fd, set);
	}
	return n;
}

/* select() as poll() over the fds named in any set; a named fd that is
 * not open is EBADF, as select() says (poll() would report POLLNVAL). */
static int select_wait(int nfds, fd_set *rd, fd_set *wr, fd_set *ex,
		       uint64_t deadline)
{
	struct pollfd p[FD_SETSIZE];
	int fd, n;

	if (nfds < 0 || nfds > FD_SETSIZE)
		return -EINVAL;
	memset(p, 0, sizeof(p));
	sets_to_pollfds(nfds, rd, POLLIN, p);
	sets_to_pollfds(nfds, wr, POLLOUT, p);
	sets_to_pollfds(nfds, ex, POLLPRI, p);
	for (fd = 0; fd < nfds; fd++) {
		p[fd].fd = p[fd].events ? fd : -1;
		if (p[fd].events && fd_poll(fd) < 0)
			return -EBADF;
	}
	if ((n = poll_wait(p, (nfds_t)nfds, deadline)) < 0)
		return n;
	/* An error or a hang-up makes a read (or write) not block: it
	 * returns at once, with the error or the end of file. */
	n = pollfds_to_set(nfds, rd, POLLIN | POLLERR | POLLHUP, p);
	n += pollfds_to_set(nfds, wr, POLLOUT | POLLERR, p);
	n += pollfds_to_set(nfds, ex, POLLPRI, p);
	return n;
}

int select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *tv)
{
	uint64_t deadline = 0;

	if (tv) {
		if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
			return runtime_ret(-EINVAL);
		deadline =
		    deadline_sec(tv->tv_sec, tv->tv_usec * (long)NSEC_PER_USEC);
	}
	return runtime_ret(select_wait(nfds, rd, wr, ex, deadline));
}

/* There are no signals to mask: sigmask is ignored. */
int pselect(int nfds, fd_set *rd, fd_set *wr, fd_set *ex,
	    const struct timespec *ts, const sigset_t *sigmask)
{
	uint64_t deadline = 0;

	(void)sigmask;
	if (ts) {
		if (ts->tv_sec < 0 || ts->tv_nsec < 0 ||
		    ts->tv_nsec >= (long)NSEC_PER_SEC)
			return runtime_ret(-EINVAL);
		deadline = deadline_sec(ts->tv_sec, ts->tv_nsec);
	}
	return runtime_ret(select_wait(nfds, rd, wr, ex, deadline));
}
