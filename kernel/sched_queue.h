/*
 * The scheduler's queues as pure data structures: the run queue, the sleep
 * queue ordered by deadline, wait queues and the zombie list. No context
 * switch, no clock and no event masking here: sched.c calls these with
 * events masked and supplies the time, and the host unit tests
 * (tests/host/test_sched_queue.c) drive them directly.
 */
#ifndef KERNEL_SCHED_QUEUE_H
#define KERNEL_SCHED_QUEUE_H

#include <kernel/sched.h>

struct sched_queues {
	struct list_head runq;	  /* runnable threads, FIFO */
	struct list_head sleepq;  /* by wake_at, earliest first */
	struct list_head zombies; /* exited detached threads to free */
};

void schedq_init(struct sched_queues *q);

/* Take t off any wait queue and the sleep queue and append it to the run
 * queue (state RUNNABLE, no deadline). */
void schedq_make_runnable(struct sched_queues *q, struct thread *t);

/* Block t: on wq's waiter list unless wq is NULL, and on the sleep queue
 * if deadline_ns is not 0 (threads with equal deadlines wake in the order
 * they blocked). Clears t->timed_out. t must not be on the run queue. */
void schedq_block(struct sched_queues *q, struct thread *t,
		  struct wait_queue *wq, uint64_t deadline_ns);

/* Make every sleeper whose deadline is <= now_ns runnable, earliest
 * first, with t->timed_out set. Returns how many woke. */
unsigned int schedq_expire(struct sched_queues *q, uint64_t now_ns);

/* The earliest deadline on the sleep queue, 0 when it is empty. */
uint64_t schedq_next_deadline(const struct sched_queues *q);

/* Remove and return the first runnable thread, NULL if there is none. */
struct thread *schedq_pick(struct sched_queues *q);

/* Make the longest waiter on wq runnable; false if wq had none. */
bool schedq_wake_one(struct sched_queues *q, struct wait_queue *wq);

/* Make every waiter on wq runnable, in the order they came; returns how
 * many. */
unsigned int schedq_wake_all(struct sched_queues *q, struct wait_queue *wq);

/* t (the running thread, on no queue) has exited: state EXITED, its
 * joiners runnable, and, if detached, onto the zombie list for the idle
 * loop to free. */
void schedq_exit(struct sched_queues *q, struct thread *t);

#endif
