/*
 * Text forms of IPv4 and IPv6 addresses, parsed and printed: the pure part
 * of inet_aton, inet_pton and inet_ntop (runtime/netdb.c wraps them with
 * errno). Addresses are bytes in network order. Host-tested.
 */
#ifndef RUNTIME_INET_H
#define RUNTIME_INET_H

#include <stddef.h>
#include <stdint.h>

/* Longest text forms, with the terminator. */
#define INET_TEXT4_MAX 16
#define INET_TEXT6_MAX 46

/* inet_pton(AF_INET): exactly four decimal parts of 0..255, no leading
 * zeros, nothing else. Returns 1 and fills out, or 0. */
int inet_parse4(const char *s, uint8_t out[4]);

/* inet_aton: one to four parts, each decimal, octal (leading 0) or hex
 * (0x); the last part fills the remaining bytes (a, a.b, a.b.c, a.b.c.d).
 * Returns 1 and fills out, or 0. */
int inet_parse4_classic(const char *s, uint8_t out[4]);

/* inet_pton(AF_INET6): up to eight groups of 1..4 hex digits, one "::"
 * for a run of zero groups, an IPv4 dotted quad as the last 32 bits.
 * Returns 1 and fills out, or 0. */
int inet_parse6(const char *s, uint8_t out[16]);

/* Dotted decimal into buf of size bytes. Returns the length, or -1 when
 * it does not fit. */
int inet_format4(const uint8_t in[4], char *buf, size_t size);

/* RFC 5952 form: lower-case hex, the longest run (the first of equals) of
 * two or more zero groups as "::", and the dotted quad for IPv4-mapped
 * (::ffff:a.b.c.d) addresses. Returns the length, or -1 when it does not
 * fit in size bytes. */
int inet_format6(const uint8_t in[16], char *buf, size_t size);

#endif
