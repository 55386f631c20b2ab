/*
 * The raw-frame API of <skiff/netdev.h>: an app client of a netdev that
 * keeps received frames in a small queue of its own until the app reads
 * them. The queue lives in pages taken when the vif is opened.
 */
#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/netdev.h>
#include <kernel/page_alloc.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <skiff/netdev.h>

#define RAW_QUEUE 64
#define RAW_QUEUE_PAGES                                                        \
	DIV_ROUND_UP(RAW_QUEUE * sizeof(struct raw_frame), PAGE_SIZE)

struct raw_frame {
	uint16_t len;
	uint8_t data[NETDEV_FRAME_MAX];
};

struct raw_dev {
	struct netdev *nd;
	struct raw_frame *q; /* RAW_QUEUE frames */
	unsigned int head, count;
	unsigned long dropped;
	struct wait_queue wq; /* readers and link waiters */
};

static struct {
	struct raw_dev dev[DEVREG_SLOTS(NETDEV_MAX)]; /* by registry index */
} raw;

/* Frames are passed on as they came: one with NETDEV_RX_CSUM_OK may
 * carry a partial TCP/UDP checksum (the app's stack must not check it). */
static void raw_receive(void *arg, const struct netdev_seg *segs,
			unsigned int nsegs, size_t len,
			unsigned int flags __unused)
{
	struct raw_dev *r = arg;
	struct raw_frame *f;

	if (r->count == RAW_QUEUE || len > NETDEV_FRAME_MAX) {
		r->dropped++;
		return;
	}
	f = &r->q[(r->head + r->count++) % RAW_QUEUE];
	f->len = (uint16_t)len;
	netdev_segs_copy(segs, nsegs, 0, f->data, len);
	wq_wake_all(&r->wq);
}

static void raw_link(void *arg, bool up __unused)
{
	struct raw_dev *r = arg;

	wq_wake_all(&r->wq);
}

/* The vif was unplugged: its queue goes, waiters wake and see it gone
 * (-ENODEV); every later call gets -EBADF, and the app may open the vif
 * again once it is attached again (a new device). */
static void raw_removed(void *arg)
{
	struct raw_dev *r = arg;

	r->count = 0;
	page_free(virt_to_pfn(r->q), RAW_QUEUE_PAGES);
	r->q = NULL;
	wq_wake_all(&r->wq);
}

static struct netdev *find(unsigned int vif, unsigned int *slot)
{
	unsigned int i;
	struct netdev *nd;

	for (i = 0; (nd = netdev_get(i)); i++)
		if (nd->index == vif && !nd->node.removed) {
			*slot = i;
			return nd;
		}
	return NULL;
}

static struct raw_dev *opened(unsigned int vif)
{
	unsigned int slot;
	struct netdev *nd = find(vif, &slot);

	return nd && raw.dev[slot].nd == nd ? &raw.dev[slot] : NULL;
}

int skiff_netdev_open(unsigned int vif, unsigned char mac[6])
{
	unsigned int slot;
	struct netdev *nd = find(vif, &slot);
	struct raw_dev *r;
	struct netdev_client c;
	unsigned long pages = RAW_QUEUE_PAGES;
	pfn_t pfn;

	if (!nd)
		return -ENODEV;
	if (!nd->reserved || raw.dev[slot].nd)
		return -EBUSY;
	r = &raw.dev[slot];
	if (!(pfn = page_alloc(pages)))
		return -ENOMEM;
	r->q = pfn_to_virt(pfn);
	r->head = r->count = 0;
	wq_init(&r->wq);
	memset(&c, 0, sizeof(c));
	c.receive = raw_receive;
	c.link_changed = raw_link;
	c.removed = raw_removed;
	c.arg = r;
	r->nd = nd;
	if (netdev_claim(nd, &c) < 0) {
		r->nd = NULL;
		page_free(pfn, pages);
		return -EBUSY;
	}
	memcpy(mac, nd->mac, 6);
	return 0;
}

static uint64_t deadline_of(unsigned long timeout_ms)
{
	return time_monotonic_ns() + (uint64_t)timeout_ms * NSEC_PER_MSEC;
}

int skiff_netdev_wait_link(unsigned int vif, unsigned long timeout_ms)
{
	struct raw_dev *r = opened(vif);
	uint64_t deadline = deadline_of(timeout_ms);

	if (!r)
		return -EBADF;
	while (!r->nd->link_up) {
		if (r->nd->node.removed)
			return -ENODEV;
		if (!wq_wait_until(&r->wq, deadline))
			return r->nd->link_up ? 0 : -ETIMEDOUT;
	}
	return 0;
}

int skiff_netdev_send(unsigned int vif, const void *frame, size_t len)
{
	struct raw_dev *r = opened(vif);
	struct netdev_seg seg = {frame, len};

	if (!r)
		return -EBADF;
	return netdev_transmit(r->nd, &seg, 1, 0);
}

long skiff_netdev_recv(unsigned int vif, void *buf, size_t len,
		       unsigned long timeout_ms)
{
	struct raw_dev *r = opened(vif);
	uint64_t deadline = deadline_of(timeout_ms);
	struct raw_frame *f;

	if (!r)
		return -EBADF;
	while (!r->count) {
		if (r->nd->node.removed)
			return -ENODEV;
		if (!wq_wait_until(&r->wq, deadline) && !r->count)
			return -ETIMEDOUT;
	}
	f = &r->q[r->head];
	r->head = (r->head + 1) % RAW_QUEUE;
	r->count--;
	memcpy(buf, f->data, MIN(len, (size_t)f->len));
	return f->len;
}
