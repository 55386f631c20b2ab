/*
 * The network layer's one global wake-up for poll/select and the
 * runtime's blocking socket calls: a sequence counter that moves
 * whenever any watched socket's readiness rose (net/sock_events.c) or
 * another source signals (the console, pipes, a socket's shutdown).
 * Waiters take the counter, look at what they wait for, and sleep
 * (interruptibly: a signal ends the sleep) until it moves.
 */
#include <arch/events.h>
#include <kernel/errno.h>
#include <kernel/sched.h>

#include <skiff_net.h>

static struct {
	uint64_t seq;		   /* moves on every signal */
	struct wait_queue waiters; /* net_events_wait_until() sleepers */
} ev;

/* An all-zero wait queue is set up on first use. Events masked. */
static void ev_ready(void)
{
	if (!ev.waiters.waiters.next)
		wq_init(&ev.waiters);
}

uint64_t net_events_seq(void)
{
	return READ_ONCE(ev.seq);
}

/* Safe in upcall context: events are masked around the update, so a
 * thread's read-modify-write and an upcall's never interleave. */
void net_events_signal(void)
{
	unsigned long flags = arch_events_save_disable();

	ev_ready();
	ev.seq++;
	wq_wake_all(&ev.waiters);
	arch_events_restore(flags);
}

/* Events stay masked from the check to the sleep, so a signal from an
 * event handler in between is not lost. */
int net_events_wait_until(uint64_t seq, uint64_t deadline_ns)
{
	unsigned long flags = arch_events_save_disable();
	int ret = 0;

	ev_ready();
	while (ev.seq == seq) {
		int rc = wq_wait_intr(&ev.waiters, deadline_ns);

		if (rc == -EINTR || (rc == -ETIMEDOUT && ev.seq == seq)) {
			ret = rc;
			break;
		}
	}
	arch_events_restore(flags);
	return ret;
}
