/*
 * Time, identity, limits and the rest of the small calls of the Linux
 * shim. Clocks come from the PV clock (monotonic) and Xen's wall clock;
 * the CPU-time clocks report monotonic time (one vCPU, one process).
 * getrandom() and AT_RANDOM have no entropy source yet: their bytes come
 * from a generator seeded with the TSC and the clocks (docs: limits).
 */
#include <stdio.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/time.h>

#include <runtime/fd.h>

#include "clock_ids.h"
#include "linux_priv.h"

#define NSEC 1000000000ull

int linux_timespec_ns(uint64_t uts, uint64_t *ns)
{
	int64_t ts[2];

	if (user_copy_from(ts, uts, sizeof(ts)) < 0)
		return -EFAULT;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= (int64_t)NSEC)
		return -EINVAL;
	/* Saturated: a timeout of centuries waits "forever", not wraps. */
	if (ts[0] >= INT64_MAX / (int64_t)NSEC - 1)
		*ns = INT64_MAX;
	else
		*ns = (uint64_t)ts[0] * NSEC + (uint64_t)ts[1];
	return 0;
}

uint64_t linux_deadline(uint64_t ns)
{
	uint64_t now = time_monotonic_ns();

	return ns >= (uint64_t)INT64_MAX - now ? (uint64_t)INT64_MAX : now + ns;
}

static int put_timespec(uint64_t uts, uint64_t ns)
{
	int64_t ts[2] = {(int64_t)(ns / NSEC), (int64_t)(ns % NSEC)};

	return user_copy_to(uts, ts, sizeof(ts));
}

#define TIMER_ABSTIME 1

/* Now on clock id, or -EINVAL. */
static int clock_now(uint64_t id, uint64_t *ns)
{
	switch (linux_clock_of(id)) {
	case LINUX_CLOCK_WALL:
		*ns = time_wall_ns();
		return 0;
	case LINUX_CLOCK_MONOTONIC:
	case LINUX_CLOCK_CPUTIME:
		*ns = time_monotonic_ns();
		return 0;
	default:
		return -EINVAL;
	}
}

LINUX_SYS(clock_gettime)
{
	uint64_t ns;
	int rc = clock_now(A0(r), &ns);

	return rc < 0 ? rc : put_timespec(A1(r), ns);
}

LINUX_SYS(clock_getres)
{
	uint64_t ns;
	int rc = clock_now(A0(r), &ns);

	if (rc < 0 || !A1(r))
		return rc;
	return put_timespec(A1(r), 1);
}

LINUX_SYS(gettimeofday)
{
	uint64_t ns = time_wall_ns();
	int64_t tv[2] = {(int64_t)(ns / NSEC), (int64_t)(ns % NSEC / 1000)};

	if (A0(r) && user_copy_to(A0(r), tv, sizeof(tv)) < 0)
		return -EFAULT;
	return 0;
}

LINUX_SYS(time)
{
	int64_t s = (int64_t)(time_wall_ns() / NSEC);

	if (A0(r) && user_copy_to(A0(r), &s, sizeof(s)) < 0)
		return -EFAULT;
	return s;
}

/* Sleep for ns; a signal ends it early with -EINTR and the time left
 * written to urem (if not 0). */
static long sleep_ns(uint64_t ns, uint64_t urem)
{
	uint64_t now, end = linux_deadline(ns);
	struct {
		int64_t sec, nsec;
	} rem;

	if (!ns || wq_wait_intr(NULL, end) != -EINTR)
		return 0;
	now = time_monotonic_ns();
	ns = end > now ? end - now : 0;
	rem.sec = (int64_t)(ns / NSEC);
	rem.nsec = (int64_t)(ns % NSEC);
	if (urem && user_copy_to(urem, &rem, sizeof(rem)) < 0)
		return -EFAULT;
	return -EINTR;
}

LINUX_SYS(nanosleep)
{
	uint64_t ns;
	int rc = linux_timespec_ns(A0(r), &ns);

	return rc < 0 ? rc : sleep_ns(ns, A1(r));
}

LINUX_SYS(clock_nanosleep)
{
	uint64_t ns, now;
	int rc;

	if ((rc = clock_now(A0(r), &now)) < 0 ||
	    (rc = linux_timespec_ns(A2(r), &ns)) < 0)
		return rc;
	if (A1(r) & TIMER_ABSTIME)
		return sleep_ns(ns > now ? ns - now : 0, 0);
	return sleep_ns(ns, A3(r));
}

LINUX_SYS(getpid)
{
	(void)r;
	return 1;
}

LINUX_SYS(getppid)
{
	(void)r;
	return 0;
}

/* Also geteuid, getgid, getegid: root. */
LINUX_SYS(getuid)
{
	(void)r;
	return 0;
}

LINUX_SYS(ok)
{
	(void)r;
	return 0;
}

#define RLIMIT_STACK 3
#define RLIMIT_NOFILE 7
#define RLIM_INFINITY (~0ull)
#define LINUX_STACK_LIMIT (8ull << 20)
#define LINUX_NOFILE FD_MAX /* the runtime's fd table */

static int get_limit(uint64_t res, uint64_t lim[2])
{
	if (res > 15)
		return -EINVAL;
	lim[0] = lim[1] = res == RLIMIT_NOFILE	? LINUX_NOFILE
			  : res == RLIMIT_STACK ? LINUX_STACK_LIMIT
						: RLIM_INFINITY;
	return 0;
}

LINUX_SYS(getrlimit)
{
	uint64_t lim[2];
	int rc = get_limit(A0(r), lim);

	return rc < 0 ? rc : user_copy_to(A1(r), lim, sizeof(lim));
}

/* New limits are accepted and change nothing. */
LINUX_SYS(prlimit64)
{
	uint64_t lim[2];
	int rc;

	if (A0(r) != 0 && A0(r) != 1)
		return -ESRCH;
	if ((rc = get_limit(A1(r), lim)) < 0)
		return rc;
	if (A3(r) && user_copy_to(A3(r), lim, sizeof(lim)) < 0)
		return -EFAULT;
	return 0;
}

LINUX_SYS(uname)
{
	static const char *const f[6] = {"Linux", "skiff",  "6.1.0-skiff",
					 "Skiff", "x86_64", "(none)"};
	char u[6][65];
	unsigned int i;

	memset(u, 0, sizeof(u));
	for (i = 0; i < 6; i++)
		strcpy(u[i], f[i]);
	return user_copy_to(A0(r), u, sizeof(u));
}

static uint64_t rnd_state;

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* splitmix64, reseeded with the TSC on every call. */
void linux_random(void *buf, size_t len);

void linux_random(void *buf, size_t len)
{
	unsigned char *p = buf;

	rnd_state ^= rdtsc() ^ time_wall_ns();
	while (len) {
		uint64_t z = (rnd_state += 0x9e3779b97f4a7c15ull);
		size_t n = len < 8 ? len : 8;

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		z ^= z >> 31;
		memcpy(p, &z, n);
		p += n;
		len -= n;
	}
}

LINUX_SYS(getrandom)
{
	uint64_t len = A1(r);

	if (A2(r) & ~7ull)
		return -EINVAL;
	if (len > 1 << 20)
		len = 1 << 20;
	if (!user_access_ok(A0(r), len, true))
		return -EFAULT;
	linux_random((void *)A0(r), len);
	return (long)len;
}

LINUX_SYS(getcwd)
{
	if (A1(r) < 2)
		return -ERANGE;
	return user_copy_to(A0(r), "/", 2) < 0 ? -EFAULT : 2;
}
