/*
 * pthread condition variables over the kernel's struct kcond, whose one
 * field (a wait queue) starts pthread_cond_t, pinned below. The clock of
 * pthread_cond_timedwait()'s absolute time is CLOCK_REALTIME unless the
 * condattr chose CLOCK_MONOTONIC; either way the wait itself runs on the
 * monotonic clock, so a wall-clock step during a wait does not move its
 * end. A recursive mutex held several times is released completely for
 * the wait and taken back to the same depth.
 */
#include <kernel/sched.h>
#include <kernel/sync.h>

#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "pthread_priv.h"
#include "runtime_priv.h"

_Static_assert(offsetof(pthread_cond_t, __waiters) ==
		       offsetof(struct kcond, waiters) &&
		   sizeof(struct __skiff_waitq) == sizeof(struct wait_queue),
	       "pthread_cond_t must begin with a struct kcond");

static struct kcond *kcond_of(pthread_cond_t *c)
{
	return (struct kcond *)(void *)c;
}

static struct kmutex *kmutex_of(pthread_mutex_t *m)
{
	return (struct kmutex *)(void *)m;
}

/* Wait on c with m held, at most until deadline_ns (0: none). */
static int wait_until(pthread_cond_t *c, pthread_mutex_t *m,
		      uint64_t deadline_ns)
{
	unsigned int depth = m->__depth;
	int ret;

	if (!kmutex_held(kmutex_of(m)))
		return EPERM;
	ret = kcond_wait_until(kcond_of(c), kmutex_of(m), deadline_ns);
	m->__depth = depth;
	return ret < 0 ? runtime_errno(-ret) : 0;
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	return wait_until(c, m, 0);
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
			   const struct timespec *abstime)
{
	int clock = c->__clock ? c->__clock : (int)CLOCK_REALTIME;
	uint64_t deadline_ns;
	int ret;

	if (!kmutex_held(kmutex_of(m)))
		return EPERM;
	ret = runtime_deadline(clock, abstime, &deadline_ns);
	return ret ? ret : wait_until(c, m, deadline_ns);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	kcond_signal(kcond_of(c));
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	kcond_broadcast(kcond_of(c));
	return 0;
}

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
	memset(c, 0, sizeof(*c));
	kcond_init(kcond_of(c));
	c->__clock = attr ? attr->__clock : (int)CLOCK_REALTIME;
	return 0;
}

/* EBUSY while a thread waits on it. */
int pthread_cond_destroy(pthread_cond_t *c)
{
	struct wait_queue *wq = &kcond_of(c)->waiters;

	return wq->waiters.next && !list_empty(&wq->waiters) ? EBUSY : 0;
}

int pthread_condattr_init(pthread_condattr_t *attr)
{
	memset(attr, 0, sizeof(*attr));
	attr->__initialized = 1;
	attr->__clock = (int)CLOCK_REALTIME;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	attr->__initialized = 0;
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	attr->__clock = (int)clock;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *restrict attr,
			      clockid_t *restrict clock)
{
	*clock = attr->__clock;
	return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE &&
	    pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *attr, int *pshared)
{
	*pshared = attr->__pshared;
	return 0;
}
