/*
 * Timers that raise signals (docs/signals.md): setitimer/getitimer
 * (ITIMER_REAL), alarm, and the POSIX timers timer_create,
 * timer_settime, timer_gettime, timer_getoverrun and timer_delete on
 * CLOCK_REALTIME, CLOCK_MONOTONIC and CLOCK_BOOTTIME, notifying by
 * SIGEV_SIGNAL (the process), SIGEV_THREAD_ID (one thread) or
 * SIGEV_NONE.
 *
 * One kernel thread, made at the first armed timer, sleeps until the
 * earliest expiry and sends the signals. A timer's signal is pending at
 * most once, as on Linux: expirations while it waits, and periods the
 * thread missed, count as overruns, which the siginfo's si_overrun and
 * timer_getoverrun() report. ITIMER_VIRTUAL and ITIMER_PROF (and timers
 * on the CPU-time clocks) are EINVAL: Skiff does not count a program's
 * CPU time apart from the kernel's, so they would tick on wall time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/time.h>

#include "clock_ids.h"
#include "linux_priv.h"

#define NSEC 1000000000ull
#define USEC 1000000ull
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
#define TIMER_ABSTIME 1
#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD 2
#define SIGEV_THREAD_ID 4
#define OVERRUN_MAX 0x7fffffff /* DELAYTIMER_MAX */
#define REAL_ID (-1)	       /* ITIMER_REAL's, invisible to the program */

struct ltimer {
	struct list_head link;
	int id;
	bool wall;  /* CLOCK_REALTIME: expires is wall-clock time */
	int notify; /* SIGEV_SIGNAL, SIGEV_NONE, SIGEV_THREAD_ID */
	int signo;
	int tid;	   /* SIGEV_THREAD_ID's thread */
	uint64_t value;	   /* sigev_value, given in si_value */
	uint64_t expires;  /* on its clock, ns; 0: disarmed */
	uint64_t interval; /* 0: one-shot */
	int64_t overrun;   /* while its signal waits */
	int overrun_last;  /* of the last one taken: timer_getoverrun() */
	bool queued;	   /* its signal is pending */
};

static struct {
	struct list_head all;
	int next_id;
	struct thread *thread;
	struct wait_queue changed; /* the thread's sleep */
	struct ltimer real;	   /* ITIMER_REAL (and alarm) */
} tm;

static void tm_ready(void)
{
	if (tm.all.next)
		return;
	list_init(&tm.all);
	wq_init(&tm.changed);
	tm.real.id = REAL_ID;
	tm.real.signo = L_SIGALRM;
	tm.real.notify = SIGEV_SIGNAL;
	list_add_tail(&tm.real.link, &tm.all);
}

static uint64_t now_of(const struct ltimer *t)
{
	return t->wall ? time_wall_ns() : time_monotonic_ns();
}

/* Its expiry as a monotonic deadline (a wall-clock one converted with
 * today's offset: the wall clock here only moves with the host's). */
static uint64_t deadline_of(const struct ltimer *t)
{
	uint64_t now;

	if (!t->wall)
		return t->expires;
	now = time_wall_ns();
	return time_monotonic_ns() + (t->expires > now ? t->expires - now : 0);
}

static struct ltimer *find(int id)
{
	struct list_head *pos;

	tm_ready();
	list_for_each(pos, &tm.all) {
		struct ltimer *t = list_entry(pos, struct ltimer, link);

		if (t->id == id && id != REAL_ID)
			return t;
	}
	return NULL;
}

/* Raise t's signal for n expirations. */
static void fire(struct ltimer *t, uint64_t n)
{
	struct linux_thread *target = NULL;
	struct linux_sigpend p;
	int rc;

	if (t->notify == SIGEV_NONE)
		return;
	if (t->queued) { /* still pending: all of them are overruns */
		t->overrun += (int64_t)n;
		return;
	}
	if (t->notify == SIGEV_THREAD_ID &&
	    !(target = linux_thread_find(t->tid)))
		return; /* its thread is gone */
	memset(&p, 0, sizeof(p));
	if (t->id == REAL_ID) {
		p.code = L_SI_KERNEL;
	} else {
		p.code = L_SI_TIMER;
		p.timerid = t->id;
		p.value = t->value;
	}
	t->overrun = (int64_t)n - 1;
	/* Marked first: the send may run the program's end (a default
	 * action), never coming back. */
	t->queued = t->id != REAL_ID;
	rc = linux_signal_send(target, t->signo, &p);
	if (rc <= 0)
		t->queued = false;
}

int linux_timer_taken(int id)
{
	struct ltimer *t = find(id);
	int64_t o;

	if (!t)
		return 0; /* deleted meanwhile */
	o = t->overrun;
	t->overrun_last = o > OVERRUN_MAX ? OVERRUN_MAX : (int)o;
	t->overrun = 0;
	t->queued = false;
	return t->overrun_last;
}

/* Fire the timers that expired; the next deadline (0: none). */
static uint64_t run_expired(void)
{
	struct list_head *pos, *next;
	uint64_t first = 0;

	list_for_each_safe(pos, next, &tm.all) {
		struct ltimer *t = list_entry(pos, struct ltimer, link);
		uint64_t now, n = 1, d;

		if (!t->expires)
			continue;
		now = now_of(t);
		if (now >= t->expires) {
			if (t->interval) {
				n += (now - t->expires) / t->interval;
				t->expires += n * t->interval;
			} else {
				t->expires = 0;
			}
			fire(t, n);
			if (!t->expires)
				continue;
		}
		d = deadline_of(t);
		if (!first || d < first)
			first = d;
	}
	return first;
}

static void timer_thread(void *arg)
{
	(void)arg;
	for (;;) {
		uint64_t d = run_expired();

		if (d)
			wq_wait_until(&tm.changed, d);
		else
			wq_wait(&tm.changed);
	}
}

/* A timer was armed or changed: the thread looks again. */
static int kick(void)
{
	if (!tm.thread) {
		tm.thread =
		    thread_create("linux-timers", timer_thread, NULL, 0);
		if (!tm.thread)
			return -ENOMEM;
		return 0;
	}
	wq_wake_all(&tm.changed);
	return 0;
}

/* The time left and the interval of t. */
static void get(const struct ltimer *t, uint64_t *left, uint64_t *interval)
{
	uint64_t now = now_of(t);

	*interval = t->interval;
	if (!t->expires)
		*left = 0;
	else /* due but not run yet: the least Linux reports */
		*left = t->expires > now ? t->expires - now : 1;
}

/* Arm t (value 0: disarm), value relative or absolute on its clock. */
static int arm(struct ltimer *t, uint64_t value, uint64_t interval, bool abs)
{
	uint64_t now = now_of(t);

	t->interval = interval;
	if (!value) {
		t->expires = 0;
		return 0;
	}
	if (abs)
		t->expires = value;
	else
		t->expires = now + value < now ? UINT64_MAX / 2 : now + value;
	if (t->expires > UINT64_MAX / 2)
		t->expires = UINT64_MAX / 2;
	return kick();
}

/* --- setitimer, getitimer, alarm ---------------------------------------- */

/* struct itimerval: interval then value, each a timeval. */
static int itimerval_in(uint64_t u, uint64_t *interval, uint64_t *value)
{
	int64_t v[4];

	if (user_copy_from(v, u, sizeof(v)) < 0)
		return -EFAULT;
	if (v[0] < 0 || v[1] < 0 || v[1] >= (int64_t)USEC || v[2] < 0 ||
	    v[3] < 0 || v[3] >= (int64_t)USEC)
		return -EINVAL;
	/* Saturated as timer_settime's: centuries, not a wrap. */
	*interval = v[0] >= (int64_t)(INT64_MAX / NSEC / 2)
			? UINT64_MAX / 2
			: (uint64_t)v[0] * NSEC + (uint64_t)v[1] * 1000;
	*value = v[2] >= (int64_t)(INT64_MAX / NSEC / 2)
		     ? UINT64_MAX / 2
		     : (uint64_t)v[2] * NSEC + (uint64_t)v[3] * 1000;
	return 0;
}

/* ns as a timeval, rounded up to the microsecond (a timer that runs is
 * never reported as 0). */
static void tv_of(uint64_t ns, int64_t tv[2])
{
	ns = (ns + 999) / 1000;
	tv[0] = (int64_t)(ns / USEC);
	tv[1] = (int64_t)(ns % USEC);
}

static int itimerval_out(uint64_t u, const struct ltimer *t)
{
	uint64_t left, interval;
	int64_t v[4];

	get(t, &left, &interval);
	tv_of(interval, v);
	tv_of(left, v + 2);
	return user_copy_to(u, v, sizeof(v));
}

static int which_ok(uint64_t which)
{
	if (which == ITIMER_REAL)
		return 0;
	if (which == ITIMER_VIRTUAL || which == ITIMER_PROF) {
		static bool said;

		if (!said) {
			printk("linux: ITIMER_VIRTUAL and ITIMER_PROF are not "
			       "served (no per-program CPU time): EINVAL\n");
			said = true;
		}
	}
	return -EINVAL;
}

LINUX_SYS(getitimer)
{
	int rc = which_ok(A0(r));

	if (rc < 0)
		return rc;
	tm_ready();
	return itimerval_out(A1(r), &tm.real) < 0 ? -EFAULT : 0;
}

LINUX_SYS(setitimer)
{
	uint64_t interval = 0, value = 0;
	int rc = which_ok(A0(r));

	if (rc < 0)
		return rc;
	tm_ready();
	/* No new value disarms, as Linux takes it. */
	if (A1(r) && (rc = itimerval_in(A1(r), &interval, &value)) < 0)
		return rc;
	if (A2(r) && itimerval_out(A2(r), &tm.real) < 0)
		return -EFAULT;
	return arm(&tm.real, value, interval, false);
}

LINUX_SYS(alarm)
{
	uint64_t left, interval;
	unsigned int secs = (unsigned int)A0(r);
	long old;
	int rc;

	tm_ready();
	get(&tm.real, &left, &interval);
	/* The seconds left, rounded to the nearest, at least 1 when the
	 * alarm was armed (Linux's rule). */
	old = (long)((left + NSEC / 2) / NSEC);
	if (!old && left)
		old = 1;
	if ((rc = arm(&tm.real, (uint64_t)secs * NSEC, 0, false)) < 0)
		return rc;
	return old;
}

/* --- POSIX timers ------------------------------------------------------- */

/* struct sigevent, as Linux x86-64 lays it out. */
struct l_sigevent {
	uint64_t value;
	int32_t signo;
	int32_t notify;
	int32_t tid; /* sigev_notify_thread_id */
	int32_t pad[11];
};

LINUX_SYS(timer_create)
{
	struct l_sigevent ev = {.signo = L_SIGALRM, .notify = SIGEV_SIGNAL};
	uint64_t clock = A0(r);
	struct ltimer *t;
	int how;

	tm_ready();
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC &&
	    clock != CLOCK_BOOTTIME)
		return -EINVAL; /* CPU-time clocks: see above */
	if (A1(r) && user_copy_from(&ev, A1(r), sizeof(ev)) < 0)
		return -EFAULT;
	how = ev.notify & ~SIGEV_THREAD_ID;
	if ((ev.notify & SIGEV_THREAD_ID) && !linux_thread_find(ev.tid))
		return -EINVAL;
	if (how != SIGEV_SIGNAL && how != SIGEV_NONE && how != SIGEV_THREAD)
		return -EINVAL;
	if (how != SIGEV_NONE && (ev.signo < 1 || ev.signo > L_NSIG))
		return -EINVAL;
	if (tm.next_id == OVERRUN_MAX)
		return -EAGAIN;
	if (!(t = calloc(1, sizeof(*t))))
		return -EAGAIN;
	t->id = tm.next_id;
	t->wall = clock == CLOCK_REALTIME;
	t->notify = how == SIGEV_NONE		  ? SIGEV_NONE
		    : ev.notify & SIGEV_THREAD_ID ? SIGEV_THREAD_ID
						  : SIGEV_SIGNAL;
	t->signo = ev.signo;
	t->tid = ev.tid;
	t->value = A1(r) ? ev.value : (uint64_t)t->id;
	if (user_copy_to(A2(r), &t->id, sizeof(t->id)) < 0) {
		free(t);
		return -EFAULT;
	}
	tm.next_id++;
	list_add_tail(&t->link, &tm.all);
	return 0;
}

/* struct itimerspec: interval then value, each a timespec. */
static int itimerspec_out(uint64_t u, const struct ltimer *t)
{
	uint64_t left, interval;
	int64_t v[4];

	get(t, &left, &interval);
	v[0] = (int64_t)(interval / NSEC);
	v[1] = (int64_t)(interval % NSEC);
	v[2] = (int64_t)(left / NSEC);
	v[3] = (int64_t)(left % NSEC);
	return user_copy_to(u, v, sizeof(v));
}

LINUX_SYS(timer_settime)
{
	struct ltimer *t = find((int)A0(r));
	int64_t v[4];
	uint64_t ns[2];
	int i;

	if (!t)
		return -EINVAL;
	if (A1(r) & ~(uint64_t)TIMER_ABSTIME)
		return -EINVAL;
	if (user_copy_from(v, A2(r), sizeof(v)) < 0)
		return -EFAULT;
	for (i = 0; i < 2; i++) {
		if (v[2 * i] < 0 || v[2 * i + 1] < 0 ||
		    v[2 * i + 1] >= (int64_t)NSEC)
			return -EINVAL;
		ns[i] =
		    v[2 * i] >= (int64_t)(INT64_MAX / NSEC / 2)
			? UINT64_MAX / 2
			: (uint64_t)v[2 * i] * NSEC + (uint64_t)v[2 * i + 1];
	}
	if (A3(r) && itimerspec_out(A3(r), t) < 0)
		return -EFAULT;
	t->overrun = 0;
	return arm(t, ns[1], ns[0], A1(r) & TIMER_ABSTIME);
}

LINUX_SYS(timer_gettime)
{
	struct ltimer *t = find((int)A0(r));

	if (!t)
		return -EINVAL;
	return itimerspec_out(A1(r), t) < 0 ? -EFAULT : 0;
}

LINUX_SYS(timer_getoverrun)
{
	struct ltimer *t = find((int)A0(r));

	return t ? t->overrun_last : -EINVAL;
}

LINUX_SYS(timer_delete)
{
	struct ltimer *t = find((int)A0(r));

	if (!t)
		return -EINVAL;
	list_del(&t->link);
	free(t);
	return 0;
}
