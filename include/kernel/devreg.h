/*
 * The device registry that every device class (netdev, blkdev) is built
 * on: a class keeps its devices in registration order, finds them by
 * index or name, and lets users wait, with a deadline, until every
 * device's first bring-up is over ("settled": connected, or given up by
 * its driver). A class embeds a struct devreg_class, a device a struct
 * devreg_node. Thread context only; all-zero classes are valid.
 */
#ifndef KERNEL_DEVREG_H
#define KERNEL_DEVREG_H

#include <kernel/list.h>
#include <kernel/sched.h>
#include <kernel/types.h>

struct devreg_class {
	unsigned int max; /* devices at most */
	unsigned int count;
	struct list_head devs;
	struct wait_queue settle_wq; /* devreg_wait_settled() callers */
	bool ready;		     /* the list and queue are set up */
};

/* A class of at most max devices. */
#define DEVREG_CLASS(max_)                                                     \
	{                                                                      \
		.max = (max_)                                                  \
	}

struct devreg_node {
	struct list_head link;	  /* the class's list */
	struct devreg_class *cls; /* set by devreg_add() */
	const char *name;	  /* the device's, for devreg_by_name() */
	bool settled;		  /* first bring-up over */
};

/* Add n, called name, to c. Returns 0, or -ENOSPC beyond c->max. */
int devreg_add(struct devreg_class *c, struct devreg_node *n, const char *name);

/* The number of devices of c; device i in registration order (NULL past
 * the end); the device called name (NULL if none). */
unsigned int devreg_count(const struct devreg_class *c);
struct devreg_node *devreg_get(struct devreg_class *c, unsigned int i);
struct devreg_node *devreg_by_name(struct devreg_class *c, const char *name);

/* n's first bring-up is over: wake the waiters of its class. */
void devreg_settle(struct devreg_node *n);

/* Wait until every device of c has settled or deadline_ns (monotonic)
 * passes. Returns 0 or -ETIMEDOUT. */
int devreg_wait_settled(struct devreg_class *c, uint64_t deadline_ns);

#endif
