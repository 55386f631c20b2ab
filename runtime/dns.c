/*
 * Name lookups through lwIP's DNS resolver, for getaddrinfo(): one
 * address per name, of the family asked for (or IPv4 first, then IPv6).
 * Kept apart from netdb.c because it needs lwIP's headers, whose
 * struct addrinfo would clash with the app-facing <netdb.h>.
 */
#include <kernel/errno.h>
#include <skiff_net.h>

#include <string.h>

#include <lwip/api.h>
#include <lwip/ip_addr.h>

#include "netdb_priv.h"

int runtime_dns_lookup(const char *name, int want, uint8_t out[16])
{
	u8_t type = NETCONN_DNS_IPV4_IPV6;
	ip_addr_t addr;
	err_t err;

	if (!net_is_up() || !net_dns_configured())
		return -ENOENT;
	if (want == NETDB_WANT_V4)
		type = NETCONN_DNS_IPV4;
	else if (want == NETDB_WANT_V6)
		type = NETCONN_DNS_IPV6;
	/* Blocks this thread until the answer or lwIP's DNS timeout. */
	err = netconn_gethostbyname_addrtype(name, &addr, type);
	if (err == ERR_VAL || err == ERR_ARG)
		return -ENOENT; /* no such name, or not a name */
	if (err != ERR_OK)
		return -EAGAIN;
	if (IP_IS_V6(&addr)) {
		memcpy(out, ip_2_ip6(&addr)->addr, 16);
		return NETDB_WANT_V6;
	}
	memcpy(out, &ip_2_ip4(&addr)->addr, 4);
	return NETDB_WANT_V4;
}
