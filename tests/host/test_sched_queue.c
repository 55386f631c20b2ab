/*
 * Tests of kernel/sched_queue.c: the scheduler's run queue, its sleep
 * queue ordered by deadline, wait queues and the exit/join hand-off. The
 * threads are plain structs here: nothing is switched to, the tests only
 * check which queue each thread is on and in which order.
 */
#include <stdlib.h>
#include <string.h>

#include "../../kernel/sched_queue.h"
#include "check.h"

#define N 8

static struct sched_queues q;
static struct thread th[N];

/* wq_init() lives in sched.c, which the host does not link. */
static void wq_init_host(struct wait_queue *wq)
{
	list_init(&wq->waiters);
}

static void reset(void)
{
	size_t i;

	memset(th, 0, sizeof(th));
	schedq_init(&q);
	for (i = 0; i < N; i++) {
		th[i].id = (unsigned int)i;
		th[i].state = THREAD_RUNNABLE;
		list_init(&th[i].run_link);
		list_init(&th[i].sleep_link);
		wq_init_host(&th[i].joiners);
	}
}

/* Pop the run queue into ids[]; returns how many threads it held. */
static size_t drain(unsigned int *ids, size_t max)
{
	struct thread *t;
	size_t n = 0;

	while ((t = schedq_pick(&q)) && n < max)
		ids[n++] = t->id;
	return n;
}

static void sleepers_wake_in_deadline_order(void)
{
	unsigned int ids[N];

	reset();
	schedq_block(&q, &th[0], NULL, 30);
	schedq_block(&q, &th[1], NULL, 10);
	schedq_block(&q, &th[2], NULL, 20);
	schedq_block(&q, &th[3], NULL, 10); /* same deadline, later */
	CHECK_EQ_U64(schedq_next_deadline(&q), 10);
	CHECK_EQ_U64(schedq_expire(&q, 9), 0);
	CHECK(schedq_pick(&q) == NULL);
	CHECK_EQ_U64(schedq_expire(&q, 15), 2);
	CHECK(th[1].timed_out && th[3].timed_out && !th[2].timed_out);
	CHECK_EQ_U64(schedq_next_deadline(&q), 20);
	CHECK_EQ_U64(drain(ids, N), 2);
	CHECK(ids[0] == 1 && ids[1] == 3);
	CHECK_EQ_U64(schedq_expire(&q, 1000), 2);
	CHECK_EQ_U64(drain(ids, N), 2);
	CHECK(ids[0] == 2 && ids[1] == 0);
	CHECK_EQ_U64(schedq_next_deadline(&q), 0);
	CHECK(th[0].state == THREAD_RUNNABLE && th[0].wake_at == 0);
}

static void wake_one_is_fifo_and_cancels_the_deadline(void)
{
	struct wait_queue wq;
	unsigned int ids[N];

	reset();
	wq_init_host(&wq);
	schedq_block(&q, &th[4], &wq, 50);
	schedq_block(&q, &th[5], &wq, 0);
	schedq_block(&q, &th[6], &wq, 0);
	CHECK(th[4].state == THREAD_BLOCKED);
	CHECK(schedq_wake_one(&q, &wq));
	CHECK(th[4].state == THREAD_RUNNABLE && !th[4].timed_out);
	CHECK_EQ_U64(schedq_next_deadline(&q), 0);
	/* A later expiry must not touch the woken thread again. */
	CHECK_EQ_U64(schedq_expire(&q, 100), 0);
	CHECK_EQ_U64(schedq_wake_all(&q, &wq), 2);
	CHECK(!schedq_wake_one(&q, &wq));
	CHECK_EQ_U64(drain(ids, N), 3);
	CHECK(ids[0] == 4 && ids[1] == 5 && ids[2] == 6);
}

static void timeout_takes_the_waiter_off_its_wait_queue(void)
{
	struct wait_queue wq;

	reset();
	wq_init_host(&wq);
	schedq_block(&q, &th[0], &wq, 10);
	schedq_block(&q, &th[1], &wq, 0);
	CHECK_EQ_U64(schedq_expire(&q, 10), 1);
	CHECK(th[0].timed_out);
	/* Only th[1] is left to wake. */
	CHECK(schedq_wake_one(&q, &wq));
	CHECK(!schedq_wake_one(&q, &wq));
	CHECK(!th[1].timed_out);
	CHECK(schedq_pick(&q) == &th[0]);
	CHECK(schedq_pick(&q) == &th[1]);
	CHECK(schedq_pick(&q) == NULL);
}

static void exit_wakes_joiners_and_queues_detached_zombies(void)
{
	reset();
	schedq_block(&q, &th[1], &th[0].joiners, 0);
	schedq_block(&q, &th[2], &th[0].joiners, 0);
	schedq_exit(&q, &th[0]);
	CHECK(th[0].state == THREAD_EXITED);
	CHECK(list_empty(&q.zombies)); /* joinable: the joiner frees it */
	CHECK(schedq_pick(&q) == &th[1]);
	CHECK(schedq_pick(&q) == &th[2]);
	th[3].detached = true;
	schedq_exit(&q, &th[3]);
	CHECK(!list_empty(&q.zombies));
	CHECK(list_first(&q.zombies, struct thread, run_link) == &th[3]);
	CHECK(schedq_pick(&q) == NULL);
}

/* Many sleepers with random deadlines, expired at random growing times:
 * each wakes exactly once, in the first expiry at or after its deadline,
 * and within one expiry in deadline order. */
static void random_deadlines(void)
{
	enum { M = 500 };
	static struct thread t[M];
	static uint64_t deadline[M];
	static bool woke[M];
	uint64_t now = 0;
	size_t i, woken = 0;

	schedq_init(&q);
	srand(12345);
	for (i = 0; i < M; i++) {
		memset(&t[i], 0, sizeof(t[i]));
		list_init(&t[i].run_link);
		list_init(&t[i].sleep_link);
		deadline[i] = 1 + (uint64_t)(rand() % 10000);
		woke[i] = false;
		schedq_block(&q, &t[i], NULL, deadline[i]);
	}
	while (woken < M) {
		uint64_t prev = now, last = 0;
		struct thread *p;

		now += (uint64_t)(rand() % 300);
		schedq_expire(&q, now);
		while ((p = schedq_pick(&q))) {
			size_t k = (size_t)(p - t);

			if (!CHECK(!woke[k]) || !CHECK(p->timed_out) ||
			    !CHECK(deadline[k] <= now && deadline[k] > prev) ||
			    !CHECK(deadline[k] >= last))
				return;
			woke[k] = true;
			last = deadline[k];
			woken++;
		}
	}
	CHECK_EQ_U64(schedq_next_deadline(&q), 0);
}

CHECK_MAIN("sched_queue", CHECK_TEST(sleepers_wake_in_deadline_order),
	   CHECK_TEST(wake_one_is_fifo_and_cancels_the_deadline),
	   CHECK_TEST(timeout_takes_the_waiter_off_its_wait_queue),
	   CHECK_TEST(exit_wakes_joiners_and_queues_detached_zombies),
	   CHECK_TEST(random_deadlines))
