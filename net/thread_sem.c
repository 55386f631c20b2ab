/*
 * One semaphore per thread for lwIP's netconn calls
 * (LWIP_NETCONN_SEM_PER_THREAD, which full-duplex sockets need: a
 * socket used by several threads at once, one reading, one writing, one
 * closing, must not share one completion semaphore among them). A
 * thread's semaphore is made the first time it calls into lwIP and freed
 * when it exits (a THREAD_EXITCALL, which the runtime's thread-exit hook
 * runs while the net unit is linked).
 *
 * struct thread has no field for the network layer, so the semaphores
 * hang off a small hash table keyed by the thread. Cooperative threads
 * on one vCPU: no lock.
 */
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sync.h>

#include <stdint.h>
#include <stdlib.h>

#include "lwip/sys.h"

#define SEM_BUCKETS 64

struct thread_sem {
	struct thread *t;
	struct ksem sem;
	sys_sem_t handle; /* &sem: what lwIP is given a pointer to */
	struct thread_sem *next;
};

static struct {
	struct thread_sem *bucket[SEM_BUCKETS];
} tsem;

/* Threads sit in 1 MiB stack slots (docs/design.md): the slot number
 * tells them apart. */
static struct thread_sem **bucket_of(const struct thread *t)
{
	return &tsem.bucket[((uintptr_t)t >> 20) % SEM_BUCKETS];
}

sys_sem_t *net_thread_sem(void)
{
	struct thread *t = thread_current();
	struct thread_sem **b = bucket_of(t), *ts;

	for (ts = *b; ts; ts = ts->next)
		if (ts->t == t)
			return &ts->handle;
	ts = malloc(sizeof(*ts));
	if (!ts)
		panic("net: no memory for thread '%s''s semaphore", t->name);
	ts->t = t;
	ksem_init(&ts->sem, 0);
	ts->handle = &ts->sem;
	ts->next = *b;
	*b = ts;
	return &ts->handle;
}

/* Thread t is exiting: free its semaphore, if it made one. */
static void net_thread_exit(struct thread *t)
{
	struct thread_sem **pp, *ts;

	for (pp = bucket_of(t); (ts = *pp); pp = &ts->next) {
		if (ts->t == t) {
			*pp = ts->next;
			free(ts);
			return;
		}
	}
}
THREAD_EXITCALL(net_thread_exit);
