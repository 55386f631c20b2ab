/*
 * The network's files in /etc and /proc (the net unit's set of
 * <runtime/sysfile.h>), so that a program's own resolver works as on
 * Linux: Go's pure-Go resolver (net.LookupHost) reads /etc/resolv.conf
 * and /etc/hosts, net.LookupPort /etc/services, net.Listen the
 * listen-queue ceiling. Made at each open from lwIP's state: the name
 * servers that dns= or DHCP gave, the domain's first IPv4 address (not a
 * loopback one) for its host name, which is the domain's name
 * (sysfile_hostname()). In the net unit, which an app with sockets
 * carries anyway; the text is sysfile_text.c's.
 */
#include <stdio.h>
#include <string.h>

#include <kernel/errno.h>
#include <skiff_net.h>

#include <lwip/dns.h>
#include <lwip/ip_addr.h>
#include <lwip/netif.h>
#include <lwip/tcpip.h>

#include <runtime/sysfile.h>

#include "sysfile_text.h"

/* What lwIP keeps of a listen backlog (a u8: lwip_listen() cuts it). */
#define LISTEN_MAX 255

static int fill_resolv(struct sysfile_buf *b)
{
	char text[DNS_MAX_SERVERS][IPADDR_STRLEN_MAX];
	const char *servers[DNS_MAX_SERVERS];
	size_t n = 0;
	u8_t i;

	if (net_is_up()) {
		LOCK_TCPIP_CORE();
		for (i = 0; i < DNS_MAX_SERVERS; i++) {
			const ip_addr_t *s = dns_getserver(i);

			if (ip_addr_isany(s))
				continue;
			ipaddr_ntoa_r(s, text[n], sizeof(text[n]));
			servers[n] = text[n];
			n++;
		}
		UNLOCK_TCPIP_CORE();
	}
	sysfile_fmt_resolv(b, servers, n);
	return 0;
}

/* The first IPv4 address of an interface that is up and not loopback. */
static void own_address(char out[16])
{
	struct netif *nif;

	out[0] = 0;
	if (!net_is_up())
		return;
	LOCK_TCPIP_CORE();
	NETIF_FOREACH(nif)
	{
		const ip4_addr_t *a = netif_ip4_addr(nif);
		unsigned char bytes[4];

		if (!netif_is_up(nif) || ip4_addr_isany(a) ||
		    ip4_addr_isloopback(a))
			continue;
		memcpy(bytes, &a->addr, 4);
		sysfile_fmt_ipv4(out, bytes);
		break;
	}
	UNLOCK_TCPIP_CORE();
}

static int fill_hosts(struct sysfile_buf *b)
{
	char addr[16];

	own_address(addr);
	sysfile_fmt_hosts(b, sysfile_hostname(), addr);
	return 0;
}

static int fill_services(struct sysfile_buf *b)
{
	sysfile_fmt_services(b);
	return 0;
}

static int fill_text(struct sysfile_buf *b, const char *text)
{
	sysfile_put(b, text, strlen(text));
	return 0;
}

/* Names from /etc/hosts first, then DNS (Go and glibc both read it). */
static int fill_nsswitch(struct sysfile_buf *b)
{
	return fill_text(b, "hosts: files dns\nnetworks: files\n"
			    "protocols: files\nservices: files\n");
}

static int fill_protocols(struct sysfile_buf *b)
{
	return fill_text(b, "ip\t0\tIP\nicmp\t1\tICMP\ntcp\t6\tTCP\n"
			    "udp\t17\tUDP\nipv6-icmp\t58\tIPv6-ICMP\n");
}

static int fill_somaxconn(struct sysfile_buf *b)
{
	sysfile_printf(b, "%d\n", LISTEN_MAX);
	return 0;
}

static const struct sysfile files[] = {
    {"/etc/resolv.conf", fill_resolv},
    {"/etc/hosts", fill_hosts},
    {"/etc/services", fill_services},
    {"/etc/nsswitch.conf", fill_nsswitch},
    {"/etc/protocols", fill_protocols},
    {"/proc/sys/net/core/somaxconn", fill_somaxconn},
};

const struct sysfile_set net_sysfiles = {files,
					 sizeof(files) / sizeof(files[0])};
