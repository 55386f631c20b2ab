/*
 * The scheduler's queues (see sched_queue.h): which thread runs next,
 * which sleepers are due, who waits on what. Pure list manipulation, so
 * that the host unit tests link this very file. The caller provides
 * mutual exclusion (sched.c masks events around every call).
 */
#include <kernel/list.h>
#include <kernel/sched.h>

#include "sched_queue.h"

void schedq_init(struct sched_queues *q)
{
	list_init(&q->runq);
	list_init(&q->sleepq);
	list_init(&q->zombies);
}

void schedq_make_runnable(struct sched_queues *q, struct thread *t)
{
	list_del(&t->sleep_link);
	list_del(&t->run_link); /* off a wait queue, if on one */
	t->wake_at = 0;
	t->state = THREAD_RUNNABLE;
	list_add_tail(&t->run_link, &q->runq);
}

/* Insert t before the first sleeper due strictly later, so equal
 * deadlines keep their blocking order. */
static void sleep_insert(struct sched_queues *q, struct thread *t,
			 uint64_t deadline_ns)
{
	struct list_head *pos;

	t->wake_at = deadline_ns;
	list_for_each(pos, &q->sleepq) {
		if (list_entry(pos, struct thread, sleep_link)->wake_at >
		    deadline_ns)
			break;
	}
	list_add_tail(&t->sleep_link, pos); /* i.e. before pos */
}

void schedq_block(struct sched_queues *q, struct thread *t,
		  struct wait_queue *wq, uint64_t deadline_ns)
{
	t->state = THREAD_BLOCKED;
	t->timed_out = false;
	if (wq)
		list_add_tail(&t->run_link, &wq->waiters);
	if (deadline_ns)
		sleep_insert(q, t, deadline_ns);
}

unsigned int schedq_expire(struct sched_queues *q, uint64_t now_ns)
{
	unsigned int n = 0;

	while (!list_empty(&q->sleepq)) {
		struct thread *t =
		    list_first(&q->sleepq, struct thread, sleep_link);

		if (t->wake_at > now_ns)
			break;
		schedq_make_runnable(q, t);
		t->timed_out = true; /* after: make_runnable keeps it */
		n++;
	}
	return n;
}

uint64_t schedq_next_deadline(const struct sched_queues *q)
{
	if (list_empty(&q->sleepq))
		return 0;
	return list_first(&q->sleepq, struct thread, sleep_link)->wake_at;
}

struct thread *schedq_pick(struct sched_queues *q)
{
	struct thread *t;

	if (list_empty(&q->runq))
		return NULL;
	t = list_first(&q->runq, struct thread, run_link);
	list_del(&t->run_link);
	return t;
}

bool schedq_wake_one(struct sched_queues *q, struct wait_queue *wq)
{
	if (list_empty(&wq->waiters))
		return false;
	schedq_make_runnable(q,
			     list_first(&wq->waiters, struct thread, run_link));
	return true;
}

unsigned int schedq_wake_all(struct sched_queues *q, struct wait_queue *wq)
{
	unsigned int n = 0;

	while (schedq_wake_one(q, wq))
		n++;
	return n;
}

void schedq_exit(struct sched_queues *q, struct thread *t)
{
	t->state = THREAD_EXITED;
	schedq_wake_all(q, &t->joiners);
	if (t->detached)
		list_add_tail(&t->run_link, &q->zombies);
}
