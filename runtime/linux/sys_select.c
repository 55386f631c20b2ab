/*
 * select and pselect6 of the Linux shim, over the core's poll_fds() as
 * Linux's own select is over each file's poll. Linux's checks in its
 * order: the timeout (EFAULT, EINVAL), the sigmask (pselect6), nfds
 * (negative: EINVAL; above the fd table: cut to it), the three sets
 * read in whole (EFAULT), a set bit naming an fd that is not open
 * (EBADF); then the wait, the sets written back (EFAULT), and the time
 * left written into the timeout, which a read-only timeout silently
 * keeps.
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/time.h>

#include <runtime/fd.h>
#include <runtime/poll.h>

#include "linux_priv.h"

#define SEL_WORDS (FD_MAX / 64)
#define NSEC 1000000000ULL

/* Linux's POLLIN_SET, POLLOUT_SET and POLLEX_SET: what makes an fd
 * readable, writable or exceptional for select. */
#define SEL_IN (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define SEL_OUT (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define SEL_EX POLLPRI

/* One call: the user's sets (0: none), their kernel copies, the
 * results, nfds. */
struct sel {
	uint64_t uset[3];
	uint64_t set[3][SEL_WORDS];
	uint64_t res[3][SEL_WORDS];
	int n;
	size_t bytes; /* of each set Linux reads and writes: whole words */
};

static const short sel_events[3] = {SEL_IN, SEL_OUT, SEL_EX};

/* The sets in (a NULL set: none of its bits; with nfds 0 nothing is
 * read, so no pointer is refused). */
static long sets_in(struct sel *s)
{
	int k;

	memset(s->set, 0, sizeof(s->set));
	for (k = 0; k < 3; k++)
		if (s->uset[k] && s->bytes &&
		    user_copy_from(s->set[k], s->uset[k], s->bytes))
			return -EFAULT;
	return 0;
}

static bool sel_bit(const uint64_t *set, int fd)
{
	return set[fd / 64] >> (fd % 64) & 1;
}

/* The pollfds of the fds named in any set, in *out (*count of them);
 * -EBADF for a named fd that is not open. */
static long sets_to_poll(struct sel *s, struct pollfd **out, int *count)
{
	struct pollfd *p = malloc(s->n ? (size_t)s->n * sizeof(*p) : 1);
	int fd, k, c = 0;

	if (!p)
		return -ENOMEM;
	for (fd = 0; fd < s->n; fd++) {
		short ev = 0;

		for (k = 0; k < 3; k++)
			ev |= sel_bit(s->set[k], fd) ? sel_events[k] : 0;
		if (!ev)
			continue;
		if (fd_get_flags(fd) < 0) {
			free(p);
			return -EBADF;
		}
		p[c++] = (struct pollfd){fd, ev, 0};
	}
	*out = p;
	*count = c;
	return 0;
}

/* The results: each set's bits whose fd is ready for it; their count. */
static long poll_to_sets(struct sel *s, const struct pollfd *p, int count)
{
	long ready = 0;
	int i, k, fd;

	memset(s->res, 0, sizeof(s->res));
	for (i = 0; i < count; i++)
		for (k = 0, fd = p[i].fd; k < 3; k++)
			if (sel_bit(s->set[k], fd) &&
			    (p[i].revents & sel_events[k])) {
				s->res[k][fd / 64] |= 1ULL << (fd % 64);
				ready++;
			}
	return ready;
}

/* The wait and the sets out; timeout_ms as poll's (-1: none). */
static long sel_run(struct sel *s, int timeout_ms)
{
	struct pollfd *p;
	long rc;
	int count, k;

	if ((rc = sets_in(s)) < 0 || (rc = sets_to_poll(s, &p, &count)) < 0)
		return rc;
	rc = poll_fds(p, (unsigned long)count, timeout_ms);
	if (rc >= 0)
		rc = poll_to_sets(s, p, count);
	free(p);
	for (k = 0; rc >= 0 && k < 3; k++)
		if (s->uset[k] && s->bytes &&
		    user_copy_to(s->uset[k], s->res[k], s->bytes))
			rc = -EFAULT;
	return rc;
}

/* A timeout of ns nanoseconds in poll's milliseconds (rounded up). */
static int timeout_ms(uint64_t ns)
{
	return ns / 1000000 > 0x7fffffff ? 0x7fffffff
					 : (int)((ns + 999999) / 1000000);
}

/* The time left to deadline into the user's timeval (usec) or timespec,
 * as Linux writes it back; a fault there is ignored, as on Linux. */
static void time_left(uint64_t uts, uint64_t deadline, bool usec)
{
	uint64_t now = time_monotonic_ns(),
		 left = deadline > now ? deadline - now : 0;
	int64_t t[2] = {(int64_t)(left / NSEC), (int64_t)(left % NSEC)};

	if (usec)
		t[1] /= 1000;
	user_copy_to(uts, t, sizeof(t));
}

/* nfds and the sets of a select or pselect6 call into *s. */
static long sel_args(struct sel *s, struct user_regs *r)
{
	if ((int)A0(r) < 0)
		return -EINVAL;
	s->n = (int)A0(r) < FD_MAX ? (int)A0(r) : FD_MAX;
	s->bytes = ((size_t)s->n + 63) / 64 * 8;
	s->uset[0] = A1(r);
	s->uset[1] = A2(r);
	s->uset[2] = A3(r);
	return 0;
}

/* The call with a timeout of ns (none when !has_to) from user uto,
 * written back there afterwards (usec: a timeval). */
static long sel_call(struct user_regs *r, bool has_to, uint64_t ns,
		     uint64_t uto, bool usec)
{
	struct sel *s = malloc(sizeof(*s));
	uint64_t deadline = has_to ? linux_deadline(ns) : 0;
	long rc;

	if (!s)
		return -ENOMEM;
	if ((rc = sel_args(s, r)) == 0)
		rc = sel_run(s, has_to ? timeout_ms(ns) : -1);
	free(s);
	if (has_to && ns)
		time_left(uto, deadline, usec);
	return rc;
}

/* A timeval's nanoseconds as Linux's select takes it: the microseconds
 * may exceed a second (carried into the seconds); a negative result is
 * EINVAL. */
static long timeval_ns(uint64_t utv, uint64_t *ns)
{
	int64_t tv[2], sec, nsec;

	if (user_copy_from(tv, utv, sizeof(tv)) < 0)
		return -EFAULT;
	sec = tv[1] / 1000000;
	if (tv[0] > INT64_MAX - (sec > 0 ? sec : 0))
		sec = INT64_MAX;
	else
		sec += tv[0];
	nsec = tv[1] % 1000000 * 1000;
	if (sec < 0 || nsec < 0)
		return -EINVAL;
	*ns = (uint64_t)sec >= INT64_MAX / NSEC - 1
		  ? (uint64_t)INT64_MAX
		  : (uint64_t)sec * NSEC + (uint64_t)nsec;
	return 0;
}

LINUX_SYS(select)
{
	uint64_t ns = 0;
	long rc;

	if (A4(r) && (rc = timeval_ns(A4(r), &ns)) < 0)
		return rc;
	return sel_call(r, A4(r) != 0, ns, A4(r), true);
}

/* pselect6's sixth argument points at {sigset pointer, its size}. */
LINUX_SYS(pselect6)
{
	uint64_t ns = 0, sig[2] = {0, 0};
	long rc;

	if (A4(r) && (rc = linux_timespec_ns(A4(r), &ns)) < 0)
		return rc;
	if (A5(r) && user_copy_from(sig, A5(r), sizeof(sig)) < 0)
		return -EFAULT;
	if ((rc = linux_sigmask_for_call(sig[0], sig[1])) < 0)
		return rc;
	rc = sel_call(r, A4(r) != 0, ns, A4(r), false);
	linux_sigmask_call_done(rc);
	return rc;
}
