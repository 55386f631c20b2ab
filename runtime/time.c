/*
 * Time for C programs: the wall clock (gettimeofday, CLOCK_REALTIME) from
 * Xen's shared_info, monotonic time (CLOCK_MONOTONIC, times, clock) from
 * the PV clock, and sleeping, which blocks only the calling thread until
 * its deadline on the scheduler's sleep queue. Also the conversion of
 * absolute times to the scheduler's monotonic deadlines (timed waits).
 */
#include <kernel/sched.h>
#include <kernel/time.h>

#include <errno.h>
#include <stdint.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "pthread_priv.h"
#include "runtime_priv.h"

_Static_assert(CLOCK_REALTIME == 1 && CLOCK_MONOTONIC == 4, "newlib ids");

static void ns_to_timespec(uint64_t ns, struct timespec *ts)
{
	ts->tv_sec = (time_t)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (long)(ns % NSEC_PER_SEC);
}

/* The timezone argument is obsolete; it reads as UTC. */
int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	uint64_t ns = time_wall_ns();

	if (tv) {
		tv->tv_sec = (time_t)(ns / NSEC_PER_SEC);
		tv->tv_usec = (suseconds_t)(ns % NSEC_PER_SEC / NSEC_PER_USEC);
	}
	if (tz) {
		struct timezone *z = tz;

		z->tz_minuteswest = 0;
		z->tz_dsttime = 0;
	}
	return 0;
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
	if (!ts)
		return runtime_set_errno(EFAULT);
	if (id == CLOCK_REALTIME)
		ns_to_timespec(time_wall_ns(), ts);
	else if (id == CLOCK_MONOTONIC)
		ns_to_timespec(time_monotonic_ns(), ts);
	else
		return runtime_set_errno(EINVAL);
	return 0;
}

/* Both clocks count nanoseconds. */
int clock_getres(clockid_t id, struct timespec *res)
{
	if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC)
		return runtime_set_errno(EINVAL);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = 1;
	}
	return 0;
}

/*
 * The domain is the process and there is no idle accounting yet, so its
 * CPU time is its running time: everything since boot counts as user
 * time, in CLOCKS_PER_SEC ticks (clock() adds the fields up).
 */
clock_t times(struct tms *buf)
{
	clock_t ticks =
	    (clock_t)(time_monotonic_ns() / (NSEC_PER_SEC / CLOCKS_PER_SEC));

	if (buf) {
		buf->tms_utime = ticks;
		buf->tms_stime = 0;
		buf->tms_cutime = 0;
		buf->tms_cstime = 0;
	}
	return ticks;
}

/* The latest deadline handed to the scheduler: absurdly long sleeps end
 * there (in 292 years) instead of wrapping, and stay positive as a signed
 * Xen time value. */
#define DEADLINE_MAX ((uint64_t)INT64_MAX)

/* ts as nanoseconds, or -1 if it is not a valid time (tv_nsec outside
 * 0..999999999); negative times count as 0, huge ones as DEADLINE_MAX. */
static int64_t timespec_ns(const struct timespec *ts)
{
	if (!ts || ts->tv_nsec < 0 || ts->tv_nsec >= (long)NSEC_PER_SEC)
		return -1;
	if (ts->tv_sec < 0)
		return 0;
	if ((uint64_t)ts->tv_sec >= DEADLINE_MAX / NSEC_PER_SEC)
		return (int64_t)DEADLINE_MAX;
	return (int64_t)((uint64_t)ts->tv_sec * NSEC_PER_SEC +
			 (uint64_t)ts->tv_nsec);
}

/* A wall-clock time becomes "now on the monotonic clock plus what is
 * left"; a deadline is never 0, which would mean "none". */
int runtime_deadline(int clock, const struct timespec *abstime,
		     uint64_t *deadline_ns)
{
	int64_t abs = timespec_ns(abstime);
	uint64_t mono = time_monotonic_ns(), wall, at;

	if (abs < 0 ||
	    (clock != (int)CLOCK_REALTIME && clock != (int)CLOCK_MONOTONIC))
		return EINVAL;
	at = (uint64_t)abs;
	if (clock == (int)CLOCK_REALTIME) {
		wall = time_wall_ns();
		at = at <= wall ? mono
				: (at - wall >= DEADLINE_MAX - mono
				       ? DEADLINE_MAX
				       : mono + (at - wall));
	}
	*deadline_ns = at ? at : 1;
	return 0;
}

/* Block the calling thread for ns nanoseconds. */
static void sleep_ns(uint64_t ns)
{
	uint64_t now = time_monotonic_ns();

	thread_sleep_until(ns >= DEADLINE_MAX - now ? DEADLINE_MAX : now + ns);
}

/* Nothing interrupts a sleep (no signals are delivered), so it always
 * runs to the end and *rem is 0. */
int nanosleep(const struct timespec *req, struct timespec *rem)
{
	uint64_t ns;

	if (!req)
		return runtime_set_errno(EFAULT);
	if (req->tv_sec < 0 || req->tv_nsec < 0 ||
	    req->tv_nsec >= (long)NSEC_PER_SEC)
		return runtime_set_errno(EINVAL);
	if ((uint64_t)req->tv_sec >= DEADLINE_MAX / NSEC_PER_SEC)
		ns = DEADLINE_MAX;
	else
		ns = (uint64_t)req->tv_sec * NSEC_PER_SEC +
		     (uint64_t)req->tv_nsec;
	sleep_ns(ns);
	if (rem)
		ns_to_timespec(0, rem);
	return 0;
}

/* Returns an errno value rather than setting errno (POSIX). Relative
 * sleeps use the monotonic clock whichever clock is named. */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	uint64_t deadline_ns;
	int ret;

	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	if (!(flags & TIMER_ABSTIME)) {
		ret = nanosleep(req, rem) ? errno : 0;
		return ret;
	}
	ret = runtime_deadline((int)clock, req, &deadline_ns);
	if (ret)
		return ret;
	thread_sleep_until(deadline_ns);
	return 0;
}

int usleep(useconds_t usec)
{
	sleep_ns((uint64_t)usec * NSEC_PER_USEC);
	return 0;
}

unsigned int sleep(unsigned int sec)
{
	sleep_ns((uint64_t)sec * NSEC_PER_SEC);
	return 0;
}
