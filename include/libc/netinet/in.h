/*
 * Internet addresses with the Linux x86-64 ABI: struct sockaddr_in and
 * sockaddr_in6 as Linux lays them out, the IPPROTO_ and IP option numbers,
 * and the byte-order functions (x86 is little-endian).
 */
#ifndef _SKIFF_NETINET_IN_H
#define _SKIFF_NETINET_IN_H

#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h> /* in_addr_t, in_port_t */

struct in_addr {
	in_addr_t s_addr; /* network byte order */
};

struct sockaddr_in {
	sa_family_t sin_family;
	in_port_t sin_port; /* network byte order */
	struct in_addr sin_addr;
	unsigned char sin_zero[8];
};

struct in6_addr {
	union {
		uint8_t __u6_addr8[16];
		uint16_t __u6_addr16[8];
		uint32_t __u6_addr32[4];
	} __in6_u;
};
#define s6_addr __in6_u.__u6_addr8
#define s6_addr16 __in6_u.__u6_addr16
#define s6_addr32 __in6_u.__u6_addr32

struct sockaddr_in6 {
	sa_family_t sin6_family;
	in_port_t sin6_port;
	uint32_t sin6_flowinfo;
	struct in6_addr sin6_addr;
	uint32_t sin6_scope_id;
};

#define IPPROTO_IP 0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define IPPROTO_IPV6 41
#define IPPROTO_ICMPV6 58
#define IPPROTO_UDPLITE 136
#define IPPROTO_RAW 255

#define INADDR_ANY ((in_addr_t)0x00000000)
#define INADDR_BROADCAST ((in_addr_t)0xffffffff)
#define INADDR_NONE ((in_addr_t)0xffffffff)
#define INADDR_LOOPBACK ((in_addr_t)0x7f000001)

#define INET_ADDRSTRLEN 16
#define INET6_ADDRSTRLEN 46

extern const struct in6_addr in6addr_any;
extern const struct in6_addr in6addr_loopback;
#define IN6ADDR_ANY_INIT                                                       \
	{                                                                      \
		{                                                              \
			{                                                      \
				0                                              \
			}                                                      \
		}                                                              \
	}
#define IN6ADDR_LOOPBACK_INIT                                                  \
	{                                                                      \
		{                                                              \
			{                                                      \
				0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 \
			}                                                      \
		}                                                              \
	}

/* IPPROTO_IP options */
#define IP_TOS 1
#define IP_TTL 2
#define IP_PKTINFO 8
#define IP_MULTICAST_IF 32
#define IP_MULTICAST_TTL 33
#define IP_MULTICAST_LOOP 34
#define IP_ADD_MEMBERSHIP 35
#define IP_DROP_MEMBERSHIP 36

/* IPPROTO_IPV6 options */
#define IPV6_UNICAST_HOPS 16
#define IPV6_MULTICAST_HOPS 18
#define IPV6_MULTICAST_LOOP 19
#define IPV6_V6ONLY 26

struct ip_mreq {
	struct in_addr imr_multiaddr;
	struct in_addr imr_interface;
};

static __inline uint16_t htons(uint16_t x)
{
	return __builtin_bswap16(x);
}

static __inline uint16_t ntohs(uint16_t x)
{
	return __builtin_bswap16(x);
}

static __inline uint32_t htonl(uint32_t x)
{
	return __builtin_bswap32(x);
}

static __inline uint32_t ntohl(uint32_t x)
{
	return __builtin_bswap32(x);
}

#endif
