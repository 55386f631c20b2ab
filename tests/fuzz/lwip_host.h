/*
 * lwIP on the build machine for the DHCP and DNS fuzzers
 * (lwip_host.c): one Ethernet interface whose frames go nowhere, a
 * clock the harness moves, and UDP datagrams delivered to the stack as
 * IPv4 packets, through ip4_input() as a received frame would be.
 */
#ifndef TESTS_FUZZ_LWIP_HOST_H
#define TESTS_FUZZ_LWIP_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "lwip/ip4_addr.h"
#include "lwip/netif.h"

extern struct netif lh_netif;

/* A fresh interface (and lwIP, the first time), link and admin up. */
void lh_reset(void);
/* Deliver payload[0..len) as a UDP datagram from src:sport to dst:dport. */
void lh_udp_in(const ip4_addr_t *src, uint16_t sport, const ip4_addr_t *dst,
	       uint16_t dport, const void *payload, size_t len);
/* Move the clock by ms and run lwIP's timers that are due. */
void lh_advance(uint32_t ms);

#endif
