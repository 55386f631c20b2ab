/*
 * netfront's handshake and life cycle: discovery of every device/vif/N,
 * the xenbus handshake with each backend, and reconnects.
 *
 * Per vif there are two threads. The watcher waits on a xenstore watch of
 * the backend's state and only posts the worker's semaphore; the worker
 * does everything else: it reads the backend's state when told it moved,
 * connects (backend InitWait: grant the rings, write the keys and our
 * state Connected in one transaction), raises the link when the backend
 * says Connected, tears down when it goes Closing or Closed (or its
 * directory disappears), and runs the data path on every event.
 *
 * States, ours -> backend's: Initialising; backend InitWait -> we share
 * rings and say Connected; backend Connected -> link up. Backend Closing
 * or Closed -> link down, rings unshared, we say Closed (which lets the
 * toolstack finish `xl network-detach`); if our directory still exists
 * we then say Initialising, so a backend that comes back (InitWait) gets
 * a fresh handshake.
 */
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/netfront.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/xenstore.h>
#include <skiff/xenstore.h>

#include "netfront_priv.h"

#define VIF_NAMES_BUF 256
#define VIF_INDEX_MAX 31       /* N of device/vif/N we accept */
#define WATCH_WAIT_MS 3600000u /* a watch wait that just re-arms */

static struct {
	struct netfront dev[NETDEV_MAX];
	unsigned int count;
	uint64_t connect_deadline; /* the first handshakes' bound */
} nfs;

static const char *state_name(int st)
{
	static const char *const names[] = {
	    "Unknown",	   "Initialising",  "InitWait",
	    "Initialised", "Connected",	    "Closing",
	    "Closed",	   "Reconfiguring", "Reconfigured"};

	return st >= 0 && st < (int)ARRAY_SIZE(names) ? names[st] : "?";
}

/* Open an event channel to the backend and route it to the worker. */
static int open_port(struct netfront *nf)
{
	int port = evtchn_alloc_unbound(nf->backend_id);

	if (port < 0)
		return port;
	nf->port = (evtchn_port_t)port;
	nf->port_open = true;
	evtchn_bind(nf->port, netfront_event, nf);
	evtchn_unmask(nf->port);
	return 0;
}

static void close_port(struct netfront *nf)
{
	if (!nf->port_open)
		return;
	evtchn_close(nf->port);
	nf->port_open = false;
}

/* Our keys: rx-copy, notifications on rx; received packets may span
 * slots and be merged TCPv4 segments (sg, gso-tcpv4; what we send is
 * decided by the backend's own keys, in connect()); checksum offload both ways (we take frames with blank or
 * validated checksums, IPv4 and IPv6: docs/netfront.md), then state
 * Connected, all in one transaction. */
static int write_keys(struct netfront *nf)
{
	struct xenbus_key k[11];
	unsigned int n = 0;

	xenbus_key_ulong(&k[n++], "tx-ring-ref",
			 (unsigned long)nf->tx_ring_ref);
	xenbus_key_ulong(&k[n++], "rx-ring-ref",
			 (unsigned long)nf->rx_ring_ref);
	xenbus_key_ulong(&k[n++], "event-channel", nf->port);
	xenbus_key_ulong(&k[n++], "request-rx-copy", 1);
	xenbus_key_ulong(&k[n++], "feature-rx-notify", 1);
	xenbus_key_ulong(&k[n++], "feature-sg", 1);
	xenbus_key_ulong(&k[n++], "feature-gso-tcpv4", 1);
	xenbus_key_ulong(&k[n++], "feature-gso-tcpv6", 0);
	xenbus_key_ulong(&k[n++], "feature-no-csum-offload", 0);
	xenbus_key_ulong(&k[n++], "feature-ipv6-csum-offload", 1);
	xenbus_key_ulong(&k[n++], "state", XenbusStateConnected);
	return xenbus_write_keys(nf->dir, k, n);
}

static void disconnect(struct netfront *nf)
{
	close_port(nf);
	netfront_unshare(nf);
}

/* A reattached vif may come with another MAC (xl network-attach without
 * mac=): take the new one, which the stack sees when the link comes up. */
static void reread_mac(struct netfront *nf)
{
	char s[24];
	uint8_t mac[6];

	if (xenbus_read_key(nf->dir, "mac", s, sizeof(s)) ||
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

	return !xenbus_read_key(nf->backend, key, v, sizeof(v)) &&
	       !strcmp(v, "1");
}

/* Backend InitWait: share the rings and say Connected. */
static void connect(struct netfront *nf)
{
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
		return;
	}
	if ((rc = netfront_share(nf)) < 0)
		return;
	if ((rc = open_port(nf)) < 0 || (rc = write_keys(nf)) < 0) {
		printk("netfront: %s: handshake failed: error %d\n",
		       nf->nd.name, rc);
		disconnect(nf);
		return;
	}
	nf->phase = NF_CONNECTING;
}

static void link_up(struct netfront *nf)
{
	const uint8_t *m = nf->nd.mac;

	nf->phase = NF_UP;
	printk("netfront: %s: connected, MAC %02x:%02x:%02x:%02x:%02x:%02x, "
	       "backend %s%s%s%s%s\n",
	       nf->nd.name, m[0], m[1], m[2], m[3], m[4], m[5], nf->backend,
	       nf->tx_gso ? ", tx GSO" : "", nf->nd.ipconf[0] ? ", ip \"" : "",
	       nf->nd.ipconf, nf->nd.ipconf[0] ? "\"" : "");
	netdev_link_changed(&nf->nd, true);
	/* The receive requests were published before; tell the backend. */
	evtchn_notify(nf->port);
}

/* Backend Closing/Closed or gone: drop everything, say Closed. */
static void shut(struct netfront *nf, int st)
{
	if (nf->phase != NF_DOWN) {
		printk("netfront: %s: backend %s; link down\n", nf->nd.name,
		       state_name(st));
		if (nf->phase != NF_BROKEN)
			nf->phase = NF_DOWN;
		netdev_link_changed(&nf->nd, false);
	}
	/* Closed first: the backend unmaps our pages only once it sees it,
	 * and the unshare below waits (bounded) for that. */
	xenbus_switch_state_existing(nf->dir, XenbusStateClosed);
	disconnect(nf);
}

static void backend_changed(struct netfront *nf)
{
	int st = xenbus_read_state(nf->backend);

	/* -EACCES: the toolstack is recreating the directory. */
	if (st == -EACCES)
		return;
	if (st < 0) {
		printk("netfront: %s: bad backend state (%d)\n", nf->nd.name,
		       st);
		return;
	}
	switch (st) {
	case XenbusStateInitWait:
		if (nf->phase == NF_DOWN)
			connect(nf);
		break;
	case XenbusStateConnected:
		if (nf->phase == NF_CONNECTING)
			link_up(nf);
		break;
	case XenbusStateClosing:
		shut(nf, st);
		break;
	case XenbusStateClosed:
		shut(nf, st);
		/* Ready for a backend that comes back, if the device is
		 * still there. */
		if (nf->phase == NF_DOWN)
			xenbus_switch_state_existing(nf->dir,
						     XenbusStateInitialising);
		break;
	default:
		break;
	}
}

static void watcher_main(void *arg)
{
	struct netfront *nf = arg;
	char path[XENBUS_PATH_MAX], ev[8];
	int rc;

	snprintk(path, sizeof(path), "%s/state", nf->backend);
	if ((rc = xs_watch(path, nf->token)) < 0) {
		printk("netfront: %s: cannot watch %s: error %d\n", nf->nd.name,
		       path, rc);
		return;
	}
	for (;;) {
		rc = xs_read_watch(nf->token, ev, sizeof(ev), WATCH_WAIT_MS);
		if (rc == -ETIMEDOUT)
			continue;
		if (rc < 0)
			break;
		nf->state_changed = true;
		ksem_post(&nf->kick);
	}
	printk("netfront: %s: watch lost: error %d\n", nf->nd.name, rc);
}

/* The first handshake's bound: after it, report and let the stack go on
 * without this device (it may still connect later). */
static void check_deadline(struct netfront *nf)
{
	if (nf->nd.settled || time_monotonic_ns() < nfs.connect_deadline)
		return;
	printk("netfront: %s: backend did not connect within %u ms; "
	       "continuing without it\n",
	       nf->nd.name, NETFRONT_CONNECT_TIMEOUT_MS);
	netdev_settle(&nf->nd);
}

static void worker_main(void *arg)
{
	struct netfront *nf = arg;

	for (;;) {
		if (nf->state_changed) {
			nf->state_changed = false;
			backend_changed(nf);
		}
		netfront_poll(nf);
		if (nf->phase == NF_BROKEN && nf->nd.link_up)
			netdev_link_changed(&nf->nd, false);
		check_deadline(nf);
		ksem_wait_until(&nf->kick,
				nf->nd.settled ? 0 : nfs.connect_deadline);
	}
}

/* Read and check what device/vif/N says; fill in nf. */
static int probe(struct netfront *nf)
{
	char mac[24];
	int rc, id;

	if ((rc = xenbus_read_key(nf->dir, "backend", nf->backend,
				  sizeof(nf->backend) - 16)) < 0 ||
	    nf->backend[0] != '/') {
		printk("netfront: %s: no usable backend path (%d); skipped\n",
		       nf->nd.name, rc);
		return -EINVAL;
	}
	snprintk(mac, sizeof(mac), "%s/backend-id", nf->dir);
	if ((rc = xenbus_read_int(mac, &id)) < 0 || id < 0 ||
	    id >= (int)DOMID_FIRST_RESERVED) {
		printk("netfront: %s: bad backend-id (%d); skipped\n",
		       nf->nd.name, rc);
		return -EINVAL;
	}
	nf->backend_id = (unsigned int)id;
	if ((rc = xenbus_read_key(nf->dir, "mac", mac, sizeof(mac))) < 0 ||
	    nf_parse_mac(mac, nf->nd.mac) < 0) {
		printk("netfront: %s: MAC '%s' is not a MAC address "
		       "(xx:xx:xx:xx:xx:xx, unicast); skipped\n",
		       nf->nd.name, rc < 0 ? "(unreadable)" : mac);
		return -EINVAL;
	}
	if (xenbus_read_key(nf->backend, "ip", nf->nd.ipconf,
			    sizeof(nf->nd.ipconf)))
		nf->nd.ipconf[0] = '\0'; /* absent, or too long to be one */
	return 0;
}

/* Set up device/vif/<n> as nfs.dev[nfs.count]. */
static void add_vif(const char *n)
{
	struct netfront *nf = &nfs.dev[nfs.count];
	unsigned long idx;

	memset(nf, 0, sizeof(*nf));
	if (xenbus_parse_ulong(n, &idx) || idx > VIF_INDEX_MAX) {
		printk("netfront: device/vif/%s: not a vif number; skipped\n",
		       n);
		return;
	}
	nf->nd.index = (unsigned int)idx;
	snprintk(nf->nd.name, sizeof(nf->nd.name), "vif%lu", idx);
	snprintk(nf->dir, sizeof(nf->dir), "device/vif/%lu", idx);
	snprintk(nf->token, sizeof(nf->token), "netfront:%lu", idx);
	nf->nd.mtu = 1500;
	/* Partial checksums out, blank or validated ones in (Linux netback
	 * completes a partial TCP checksum of IPv4 and IPv6 alike). */
	nf->nd.features = NETDEV_F_TX_CSUM | NETDEV_F_RX_CSUM;
	nf->nd.ops = &netfront_ops;
	nf->nd.priv = nf;
	if (probe(nf) < 0)
		return;
	if (netfront_alloc(nf) < 0) {
		printk("netfront: %s: out of memory; skipped\n", nf->nd.name);
		return; /* the pages taken so far stay with the device */
	}
	if (netdev_register(&nf->nd) < 0)
		return;
	nfs.count++;
	nf->worker = thread_create("netfront", worker_main, nf, 0);
	nf->watcher = nf->worker
			  ? thread_create("netfront-watch", watcher_main, nf, 0)
			  : NULL;
	if (!nf->watcher) {
		/* Registered but never connecting: the stack skips it. */
		printk("netfront: %s: no threads; device unusable\n",
		       nf->nd.name);
		netdev_settle(&nf->nd);
		return;
	}
	thread_detach(nf->worker);
	thread_detach(nf->watcher);
}

static void netfront_init(const struct boot_info *bi)
{
	static char buf[VIF_NAMES_BUF];
	const char *names[NETDEV_MAX];
	int n, i;

	(void)bi;
	if (!xs_available())
		return;
	n = xs_directory("device/vif", buf, sizeof(buf), names, NETDEV_MAX);
	if (n == -ENOENT || n == 0)
		return;
	if (n < 0) {
		printk("netfront: cannot list device/vif: error %d\n", n);
		return;
	}
	if (n > NETDEV_MAX) {
		printk("netfront: %d vifs, using the first %d\n", n,
		       NETDEV_MAX);
		n = NETDEV_MAX;
	}
	nfs.connect_deadline =
	    time_monotonic_ns() + NETFRONT_CONNECT_TIMEOUT_MS * NSEC_PER_MSEC;
	for (i = 0; i < n; i++)
		add_vif(names[i]);
}
INITCALL(INIT_DRIVER, netfront_init);
