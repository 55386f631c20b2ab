/*
 * Sleeping synchronisation for kernel threads (drivers, the lwIP port,
 * the runtime's pthreads): a mutex, a counting semaphore and a condition
 * variable, built on the scheduler's wait queues. An all-zero object is a
 * valid initial one (an unlocked mutex, a semaphore at 0, a condition
 * nobody waits on), so static objects need no init call.
 *
 * Threads are cooperative on one vCPU: nothing here needs atomics. Only
 * ksem_post() may be called from an event handler (upcall context);
 * everything else is for threads. Deadlines are monotonic-clock
 * nanoseconds (time_monotonic_ns()); 0 means none.
 */
#ifndef KERNEL_SYNC_H
#define KERNEL_SYNC_H

#include <kernel/sched.h>
#include <kernel/types.h>

struct kmutex {
	struct thread *owner; /* NULL: unlocked */
	struct wait_queue waiters;
};

struct ksem {
	struct wait_queue waiters;
	unsigned int count;
};

struct kcond {
	struct wait_queue waiters;
};

void kmutex_init(struct kmutex *m);
/* Take m, sleeping while another thread holds it, at most until
 * deadline_ns. Returns 0, -ETIMEDOUT, or -EDEADLK if the caller already
 * holds m (mutexes are not recursive). */
int kmutex_lock_until(struct kmutex *m, uint64_t deadline_ns);
/* kmutex_lock_until() without deadline. */
int kmutex_lock(struct kmutex *m);
/* Take m if it is free. Returns 0 or -EBUSY (also when the caller holds
 * it). */
int kmutex_trylock(struct kmutex *m);
/* Release m and wake one waiter. Returns 0, or -EPERM if the caller does
 * not hold m. */
int kmutex_unlock(struct kmutex *m);
/* Whether the calling thread holds m. */
bool kmutex_held(const struct kmutex *m);

void ksem_init(struct ksem *s, unsigned int count);
/* Take one unit, sleeping while the count is 0, at most until
 * deadline_ns. Returns 0 or -ETIMEDOUT. */
int ksem_wait_until(struct ksem *s, uint64_t deadline_ns);
void ksem_wait(struct ksem *s);
/* Take one unit if there is one. Returns 0 or -EAGAIN. */
int ksem_trywait(struct ksem *s);
/* Add one unit and wake one waiter. Safe in upcall context. Returns 0, or
 * -EOVERFLOW when the count is at its maximum. */
int ksem_post(struct ksem *s);

void kcond_init(struct kcond *c);
/* Release m (held by the caller), sleep until signalled or deadline_ns,
 * then take m again (also after a timeout, without deadline). Returns 0,
 * -ETIMEDOUT, or -EPERM if the caller does not hold m. Wake-ups may be
 * spurious: callers re-check their condition in a loop. */
int kcond_wait_until(struct kcond *c, struct kmutex *m, uint64_t deadline_ns);
int kcond_wait(struct kcond *c, struct kmutex *m);
/* Wake one waiter / all waiters. For threads: a signal from an event
 * handler could fall between a waiter's check and its sleep and be lost;
 * handlers post a ksem instead. */
void kcond_signal(struct kcond *c);
void kcond_broadcast(struct kcond *c);

#endif
