/*
 * Private to net/: one record per network interface (a netif over a
 * netdev), and the calls between net.c, netif.c and ipconfig.c. Files
 * that include this see lwIP's headers, and with them newlib's <errno.h>:
 * they return no kernel errno values above 34 (net/README.md).
 */
#ifndef NET_PRIV_H
#define NET_PRIV_H

#include <kernel/netdev.h>

#include <skiff_net.h>

#include "lwip/netif.h"

#include "tx_gso.h"

/* Transmit GSO (netif.c): consecutive TCPv4 segments of one connection
 * leaving lwIP, held (a pbuf reference each) until the burst ends, then
 * handed to the driver as one merged segment. */
#define NET_MERGE_SEGS 48   /* segments in one merge */
#define NET_MERGE_PIECES 96 /* their payload pieces */

struct net_merge {
	unsigned int nheld; /* 0: no merge open */
	struct pbuf *held[NET_MERGE_SEGS];
	/* [0] is hdr; then the payload pieces, in order */
	struct netdev_seg segs[1 + NET_MERGE_PIECES];
	unsigned int nsegs;
	uint8_t hdr[NET_GSO_HDR_LEN]; /* the first segment's headers */
	struct net_gso_seg last;      /* the last segment's */
	size_t mss;		      /* the first segment's payload */
	size_t payload;		      /* merged so far */
	uint8_t flags;		      /* TCP flags, or-ed */
	bool listed;		      /* in netif.c's merging[] */
};

struct net_if {
	struct netif netif;
	struct netdev *nd;
	struct net_merge merge;
	unsigned long tx_merged; /* segments sent inside merged ones */
	unsigned long tx_drops;	 /* no room, link down or broken device */
	unsigned long rx_drops;	 /* no pbuf, or lwIP refused the frame */
	const char *source;	 /* where the address came from */
	bool dhcp;		 /* configured by DHCP */
	bool removed;		 /* its vif was unplugged: skipped */
	bool reported;		 /* some address printed */
	ip4_addr_t shown;	 /* the address printed last */
};

/* Whether the stack may use nd: not reserved for the app's raw-frame
 * API, and with a unicast MAC. Says why not on the console. */
bool net_if_usable(const struct netdev *nd);

/* Add nif's netif (lwIP's core lock not held) over nd and attach to nd.
 * Returns true, or false (with a message) when nd is taken or lwIP
 * refuses it. */
bool net_if_add(struct net_if *nif, struct netdev *nd);

/* Interfaces over devices attached at run time: a net_if slot per
 * registration (<kernel/devreg.h>), never reused. */
#define NET_IF_SLOTS DEVREG_SLOTS(NETDEV_MAX)

/* Configure nif: the backend's ip key, else cmdline_ip (NULL or "" for
 * none), else DHCP. Core lock not held. */
void net_ipconfig_apply(struct net_if *nif, const char *cmdline_ip);

/* Whether nif has an IPv4 address now. Core lock not held. */
bool net_ipconfig_has_addr(struct net_if *nif);

/* Print each interface whose address changed since last time, and write
 * the first configured one's address to xenstore data/ip. With final,
 * also say which DHCP interfaces have no lease yet. */
void net_ipconfig_report(struct net_if *ifs, unsigned int n, bool final);

/* Wake net.c's configuration waiter (address or link changed). */
void net_config_changed(void);

#endif
