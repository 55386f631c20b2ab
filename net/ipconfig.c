/*
 * IP configuration of each interface, in this order: the backend's "ip"
 * key (xl's vif ip=), the command line's ip= (first interface only),
 * DHCP. A malformed value is reported and the next source is tried, so a
 * typo costs a configured address, never the boot. The chosen address is
 * printed and the first interface's is written to xenstore data/ip.
 */
#include <kernel/printk.h>
#include <kernel/sync.h>

#include <skiff/xenstore.h>

#include "lwip/dhcp.h"
#include "lwip/ip4_addr.h"
#include "lwip/ip6_addr.h"
#include "lwip/netif.h"
#include "lwip/tcpip.h"

#include "ipconfig.h"
#include "net_priv.h"

/* Serialises reports (they sleep in xenstore writes). */
static struct kmutex report_lock;

static void set_static(struct net_if *nif, const struct ipconf *c,
		       const char *source)
{
	ip4_addr_t addr, mask, gw;

	ip4_addr_set_u32(&addr, lwip_htonl(c->addr));
	ip4_addr_set_u32(&mask, lwip_htonl(c->mask));
	ip4_addr_set_u32(&gw, lwip_htonl(c->gw));
	LOCK_TCPIP_CORE();
	netif_set_addr(&nif->netif, &addr, &mask, &gw);
	/* The default route: the first interface, or one with a gateway. */
	if (!netif_default ||
	    (c->gw && ip4_addr_isany_val(*netif_ip4_gw(netif_default))))
		netif_set_default(&nif->netif);
	UNLOCK_TCPIP_CORE();
	nif->source = source;
}

void net_ipconfig_apply(struct net_if *nif, const char *cmdline_ip)
{
	const char *name = nif->nd->name, *why;
	struct ipconf c;

	if (nif->nd->ipconf[0]) {
		if (!ipconf_parse_backend(nif->nd->ipconf, &c, &why)) {
			set_static(nif, &c, "vif config");
			return;
		}
		printk(
		    "net: %s: bad ip \"%s\" in the vif config: %s; ignored\n",
		    name, nif->nd->ipconf, why);
	}
	if (cmdline_ip && cmdline_ip[0]) {
		if (!ipconf_parse_cmdline(cmdline_ip, &c, &why)) {
			set_static(nif, &c, "command line");
			return;
		}
		printk("net: bad ip=%s on the command line: %s; ignored\n",
		       cmdline_ip, why);
	}
	nif->dhcp = true;
	nif->source = "DHCP";
	LOCK_TCPIP_CORE();
	if (!netif_default)
		netif_set_default(&nif->netif);
	if (dhcp_start(&nif->netif) != ERR_OK)
		printk("net: %s: cannot start DHCP (no memory)\n", name);
	UNLOCK_TCPIP_CORE();
}

bool net_ipconfig_has_addr(struct net_if *nif)
{
	bool has;

	LOCK_TCPIP_CORE();
	has = !ip4_addr_isany_val(*netif_ip4_addr(&nif->netif));
	UNLOCK_TCPIP_CORE();
	return has;
}

/* Print nif's state: "net: vif0 mac ... ip A/P gw G (from S)". */
static void print_nif(struct net_if *nif, const ip4_addr_t *a,
		      const ip4_addr_t *mask, const ip4_addr_t *gw)
{
	const uint8_t *m = nif->nd->mac;
	char as[IP4ADDR_STRLEN_MAX], gs[IP4ADDR_STRLEN_MAX];
	int prefix = ipconf_mask_prefix(lwip_ntohl(ip4_addr_get_u32(mask)));

	ip4addr_ntoa_r(a, as, sizeof(as));
	ip4addr_ntoa_r(gw, gs, sizeof(gs));
	printk("net: %s mac %02x:%02x:%02x:%02x:%02x:%02x ip %s/%d%s%s (from "
	       "%s)\n",
	       nif->nd->name, m[0], m[1], m[2], m[3], m[4], m[5], as, prefix,
	       ip4_addr_isany(gw) ? "" : " gw ", ip4_addr_isany(gw) ? "" : gs,
	       nif->source);
}

/* Print nif's IPv6 link-local address (made from the MAC, so fixed). */
static void print_ip6(struct net_if *nif)
{
	char s[IP6ADDR_STRLEN_MAX];
	char *c;

	LOCK_TCPIP_CORE();
	ip6addr_ntoa_r(netif_ip6_addr(&nif->netif, 0), s, sizeof(s));
	UNLOCK_TCPIP_CORE();
	for (c = s; *c; c++) /* lwIP writes upper case; RFC 5952 lower */
		if (*c >= 'A' && *c <= 'F')
			*c = (char)(*c - 'A' + 'a');
	printk("net: %s ipv6 %s (link-local)\n", nif->nd->name, s);
}

/* Report nif if its address changed; true if it has one. */
static bool report_nif(struct net_if *nif, bool first, bool final)
{
	ip4_addr_t a, mask, gw;
	char as[IP4ADDR_STRLEN_MAX];
	bool link;
	int ret;

	LOCK_TCPIP_CORE();
	a = *netif_ip4_addr(&nif->netif);
	mask = *netif_ip4_netmask(&nif->netif);
	gw = *netif_ip4_gw(&nif->netif);
	link = netif_is_link_up(&nif->netif);
	UNLOCK_TCPIP_CORE();
	if (ip4_addr_isany_val(a)) {
		if (final && nif->dhcp && !nif->reported)
			printk("net: %s: %s; going on, DHCP keeps trying\n",
			       nif->nd->name,
			       link ? "no DHCP lease yet"
				    : "link down (backend not connected)");
		return false;
	}
	if (nif->reported && ip4_addr_cmp(&a, &nif->shown))
		return true;
	if (!nif->reported)
		print_ip6(nif);
	nif->reported = true;
	nif->shown = a;
	print_nif(nif, &a, &mask, &gw);
	if (first) {
		ip4addr_ntoa_r(&a, as, sizeof(as));
		ret = xs_write("data/ip", as);
		if (ret)
			printk("net: cannot write data/ip to xenstore (%d)\n",
			       ret);
	}
	return true;
}

void net_ipconfig_report(struct net_if *ifs, unsigned int n, bool final)
{
	bool first = true;
	unsigned int i;

	kmutex_lock(&report_lock);
	for (i = 0; i < n; i++)
		if (!ifs[i].removed && report_nif(&ifs[i], first, final))
			first = false;
	kmutex_unlock(&report_lock);
}
