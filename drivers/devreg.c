/*
 * The device registry under every device class (<kernel/devreg.h>): the
 * list of a class's devices, lookups, and the bounded wait until every
 * device has settled. The classes (netdev.c, blkdev.c) add what is
 * theirs on top.
 */
#include <kernel/devreg.h>
#include <kernel/errno.h>
#include <kernel/string.h>

/* Classes are static and all-zero until their first use. */
static void setup(struct devreg_class *c)
{
	if (c->ready)
		return;
	list_init(&c->devs);
	wq_init(&c->settle_wq);
	c->ready = true;
}

int devreg_add(struct devreg_class *c, struct devreg_node *n, const char *name)
{
	setup(c);
	if (c->live >= c->max || c->count >= DEVREG_SLOTS(c->max))
		return -ENOSPC;
	n->cls = c;
	n->name = name;
	n->removed = false;
	list_add_tail(&n->link, &c->devs);
	c->count++;
	c->live++;
	return 0;
}

void devreg_remove(struct devreg_node *n)
{
	if (n->removed || !n->cls)
		return;
	n->removed = true;
	n->cls->live--;
	devreg_settle(n);
}

unsigned int devreg_count(const struct devreg_class *c)
{
	return c->count;
}

struct devreg_node *devreg_get(struct devreg_class *c, unsigned int i)
{
	struct list_head *p;

	if (i >= c->count)
		return NULL;
	list_for_each(p, &c->devs) {
		if (i-- == 0)
			return list_entry(p, struct devreg_node, link);
	}
	return NULL;
}

struct devreg_node *devreg_by_name(struct devreg_class *c, const char *name)
{
	struct list_head *p;

	if (!c->ready)
		return NULL;
	list_for_each(p, &c->devs) {
		struct devreg_node *n = list_entry(p, struct devreg_node, link);

		if (!n->removed && n->name && !strcmp(n->name, name))
			return n;
	}
	return NULL;
}

void devreg_settle(struct devreg_node *n)
{
	n->settled = true;
	if (n->cls && n->cls->ready)
		wq_wake_all(&n->cls->settle_wq);
}

static bool all_settled(struct devreg_class *c)
{
	struct list_head *p;

	list_for_each(p, &c->devs) {
		if (!list_entry(p, struct devreg_node, link)->settled)
			return false;
	}
	return true;
}

int devreg_wait_settled(struct devreg_class *c, uint64_t deadline_ns)
{
	setup(c);
	/* Threads are cooperative: nothing settles between the check and
	 * the sleep unless an upcall does it, and drivers settle devices
	 * from threads only. */
	while (!all_settled(c))
		if (!wq_wait_until(&c->settle_wq, deadline_ns))
			return all_settled(c) ? 0 : -ETIMEDOUT;
	return 0;
}
