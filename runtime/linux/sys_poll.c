/*
 * Pipes, poll, epoll and eventfd of the Linux shim, over the runtime
 * core (<runtime/pipe.h>, <runtime/poll.h>, <runtime/epoll.h>,
 * <runtime/eventfd.h>): user memory checked, Linux's flags checked and
 * converted to the core's (newlib's O_ values), errors handed back as
 * they are.
 */
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/epoll.h>

#include <kernel/errno.h>

#include <runtime/epoll.h>
#include <runtime/eventfd.h>
#include <runtime/fd.h>
#include <runtime/pipe.h>
#include <runtime/poll.h>

#include "linux_priv.h"

/* As Linux: the flags, the pipe, then the fds out; when they cannot be
 * written the pipe goes again (EFAULT). */
static long make_pipe(uint64_t ufds, int flags)
{
	int fds[2], rc;

	if (flags & ~(L_O_NONBLOCK | L_O_CLOEXEC))
		return -EINVAL;
	if ((rc = pipe_open(fds, linux_flags_from((uint64_t)flags))) < 0)
		return rc;
	if ((rc = user_copy_to(ufds, fds, sizeof(fds))) < 0) {
		fd_close(fds[0]);
		fd_close(fds[1]);
	}
	return rc;
}

LINUX_SYS(pipe)
{
	return make_pipe(A0(r), 0);
}

LINUX_SYS(pipe2)
{
	return make_pipe(A0(r), (int)A1(r));
}

/* poll over the core's poll_fds(), on a kernel copy of the fds: only
 * fault-safe copies touch user memory (the array may go while the call
 * waits). As Linux, nfds (an unsigned int) above RLIMIT_NOFILE is
 * EINVAL before the array is read, and only the revents fields are
 * written back, after the wait even when a signal ended it: an array
 * outside the user half or read-only is EFAULT then, whatever the
 * wait said (nfds 0 too). */
static long do_poll(uint64_t ufds, uint64_t nfds, int timeout_ms)
{
	uint64_t n = (uint32_t)nfds, i;
	struct pollfd *fds;
	long rc;

	if (n > linux_nofile_limit() || n > POLL_NFDS_MAX)
		return -EINVAL;
	if (!(fds = malloc(n ? n * sizeof(*fds) : 1)))
		return -ENOMEM;
	if ((rc = user_copy_from(fds, ufds, n * sizeof(*fds))) < 0) {
		free(fds);
		return rc;
	}
	for (i = 0; i < n; i++)
		fds[i].revents = 0;
	rc = poll_fds(fds, n, timeout_ms);
	if ((rc >= 0 || rc == -EINTR) && !user_range_ok(ufds, n * sizeof(*fds)))
		rc = -EFAULT;
	for (i = 0; (rc >= 0 || rc == -EINTR) && i < n; i++) {
		uint64_t at =
		    ufds + i * sizeof(*fds) + offsetof(struct pollfd, revents);
		int e = user_copy_to(at, &fds[i].revents, sizeof(short));

		rc = e < 0 ? e : rc;
	}
	free(fds);
	return rc;
}

LINUX_SYS(poll)
{
	return do_poll(A0(r), A1(r), (int)A2(r));
}

LINUX_SYS(ppoll)
{
	uint64_t ns;
	int rc, ms = -1;
	long n;

	if (A2(r)) {
		if ((rc = linux_timespec_ns(A2(r), &ns)) < 0)
			return rc;
		ms = ns / 1000000 > 0x7fffffff ? 0x7fffffff
					       : (int)((ns + 999999) / 1000000);
	}
	if ((rc = linux_sigmask_for_call(A3(r), A4(r))) < 0)
		return rc;
	n = do_poll(A0(r), A1(r), ms);
	linux_sigmask_call_done(n);
	return n;
}

#define EPOLL_EVENT_SIZE 12 /* packed on x86-64 */

LINUX_SYS(epoll_create)
{
	return (int64_t)A0(r) <= 0 ? -EINVAL : epoll_open(0);
}

LINUX_SYS(epoll_create1)
{
	return epoll_open((int)A0(r));
}

_Static_assert(sizeof(struct epoll_event) == EPOLL_EVENT_SIZE,
	       "the core's epoll_event is Linux's");

/* Linux's EPOLL_CTL_DEL: the only op that reads no event. */
#define L_EPOLL_CTL_DEL 2

LINUX_SYS(epoll_ctl)
{
	struct epoll_event ev;
	bool read_ev = A3(r) && (int)A1(r) != L_EPOLL_CTL_DEL;

	if (read_ev && user_copy_from(&ev, A3(r), EPOLL_EVENT_SIZE) < 0)
		return -EFAULT;
	return epoll_control((int)A0(r), (int)A1(r), (int)A2(r),
			     read_ev ? &ev : NULL);
}

/* At most this many events a call go through the kernel's buffer; the
 * rest stay ready for the next call. */
#define EPOLL_BATCH 1024

/* epoll_wait into a kernel buffer, then out with a fault-safe copy: as
 * Linux, the events copied, or EFAULT when the first one fails. Linux's
 * order: the fd (EBADF), maxevents (an int), the range the events may
 * fill, then EINVAL for an fd that is no epoll. */
static long do_epoll_wait(struct user_regs *r)
{
	int max = (int)A2(r);
	struct epoll_event *ev;
	long n, put;

	if (fd_get_flags((int)A0(r)) < 0)
		return -EBADF;
	if (max <= 0 || max > 65536)
		return -EINVAL;
	if (!user_range_ok(A1(r), (uint64_t)max * EPOLL_EVENT_SIZE))
		return -EFAULT;
	if ((n = epoll_check((int)A0(r))) < 0)
		return n;
	if (max > EPOLL_BATCH)
		max = EPOLL_BATCH;
	if (!(ev = malloc((size_t)max * EPOLL_EVENT_SIZE)))
		return -ENOMEM;
	n = epoll_await((int)A0(r), ev, (int)max, (int)A3(r));
	if (n > 0) {
		put =
		    user_copy_to_some(A1(r), ev, (size_t)n * EPOLL_EVENT_SIZE);
		n = put < 0		     ? put
		    : put / EPOLL_EVENT_SIZE ? put / EPOLL_EVENT_SIZE
					     : -EFAULT;
	}
	free(ev);
	return n;
}

LINUX_SYS(epoll_pwait)
{
	long rc = linux_sigmask_for_call(A4(r), A5(r));

	if (rc < 0)
		return rc;
	rc = do_epoll_wait(r);
	linux_sigmask_call_done(rc);
	return rc;
}

LINUX_SYS(epoll_wait)
{
	return do_epoll_wait(r);
}

#define L_EFD_SEMAPHORE 1

LINUX_SYS(eventfd2)
{
	int lf = (int)A1(r);

	if (lf & ~(L_EFD_SEMAPHORE | L_O_NONBLOCK | L_O_CLOEXEC))
		return -EINVAL;
	return eventfd_open((unsigned int)A0(r),
			    linux_flags_from((uint64_t)lf & ~L_EFD_SEMAPHORE) |
				(lf & L_EFD_SEMAPHORE ? EVENTFD_SEMAPHORE : 0));
}

LINUX_SYS(eventfd)
{
	return eventfd_open((unsigned int)A0(r), 0);
}
