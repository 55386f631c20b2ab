/*
 * A lwIP netif over each netdev: frames from the driver are copied into
 * pool pbufs and fed to the stack in the driver's thread (under the core
 * lock, as core-locked tcpip_input would); frames from the stack are handed to the
 * driver as a gather list of the pbuf chain. Link changes follow the
 * backend's connection.
 */
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/time.h>

#include <string.h>

#include "lwip/dhcp.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcpip.h"
#include "netif/ethernet.h"

#include "csum_offload.h"
#include "net_priv.h"

/* Pieces of a pbuf chain handed to the driver at once; a longer chain is
 * copied into one buffer first. */
#define TX_SEGS_MAX 16
/* When the driver has no room: try again after a yield, then after short
 * sleeps (the backend in dom0 frees slots in its own time), at most about
 * TX_RETRIES * TX_RETRY_SLEEP_NS (10 ms) in all; then drop the frame (TCP
 * sends it again). A full send buffer can take more slots than the ring
 * has, so waiting is ordinary; a dropped merged frame costs up to 44
 * segments and a retransmission timeout. The core lock stays held:
 * other lwIP users wait too. */
#define TX_RETRIES 40
#define TX_RETRY_SLEEP_NS (250 * NSEC_PER_USEC)

/* The linearising buffer, used only under the core lock. */
static uint8_t tx_flat[NETDEV_FRAME_MAX];

static struct net_if *nif_of(struct netif *netif)
{
	return netif->state;
}

/* The pbuf chain p as a gather list; false if the frame is too long. */
static bool gather(struct pbuf *p, struct netdev_seg *segs, unsigned int *nsegs)
{
	struct pbuf *q;
	unsigned int n = 0;

	if (p->tot_len > NETDEV_FRAME_MAX)
		return false;
	for (q = p; q && n < TX_SEGS_MAX; q = q->next) {
		if (!q->len)
			continue;
		segs[n].data = q->payload;
		segs[n++].len = q->len;
	}
	if (q) { /* too many pieces */
		pbuf_copy_partial(p, tx_flat, p->tot_len, 0);
		segs[0].data = tx_flat;
		segs[0].len = p->tot_len;
		n = 1;
	}
	*nsegs = n;
	return true;
}

/* Checksum offload: which lwIP checksums a netif over nd computes and
 * checks. With NETDEV_F_TX_CSUM lwIP leaves TCP checksums to the device
 * (tx_csum), and then cannot check them on its own looped-back frames
 * either: that is the netif's setting between frames (idle). A frame from
 * the device has its TCP/UDP checksums checked unless the device vouches
 * for them (checked). */
#define CSUM_CHECK_L4 (NETIF_CHECKSUM_CHECK_TCP | NETIF_CHECKSUM_CHECK_UDP)

static u16_t csum_flags(const struct netdev *nd, bool idle, bool checked)
{
	u16_t f = NETIF_CHECKSUM_ENABLE_ALL;

	if (nd->features & NETDEV_F_TX_CSUM)
		f &= (u16_t) ~(NETIF_CHECKSUM_GEN_TCP |
			       (idle ? CSUM_CHECK_L4 : 0));
	if (checked)
		f &= (u16_t)~CSUM_CHECK_L4;
	return f;
}

/* The headers a partial checksum needs: Ethernet, IPv4 with options or
 * IPv6, TCP without options. */
#define TX_HDRS_MAX (14 + 60 + 20)

/* With NETDEV_F_TX_CSUM every TCP frame leaves lwIP with a zero checksum:
 * put the pseudo-header's sum in it for the device to complete. Returns
 * the transmit flags. Headers split over pbufs are flattened first. */
static unsigned int tx_csum(struct net_if *nif, struct pbuf *p,
			    struct netdev_seg *segs, unsigned int *nsegs)
{
	if (!(nif->nd->features & NETDEV_F_TX_CSUM))
		return 0;
	if (segs[0].data != tx_flat) {
		if (net_csum_tx_partial(p->payload, p->len))
			return NETDEV_TX_CSUM_PARTIAL;
		if (!p->next || p->len >= TX_HDRS_MAX)
			return 0;
		pbuf_copy_partial(p, tx_flat, p->tot_len, 0);
		segs[0].data = tx_flat;
		segs[0].len = p->tot_len;
		*nsegs = 1;
	}
	return net_csum_tx_partial(tx_flat, p->tot_len) ? NETDEV_TX_CSUM_PARTIAL
							: 0;
}

/* Hand a frame to the driver. When it has no room, retry (see
 * TX_RETRIES); then count a drop. Core lock held. */
static err_t transmit(struct net_if *nif, const struct netdev_seg *segs,
		      unsigned int nsegs, unsigned int flags)
{
	unsigned int tries;
	int ret;

	for (tries = 0;; tries++) {
		ret = netdev_transmit(nif->nd, segs, nsegs, flags);
		if (ret == 0)
			return ERR_OK;
		/* -EAGAIN (11 in Linux and newlib alike): no room now. */
		if (ret != -EAGAIN || tries == TX_RETRIES)
			break;
		if (tries == 0)
			thread_yield();
		else
			thread_sleep_until(time_monotonic_ns() +
					   TX_RETRY_SLEEP_NS);
	}
	nif->tx_drops++;
	return ERR_IF;
}

/*
 * Transmit GSO. lwIP sends TCP in segments of one MSS; a backend that
 * takes merged segments (NETDEV_F_TX_GSO) does far less work per byte
 * with one 64 KiB segment than with 44 of 1460 bytes. So consecutive
 * data segments of one connection are held (a pbuf reference each, as
 * lwIP allows a driver that queues: it will not retransmit a segment
 * while it is held) and go out as one when the burst ends: a frame that
 * does not continue it, a full merge, or the release of lwIP's core lock
 * (net_core_unlock), which ends every burst, since all of lwIP runs
 * under it. Only the headers are copied here; the driver copies the
 * payload once, straight from the held pbufs.
 */

/* Interfaces with a merge open since the core lock was taken. */
static struct net_if *merging[NET_IF_SLOTS];
static unsigned int nmerging;

static bool merge_on(const struct net_if *nif)
{
	const unsigned int want = NETDEV_F_TX_GSO | NETDEV_F_TX_CSUM;

	return (nif->nd->features & want) == want;
}

/* The pieces of p's chain after its first skip bytes; with segs, also
 * fills segs[0..). */
static unsigned int pieces(struct pbuf *p, size_t skip, struct netdev_seg *segs)
{
	unsigned int n = 0;

	for (; p; p = p->next) {
		if (skip >= p->len) {
			skip -= p->len;
			continue;
		}
		if (segs) {
			segs[n].data = (const uint8_t *)p->payload + skip;
			segs[n].len = p->len - skip;
		}
		n++;
		skip = 0;
	}
	return n;
}

/* Add segment p (headers s) to nif's merge, opening one if none is
 * open. False if it does not continue the open merge or would overflow
 * it. */
static bool merge_add(struct net_if *nif, struct pbuf *p,
		      const struct net_gso_seg *s)
{
	struct net_merge *m = &nif->merge;
	unsigned int n = pieces(p, NET_GSO_HDR_LEN, NULL);

	if (m->nheld) {
		/* Every segment but the last carries exactly mss bytes. */
		if (m->nheld == NET_MERGE_SEGS || m->last.payload != m->mss ||
		    s->payload > m->mss || !net_gso_follows(&m->last, s) ||
		    NET_GSO_HDR_LEN + m->payload + s->payload >
			NETDEV_TX_GSO_FRAME_MAX ||
		    m->nsegs + n > ARRAY_SIZE(m->segs))
			return false;
	} else {
		if (1 + n > ARRAY_SIZE(m->segs))
			return false;
		pbuf_copy_partial(p, m->hdr, NET_GSO_HDR_LEN, 0);
		m->segs[0].data = m->hdr;
		m->segs[0].len = NET_GSO_HDR_LEN;
		m->nsegs = 1;
		m->mss = s->payload;
		m->payload = 0;
		m->flags = 0;
		if (!m->listed) {
			merging[nmerging++] = nif;
			m->listed = true;
		}
	}
	pieces(p, NET_GSO_HDR_LEN, &m->segs[m->nsegs]);
	m->nsegs += n;
	pbuf_ref(p);
	m->held[m->nheld++] = p;
	m->last = *s;
	m->payload += s->payload;
	m->flags |= s->flags;
	return true;
}

/* Send nif's open merge, if any: one segment as it was, more as one
 * merged segment for the device to cut at the first one's length. */
static void merge_flush(struct net_if *nif)
{
	struct net_merge *m = &nif->merge;
	unsigned int i, flags = NETDEV_TX_CSUM_PARTIAL;

	if (!m->nheld)
		return;
	net_gso_header(m->hdr, m->payload, m->flags);
	if (m->nheld > 1) {
		flags |= NETDEV_TX_GSO(m->mss);
		nif->tx_merged += m->nheld;
	}
	transmit(nif, m->segs, m->nsegs, flags);
	for (i = 0; i < m->nheld; i++)
		pbuf_free(m->held[i]);
	m->nheld = 0;
}

void net_core_unlock(void)
{
	unsigned int i;

	for (i = 0; i < nmerging; i++) {
		merge_flush(merging[i]);
		merging[i]->merge.listed = false;
	}
	nmerging = 0;
	sys_mutex_unlock(&lock_tcpip_core);
}

/* linkoutput: runs in lwIP (core lock held). */
static err_t nif_output(struct netif *netif, struct pbuf *p)
{
	struct net_if *nif = nif_of(netif);
	struct netdev_seg segs[TX_SEGS_MAX];
	struct net_gso_seg s;
	unsigned int nsegs;

	if (merge_on(nif) &&
	    net_gso_parse(p->payload, p->len, p->tot_len, &s)) {
		if (merge_add(nif, p, &s))
			return ERR_OK;
		merge_flush(nif);
		if (merge_add(nif, p, &s))
			return ERR_OK;
	}
	/* Anything else goes out in order: after what is held. */
	merge_flush(nif);
	if (!gather(p, segs, &nsegs)) {
		nif->tx_drops++;
		return ERR_BUF;
	}
	return transmit(nif, segs, nsegs, tx_csum(nif, p, segs, &nsegs));
}

/* Whether frame is addressed to nif: its MAC, broadcast or multicast. */
static bool for_us(const struct net_if *nif, const uint8_t *frame)
{
	return (frame[0] & 1) || !memcmp(frame, nif->nd->mac, ETH_HWADDR_LEN);
}

/* Copy the frame in segs into the pbuf chain p (as long as the frame). */
static void copy_in(struct pbuf *p, const struct netdev_seg *segs,
		    unsigned int nsegs)
{
	size_t off = 0;

	for (; p; p = p->next) {
		netdev_segs_copy(segs, nsegs, off, p->payload, p->len);
		off += p->len;
	}
}

/* A frame from the driver (its thread; the pieces are valid during the
 * call only and may still be written by the backend: they are copied
 * once, into the pbuf, and only the copy is looked at). */
static void nif_receive(void *arg, const struct netdev_seg *segs,
			unsigned int nsegs, size_t len, unsigned int flags)
{
	struct net_if *nif = arg;
	struct pbuf *p;
	bool checked;

	if (len < SIZEOF_ETH_HDR || len > NETDEV_RX_FRAME_MAX) {
		nif->rx_drops++;
		return;
	}
	/* A merged segment (over the MTU) in one piece of memory rather
	 * than a chain of dozens of pool pbufs; a frame up to the MTU fits
	 * one pool pbuf. */
	p = pbuf_alloc(PBUF_RAW, (u16_t)len,
		       len > NETDEV_FRAME_MAX ? PBUF_RAM : PBUF_POOL);
	if (!p) {
		nif->rx_drops++;
		return;
	}
	copy_in(p, segs, nsegs);
	/* A bridge floods unicast frames for unknown MACs to every port;
	 * lwIP does not check the destination MAC (hardware would), and
	 * would answer for another interface's address. */
	if (!for_us(nif, p->payload)) {
		pbuf_free(p);
		return;
	}
	/* The device's mark only covers a whole TCP/UDP packet (a
	 * fragment is checked after reassembly, by lwIP). */
	checked = (flags & NETDEV_RX_CSUM_OK) &&
		  (nif->nd->features & NETDEV_F_RX_CSUM) &&
		  net_csum_rx_covered(p->payload, p->len);
	/* What tcpip_input does with core-locked input, plus the checksum
	 * checks for this frame alone, set and reset under the lock. */
	LOCK_TCPIP_CORE();
	NETIF_SET_CHECKSUM_CTRL(&nif->netif,
				csum_flags(nif->nd, false, checked));
	ethernet_input(p, &nif->netif); /* consumes p */
	NETIF_SET_CHECKSUM_CTRL(&nif->netif, csum_flags(nif->nd, true, false));
	UNLOCK_TCPIP_CORE();
}

static void nif_link_changed(void *arg, bool up)
{
	struct net_if *nif = arg;

	LOCK_TCPIP_CORE();
	if (up)
		netif_set_link_up(&nif->netif);
	else
		netif_set_link_down(&nif->netif);
	UNLOCK_TCPIP_CORE();
	printk("net: %s link %s\n", nif->nd->name, up ? "up" : "down");
	net_config_changed();
}

/* The vif was unplugged (its link is down already): the interface goes,
 * with its address and DHCP lease; lwIP ends the connections bound to
 * it. What is held for a merge is dropped at the unlock. */
static void nif_removed(void *arg)
{
	struct net_if *nif = arg;

	LOCK_TCPIP_CORE();
	if (nif->dhcp)
		dhcp_release_and_stop(&nif->netif);
	netif_remove(&nif->netif);
	nif->removed = true;
	/* It was the default route: another vif takes over, if any. */
	if (!netif_default) {
		struct netif *n;

		NETIF_FOREACH(n)
		{
			if (n->flags & NETIF_FLAG_ETHARP) {
				netif_set_default(n);
				break;
			}
		}
	}
	UNLOCK_TCPIP_CORE();
	printk("net: %s removed\n", nif->nd->name);
	net_config_changed();
}

/* Address changes (static, DHCP bound or lost): tell net.c. */
static void nif_status(struct netif *netif)
{
	(void)netif;
	net_config_changed();
}

/* lwIP's netif_add() init hook. */
static err_t nif_init(struct netif *netif)
{
	struct net_if *nif = nif_of(netif);
	unsigned int i;

	netif->name[0] = 'e';
	netif->name[1] = 'n';
	netif->hwaddr_len = ETH_HWADDR_LEN;
	for (i = 0; i < ETH_HWADDR_LEN; i++)
		netif->hwaddr[i] = nif->nd->mac[i];
	netif->mtu = (u16_t)(nif->nd->mtu ? nif->nd->mtu : 1500);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		       NETIF_FLAG_ETHERNET | NETIF_FLAG_MLD6;
	netif->output = etharp_output;
	netif->output_ip6 = ethip6_output;
	netif->linkoutput = nif_output;
	NETIF_SET_CHECKSUM_CTRL(netif, csum_flags(nif->nd, true, false));
	netif_set_hostname(netif, "skiff");
	return ERR_OK;
}

/* A MAC fit for an interface: unicast and not all zeros. */
static bool mac_ok(const uint8_t *mac)
{
	return !(mac[0] & 1) &&
	       (mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]);
}

bool net_if_usable(const struct netdev *nd)
{
	const uint8_t *m = nd->mac;

	if (nd->reserved) {
		printk("net: %s is reserved for the app's raw frames; not used "
		       "by the stack\n",
		       nd->name);
		return false;
	}
	if (!mac_ok(m)) {
		printk(
		    "net: %s: %02x:%02x:%02x:%02x:%02x:%02x is not a unicast "
		    "MAC; %s not used\n",
		    nd->name, m[0], m[1], m[2], m[3], m[4], m[5], nd->name);
		return false;
	}
	return true;
}

bool net_if_add(struct net_if *nif, struct netdev *nd)
{
	struct netdev_client c = {.receive = nif_receive,
				  .link_changed = nif_link_changed,
				  .removed = nif_removed,
				  .arg = nif};
	struct netif *ok;

	nif->nd = nd;
	LOCK_TCPIP_CORE();
	ok = netif_add(&nif->netif, IP4_ADDR_ANY4, IP4_ADDR_ANY4, IP4_ADDR_ANY4,
		       nif, nif_init, tcpip_input);
	if (ok) {
		netif_set_status_callback(&nif->netif, nif_status);
		netif_create_ip6_linklocal_address(&nif->netif, 1);
		netif_set_ip6_autoconfig_enabled(&nif->netif, 1);
		netif_set_up(&nif->netif);
	}
	UNLOCK_TCPIP_CORE();
	if (!ok) {
		printk("net: %s: lwIP refused the interface\n", nd->name);
		return false;
	}
	/* Outside the lock: the link callback may follow right away. */
	if (netdev_attach(nd, &c)) {
		printk("net: %s is in use by another client; not used\n",
		       nd->name);
		LOCK_TCPIP_CORE();
		netif_remove(&nif->netif);
		UNLOCK_TCPIP_CORE();
		return false;
	}
	return true;
}
