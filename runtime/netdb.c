/*
 * Name and address conversions for apps: inet_aton, inet_addr,
 * inet_ntoa, inet_pton, inet_ntop (over inet.c) and getaddrinfo,
 * freeaddrinfo, gai_strerror. getaddrinfo knows numeric hosts and
 * services, "localhost", and asks lwIP's DNS resolver (dns.c) for other
 * names when one is configured. There are no /etc/hosts or
 * /etc/services: a service must be a port number.
 */
#include <kernel/errno.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "inet.h"
#include "netdb_priv.h"
#include "runtime_priv.h"

/* in6addr_any is lwIP's (core/ipv6/inet6.c: the same 16 zero bytes). */
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;

int inet_aton(const char *cp, struct in_addr *inp)
{
	uint8_t a[4];

	if (!cp || !inet_parse4_classic(cp, a))
		return 0;
	if (inp)
		memcpy(&inp->s_addr, a, 4);
	return 1;
}

in_addr_t inet_addr(const char *cp)
{
	struct in_addr in;

	return inet_aton(cp, &in) ? in.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr in)
{
	static char buf[INET_ADDRSTRLEN];

	inet_format4((const uint8_t *)&in.s_addr, buf, sizeof(buf));
	return buf;
}

int inet_pton(int af, const char *src, void *dst)
{
	uint8_t a[16];

	if (af == AF_INET && inet_parse4(src, a)) {
		memcpy(dst, a, 4);
		return 1;
	}
	if (af == AF_INET6 && inet_parse6(src, a)) {
		memcpy(dst, a, 16);
		return 1;
	}
	if (af != AF_INET && af != AF_INET6)
		return (int)runtime_ret(-EAFNOSUPPORT);
	return 0;
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	int n = -EAFNOSUPPORT;

	if (af == AF_INET)
		n = inet_format4(src, dst, size) < 0 ? -ENOSPC : 0;
	else if (af == AF_INET6)
		n = inet_format6(src, dst, size) < 0 ? -ENOSPC : 0;
	return runtime_ret(n) < 0 ? NULL : dst;
}

/* --- getaddrinfo ---------------------------------------------------------- */

#define AI_KNOWN                                                               \
	(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL |   \
	 AI_ADDRCONFIG | AI_NUMERICSERV)

/* At most two addresses per name: IPv4 and IPv6. */
struct gai_addrs {
	int n;
	int family[2];
	uint8_t bytes[2][16];
};

/* A result entry and its address in one allocation. */
struct gai_entry {
	struct addrinfo ai;
	union {
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
	} sa;
};

static void addrs_add(struct gai_addrs *a, int family, const uint8_t *bytes)
{
	a->family[a->n] = family;
	memcpy(a->bytes[a->n], bytes, family == AF_INET ? 4 : 16);
	a->n++;
}

/* The port of a service: a decimal number 0..65535. Returns 0 and *port
 * (host order), or an EAI_ value. */
static int gai_port(const char *service, int flags, unsigned int *port)
{
	char *end;
	unsigned long v;

	*port = 0;
	if (!service)
		return 0;
	v = strtoul(service, &end, 10);
	if (*service && !*end && service[0] != '-' && v <= 65535) {
		*port = (unsigned int)v;
		return 0;
	}
	/* Without /etc/services a name cannot be a port. */
	return flags & AI_NUMERICSERV ? EAI_NONAME : EAI_SERVICE;
}

/* The wildcard or loopback addresses of the family (both: IPv4 first). */
static void gai_local(int family, bool any, struct gai_addrs *a)
{
	static const uint8_t v4_any[4], v4_lo[4] = {127, 0, 0, 1};

	if (family != AF_INET6)
		addrs_add(a, AF_INET, any ? v4_any : v4_lo);
	if (family != AF_INET)
		addrs_add(a, AF_INET6,
			  any ? in6addr_any.s6_addr : in6addr_loopback.s6_addr);
}

/* A numeric IPv4 address for an AF_INET6 query: the mapped form, if the
 * caller asked for it (AI_V4MAPPED). */
static int gai_numeric4(const uint8_t v4[4], int family, int flags,
			struct gai_addrs *a)
{
	uint8_t mapped[16] = {[10] = 0xff, [11] = 0xff};

	if (family != AF_INET6) {
		addrs_add(a, AF_INET, v4);
		return 0;
	}
	if (!(flags & AI_V4MAPPED))
		return EAI_NONAME;
	memcpy(mapped + 12, v4, 4);
	addrs_add(a, AF_INET6, mapped);
	return 0;
}

/* Resolve node to addresses. Returns 0 or an EAI_ value. */
static int gai_host(const char *node, int family, int flags,
		    struct gai_addrs *a)
{
	uint8_t bytes[16];
	int r;

	if (!node) {
		gai_local(family, flags & AI_PASSIVE, a);
		return 0;
	}
	if (inet_parse4_classic(node, bytes))
		return gai_numeric4(bytes, family, flags, a);
	if (inet_parse6(node, bytes)) {
		if (family == AF_INET)
			return EAI_NONAME;
		addrs_add(a, AF_INET6, bytes);
		return 0;
	}
	if (flags & AI_NUMERICHOST)
		return EAI_NONAME;
	if (!strcasecmp(node, "localhost")) {
		gai_local(family, false, a);
		return 0;
	}
	r = runtime_dns_lookup(node,
			       family == AF_INET    ? NETDB_WANT_V4
			       : family == AF_INET6 ? NETDB_WANT_V6
						    : NETDB_WANT_ANY,
			       bytes);
	if (r == -EAGAIN)
		return EAI_AGAIN;
	if (r < 0)
		return EAI_NONAME;
	addrs_add(a, r == NETDB_WANT_V4 ? AF_INET : AF_INET6, bytes);
	return 0;
}

/* One result: family's address bytes, the port, the socket type. */
static struct addrinfo *gai_entry(int family, const uint8_t *bytes,
				  unsigned int port, int socktype, int protocol)
{
	struct gai_entry *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->ai.ai_family = family;
	e->ai.ai_socktype = socktype;
	e->ai.ai_protocol = protocol;
	e->ai.ai_addr = (struct sockaddr *)&e->sa;
	if (family == AF_INET) {
		e->sa.in.sin_family = AF_INET;
		e->sa.in.sin_port = htons((uint16_t)port);
		memcpy(&e->sa.in.sin_addr, bytes, 4);
		e->ai.ai_addrlen = sizeof(e->sa.in);
	} else {
		e->sa.in6.sin6_family = AF_INET6;
		e->sa.in6.sin6_port = htons((uint16_t)port);
		memcpy(&e->sa.in6.sin6_addr, bytes, 16);
		e->ai.ai_addrlen = sizeof(e->sa.in6);
	}
	return &e->ai;
}

/* The socket types to list: the one asked for, or stream and datagram.
 * Returns how many, or -1 for a type or protocol that does not fit. */
static int gai_types(const struct addrinfo *h, int types[2], int protos[2])
{
	int st = h ? h->ai_socktype : 0, pr = h ? h->ai_protocol : 0;
	int n = 0;

	if ((!st || st == SOCK_STREAM) && (!pr || pr == IPPROTO_TCP)) {
		types[n] = SOCK_STREAM;
		protos[n++] = IPPROTO_TCP;
	}
	if ((!st || st == SOCK_DGRAM) && (!pr || pr == IPPROTO_UDP)) {
		types[n] = SOCK_DGRAM;
		protos[n++] = IPPROTO_UDP;
	}
	if (st == SOCK_RAW) {
		types[n] = SOCK_RAW;
		protos[n++] = pr;
	}
	return n ? n : -1;
}

/* Build the list: every address times every socket type. */
static int gai_build(const struct gai_addrs *a, unsigned int port,
		     const int *types, const int *protos, int ntypes,
		     struct addrinfo **res)
{
	struct addrinfo *head = NULL, **tail = &head;
	int i, t;

	for (i = 0; i < a->n; i++) {
		for (t = 0; t < ntypes; t++) {
			*tail = gai_entry(a->family[i], a->bytes[i], port,
					  types[t], protos[t]);
			if (!*tail) {
				freeaddrinfo(head);
				return EAI_MEMORY;
			}
			tail = &(*tail)->ai_next;
		}
	}
	*res = head;
	return 0;
}

int getaddrinfo(const char *node, const char *service,
		const struct addrinfo *hints, struct addrinfo **res)
{
	int flags = hints ? hints->ai_flags : 0;
	int family = hints ? hints->ai_family : AF_UNSPEC;
	int types[2], protos[2], ntypes, r;
	struct gai_addrs addrs = {0};
	unsigned int port;

	if (!res)
		return EAI_SYSTEM;
	*res = NULL;
	if ((flags & ~AI_KNOWN) || ((flags & AI_CANONNAME) && !node))
		return EAI_BADFLAGS;
	if (!node && !service)
		return EAI_NONAME;
	if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
		return EAI_FAMILY;
	ntypes = gai_types(hints, types, protos);
	if (ntypes < 0)
		return EAI_SOCKTYPE;
	r = gai_port(service, flags, &port);
	if (!r)
		r = gai_host(node, family, flags, &addrs);
	if (!r)
		r = gai_build(&addrs, port, types, protos, ntypes, res);
	if (!r && (flags & AI_CANONNAME)) {
		(*res)->ai_canonname = strdup(node);
		if (!(*res)->ai_canonname) {
			freeaddrinfo(*res);
			*res = NULL;
			r = EAI_MEMORY;
		}
	}
	return r;
}

void freeaddrinfo(struct addrinfo *res)
{
	while (res) {
		struct addrinfo *next = res->ai_next;

		free(res->ai_canonname);
		free(res); /* the entry and its address are one block */
		res = next;
	}
}

const char *gai_strerror(int err)
{
	switch (err) {
	case 0:
		return "Success";
	case EAI_BADFLAGS:
		return "Bad value for ai_flags";
	case EAI_NONAME:
		return "Name or service not known";
	case EAI_AGAIN:
		return "Temporary failure in name resolution";
	case EAI_FAIL:
		return "Non-recoverable failure in name resolution";
	case EAI_FAMILY:
		return "ai_family not supported";
	case EAI_SOCKTYPE:
		return "ai_socktype not supported";
	case EAI_SERVICE:
		return "Servname not supported for ai_socktype";
	case EAI_MEMORY:
		return "Memory allocation failure";
	case EAI_SYSTEM:
		return "System error";
	case EAI_OVERFLOW:
		return "Argument buffer overflow";
	default:
		return "Unknown error";
	}
}
