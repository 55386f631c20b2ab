/*
 * The netdev registry (<kernel/netdev.h>): drivers register devices, the
 * stack (or an app through the raw-frame API) attaches one client per
 * device, and link changes and received frames go to that client. An app
 * reserves devices for itself with SKIFF_NETDEV_RAW() (<skiff/netdev.h>),
 * which defines skiff_netdev_raw_mask; the stack's netdev_attach() then
 * gets -EBUSY for them and skips them. The list and the settle-wait are
 * the generic registry's (devreg.c).
 */
#include <kernel/devreg.h>
#include <kernel/errno.h>
#include <kernel/netdev.h>
#include <kernel/string.h>

/* Bit N reserves vif N for the app; defined by the app if at all. */
extern const unsigned int skiff_netdev_raw_mask __attribute__((weak));

static struct devreg_class nds = DEVREG_CLASS(NETDEV_MAX);
/* The stack's hook for devices attached at run time. */
static void (*added_hook)(struct netdev *nd);

int netdev_register(struct netdev *nd)
{
	int rc;

	nd->reserved = &skiff_netdev_raw_mask && nd->index < 32 &&
		       (skiff_netdev_raw_mask & (1u << nd->index));
	if ((rc = devreg_add(&nds, &nd->node, nd->name)) < 0)
		return rc;
	if (added_hook && !nd->reserved)
		added_hook(nd);
	return 0;
}

void netdev_unregister(struct netdev *nd)
{
	struct netdev_client c = nd->client;

	netdev_link_changed(nd, false);
	memset(&nd->client, 0, sizeof(nd->client));
	if (c.removed)
		c.removed(c.arg);
	devreg_remove(&nd->node);
}

void netdev_set_added_hook(void (*fn)(struct netdev *nd))
{
	added_hook = fn;
}

unsigned int netdev_count(void)
{
	return devreg_count(&nds);
}

struct netdev *netdev_get(unsigned int i)
{
	struct devreg_node *n = devreg_get(&nds, i);

	return n ? container_of(n, struct netdev, node) : NULL;
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
	if (nd->node.removed)
		return -ENODEV;
	if (nd->reserved)
		return -EBUSY;
	return netdev_claim(nd, c);
}

int netdev_transmit(struct netdev *nd, const struct netdev_seg *segs,
		    unsigned int nsegs, unsigned int flags)
{
	if (nd->node.removed || !nd->ops || !nd->ops->transmit)
		return -ENODEV;
	return nd->ops->transmit(nd, segs, nsegs, flags);
}

void netdev_settle(struct netdev *nd)
{
	devreg_settle(&nd->node);
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

int netdev_wait_settled(uint64_t deadline_ns)
{
	return devreg_wait_settled(&nds, deadline_ns);
}
