/*
 * Tests of kernel/sync.c (mutex, semaphore, condition variable) on the
 * real queue code of kernel/sched_queue.c, with a small cooperative
 * scheduler of the test's own: threads are ucontexts, the clock is a
 * counter that jumps to the next deadline when every thread is blocked,
 * and "event handlers" run in the test's driver loop between threads.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include <arch/events.h>
#include <kernel/errno.h>
#include <kernel/sync.h>

#include "../../kernel/sched_queue.h"
#include "check.h"

#define MAX_THREADS 8
#define STACK (128 * 1024)

static struct {
	struct sched_queues q;
	struct thread th[MAX_THREADS];
	ucontext_t ctx[MAX_THREADS];
	void *stack[MAX_THREADS];
	ucontext_t driver;
	struct thread *current;
	int nthreads;
	uint64_t now;
	unsigned long masked;	    /* the simulated event mask */
	unsigned long masked_waits; /* waits entered with events masked */
	void (*fn[MAX_THREADS])(int);
} sim;

/* --- The scheduler shim sync.c links against ------------------------- */

struct thread *thread_current(void)
{
	return sim.current;
}

unsigned long arch_events_save_disable(void)
{
	unsigned long old = sim.masked;

	sim.masked = 1;
	return old;
}

void arch_events_restore(unsigned long flags)
{
	sim.masked = flags;
}

void wq_init(struct wait_queue *wq)
{
	list_init(&wq->waiters);
}

/* Back to the driver loop; returns when this thread is picked again.
 * The event mask belongs to the context, as in the kernel, where every
 * thread restores its own on its way out of the switch. */
static void switch_away(void)
{
	struct thread *self = sim.current;
	unsigned long mask = sim.masked;

	swapcontext(&sim.ctx[self - sim.th], &sim.driver);
	sim.masked = mask;
}

bool wq_wait_until(struct wait_queue *wq, uint64_t deadline_ns)
{
	struct thread *self = sim.current;

	sim.masked_waits += sim.masked;
	schedq_block(&sim.q, self, wq, deadline_ns);
	switch_away();
	return !self->timed_out;
}

void wq_wake_one(struct wait_queue *wq)
{
	schedq_wake_one(&sim.q, wq);
}

void wq_wake_all(struct wait_queue *wq)
{
	schedq_wake_all(&sim.q, wq);
}

/* --- The test's side of the scheduler ------------------------------------ */

static void yield(void)
{
	schedq_make_runnable(&sim.q, sim.current);
	switch_away();
}

/* Sleep until the simulated clock reaches t. */
static void sleep_until(uint64_t t)
{
	schedq_block(&sim.q, sim.current, NULL, t);
	switch_away();
}

static void entry(int i)
{
	sim.fn[i](i);
	schedq_exit(&sim.q, &sim.th[i]);
	switch_away();
}

static void reset(void)
{
	memset(sim.th, 0, sizeof(sim.th));
	schedq_init(&sim.q);
	sim.nthreads = 0;
	sim.now = 1;
	sim.masked = 0;
	sim.masked_waits = 0;
}

static void spawn(void (*fn)(int))
{
	int i = sim.nthreads++;
	struct thread *t = &sim.th[i];

	if (!sim.stack[i])
		sim.stack[i] = malloc(STACK);
	list_init(&t->run_link);
	list_init(&t->sleep_link);
	list_init(&t->joiners.waiters);
	t->id = (unsigned int)i;
	sim.fn[i] = fn;
	getcontext(&sim.ctx[i]);
	sim.ctx[i].uc_stack.ss_sp = sim.stack[i];
	sim.ctx[i].uc_stack.ss_size = STACK;
	sim.ctx[i].uc_link = NULL;
	makecontext(&sim.ctx[i], (void (*)(void))entry, 1, i);
	list_add_tail(&t->run_link, &sim.q.runq);
}

/* Run until nothing can run; an idle step advances the clock to the next
 * deadline, then calls handler (an "event handler") if there is one.
 * Returns how many threads have not exited. */
static int run(void (*handler)(void))
{
	int i, left = 0;

	for (;;) {
		struct thread *t = schedq_pick(&sim.q);

		if (t) {
			sim.current = t;
			swapcontext(&sim.driver, &sim.ctx[t - sim.th]);
			sim.current = NULL;
			sim.masked = 0; /* the driver runs unmasked */
			continue;
		}
		if (handler) {
			handler();
			handler = NULL;
			continue;
		}
		if (!schedq_next_deadline(&sim.q))
			break;
		sim.now = schedq_next_deadline(&sim.q);
		schedq_expire(&sim.q, sim.now);
	}
	for (i = 0; i < sim.nthreads; i++)
		left += sim.th[i].state != THREAD_EXITED;
	return left;
}

/* --- Tests ---------------------------------------------------------------- */

static struct {
	struct kmutex m;
	struct ksem s;
	struct kcond c;
	int inside, max_inside, count, ready;
	int ret[16];
	uint64_t at[16];
} t;

static void reset_all(void)
{
	reset();
	memset(&t, 0, sizeof(t)); /* zeroed objects must be valid */
}

/* Even threads relock right after unlocking, before the waiter they woke
 * runs: that waiter must find the mutex taken again and keep waiting. */
static void contender(int i)
{
	int n;

	for (n = 0; n < 100; n++) {
		kmutex_lock(&t.m);
		if (++t.inside > t.max_inside)
			t.max_inside = t.inside;
		yield(); /* others run while this one holds the mutex */
		t.count++;
		t.inside--;
		kmutex_unlock(&t.m);
		if (i % 2)
			yield();
	}
}

static void mutex_excludes(void)
{
	int i;

	reset_all();
	for (i = 0; i < 4; i++)
		spawn(contender);
	CHECK_EQ_I64(run(NULL), 0);
	CHECK_EQ_I64(t.count, 400);
	CHECK_EQ_I64(t.max_inside, 1);
}

static void misuse(int i)
{
	if (i == 0) {
		t.ret[0] = kmutex_lock(&t.m);
		t.ret[1] = kmutex_lock(&t.m);
		t.ret[2] = kmutex_trylock(&t.m);
		sleep_until(100);
		t.ret[3] = kmutex_unlock(&t.m);
		t.ret[4] = kmutex_unlock(&t.m);
	} else {
		t.ret[5] = kmutex_unlock(&t.m); /* not ours */
		t.ret[6] = kmutex_lock_until(&t.m, 50);
		t.at[6] = sim.now;
		t.ret[7] = kmutex_lock_until(&t.m, 200);
		t.at[7] = sim.now;
		t.ret[8] = kmutex_held(&t.m);
	}
}

static void mutex_errors_and_deadlines(void)
{
	reset_all();
	spawn(misuse);
	spawn(misuse);
	CHECK_EQ_I64(run(NULL), 0);
	CHECK_EQ_I64(t.ret[0], 0);
	CHECK_EQ_I64(t.ret[1], -EDEADLK);
	CHECK_EQ_I64(t.ret[2], -EBUSY);
	CHECK_EQ_I64(t.ret[3], 0);
	CHECK_EQ_I64(t.ret[4], -EPERM);
	CHECK_EQ_I64(t.ret[5], -EPERM);
	CHECK_EQ_I64(t.ret[6], -ETIMEDOUT);
	CHECK_EQ_U64(t.at[6], 50);
	CHECK_EQ_I64(t.ret[7], 0); /* handed over at the unlock at 100 */
	CHECK_EQ_U64(t.at[7], 100);
	CHECK_EQ_I64(t.ret[8], 1);
}

static void sem_taker(int i)
{
	t.ret[i] = ksem_wait_until(&t.s, i == 2 ? 30 : 0);
	t.at[i] = sim.now;
	t.ret[8 + i] = (int)sim.masked; /* restored after the wait */
}

/* The "event handler": posts twice from outside any thread. */
static void post_twice(void)
{
	t.ret[5] = ksem_post(&t.s);
	t.ret[6] = ksem_post(&t.s);
}

static void semaphore(void)
{
	reset_all();
	CHECK_EQ_I64(ksem_trywait(&t.s), -EAGAIN);
	spawn(sem_taker);
	spawn(sem_taker);
	spawn(sem_taker); /* thread 2 gives up at 30 */
	CHECK_EQ_I64(run(post_twice), 0);
	CHECK_EQ_I64(t.ret[0], 0);
	CHECK_EQ_I64(t.ret[1], 0);
	CHECK_EQ_I64(t.ret[2], -ETIMEDOUT);
	CHECK_EQ_U64(t.at[2], 30);
	CHECK(t.ret[5] == 0 && t.ret[6] == 0);
	CHECK_EQ_U64(t.s.count, 0);
	/* Every wait began with events masked (the post-safety promise). */
	CHECK_EQ_U64(sim.masked_waits, 3);
	CHECK(t.ret[8] == 0 && t.ret[9] == 0 && t.ret[10] == 0);
	t.s.count = UINT_MAX;
	CHECK_EQ_I64(ksem_post(&t.s), -EOVERFLOW);
}

static void waiter(int i)
{
	kmutex_lock(&t.m);
	while (!t.ready)
		kcond_wait(&t.c, &t.m);
	t.count++;
	t.ret[i] = kmutex_held(&t.m);
	kmutex_unlock(&t.m);
}

static void broadcaster(int i)
{
	(void)i;
	yield(); /* let the waiters block first */
	kmutex_lock(&t.m);
	t.ready = 1;
	kcond_broadcast(&t.c);
	kmutex_unlock(&t.m);
}

static void condition_broadcast(void)
{
	reset_all();
	spawn(waiter);
	spawn(waiter);
	spawn(waiter);
	spawn(broadcaster);
	CHECK_EQ_I64(run(NULL), 0);
	CHECK_EQ_I64(t.count, 3);
	CHECK(t.ret[0] == 1 && t.ret[1] == 1 && t.ret[2] == 1);
}

static void timed_waiter(int i)
{
	(void)i;
	t.ret[0] = kcond_wait(&t.c, &t.m); /* not holding m */
	kmutex_lock(&t.m);
	t.ret[1] = kcond_wait_until(&t.c, &t.m, 70);
	t.at[1] = sim.now;
	t.ret[2] = kmutex_held(&t.m);
	kmutex_unlock(&t.m);
}

static void condition_timeout(void)
{
	reset_all();
	spawn(timed_waiter);
	CHECK_EQ_I64(run(NULL), 0);
	CHECK_EQ_I64(t.ret[0], -EPERM);
	CHECK_EQ_I64(t.ret[1], -ETIMEDOUT);
	CHECK_EQ_U64(t.at[1], 70);
	CHECK_EQ_I64(t.ret[2], 1);
}

CHECK_MAIN("sync", CHECK_TEST(mutex_excludes),
	   CHECK_TEST(mutex_errors_and_deadlines), CHECK_TEST(semaphore),
	   CHECK_TEST(condition_broadcast), CHECK_TEST(condition_timeout))
