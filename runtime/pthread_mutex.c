/*
 * pthread mutexes over the kernel's struct kmutex. A pthread_mutex_t
 * begins with a kmutex's fields (owner, wait queue), pinned below, and
 * adds a type and the owner's recursion depth. All zeroes is an unlocked
 * PTHREAD_MUTEX_DEFAULT mutex, so PTHREAD_MUTEX_INITIALIZER needs no lazy
 * set-up beyond the wait queue the kernel makes on first use.
 *
 * Types: RECURSIVE counts relocks; ERRORCHECK and DEFAULT return EDEADLK
 * for a relock; NORMAL deadlocks on a relock, as POSIX requires (the
 * thread sleeps until its timed lock's deadline, or forever). Unlocking a
 * mutex one does not hold is EPERM for every type.
 */
#include <kernel/sched.h>
#include <kernel/sync.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>

#include "pthread_priv.h"
#include "runtime_priv.h"

_Static_assert(offsetof(pthread_mutex_t, __owner) ==
		       offsetof(struct kmutex, owner) &&
		   offsetof(pthread_mutex_t, __waiters) ==
		       offsetof(struct kmutex, waiters) &&
		   sizeof(struct __skiff_waitq) == sizeof(struct wait_queue),
	       "pthread_mutex_t must begin with a struct kmutex");

static struct {
	struct wait_queue never; /* NORMAL relocks sleep here: no one wakes */
} pm = {.never = {LIST_HEAD_INIT(pm.never.waiters)}};

static struct kmutex *kmutex_of(pthread_mutex_t *m)
{
	return (struct kmutex *)(void *)m;
}

/* The caller holds m already. */
static int relock(pthread_mutex_t *m, uint64_t deadline_ns)
{
	switch (m->__type) {
	case PTHREAD_MUTEX_RECURSIVE:
		if (m->__depth == UINT_MAX)
			return EAGAIN;
		m->__depth++;
		return 0;
	case PTHREAD_MUTEX_NORMAL:
		/* Nobody wakes pm.never: only a deadline ends this. */
		while (wq_wait_until(&pm.never, deadline_ns) || !deadline_ns)
			;
		return ETIMEDOUT;
	default:
		return EDEADLK;
	}
}

/* Take m, at most until deadline_ns (0: no deadline). */
static int lock_until(pthread_mutex_t *m, uint64_t deadline_ns)
{
	struct kmutex *km = kmutex_of(m);
	int ret;

	if (kmutex_held(km))
		return relock(m, deadline_ns);
	ret = kmutex_lock_until(km, deadline_ns);
	if (ret < 0)
		return runtime_errno(-ret);
	m->__depth = 1;
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	return lock_until(m, 0);
}

/* abstime is on CLOCK_REALTIME, as POSIX specifies. A mutex that can be
 * taken at once is taken whatever abstime says. */
int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abstime)
{
	uint64_t deadline_ns;
	int ret = pthread_mutex_trylock(m);

	if (ret != EBUSY)
		return ret;
	ret = runtime_deadline((int)CLOCK_REALTIME, abstime, &deadline_ns);
	return ret ? ret : lock_until(m, deadline_ns);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	struct kmutex *km = kmutex_of(m);

	if (kmutex_held(km)) {
		if (m->__type != PTHREAD_MUTEX_RECURSIVE)
			return EBUSY;
		return relock(m, 0);
	}
	if (kmutex_trylock(km) < 0)
		return EBUSY;
	m->__depth = 1;
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	struct kmutex *km = kmutex_of(m);

	if (!kmutex_held(km))
		return EPERM;
	if (--m->__depth)
		return 0;
	kmutex_unlock(km);
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
	memset(m, 0, sizeof(*m));
	kmutex_init(kmutex_of(m));
	m->__type = attr ? attr->__type : PTHREAD_MUTEX_DEFAULT;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return kmutex_of(m)->owner ? EBUSY : 0;
}

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	memset(attr, 0, sizeof(*attr));
	attr->__initialized = 1;
	attr->__type = PTHREAD_MUTEX_DEFAULT;
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	attr->__initialized = 0;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type < PTHREAD_MUTEX_DEFAULT || type > PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->__type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type)
{
	*type = attr->__type;
	return 0;
}

/* One process: "shared" has nobody to share with, so both are fine. */
int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE &&
	    pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *attr, int *pshared)
{
	*pshared = attr->__pshared;
	return 0;
}
