/*
 * The cooperative scheduler: switching threads, sleeping, wait queues.
 * The queues themselves are in sched_queue.c; the boot stack is the idle
 * thread, which blocks the vCPU until the next event or deadline when
 * nothing can run.
 * Every list is touched with events masked, since event handlers wake
 * threads from upcall context.
 */
#include <arch/events.h>
#include <arch/cpu.h>
#include <arch/hypercall.h>
#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/evtchn.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <kernel/uvm.h>

#include "sched_priv.h"

struct sched_state sched;

/* Wake sleepers whose deadline passed; a wq_wait_until() caller among
 * them learns it timed out. Events masked. */
static void wake_sleepers(void)
{
	if (!list_empty(&sched.q.sleepq))
		schedq_expire(&sched.q, time_monotonic_ns());
}

/* Switch to the next runnable thread (idle if none). Events masked. */
static void schedule_locked(void)
{
	struct thread *prev = sched.current, *next;

	wake_sleepers();
	next = schedq_pick(&sched.q);
	if (!next)
		next = &sched.idle;
	if (next == prev)
		return;
	sched.current = next;
	/* The limit is stored on every switch: the overflow report clears
	 * it. The idle thread runs on whatever FS base is loaded: it reads
	 * no thread-local variable, and a thread that blocks until an event
	 * then wakes pays no FS-base load either way. */
	arch_set_stack_limit(next->stack_limit);
	if (next != &sched.idle)
		arch_switch_fs(next);
	if (next->user_state)
		arch_user_switch_in(next);
	if (next->uvm)
		uvm_as_activate(next->uvm);
	arch_switch_to(&prev->rsp, next->rsp);
}

/* Called on every return to user mode, so it reads no clock: the timer's
 * event clears sched.armed when it fires, and a deadline that is armed
 * already (or comes after the one armed) needs nothing. (A PV guest's
 * rdtsc may trap to Xen: on the test host it costs more than the
 * system call's FS-base hypercalls did.) */
void sched_arm_timer(void)
{
	unsigned long flags = arch_events_save_disable();
	uint64_t next = schedq_next_deadline(&sched.q);

	if (next && (!sched.armed || next < sched.armed)) {
		arch_timer_set(next);
		sched.armed = next;
	}
	arch_events_restore(flags);
}

bool sched_preempt_pending(void)
{
	unsigned long flags = arch_events_save_disable();
	bool any;

	wake_sleepers();
	any = !list_empty(&sched.q.runq);
	arch_events_restore(flags);
	return any;
}

struct thread *thread_current(void)
{
	return sched.current;
}

bool sched_in_idle(void)
{
	return sched.current == &sched.idle;
}

void thread_yield(void)
{
	unsigned long flags = arch_events_save_disable();

	if (sched.current != &sched.idle)
		list_add_tail(&sched.current->run_link, &sched.q.runq);
	schedule_locked();
	arch_events_restore(flags);
}

void thread_sleep_until(uint64_t deadline_ns)
{
	unsigned long flags = arch_events_save_disable();
	struct thread *t = sched.current;

	/* Deadline 0 means "none" to the queues; as a time it has passed. */
	schedq_block(&sched.q, t, NULL, deadline_ns ? deadline_ns : 1);
	schedule_locked();
	arch_events_restore(flags);
}

void wq_init(struct wait_queue *wq)
{
	list_init(&wq->waiters);
}

bool wq_wait_until(struct wait_queue *wq, uint64_t deadline_ns)
{
	unsigned long flags = arch_events_save_disable();
	struct thread *t = sched.current;

	schedq_block(&sched.q, t, wq, deadline_ns);
	schedule_locked();
	arch_events_restore(flags);
	return !t->timed_out;
}

int wq_wait_intr(struct wait_queue *wq, uint64_t deadline_ns)
{
	unsigned long flags = arch_events_save_disable();
	struct thread *t = sched.current;
	int rc = -EINTR;

	if (!wq && !deadline_ns)
		panic("wq_wait_intr: nothing to wait for");
	if (!t->user_work) {
		schedq_block(&sched.q, t, wq, deadline_ns);
		t->interruptible = true;
		schedule_locked();
		t->interruptible = false;
		rc = t->user_work ? -EINTR : t->timed_out ? -ETIMEDOUT : 0;
	}
	arch_events_restore(flags);
	return rc;
}

void thread_interrupt(struct thread *t)
{
	unsigned long flags = arch_events_save_disable();

	t->user_work = true;
	if (t->state == THREAD_BLOCKED && t->interruptible)
		schedq_make_runnable(&sched.q, t);
	arch_events_restore(flags);
}

void wq_wait(struct wait_queue *wq)
{
	wq_wait_until(wq, 0);
}

void wq_wake_one(struct wait_queue *wq)
{
	unsigned long flags = arch_events_save_disable();

	schedq_wake_one(&sched.q, wq);
	arch_events_restore(flags);
}

void wq_wake_all(struct wait_queue *wq)
{
	unsigned long flags = arch_events_save_disable();

	schedq_wake_all(&sched.q, wq);
	arch_events_restore(flags);
}

/* First code of a new thread (from arch_thread_trampoline). It was
 * switched to from schedule_locked(), with events masked. */
void sched_thread_start(void) __noreturn;
void sched_thread_start(void)
{
	struct thread *t = sched.current;

	arch_events_restore(0);
	t->fn(t->arg);
	thread_exit();
}

void thread_set_exit_hook(void (*hook)(struct thread *t))
{
	sched.exit_hook = hook;
}

void thread_exit(void)
{
	struct thread *t = sched.current;
	unsigned long flags;

	if (t == &sched.idle)
		panic("the idle thread cannot exit");
	if (sched.exit_hook)
		sched.exit_hook(t);
	flags = arch_events_save_disable();
	schedq_exit(&sched.q, t);
	schedule_locked();
	(void)flags;
	panic("exited thread '%s' was scheduled", t->name);
}

int thread_join(struct thread *t)
{
	if (t == sched.current || t->detached)
		return -EINVAL;
	while (t->state != THREAD_EXITED)
		wq_wait(&t->joiners);
	sched_free_thread(t);
	return 0;
}

void thread_detach(struct thread *t)
{
	if (t->state == THREAD_EXITED && t != sched.current)
		sched_free_thread(t);
	else
		t->detached = true;
}

static void timer_event(evtchn_port_t port __unused, void *data __unused)
{
	/* The one-shot timer fired (or Xen's periodic tick did, which at
	 * worst costs one needless re-arm): nothing is armed any more. The
	 * event itself ends SCHEDOP_block; sleepers are woken by whoever
	 * schedules next. */
	sched.armed = 0;
}

void sched_resume(bool cancelled)
{
	int port;

	/* Whatever Xen had armed is gone or measured on the clock before
	 * the jump: arm again at the next schedule. */
	sched.armed = 0;
	if (cancelled)
		return;
	port = evtchn_bind_virq(VIRQ_TIMER, timer_event, NULL);
	if (port < 0)
		panic("cannot bind the timer VIRQ after resume: %d", port);
	evtchn_unmask(port);
}

void sched_init(unsigned long boot_stack_lo, unsigned long boot_stack_hi)
{
	struct thread *idle = &sched.idle;
	int port;

	schedq_init(&sched.q);
	list_init(&sched.all);
	sched_init_thread(idle, "idle", boot_stack_lo, boot_stack_hi);
	idle->tcb = &arch_boot_tcb;
	sched.current = idle;
	port = evtchn_bind_virq(VIRQ_TIMER, timer_event, NULL);
	if (port < 0)
		panic("cannot bind the timer VIRQ: %d", port);
	evtchn_unmask(port);
}

/* The idle loop: reap, run what is runnable, else block until an event
 * (at the latest at the first sleeper's deadline). */
void sched_run_idle(void)
{
	for (;;) {
		unsigned long flags;

		sched_reap_zombies();
		flags = arch_events_save_disable();
		wake_sleepers();
		if (list_empty(&sched.q.runq)) {
			sched.armed = schedq_next_deadline(&sched.q);
			arch_timer_set(sched.armed);
			/* Unmasks events atomically with blocking. */
			HYPERVISOR_sched_op(SCHEDOP_block, NULL);
		} else {
			schedule_locked();
		}
		arch_events_restore(flags);
	}
}
