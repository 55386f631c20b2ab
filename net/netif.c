/*
 * A lwIP netif over each netdev: frames from the driver are copied into
 * pool pbufs and fed to the stack in the driver's thread (under the core
 * lock, taken by tcpip_input); frames from the stack are handed to the
 * driver as a gather list of the pbuf chain. Link changes follow the
 * backend's connection.
 */
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/time.h>

#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcpip.h"
#include "netif/ethernet.h"

#include "net_priv.h"

/* Pieces of a pbuf chain handed to the driver at once; a longer chain is
 * copied into one buffer first. */
#define TX_SEGS_MAX 16
/* When the driver has no room: yield this many times, for it to reclaim
 * finished requests, then drop the frame (TCP sends it again). */
#define TX_RETRIES 8

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

/* linkoutput: runs in lwIP (core lock held). */
static err_t nif_output(struct netif *netif, struct pbuf *p)
{
	struct net_if *nif = nif_of(netif);
	struct netdev_seg segs[TX_SEGS_MAX];
	unsigned int nsegs, tries;
	int ret;

	if (!gather(p, segs, &nsegs)) {
		nif->tx_drops++;
		return ERR_BUF;
	}
	for (tries = 0;; tries++) {
		ret = netdev_transmit(nif->nd, segs, nsegs);
		if (ret == 0)
			return ERR_OK;
		/* -EAGAIN (11 in Linux and newlib alike): no room now. */
		if (ret != -EAGAIN || tries == TX_RETRIES)
			break;
		thread_yield();
	}
	nif->tx_drops++;
	return ERR_IF;
}

/* A frame from the driver (its thread; the frame is valid during the
 * call only). */
static void nif_receive(void *arg, const void *frame, size_t len)
{
	struct net_if *nif = arg;
	struct pbuf *p;

	if (len < SIZEOF_ETH_HDR || len > NETDEV_FRAME_MAX) {
		nif->rx_drops++;
		return;
	}
	p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
	if (!p) {
		nif->rx_drops++;
		return;
	}
	pbuf_take(p, frame, (u16_t)len);
	if (nif->netif.input(p, &nif->netif) != ERR_OK) {
		pbuf_free(p);
		nif->rx_drops++;
	}
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
	netif_set_hostname(netif, "skiff");
	return ERR_OK;
}

/* A MAC fit for an interface: unicast and not all zeros. */
static bool mac_ok(const uint8_t *mac)
{
	return !(mac[0] & 1) &&
	       (mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]);
}

bool net_if_add(struct net_if *nif, struct netdev *nd)
{
	struct netdev_client c = {nif_receive, nif_link_changed, nif};
	const uint8_t *m = nd->mac;
	struct netif *ok;

	if (!mac_ok(m)) {
		printk(
		    "net: %s: %02x:%02x:%02x:%02x:%02x:%02x is not a unicast "
		    "MAC; %s not used\n",
		    nd->name, m[0], m[1], m[2], m[3], m[4], m[5], nd->name);
		return false;
	}
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
