/*
 * newlib's retargetable locks (malloc, stdio streams, atexit, the
 * environment, time zones) as sleeping locks over the scheduler's wait
 * queues. Threads are cooperative on one vCPU and no event handler takes
 * these locks, so plain reads and writes are atomic enough; a thread that
 * finds the lock held sleeps until the holder releases it.
 *
 * newlib refers to its static locks by name (__lock___malloc_recursive_mutex
 * ...), so all nine are defined here; with any missing, the link would
 * pull newlib's dummy lock.o and fail on duplicate symbols.
 */
#include <kernel/printk.h>
#include <kernel/sched.h>

#include <stdlib.h>
#include <sys/lock.h>

#include "runtime_priv.h"

struct __lock {
	struct thread *owner; /* NULL: free */
	unsigned int depth;   /* the owner's acquisitions (recursive locks) */
	struct wait_queue waiters;
};

/* newlib's static locks, zero until first used (see lock_ready()). */
struct __lock __lock___sinit_recursive_mutex;
struct __lock __lock___sfp_recursive_mutex;
struct __lock __lock___atexit_recursive_mutex;
struct __lock __lock___at_quick_exit_mutex;
struct __lock __lock___malloc_recursive_mutex;
struct __lock __lock___env_recursive_mutex;
struct __lock __lock___tz_mutex;
struct __lock __lock___dd_hash_mutex;
struct __lock __lock___arc4random_mutex;

/* A static lock starts as zeroes: give it its wait queue on first use. */
static void lock_ready(struct __lock *l)
{
	if (!l->waiters.waiters.next)
		wq_init(&l->waiters);
}

/* Take l, sleeping while another thread holds it. The boot context must
 * never sleep (it is the idle thread), and a thread re-taking a plain
 * lock it holds would sleep forever: both are bugs, reported as such. */
static void lock_take(struct __lock *l, bool recursive)
{
	struct thread *self = thread_current();

	lock_ready(l);
	if (l->owner == self) {
		if (!recursive)
			panic("thread '%s' takes a C library lock it holds",
			      self->name);
		l->depth++;
		return;
	}
	while (l->owner) {
		if (runtime_is_boot_thread(self))
			panic("C library lock contended in the boot context");
		wq_wait(&l->waiters);
	}
	l->owner = self;
	l->depth = 1;
}

/* Returns 0 when the lock was taken, nonzero when it is busy (as
 * pthread_mutex_trylock(), which ftrylockfile() passes through). */
static int lock_try(struct __lock *l, bool recursive)
{
	struct thread *self = thread_current();

	lock_ready(l);
	if (l->owner && (l->owner != self || !recursive))
		return 1;
	if (l->owner)
		l->depth++;
	else {
		l->owner = self;
		l->depth = 1;
	}
	return 0;
}

static void lock_give(struct __lock *l)
{
	if (l->owner != thread_current())
		panic("C library lock released by a thread not holding it");
	if (--l->depth)
		return;
	l->owner = NULL;
	wq_wake_one(&l->waiters);
}

/*
 * Dynamic locks (one per FILE, made by fopen()) come from malloc. If that
 * fails, the lock is NULL and taking it does nothing: the stream then
 * relies on cooperative scheduling alone, rather than fopen() crashing.
 */
static void lock_new(_LOCK_T *lock)
{
	struct __lock *l = malloc(sizeof(*l));

	if (l) {
		l->owner = NULL;
		l->depth = 0;
		wq_init(&l->waiters);
	}
	*lock = l;
}

void __retarget_lock_init(_LOCK_T *lock)
{
	lock_new(lock);
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	lock_new(lock);
}

void __retarget_lock_close(_LOCK_T lock)
{
	free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	free(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	if (lock)
		lock_take(lock, false);
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	if (lock)
		lock_take(lock, true);
}

int __retarget_lock_try_acquire(_LOCK_T lock)
{
	return lock ? lock_try(lock, false) : 0;
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	return lock ? lock_try(lock, true) : 0;
}

void __retarget_lock_release(_LOCK_T lock)
{
	if (lock)
		lock_give(lock);
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
	if (lock)
		lock_give(lock);
}
