/*
 * sysfuzz: generators for the data and waiting calls: read and write in
 * their six forms, the four ways of polling, sleeps and futexes, and
 * getrandom. Every call that may block arms the alarm first, so a wait
 * that Linux would make (a huge timeout) ends in EINTR on both systems
 * instead of hanging, and a wait that returns at once shows.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>

#include "sysfuzz.h"

/* Counts up to a page are exact; beyond, they depend on capacities. */
static void count_result(struct sf *f, size_t len)
{
	f->res = len <= 4096 ? SF_EXACT : SF_SIGN;
}

static long c_read(struct sf *f)
{
	int fd = sf_fd(f);
	void *p = sf_ptr(f);
	size_t n = sf_len(f);

	count_result(f, n);
	return sf_sys(SYS_read, fd, (long)p, (long)n, 0, 0, 0);
}

static long c_write(struct sf *f)
{
	int fd = sf_fd(f);
	void *p = sf_ptr(f);
	size_t n = sf_len(f);

	count_result(f, n);
	return sf_sys(SYS_write, fd, (long)p, (long)n, 0, 0, 0);
}

static long pick_off(struct sf *f)
{
	static const long offs[] = {0, 8, 4096, -1, LONG_MAX};
	static const char *const names[] = {"o0", "o8", "o4k", "o-1", "omax"};
	int i = (int)sf_below(f, 5);

	sf_arg(f, names[i]);
	return offs[i];
}

static long c_pread(struct sf *f)
{
	int fd = sf_fd(f);
	void *p = sf_ptr(f);
	size_t n = sf_len(f);

	count_result(f, n);
	return sf_sys(SYS_pread64, fd, (long)p, (long)n, pick_off(f), 0, 0);
}

static long c_pwrite(struct sf *f)
{
	int fd = sf_fd(f);
	void *p = sf_ptr(f);
	size_t n = sf_len(f);

	count_result(f, n);
	return sf_sys(SYS_pwrite64, fd, (long)p, (long)n, pick_off(f), 0, 0);
}

/* An iovec count: none, the two prepared, zeroed ones after, too many. */
static long pick_iovcnt(struct sf *f)
{
	static const long cnt[] = {0, 1, 2, 1024, 1025, -1};
	static const char *const names[] = {"n0",    "n1",    "n2",
					    "n1024", "n1025", "n-1"};
	int i = (int)sf_below(f, 6);

	sf_arg(f, names[i]);
	return cnt[i];
}

static long c_readv(struct sf *f)
{
	int fd = sf_fd(f);
	void *iov = sf_sptr(f, SF_IOV);

	return sf_sys(SYS_readv, fd, (long)iov, pick_iovcnt(f), 0, 0, 0);
}

static long c_writev(struct sf *f)
{
	int fd = sf_fd(f);
	void *iov = sf_sptr(f, SF_IOV);

	return sf_sys(SYS_writev, fd, (long)iov, pick_iovcnt(f), 0, 0, 0);
}

static long pick_int(struct sf *f, const long *v, int n, const char *tag)
{
	char cls[24];
	int i = (int)sf_below(f, (uint64_t)n);
	long x = v[i];

	if (x == INT_MAX)
		snprintf(cls, sizeof(cls), "%smax", tag);
	else
		snprintf(cls, sizeof(cls), "%s%ld", tag, x);
	sf_arg(f, cls);
	return x;
}

static long c_poll(struct sf *f)
{
	static const long nfds[] = {0, 1, 2, 8, 1025};
	static const long tmo[] = {0, 1, -1};
	void *fds;
	long n, t;

	sf_may_block(f);
	fds = sf_sptr(f, SF_POLLFD);
	n = pick_int(f, nfds, 5, "n");
	t = pick_int(f, tmo, 3, "t");
	return sf_sys(SYS_poll, (long)fds, n, t, 0, 0, 0);
}

static long pick_sigsetsize(struct sf *f)
{
	static const long sz[] = {8, 0, 16, 4};

	return pick_int(f, sz, 4, "ss");
}

static long c_ppoll(struct sf *f)
{
	static const long nfds[] = {0, 1, 2, 8, 1025};
	void *fds, *ts, *mask;
	long n;

	sf_may_block(f);
	fds = sf_sptr(f, SF_POLLFD);
	n = pick_int(f, nfds, 5, "n");
	ts = sf_sptr(f, SF_TS);
	mask = sf_sptr(f, SF_SIGSET);
	return sf_sys(SYS_ppoll, (long)fds, n, (long)ts, (long)mask,
		      pick_sigsetsize(f), 0);
}

static long c_select(struct sf *f)
{
	static const long nfds[] = {0, 1, 16, 1025, -1};
	void *r, *w, *e, *tv;
	long n;

	sf_may_block(f);
	n = pick_int(f, nfds, 5, "n");
	r = sf_sptr(f, SF_FDSET);
	w = sf_sptr(f, SF_FDSET);
	e = sf_sptr(f, SF_FDSET);
	tv = sf_sptr(f, SF_TV);
	return sf_sys(SYS_select, n, (long)r, (long)w, (long)e, (long)tv, 0);
}

static long c_epoll_wait(struct sf *f)
{
	static const long maxev[] = {0, 1, 8, -1, INT_MAX};
	static const long tmo[] = {0, 1, -1};
	int fd;
	void *ev;
	long m, t;

	sf_may_block(f);
	fd = sf_fd(f);
	ev = sf_sptr(f, SF_EPEV);
	m = pick_int(f, maxev, 5, "m");
	t = pick_int(f, tmo, 3, "t");
	return sf_sys(SYS_epoll_wait, fd, (long)ev, m, t, 0, 0);
}

static long c_nanosleep(struct sf *f)
{
	void *req, *rem;

	sf_may_block(f);
	req = sf_sptr(f, SF_TS);
	rem = sf_ptr(f);
	return sf_sys(SYS_nanosleep, (long)req, (long)rem, 0, 0, 0, 0);
}

static long c_clock_nanosleep(struct sf *f)
{
	static const long clocks[] = {CLOCK_REALTIME,
				      CLOCK_MONOTONIC,
				      CLOCK_BOOTTIME,
				      CLOCK_THREAD_CPUTIME_ID,
				      99,
				      -1};
	static const long flags[] = {0, TIMER_ABSTIME, 0x10};
	long clk, fl;
	void *req, *rem;

	sf_may_block(f);
	clk = pick_int(f, clocks, 6, "c");
	fl = pick_int(f, flags, 3, "f");
	req = sf_sptr(f, SF_TS);
	rem = sf_ptr(f);
	return sf_sys(SYS_clock_nanosleep, clk, fl, (long)req, (long)rem, 0, 0);
}

/* FUTEX_WAIT, WAKE, REQUEUE, CMP_REQUEUE, WAIT_BITSET, WAKE_BITSET, the
 * private forms, and ops Linux does not have. */
static long c_futex(struct sf *f)
{
	static const long ops[] = {0, 1, 3, 4, 9, 10, 128, 129, 99, -1};
	static const long vals[] = {0, 1, -1};
	static const long val3[] = {0, -1};
	void *w, *ts, *w2;
	long op, val;

	sf_may_block(f);
	w = sf_sptr(f, SF_FUTEX);
	op = pick_int(f, ops, 10, "op");
	val = pick_int(f, vals, 3, "v");
	ts = sf_sptr(f, SF_TS);
	w2 = sf_sptr(f, SF_FUTEX);
	f->res = SF_EXACT;
	return sf_sys(SYS_futex, (long)w, op, val, (long)ts, (long)w2,
		      pick_int(f, val3, 2, "b"));
}

static long c_getrandom(struct sf *f)
{
	static const long flags[] = {0, 1, 2, 4, 6, 0x100};
	void *p = sf_ptr(f);
	size_t n = sf_len(f);

	f->res = SF_SIGN;
	return sf_sys(SYS_getrandom, (long)p, (long)n,
		      pick_int(f, flags, 6, "f"), 0, 0, 0);
}

const struct sf_call sf_io_calls[] = {
    {"read", c_read},		{"write", c_write},
    {"pread", c_pread},		{"pwrite", c_pwrite},
    {"readv", c_readv},		{"writev", c_writev},
    {"poll", c_poll},		{"ppoll", c_ppoll},
    {"select", c_select},	{"epoll_wait", c_epoll_wait},
    {"nanosleep", c_nanosleep}, {"clock_nanosleep", c_clock_nanosleep},
    {"futex", c_futex},		{"getrandom", c_getrandom},
};
const int sf_io_ncalls = sizeof(sf_io_calls) / sizeof(sf_io_calls[0]);
