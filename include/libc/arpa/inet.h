/*
 * Conversions between text and binary internet addresses.
 */
#ifndef _SKIFF_ARPA_INET_H
#define _SKIFF_ARPA_INET_H

#include <netinet/in.h>
#include <sys/cdefs.h>

__BEGIN_DECLS

/* The address in network byte order, or INADDR_NONE. */
in_addr_t inet_addr(const char *cp);
/* 1 and *inp set when cp is an IPv4 address in any of the classic forms
 * (a, a.b, a.b.c, a.b.c.d; decimal, octal or hex parts), else 0. */
int inet_aton(const char *cp, struct in_addr *inp);
/* Dotted decimal, in a buffer of the calling thread's. */
char *inet_ntoa(struct in_addr in);
/* 1 on success, 0 for a malformed src, -1 (EAFNOSUPPORT) for another af. */
int inet_pton(int af, const char *__restrict src, void *__restrict dst);
/* dst, or NULL with errno EAFNOSUPPORT or ENOSPC. */
const char *inet_ntop(int af, const void *__restrict src, char *__restrict dst,
		      socklen_t size);

__END_DECLS

#endif
