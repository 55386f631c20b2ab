/*
 * The netdev registry (<kernel/netdev.h>): drivers register devices, the
 * stack (or an app through the raw-frame API) attaches one client per
 * device, and link changes and received frames go to that client. An app
 * reserves devices for itself with SKIFF_NETDEV_RAW() (<skiff/netdev.h>),
 * which defines skiff_netdev_raw_mask; the stack's netdev_attach() then
 * gets -EBUSY for them and skips them.
 */
#include <kernel/errno.h>
#include <kernel/netdev.h>
#include <kernel/sched.h>
#include <kernel/string.h>

/* Bit N reserves vif N for the app; defined by the app if at all. */
extern const unsigned int skiff_netdev_raw_mask __attribute__((weak));

static struct {
	struct list_head devs;
	unsigned int count;
	struct wait_queue settle_wq; /* netdev_wait_settled() callers */
	bool ready;
} nds;

static void setup(void)
{
	if (nds.ready)
		return;
	list_init(&nds.devs);
	wq_init(&nds.settle_wq);
	nds.ready = true;
}

int netdev_register(struct netdev *nd)
{
	setup();
	if (nds.count >= NETDEV_MAX)
		return -ENOSPC;
	nd->reserved = &skiff_netdev_raw_mask && nd->index < 32 &&
		       (skiff_netdev_raw_mask & (1u << nd->index));
	list_add_tail(&nd->link, &nds.devs);
	nds.count++;
	return 0;
}

unsigned int netdev_count(void)
{
	return nds.count;
}

struct netdev *netdev_get(unsigned int i)
{
	struct list_head *p;

	if (i >= nds.count)
		return NULL;
	list_for_each(p, &nds.devs)
		if (i-- == 0)
			return list_entry(p, struct netdev, link);
	return NULL;
}

int netdev_claim(struct netdev *nd, const struct netdev_client *c)
{
	if (nd->client.receive || nd->client.link_changed)
		return -EBUSY;
	nd->client = *c;
	if (nd->link_up && c->link_changed)
		c->link_changed(c->arg, true);
	return 0;
}

int netdev_attach(struct netdev *nd, const struct netdev_client *c)
{
	if (nd->reserved)
		return -EBUSY;
	return netdev_claim(nd, c);
}

int netdev_transmit(struct netdev *nd, const struct netdev_seg *segs,
		    unsigned int nsegs, unsigned int flags)
{
	if (!nd->ops || !nd->ops->transmit)
		return -ENODEV;
	return nd->ops->transmit(nd, segs, nsegs, flags);
}

void netdev_settle(struct netdev *nd)
{
	nd->settled = true;
	wq_wake_all(&nds.settle_wq);
}

void netdev_link_changed(struct netdev *nd, bool up)
{
	bool was = nd->link_up;

	nd->link_up = up;
	if (was != up && nd->client.link_changed)
		nd->client.link_changed(nd->client.arg, up);
	netdev_settle(nd);
}

void netdev_receive(struct netdev *nd, const struct netdev_seg *segs,
		    unsigned int nsegs, size_t len, unsigned int flags)
{
	if (nd->client.receive)
		nd->client.receive(nd->client.arg, segs, nsegs, len, flags);
}

size_t netdev_segs_copy(const struct netdev_seg *segs, unsigned int nsegs,
			size_t off, void *dst, size_t len)
{
	size_t done = 0;
	unsigned int i;

	for (i = 0; i < nsegs && done < len; i++) {
		size_t n;

		if (off >= segs[i].len) {
			off -= segs[i].len;
			continue;
		}
		n = segs[i].len - off;
		if (n > len - done)
			n = len - done;
		memcpy((char *)dst + done, (const char *)segs[i].data + off, n);
		done += n;
		off = 0;
	}
	return done;
}

static bool all_settled(void)
{
	struct list_head *p;

	list_for_each(p, &nds.devs)
		if (!list_entry(p, struct netdev, link)->settled)
			return false;
	return true;
}

int netdev_wait_settled(uint64_t deadline_ns)
{
	setup();
	/* Threads are cooperative: nothing settles between the check and
	 * the sleep unless an upcall does it, and drivers settle devices
	 * from threads only. */
	while (!all_settled())
		if (!wq_wait_until(&nds.settle_wq, deadline_ns))
			return all_settled() ? 0 : -ETIMEDOUT;
	return 0;
}
