/*
 * The formats of the synthesised files (sysfile_text.c), private to
 * runtime/. Each appends to b (<runtime/sysfile.h>).
 */
#ifndef RUNTIME_SYSFILE_TEXT_H
#define RUNTIME_SYSFILE_TEXT_H

#include <stddef.h>

#include <runtime/sysfile.h>

/* Linux's longest host name (HOST_NAME_MAX). */
#define SYSFILE_HOSTNAME_MAX 64

/* Dotted-quad text of an IPv4 address (bytes in network order). */
void sysfile_fmt_ipv4(char out[16], const unsigned char a[4]);

/* /etc/resolv.conf: a comment, then "nameserver ADDR" per server. */
void sysfile_fmt_resolv(struct sysfile_buf *b, const char *const *servers,
			size_t n);

/* /etc/hosts: localhost on 127.0.0.1 and ::1, then hostname on addr
 * (NULL or "": 127.0.1.1). */
void sysfile_fmt_hosts(struct sysfile_buf *b, const char *hostname,
		       const char *addr);

/* /etc/services: "name port/proto [aliases]" lines. */
void sysfile_fmt_services(struct sysfile_buf *b);

/* Each of v[0..n) with its terminating NUL (/proc/self/cmdline), up to
 * a NULL entry. */
void sysfile_fmt_strings(struct sysfile_buf *b, const char *const *v, size_t n);

#endif
