/*
 * Start-up of the network layer (net_init(), an INIT_SERVICE initcall: the
 * app's thread runs it before main()): lwIP's tcpip thread, a netif per
 * netdev, IP configuration with a bounded wait for DHCP, and a thread that
 * reports later address changes (a lease that comes late, or a new one).
 * Its boot options (ip=, dns=) and its part of exit (TCP delivers what it
 * holds) are registered here too.
 */
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sync.h>
#include <kernel/time.h>

#include <string.h>

#include "lwip/dns.h"
#include "lwip/ip_addr.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcpip.h"

#include "ipconfig.h"
#include "net_priv.h"

/* How long main() waits for DHCP leases. */
#define DHCP_WAIT_NS (10 * NSEC_PER_SEC)
/* How long it waits for the devices' first bring-up (the driver gives up
 * on a silent backend after 10 s itself). */
#define SETTLE_WAIT_NS (12 * NSEC_PER_SEC)

static struct {
	bool up;
	bool dns;	/* a DNS server was set by dns= */
	unsigned int n; /* interfaces in ifs[] (removed ones too) */
	struct net_if ifs[NET_IF_SLOTS];
	struct kmutex add_lock; /* net_init() and vifs attached later */
	struct ksem changed;	/* posted on address and link changes */
	bool reporter;		/* the reporting thread runs */
} net;

/* TCP connections that still hold data (not yet sent, or not yet
 * acknowledged by the peer). */
static int connections_holding_data(void)
{
	struct tcp_pcb *pcb;
	int n = 0;

	LOCK_TCPIP_CORE();
	for (pcb = tcp_active_pcbs; pcb; pcb = pcb->next)
		if (pcb->unsent || pcb->unacked)
			n++;
	UNLOCK_TCPIP_CORE();
	return n;
}

int net_drain(uint64_t deadline_ns)
{
	int n;

	if (!net_is_up() || sched_in_idle())
		return 0;
	while ((n = connections_holding_data()) != 0) {
		uint64_t now = time_monotonic_ns();

		if (now >= deadline_ns) {
			printk("net: exit: %d connection(s) still held data "
			       "for their peers\n",
			       n);
			return n;
		}
		thread_sleep_until(MIN(now + NET_DRAIN_STEP_NS, deadline_ns));
	}
	return 0;
}

bool net_is_up(void)
{
	return net.up;
}

bool net_dns_configured(void)
{
	const ip_addr_t *s;
	bool any;

	if (!net.up)
		return false;
	LOCK_TCPIP_CORE();
	s = dns_getserver(0);
	any = !ip_addr_isany(s);
	UNLOCK_TCPIP_CORE();
	return any;
}

void net_config_changed(void)
{
	ksem_post(&net.changed);
}

static void set_dns(const char *value)
{
	const char *end;
	uint32_t a;
	ip_addr_t s;

	if (ipconf_parse_addr(value, &end, &a) || *end) {
		printk("net: bad dns=%s (want an IPv4 address); ignored\n",
		       value);
		return;
	}
	ip_addr_set_ip4_u32_val(s, lwip_htonl(a));
	LOCK_TCPIP_CORE();
	dns_setserver(0, &s);
	UNLOCK_TCPIP_CORE();
	net.dns = true;
}

static bool link_up(struct net_if *nif)
{
	bool up;

	LOCK_TCPIP_CORE();
	up = netif_is_link_up(&nif->netif);
	UNLOCK_TCPIP_CORE();
	return up;
}

/* Whether every DHCP interface whose link is up has its address (one
 * whose backend never connected cannot get a lease: no use waiting). */
static bool all_configured(void)
{
	struct net_if *nif;
	unsigned int i;

	for (i = 0; i < net.n; i++) {
		nif = &net.ifs[i];
		if (nif->dhcp && !nif->removed && link_up(nif) &&
		    !net_ipconfig_has_addr(nif))
			return false;
	}
	return true;
}

/* Report address changes after start-up (late or renewed leases). */
static void reporter_thread(void *arg)
{
	(void)arg;
	for (;;) {
		ksem_wait(&net.changed);
		net_ipconfig_report(net.ifs, net.n, false);
	}
}

/* The thread that reports address changes after start-up, once. */
static void start_reporter(void)
{
	struct thread *t;

	if (net.reporter)
		return;
	t = thread_create("net-report", reporter_thread, NULL, 0);
	if (t) {
		thread_detach(t);
		net.reporter = true;
	}
}

static void wait_for_leases(void)
{
	uint64_t deadline = time_monotonic_ns() + DHCP_WAIT_NS;
	bool dhcp = false;
	unsigned int i;

	for (i = 0; i < net.n; i++)
		dhcp |= net.ifs[i].dhcp;
	while (dhcp && !all_configured())
		if (ksem_wait_until(&net.changed, deadline))
			break;
	net_ipconfig_report(net.ifs, net.n, true);
	if (dhcp)
		start_reporter();
}

/* lwIP's thread and the options, once (under add_lock). */
static void start_stack(const struct net_options *opts)
{
	if (net.up)
		return;
	ksem_init(&net.changed, 0);
	tcpip_init(NULL, NULL);
	net.up = true;
	if (opts && opts->dns[0])
		set_dns(opts->dns);
}

/* An interface over nd (under add_lock); false if none was made. */
static bool add_if(struct netdev *nd)
{
	if (net.n == NET_IF_SLOTS || !net_if_add(&net.ifs[net.n], nd))
		return false;
	net.n++;
	return true;
}

/* A vif attached while the app runs (xl network-attach), in its
 * driver's thread: an interface, configured from the vif's ip key or by
 * DHCP (the command line's ip= is the first boot vif's), then reported
 * by the reporter thread. */
static void vif_added(struct netdev *nd)
{
	if (!net_if_usable(nd))
		return;
	kmutex_lock(&net.add_lock);
	start_stack(NULL);
	if (add_if(nd)) {
		printk("net: %s attached\n", nd->name);
		net_ipconfig_apply(&net.ifs[net.n - 1], NULL);
		start_reporter();
		net_config_changed();
	}
	kmutex_unlock(&net.add_lock);
}

void net_init(const struct net_options *opts)
{
	struct netdev *usable[NETDEV_MAX], *nd;
	unsigned int i, first, n = 0;

	/* From here on, vifs attached later get an interface too. */
	kmutex_lock(&net.add_lock);
	netdev_set_added_hook(vif_added);
	for (i = 0; (nd = netdev_get(i)) && n < NETDEV_MAX; i++)
		if (!nd->node.removed && net_if_usable(nd))
			usable[n++] = nd;
	if (!n || net.up) {
		kmutex_unlock(&net.add_lock);
		return; /* no thread, no lwIP (until a socket or a vif) */
	}
	/* Configure links that are up where possible: a DHCP request sent
	 * before the backend connects is lost until lwIP's next retry. */
	if (netdev_wait_settled(time_monotonic_ns() + SETTLE_WAIT_NS))
		printk("net: some vifs have not come up; going on\n");
	start_stack(opts);
	first = net.n;
	for (i = 0; i < n; i++)
		add_if(usable[i]);
	for (i = first; i < net.n; i++)
		net_ipconfig_apply(&net.ifs[i],
				   i == 0 && opts ? opts->ip : NULL);
	kmutex_unlock(&net.add_lock);
	wait_for_leases();
}

bool net_start_loopback(void)
{
	/* A domain without a vif still has lo (127.0.0.1, ::1), as a Linux
	 * host does; lwIP (and its thread) is started by the first socket
	 * that needs it, so an image that links the network but makes no
	 * socket pays nothing at run time. */
	if (net.up)
		return true;
	if (sched_in_idle())
		return false;
	/* tcpip_init() may let other threads run: one starts lwIP, the
	 * others wait on the lock. */
	kmutex_lock(&net.add_lock);
	start_stack(NULL);
	kmutex_unlock(&net.add_lock);
	return true;
}

/* ip= and dns= from the command line, kept by the boot context. */
static struct net_options boot_opts;

static void take_ip(const char *value)
{
	net_option_set(boot_opts.ip, value);
}
BOOT_OPTION("ip", take_ip);

static void take_dns(const char *value)
{
	net_option_set(boot_opts.dns, value);
}
BOOT_OPTION("dns", take_dns);

static void net_start(const struct boot_info *bi)
{
	(void)bi;
	net_init(&boot_opts);
}
INITCALL(INIT_SERVICE, net_start);

static void net_exit(uint64_t deadline_ns)
{
	net_drain(deadline_ns);
}
EXITCALL(EXIT_THREADS, net_exit);

/* The name Linux would give netif: lo, or the vif's own (vif0, ...). */
static const char *if_name(struct netif *netif)
{
	unsigned int i;

	for (i = 0; i < net.n; i++)
		if (&net.ifs[i].netif == netif)
			return net.ifs[i].nd->name;
	return netif->flags & NETIF_FLAG_ETHARP ? "eth" : "lo";
}

/* Fill one entry from netif (core lock held). */
static void if_info(struct netif *netif, struct net_ifinfo *o)
{
	unsigned int i;

	memset(o, 0, sizeof(*o));
	strncpy(o->name, if_name(netif), sizeof(o->name) - 1);
	o->index = netif_get_index(netif);
	o->loopback = !(netif->flags & NETIF_FLAG_ETHARP);
	o->mtu = o->loopback ? 65536 : netif->mtu;
	o->up = netif_is_up(netif);
	o->running = o->up && (o->loopback || netif_is_link_up(netif));
	o->broadcast = !!(netif->flags & NETIF_FLAG_BROADCAST);
	if (!o->loopback && netif->hwaddr_len == NET_IF_MAC_LEN)
		memcpy(o->mac, netif->hwaddr, NET_IF_MAC_LEN);
	o->ip4 = ip4_addr_get_u32(netif_ip4_addr(netif));
	o->ip4_mask = ip4_addr_get_u32(netif_ip4_netmask(netif));
	for (i = 0; i < LWIP_IPV6_NUM_ADDRESSES && o->n6 < NET_IF_IP6_MAX;
	     i++) {
		const ip6_addr_t *a = netif_ip6_addr(netif, i);
		u8_t st = netif_ip6_addr_state(netif, i);

		/* Linux lists an address still in duplicate detection too,
		 * flagged tentative. */
		if (!ip6_addr_isvalid(st) && !ip6_addr_istentative(st))
			continue;
		o->ip6[o->n6].tentative = ip6_addr_istentative(st);
		memcpy(o->ip6[o->n6].addr, a->addr, 16);
		/* lwIP keeps no IPv6 prefix length: ::1 is a host address,
		 * the others are autoconfigured /64s. */
		o->ip6[o->n6].prefix = o->loopback ? 128 : 64;
		o->ip6[o->n6].link_local = ip6_addr_islinklocal(a);
		o->n6++;
	}
}

int net_if_list(struct net_ifinfo *out, int max)
{
	struct netif *netif;
	int n = 0, i;

	if (!net.up)
		return 0;
	LOCK_TCPIP_CORE();
	NETIF_FOREACH(netif)
	{
		if (n < max)
			if_info(netif, &out[n]);
		n++;
	}
	UNLOCK_TCPIP_CORE();
	/* lwIP keeps the newest interface first; Linux lists by index. */
	for (i = 1; i < MIN(n, max); i++) {
		struct net_ifinfo t = out[i];
		int k = i;

		for (; k > 0 && out[k - 1].index > t.index; k--)
			out[k] = out[k - 1];
		out[k] = t;
	}
	return n;
}
