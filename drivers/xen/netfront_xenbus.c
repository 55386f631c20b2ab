/*
 * netfront as a xenbus frontend: its devices (device/vif/N, a MAC each),
 * its keys and features, and what connecting, link up and link down mean
 * for a netdev. The life cycle (enumeration, the backend watch, the
 * state machine, the first handshake's deadline, reconnects) is the
 * skeleton's (<kernel/xenfront.h>); the data path is netfront.c.
 *
 * A vif is registered at boot with its link down. Backend InitWait: we
 * check the backend's features, share the rings and write our keys with
 * state Connected; backend Connected: link up; Closing or Closed: link
 * down (and Closed lets `xl network-detach` finish).
 */
#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/netfront.h>
#include <kernel/page_alloc.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#include "netfront_priv.h"

#define VIF_INDEX_MAX 31 /* N of device/vif/N we accept */

static struct netfront *to_nf(struct xenfront *xf)
{
	return container_of(xf, struct netfront, xf);
}

/* Our keys: rx-copy, notifications on rx; received packets may span
 * slots and be merged TCPv4 segments (sg, gso-tcpv4; what we send is
 * decided by the backend's own keys, in nf_connect()); checksum offload
 * both ways (we take frames with blank or validated checksums, IPv4 and
 * IPv6: docs/netfront.md), then state Connected, all in one
 * transaction. */
static int write_keys(struct netfront *nf)
{
	struct xenfront *xf = &nf->xf;
	struct xenbus_key k[11];
	unsigned int n = 0;

	xenbus_key_ulong(&k[n++], "tx-ring-ref",
			 (unsigned long)nf->tx_ring_ref);
	xenbus_key_ulong(&k[n++], "rx-ring-ref",
			 (unsigned long)nf->rx_ring_ref);
	xenbus_key_ulong(&k[n++], "event-channel", xf->port);
	xenbus_key_ulong(&k[n++], "request-rx-copy", 1);
	xenbus_key_ulong(&k[n++], "feature-rx-notify", 1);
	xenbus_key_ulong(&k[n++], "feature-sg", 1);
	xenbus_key_ulong(&k[n++], "feature-gso-tcpv4", 1);
	xenbus_key_ulong(&k[n++], "feature-gso-tcpv6", 0);
	xenbus_key_ulong(&k[n++], "feature-no-csum-offload", 0);
	xenbus_key_ulong(&k[n++], "feature-ipv6-csum-offload", 1);
	xenbus_key_ulong(&k[n++], "state", XenbusStateConnected);
	return xenbus_write_keys(xf->dir, k, n);
}

/* A reattached vif may come with another MAC (xl network-attach without
 * mac=): take the new one, which the stack sees when the link comes up. */
static void reread_mac(struct netfront *nf)
{
	char s[24];
	uint8_t mac[6];

	if (xenbus_read_key(nf->xf.dir, "mac", s, sizeof(s)) ||
	    nf_parse_mac(s, mac)) {
		printk("netfront: %s: MAC now unreadable or invalid; keeping "
		       "the old one\n",
		       nf->nd.name);
		return;
	}
	if (memcmp(mac, nf->nd.mac, 6)) {
		printk("netfront: %s: MAC changed to %s\n", nf->nd.name, s);
		memcpy(nf->nd.mac, mac, 6);
	}
}

/* Whether the backend offers feature key (it says "1"). */
static bool backend_offers(const struct netfront *nf, const char *key)
{
	char v[8];

	return !xenbus_read_key(nf->xf.backend, key, v, sizeof(v)) &&
	       !strcmp(v, "1");
}

/* Backend InitWait: take its features, share the rings, write our
 * keys. */
static int nf_connect(struct xenfront *xf)
{
	struct netfront *nf = to_nf(xf);
	int rc;

	reread_mac(nf);
	/* Merged TCPv4 segments out, as Linux's netfront sends them: the
	 * backend must take both multi-slot packets and GSO. */
	nf->tx_gso = backend_offers(nf, "feature-sg") &&
		     backend_offers(nf, "feature-gso-tcpv4");
	if (nf->tx_gso)
		nf->nd.features |= NETDEV_F_TX_GSO;
	else
		nf->nd.features &= ~NETDEV_F_TX_GSO;
	if (!backend_offers(nf, "feature-rx-copy")) {
		printk("netfront: %s: backend cannot do rx-copy; device "
		       "unusable\n",
		       nf->nd.name);
		return -EOPNOTSUPP;
	}
	if ((rc = netfront_share(nf)) < 0)
		return rc;
	return write_keys(nf);
}

/* Backend Connected: link up. */
static int nf_up(struct xenfront *xf)
{
	struct netfront *nf = to_nf(xf);
	const uint8_t *m = nf->nd.mac;

	printk("netfront: %s: connected, MAC %02x:%02x:%02x:%02x:%02x:%02x, "
	       "backend %s%s%s%s%s\n",
	       nf->nd.name, m[0], m[1], m[2], m[3], m[4], m[5], xf->backend,
	       nf->tx_gso ? ", tx GSO" : "", nf->nd.ipconf[0] ? ", ip \"" : "",
	       nf->nd.ipconf, nf->nd.ipconf[0] ? "\"" : "");
	netdev_link_changed(&nf->nd, true);
	/* The receive requests were published before; tell the backend. */
	xenfront_notify(xf);
	return 0;
}

static void nf_down(struct xenfront *xf)
{
	netdev_link_changed(&to_nf(xf)->nd, false);
}

/* Restored: the link stays up for lwIP (nf_transmit drops frames until
 * the new backend is connected); the rings are shared anew at connect. */
static void nf_lost(struct xenfront *xf)
{
	(void)xf;
}

static void nf_unshare(struct xenfront *xf)
{
	netfront_unshare(to_nf(xf));
}

static void nf_poll(struct xenfront *xf)
{
	struct netfront *nf = to_nf(xf);

	netfront_poll(nf);
	/* Broken (perhaps during a transmit): the link goes down here. */
	if (xf->phase == XF_BROKEN && nf->nd.link_up)
		netdev_link_changed(&nf->nd, false);
}

/* Unplugged: out of the netdev class (the stack drops its interface),
 * and the buffers go back (none is granted any more). */
static void nf_remove(struct xenfront *xf)
{
	struct netfront *nf = to_nf(xf);

	netdev_unregister(&nf->nd);
	netfront_free(nf);
}

/* A zeroed struct netfront in pages of its own for device/vif/idx. */
static struct xenfront *nf_create(unsigned long idx)
{
	unsigned long n = DIV_ROUND_UP(sizeof(struct netfront), PAGE_SIZE);
	pfn_t pfn = page_alloc(n);
	struct netfront *nf;

	if (!pfn) {
		printk("netfront: device/vif/%lu: out of memory\n", idx);
		return NULL;
	}
	nf = pfn_to_virt(pfn);
	memset(nf, 0, n * PAGE_SIZE);
	nf->nd.index = (unsigned int)idx;
	snprintk(nf->nd.name, sizeof(nf->nd.name), "vif%lu", idx);
	nf->nd.mtu = 1500;
	/* Partial checksums out, blank or validated ones in (Linux netback
	 * completes a partial TCP checksum of IPv4 and IPv6 alike). */
	nf->nd.features = NETDEV_F_TX_CSUM | NETDEV_F_RX_CSUM;
	nf->nd.ops = &netfront_ops;
	nf->nd.priv = nf;
	nf->xf.name = nf->nd.name;
	nf->xf.node = &nf->nd.node;
	return &nf->xf;
}

/* The vif's MAC and the backend's ip key; its pages; its netdev. */
static int nf_probe(struct xenfront *xf)
{
	struct netfront *nf = to_nf(xf);
	char mac[24];
	int rc;

	if ((rc = xenbus_read_key(xf->dir, "mac", mac, sizeof(mac))) < 0 ||
	    nf_parse_mac(mac, nf->nd.mac) < 0) {
		printk("netfront: %s: MAC '%s' is not a MAC address "
		       "(xx:xx:xx:xx:xx:xx, unicast); skipped\n",
		       nf->nd.name, rc < 0 ? "(unreadable)" : mac);
		return -EINVAL;
	}
	if (xenbus_read_key(xf->backend, "ip", nf->nd.ipconf,
			    sizeof(nf->nd.ipconf)))
		nf->nd.ipconf[0] = '\0'; /* absent, or too long to be one */
	if (netfront_alloc(nf) < 0) {
		printk("netfront: %s: out of memory; skipped\n", nf->nd.name);
		netfront_free(nf);
		return -ENOMEM;
	}
	if ((rc = netdev_register(&nf->nd)) < 0) {
		printk("netfront: %s: %s; skipped\n", nf->nd.name,
		       rc == -ENOSPC ? "no room for another vif"
				     : "not registered");
		netfront_free(nf);
		return rc;
	}
	return 0;
}

static const struct xenfront_driver netfront_driver = {
    .name = "netfront",
    .type = "vif",
    .max = NETDEV_MAX,
    .index_max = VIF_INDEX_MAX,
    .connect_timeout_ms = NETFRONT_CONNECT_TIMEOUT_MS,
    .down_msg = "link down",
    .create = nf_create,
    .probe = nf_probe,
    .connect = nf_connect,
    .up = nf_up,
    .down = nf_down,
    .unshare = nf_unshare,
    .poll = nf_poll,
    .remove = nf_remove,
    .lost = nf_lost};
XENFRONT_REGISTER(netfront_driver);
