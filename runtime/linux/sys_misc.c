/*
 * Time, identity, limits and the rest of the small calls of the Linux
 * shim. Clocks come from the PV clock (monotonic) and Xen's wall clock;
 * the CPU-time clocks report monotonic time (one vCPU, one process).
 * getrandom() and AT_RANDOM come from the kernel's cryptographic
 * generator (<kernel/random.h>, docs/random.md).
 */
#include <stdio.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/random.h>
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
	*ns = (uint64_t)ts[0] * NSEC + (uint64_t)ts[1];
	return 0;
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

/* Sleep until the monotonic deadline; a sleep is never interrupted, so
 * the remaining time is never written. */
static long sleep_ns(uint64_t ns)
{
	thread_sleep_until(time_monotonic_ns() + ns);
	return 0;
}

LINUX_SYS(nanosleep)
{
	uint64_t ns;
	int rc = linux_timespec_ns(A0(r), &ns);

	return rc < 0 ? rc : sleep_ns(ns);
}

LINUX_SYS(clock_nanosleep)
{
	uint64_t ns, now;
	int rc;

	if ((rc = clock_now(A0(r), &now)) < 0 ||
	    (rc = linux_timespec_ns(A2(r), &ns)) < 0)
		return rc;
	if (A1(r) & TIMER_ABSTIME)
		ns = ns > now ? ns - now : 0;
	return sleep_ns(ns);
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

/* getrandom()'s flags (<linux/random.h>). */
#define GRND_NONBLOCK 0x1
#define GRND_RANDOM 0x2
#define GRND_INSECURE 0x4
/* Linux's cap on one read or write, MAX_RW_COUNT. */
#define GETRANDOM_MAX 0x7ffff000ull
/* Bytes between yields, so that a huge request does not hold the only
 * vCPU. */
#define GETRANDOM_YIELD (64 * 1024)

/* The generator is always seeded (its first use seeds it at once), so
 * no flag ever blocks or changes the bytes, as on a Linux whose pool is
 * ready: GRND_RANDOM no longer draws from a separate pool there either.
 * The checks are Linux's: unknown flags, and GRND_INSECURE with
 * GRND_RANDOM, are EINVAL. A fault after some bytes returns their
 * count, as Linux does. */
LINUX_SYS(getrandom)
{
	uint64_t len = A1(r), done = 0, flags = A2(r);
	unsigned char chunk[256];
	size_t n;

	if (flags & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_RANDOM | GRND_INSECURE)) ==
	    (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if (len > GETRANDOM_MAX)
		len = GETRANDOM_MAX;
	while (done < len) {
		n = len - done < sizeof(chunk) ? (size_t)(len - done)
					       : sizeof(chunk);
		random_bytes(chunk, n);
		if (user_copy_to(A0(r) + done, chunk, n) < 0) {
			memset(chunk, 0, sizeof(chunk));
			return done ? (long)done : -EFAULT;
		}
		done += n;
		if (done % GETRANDOM_YIELD == 0 && done < len)
			thread_yield();
	}
	memset(chunk, 0, sizeof(chunk));
	return (long)done;
}

LINUX_SYS(getcwd)
{
	if (A1(r) < 2)
		return -ERANGE;
	return user_copy_to(A0(r), "/", 2) < 0 ? -EFAULT : 2;
}
