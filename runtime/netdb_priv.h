/*
 * Between netdb.c (getaddrinfo, app-facing headers) and dns.c (lwIP's
 * resolver, lwIP's headers): neither side's headers are seen by the other.
 */
#ifndef RUNTIME_NETDB_PRIV_H
#define RUNTIME_NETDB_PRIV_H

#include <stdint.h>

/* Which address family a lookup wants, and which it found. */
#define NETDB_WANT_ANY 0
#define NETDB_WANT_V4 4
#define NETDB_WANT_V6 6

/* Resolve name by DNS. Returns NETDB_WANT_V4 (4 bytes in out) or
 * NETDB_WANT_V6 (16 bytes), -ENOENT when there is no resolver or no such
 * name, -EAGAIN when the servers did not answer. Blocks the thread. */
int runtime_dns_lookup(const char *name, int want, uint8_t out[16]);

#endif
