/*
 * The device registry that every device class (netdev, blkdev) is built
 * on: a class keeps its devices in registration order, finds them by
 * index or name, and lets users wait, with a deadline, until every
 * device's first bring-up is over ("settled": connected, or given up by
 * its driver). A class embeds a struct devreg_class, a device a struct
 * devreg_node. Thread context only; all-zero classes are valid.
 *
 * A device unplugged at run time (xl network-detach, block-detach) is
 * removed: it keeps its index, so that a handle or pointer a user still
 * holds never reaches a device attached later, and name lookups no
 * longer find it. Its node (and the driver's struct around it) stays
 * in memory for good; a class therefore takes DEVREG_SLOTS(max)
 * registrations in its life, of which max at most at a time.
 */
#ifndef KERNEL_DEVREG_H
#define KERNEL_DEVREG_H

#include <kernel/list.h>
#include <kernel/sched.h>
#include <kernel/types.h>

/* Registrations in a class's life: devices attached at run time take new
 * indices, the removed ones keep theirs. */
#define DEVREG_SLOTS(max) (4 * (max))

struct devreg_class {
	unsigned int max;   /* devices present at most */
	unsigned int count; /* registered ever: the next index */
	unsigned int live;  /* registered and not removed */
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
	bool removed;		  /* unplugged: users get ENXIO / ENODEV */
};

/* Add n, called name, to c. Returns 0, or -ENOSPC beyond c->max devices
 * present or DEVREG_SLOTS(c->max) registrations. */
int devreg_add(struct devreg_class *c, struct devreg_node *n, const char *name);

/* n was unplugged: it keeps its index and memory, lookups by name skip
 * it, and it counts as settled. */
void devreg_remove(struct devreg_node *n);

/* The number of registrations of c (removed devices included); device i
 * in registration order (NULL past the end; check ->removed); the device
 * present called name (NULL if none). */
unsigned int devreg_count(const struct devreg_class *c);
struct devreg_node *devreg_get(struct devreg_class *c, unsigned int i);
struct devreg_node *devreg_by_name(struct devreg_class *c, const char *name);

/* n's first bring-up is over: wake the waiters of its class. */
void devreg_settle(struct devreg_node *n);

/* Wait until every device of c has settled or deadline_ns (monotonic)
 * passes. Returns 0 or -ETIMEDOUT. */
int devreg_wait_settled(struct devreg_class *c, uint64_t deadline_ns);

#endif
