/*
 * epoll's items and its choice of events (epoll_set.h). Items live in a
 * fixed array of slots, the lowest free one taken first; everything
 * looks only below the high-water mark hi, so a set of a few fds costs a
 * few slots whatever the table's size. A scan goes round [0, hi) from a
 * cursor, so a scan cut short by maxevents resumes with the items it did
 * not reach.
 */
#include <kernel/errno.h>

#include <stddef.h>

#include "epoll_set.h"

void epoll_set_init(struct epoll_set *s, struct epoll_item *items, int cap)
{
	int i;

	s->items = items;
	s->cap = cap;
	s->hi = 0;
	s->next = 0;
	s->serial = 0;
	for (i = 0; i < cap; i++)
		items[i].fd = -1;
}

/* The item of (fd, file), or NULL. */
static struct epoll_item *item_of(struct epoll_set *s, int fd, const void *file)
{
	int i;

	for (i = 0; i < s->hi; i++)
		if (s->items[i].fd == fd && s->items[i].file == file)
			return &s->items[i];
	return NULL;
}

/* The lowest free slot (raising hi when it is at hi), or NULL. */
static struct epoll_item *free_slot(struct epoll_set *s)
{
	struct epoll_item *it = NULL;
	int i;

	for (i = 0; i < s->hi && !it; i++)
		if (s->items[i].fd < 0)
			it = &s->items[i];

	if (it || s->hi == s->cap)
		return it;
	return &s->items[s->hi++];
}

/* New events and data; armed to report what holds at the next scan. */
static void item_arm(struct epoll_set *s, struct epoll_item *it,
		     uint32_t events, uint64_t data)
{
	it->events = events;
	it->data = data;
	it->serial = ++s->serial;
	it->fresh = true;
	it->disabled = false;
}

int epoll_set_add(struct epoll_set *s, int fd, const void *file,
		  uint32_t events, uint64_t data)
{
	struct epoll_item *it;

	if (item_of(s, fd, file))
		return -EEXIST;
	it = free_slot(s);
	if (!it)
		return -ENOSPC;
	it->fd = fd;
	it->file = file;
	it->seen = 0;
	item_arm(s, it, events, data);
	return 0;
}

int epoll_set_mod(struct epoll_set *s, int fd, const void *file,
		  uint32_t events, uint64_t data)
{
	struct epoll_item *it = item_of(s, fd, file);

	if (!it)
		return -ENOENT;
	item_arm(s, it, events, data);
	return 0;
}

/* Free its slot; lower hi past free slots at the top. */
static void item_free(struct epoll_set *s, struct epoll_item *it)
{
	it->fd = -1;
	it->file = NULL;
	it->serial = ++s->serial;
	while (s->hi > 0 && s->items[s->hi - 1].fd < 0)
		s->hi--;
	if (s->next >= s->hi)
		s->next = 0;
}

int epoll_set_del(struct epoll_set *s, int fd, const void *file)
{
	struct epoll_item *it = item_of(s, fd, file);

	if (!it)
		return -ENOENT;
	item_free(s, it);
	return 0;
}

void epoll_set_forget(struct epoll_set *s, const void *file)
{
	int i;

	for (i = 0; i < s->hi; i++)
		if (s->items[i].fd >= 0 && s->items[i].file == file)
			item_free(s, &s->items[i]);
}

/* What of ready it would report, given the fd's counter now. */
static uint32_t item_due(const struct epoll_item *it, int ready,
			 unsigned long count)
{
	uint32_t want = (it->events & ~EPS_MODE_BITS) | EPS_ERR | EPS_HUP;
	bool edge = it->fresh || count != it->seen;

	if (ready < 0 || ((it->events & EPS_ET) && !edge))
		return 0;
	return (uint32_t)ready & want;
}

/* Probe one item and decide. The looked-at counter is kept whether or
 * not anything is due: readiness that appears later moves it again. */
static uint32_t item_scan(struct epoll_item *it, epoll_probe_fn probe,
			  void *ctx)
{
	uint32_t serial = it->serial, due;
	unsigned long count = 0;
	int ready = probe(ctx, it->file, it->fd, &count);

	if (it->serial != serial || it->fd < 0 || it->disabled)
		return 0; /* changed while the probe blocked */
	due = item_due(it, ready, count);
	it->fresh = false;
	it->seen = count;
	if (due && (it->events & EPS_ONESHOT))
		it->disabled = true;
	return due;
}

int epoll_set_collect(struct epoll_set *s, struct epoll_set_event *out, int max,
		      epoll_probe_fn probe, void *ctx)
{
	/* hi as the scan starts: a probe may block while the set changes,
	 * and the slots above hi are free anyway. */
	int hi = s->hi, start = s->next < hi ? s->next : 0;
	int k, i, n = 0, last = -1;

	for (k = 0; k < hi && n < max; k++) {
		struct epoll_item *it;
		uint32_t due;

		i = (start + k) % hi;
		it = &s->items[i];
		if (it->fd < 0 || it->disabled)
			continue;
		due = item_scan(it, probe, ctx);
		if (!due)
			continue;
		out[n].events = due;
		out[n].data = it->data;
		n++;
		last = i;
	}
	if (n == max && last >= 0)
		s->next = last + 1 < s->hi ? last + 1 : 0;
	return n;
}

bool epoll_set_ready(struct epoll_set *s, epoll_probe_fn probe, void *ctx)
{
	int i;

	for (i = 0; i < s->hi; i++) {
		struct epoll_item *it = &s->items[i];
		unsigned long count = 0;
		int ready;

		if (it->fd < 0 || it->disabled)
			continue;
		ready = probe(ctx, it->file, it->fd, &count);
		if (it->fd >= 0 && !it->disabled && item_due(it, ready, count))
			return true;
	}
	return false;
}
