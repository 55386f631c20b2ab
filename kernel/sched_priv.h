/*
 * Shared by sched.c (queues, switching) and thread.c (creating threads,
 * their stacks, freeing them). Not for use elsewhere.
 */
#ifndef KERNEL_SCHED_PRIV_H
#define KERNEL_SCHED_PRIV_H

#include <arch/mm.h>
#include <kernel/sched.h>

#include "sched_queue.h"

/* Each thread owns one slot of the stack area: its stack and struct
 * thread at the top, an unmapped guard region below. */
#define STACK_SLOT (1UL << 20)
#define NR_STACK_SLOTS (STACK_AREA_SIZE / STACK_SLOT)

struct sched_state {
	struct thread *current;
	struct thread idle;    /* runs on the boot stack */
	struct sched_queues q; /* run, sleep and zombie queues */
	struct list_head all;
	unsigned int next_id;
	uint64_t slot_used[NR_STACK_SLOTS / 64];
	uint64_t armed; /* the one-shot timer's deadline, ns (0: none) */
	void (*exit_hook)(struct thread *t); /* thread_set_exit_hook() */
};
extern struct sched_state sched;

void sched_init_thread(struct thread *t, const char *name,
		       unsigned long stack_lo, unsigned long stack_hi);
void sched_free_thread(struct thread *t);
void sched_reap_zombies(void);

#endif
