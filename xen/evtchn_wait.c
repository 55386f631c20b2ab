/*
 * Waiting for events from thread context, for apps and for code that has
 * no handler of its own: a listened port's handler only counts and wakes;
 * evtchn_wait() takes the count. A few listeners are plenty for the ports
 * an app opens itself (devices have real handlers).
 */
#include <arch/events.h>
#include <kernel/errno.h>
#include <kernel/evtchn.h>
#include <kernel/sched.h>
#include <kernel/time.h>

#define EVTCHN_LISTENERS 8

/* A slot is free when neither used nor waited on: a port closed under a
 * waiter keeps its slot (and wait queue) until the waiter has left. */
struct listener {
	bool used;
	evtchn_port_t port;
	unsigned int waiters; /* threads inside evtchn_wait() on it */
	unsigned long count;  /* events since the last evtchn_wait() */
	struct wait_queue wq;
};

static struct {
	struct listener l[EVTCHN_LISTENERS];
} evw;

/* Upcall context: count and wake, nothing more. */
static void count_event(evtchn_port_t port __unused, void *data)
{
	struct listener *l = data;

	l->count++;
	wq_wake_all(&l->wq);
}

static struct listener *find(evtchn_port_t port)
{
	unsigned int i;

	for (i = 0; i < EVTCHN_LISTENERS; i++)
		if (evw.l[i].used && evw.l[i].port == port)
			return &evw.l[i];
	return NULL;
}

int evtchn_listen(unsigned int port)
{
	unsigned int i;
	int rc;

	if (find(port))
		return -EBUSY;
	for (i = 0; i < EVTCHN_LISTENERS && (evw.l[i].used || evw.l[i].waiters);
	     i++)
		;
	if (i == EVTCHN_LISTENERS)
		return -ENOSPC;
	evw.l[i] = (struct listener){.used = true, .port = port};
	wq_init(&evw.l[i].wq);
	if ((rc = evtchn_bind(port, count_event, &evw.l[i]))) {
		evw.l[i].used = false;
		return rc;
	}
	evtchn_unmask(port);
	return 0;
}

long evtchn_wait(unsigned int port, unsigned long timeout_ms)
{
	/* Beyond ~11 days counts as forever (and cannot overflow). */
	uint64_t ns = MIN(timeout_ms, 1000000000UL) * 1000000ULL;
	uint64_t deadline = time_monotonic_ns() + ns;
	struct listener *l = find(port);
	unsigned long flags, n;
	bool closed = false;

	if (!l)
		return -EINVAL;
	/* Events off between looking at the count and queueing ourselves,
	 * or an event in that gap would wake nobody. wq_wait_until() keeps
	 * them off around its own switch and returns with them still off. */
	flags = arch_events_save_disable();
	l->waiters++;
	while (l->used && !l->count && wq_wait_until(&l->wq, deadline))
		;
	l->waiters--;
	n = l->used ? l->count : 0;
	if (l->used)
		l->count = 0;
	else
		closed = true;
	arch_events_restore(flags);
	return n ? (long)n : closed ? -EINVAL : -ETIMEDOUT;
}

/* The port is closing: its waiters wake and return -EINVAL (not
 * listened to any more); the slot is free once they have left. */
void evtchn_listen_forget(evtchn_port_t port)
{
	struct listener *l = find(port);
	unsigned long flags;

	if (!l)
		return;
	flags = arch_events_save_disable();
	l->used = false;
	wq_wake_all(&l->wq);
	arch_events_restore(flags);
}
