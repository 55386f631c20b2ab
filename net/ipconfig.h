/*
 * IP configuration strings, parsed without the C library or lwIP (host
 * tested in tests/host/test_ipconfig.c): the backend's "ip" key, the
 * command line's ip= value, and Skiff's leading command-line options.
 * Addresses are IPv4 in host byte order.
 */
#ifndef NET_IPCONFIG_H
#define NET_IPCONFIG_H

#include <kernel/types.h>

#include "include/skiff_net.h"

struct ipconf {
	uint32_t addr;
	uint32_t mask;
	uint32_t gw; /* 0: none */
};

/* A dotted quad at s: four decimal numbers 0-255 without leading zeros.
 * Stores the address and the end of it in *end. Returns 0 or -EINVAL. */
int ipconf_parse_addr(const char *s, const char **end, uint32_t *a);

/* The prefix length of a contiguous netmask, or -1. */
int ipconf_mask_prefix(uint32_t mask);

/* The classful netmask of a: /8, /16 or /24 (class A, B, C). */
uint32_t ipconf_classful_mask(uint32_t a);

/* The command line's "ADDR/PREFIX[,GW]". Returns 0, or -EINVAL with a
 * short reason in *why. */
int ipconf_parse_cmdline(const char *s, struct ipconf *c, const char **why);

/* The backend's "ip" key: "ADDR", "ADDR NETMASK" or "ADDR NETMASK GW",
 * blank-separated. Without a netmask the classful one applies; a second
 * word that is an address but no netmask makes the key a list of
 * addresses (as xl writes for several ip=), of which the first is used.
 * Returns 0, or -EINVAL with a short reason in *why. */
int ipconf_parse_backend(const char *s, struct ipconf *c, const char **why);

#endif
