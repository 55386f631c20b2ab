/*
 * Mutexes, counting semaphores and condition variables over wait queues
 * (see <kernel/sync.h>). One vCPU, cooperative threads: a thread is only
 * switched away from inside wq_wait*(), so "check, then wait" is atomic
 * between threads. Event handlers can still run anywhere, and ksem_post()
 * is allowed in them, so the semaphore checks its count and goes to sleep
 * with events masked (wq_wait_until() keeps them masked across the
 * switch, and the next thread restores its own event mask).
 */
#include <arch/events.h>
#include <kernel/errno.h>
#include <kernel/sync.h>

/* Zeroed objects are valid: give the wait queue its list head on first
 * use. Called with events masked, as an event handler may post. */
static void wq_ready(struct wait_queue *wq)
{
	if (!wq->waiters.next)
		wq_init(wq);
}

void kmutex_init(struct kmutex *m)
{
	m->owner = NULL;
	wq_init(&m->waiters);
}

bool kmutex_held(const struct kmutex *m)
{
	return m->owner == thread_current();
}

int kmutex_lock_until(struct kmutex *m, uint64_t deadline_ns)
{
	struct thread *self = thread_current();

	if (m->owner == self)
		return -EDEADLK;
	wq_ready(&m->waiters);
	/* An unlock wakes one waiter without handing the mutex over, so a
	 * woken thread may find it taken again and waits once more. A thread
	 * that timed out may still find it free and take it. */
	while (m->owner) {
		if (!wq_wait_until(&m->waiters, deadline_ns) && m->owner)
			return -ETIMEDOUT;
	}
	m->owner = self;
	return 0;
}

int kmutex_lock(struct kmutex *m)
{
	return kmutex_lock_until(m, 0);
}

int kmutex_trylock(struct kmutex *m)
{
	if (m->owner)
		return -EBUSY;
	m->owner = thread_current();
	return 0;
}

int kmutex_unlock(struct kmutex *m)
{
	if (m->owner != thread_current())
		return -EPERM;
	m->owner = NULL;
	wq_ready(&m->waiters);
	wq_wake_one(&m->waiters);
	return 0;
}

void ksem_init(struct ksem *s, unsigned int count)
{
	wq_init(&s->waiters);
	s->count = count;
}

/* Events stay masked from the count check to the sleep: a post from an
 * event handler in between would otherwise wake nobody. */
int ksem_wait_until(struct ksem *s, uint64_t deadline_ns)
{
	unsigned long flags = arch_events_save_disable();
	int ret = 0;

	wq_ready(&s->waiters);
	while (!s->count) {
		if (!wq_wait_until(&s->waiters, deadline_ns) && !s->count) {
			ret = -ETIMEDOUT;
			break;
		}
	}
	if (!ret)
		s->count--;
	arch_events_restore(flags);
	return ret;
}

void ksem_wait(struct ksem *s)
{
	ksem_wait_until(s, 0);
}

int ksem_trywait(struct ksem *s)
{
	unsigned long flags = arch_events_save_disable();
	int ret = -EAGAIN;

	if (s->count) {
		s->count--;
		ret = 0;
	}
	arch_events_restore(flags);
	return ret;
}

int ksem_post(struct ksem *s)
{
	unsigned long flags = arch_events_save_disable();
	int ret = -EOVERFLOW;

	wq_ready(&s->waiters);
	if (s->count != (unsigned int)-1) {
		s->count++;
		wq_wake_one(&s->waiters);
		ret = 0;
	}
	arch_events_restore(flags);
	return ret;
}

void kcond_init(struct kcond *c)
{
	wq_init(&c->waiters);
}

/* Between the unlock and the sleep no other thread runs (the unlock only
 * makes a waiter runnable), so a signal sent by whoever takes m next
 * cannot be missed. */
int kcond_wait_until(struct kcond *c, struct kmutex *m, uint64_t deadline_ns)
{
	bool woken;

	if (m->owner != thread_current())
		return -EPERM;
	wq_ready(&c->waiters);
	kmutex_unlock(m);
	woken = wq_wait_until(&c->waiters, deadline_ns);
	kmutex_lock(m);
	return woken ? 0 : -ETIMEDOUT;
}

int kcond_wait(struct kcond *c, struct kmutex *m)
{
	return kcond_wait_until(c, m, 0);
}

void kcond_signal(struct kcond *c)
{
	unsigned long flags = arch_events_save_disable();

	wq_ready(&c->waiters);
	wq_wake_one(&c->waiters);
	arch_events_restore(flags);
}

void kcond_broadcast(struct kcond *c)
{
	unsigned long flags = arch_events_save_disable();

	wq_ready(&c->waiters);
	wq_wake_all(&c->waiters);
	arch_events_restore(flags);
}
