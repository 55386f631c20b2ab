/*
 * Start-up of the network layer (net_init(), called by runtime/start.c
 * before main()): lwIP's tcpip thread, a netif per netdev, IP
 * configuration with a bounded wait for DHCP, and a thread that reports
 * later address changes (a lease that comes late, or a new one).
 */
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sync.h>
#include <kernel/time.h>

#include "lwip/dns.h"
#include "lwip/ip_addr.h"
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
	unsigned int n; /* interfaces in ifs[] */
	struct net_if ifs[NETDEV_MAX];
	struct ksem changed; /* posted on address and link changes */
	bool reporter;	     /* the reporting thread runs */
} net;

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

/* Whether every DHCP interface has its address. */
static bool all_configured(void)
{
	unsigned int i;

	for (i = 0; i < net.n; i++)
		if (net.ifs[i].dhcp && !net_ipconfig_has_addr(&net.ifs[i]))
			return false;
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

static void wait_for_leases(void)
{
	uint64_t deadline = time_monotonic_ns() + DHCP_WAIT_NS;
	bool dhcp = false;
	unsigned int i;
	struct thread *t;

	for (i = 0; i < net.n; i++)
		dhcp |= net.ifs[i].dhcp;
	while (dhcp && !all_configured())
		if (ksem_wait_until(&net.changed, deadline))
			break;
	net_ipconfig_report(net.ifs, net.n, true);
	if (!dhcp)
		return;
	t = thread_create("net-report", reporter_thread, NULL, 0);
	if (t) {
		thread_detach(t);
		net.reporter = true;
	}
}

void net_init(const struct net_options *opts)
{
	unsigned int i, count = netdev_count();

	if (!count || net.up)
		return;
	ksem_init(&net.changed, 0);
	/* Configure links that are up where possible: a DHCP request sent
	 * before the backend connects is lost until lwIP's next retry. */
	if (netdev_wait_settled(time_monotonic_ns() + SETTLE_WAIT_NS))
		printk("net: some vifs have not come up; going on\n");
	tcpip_init(NULL, NULL);
	net.up = true;
	if (opts && opts->dns[0])
		set_dns(opts->dns);
	for (i = 0; i < count && net.n < NETDEV_MAX; i++)
		if (net_if_add(&net.ifs[net.n], netdev_get(i)))
			net.n++;
	for (i = 0; i < net.n; i++)
		net_ipconfig_apply(&net.ifs[i],
				   i == 0 && opts ? opts->ip : NULL);
	wait_for_leases();
}
