/*
 * The text of the synthesised files (<runtime/sysfile.h>): the growing
 * buffer their fill functions write into, and the formats that need more
 * than one printf (the hosts table, the name servers, the services).
 * Pure C-library code, host-tested (tests/host/test_sysfile.c); in the
 * net unit with etcfiles.c (the Linux shim, its other user, always has
 * that unit).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <runtime/sysfile.h>

#include "sysfile_text.h"

static bool grow(struct sysfile_buf *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 256;
	char *p;

	if (b->failed)
		return false;
	if (b->len + more + 1 <= b->cap)
		return true;
	while (cap < b->len + more + 1)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void sysfile_put(struct sysfile_buf *b, const void *p, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

void sysfile_printf(struct sysfile_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !grow(b, (size_t)n)) {
		b->failed = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

bool sysfile_hostname_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		char c = s[i];

		if (i >= SYSFILE_HOSTNAME_MAX)
			return false;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.'))
			return false;
	}
	return i > 0;
}

void sysfile_fmt_ipv4(char out[16], const unsigned char a[4])
{
	snprintf(out, 16, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

void sysfile_fmt_resolv(struct sysfile_buf *b, const char *const *servers,
			size_t n)
{
	size_t i;

	sysfile_printf(b, "# Made by Skiff from dns= or DHCP.\n");
	for (i = 0; i < n; i++)
		sysfile_printf(b, "nameserver %s\n", servers[i]);
}

void sysfile_fmt_hosts(struct sysfile_buf *b, const char *hostname,
		       const char *addr)
{
	sysfile_printf(b, "127.0.0.1\tlocalhost\n"
			  "::1\tlocalhost ip6-localhost ip6-loopback\n");
	/* Without an address of its own the name goes to a loopback
	 * address of its own, as Debian's installer does. */
	sysfile_printf(b, "%s\t%s\n", addr && *addr ? addr : "127.0.1.1",
		       hostname);
}

#define TCP 1
#define UDP 2

/* The well-known services a program may name (Debian's netbase list,
 * cut to what servers and clients commonly use). */
static const struct {
	const char *name;
	unsigned short port;
	unsigned char protos;
	const char *aliases;
} services[] = {
    {"echo", 7, TCP | UDP, NULL},
    {"discard", 9, TCP | UDP, "sink null"},
    {"daytime", 13, TCP | UDP, NULL},
    {"ftp-data", 20, TCP, NULL},
    {"ftp", 21, TCP, NULL},
    {"ssh", 22, TCP, NULL},
    {"telnet", 23, TCP, NULL},
    {"smtp", 25, TCP, "mail"},
    {"time", 37, TCP | UDP, "timserver"},
    {"whois", 43, TCP, "nicname"},
    {"domain", 53, TCP | UDP, NULL},
    {"bootps", 67, UDP, NULL},
    {"bootpc", 68, UDP, NULL},
    {"tftp", 69, UDP, NULL},
    {"gopher", 70, TCP, NULL},
    {"finger", 79, TCP, NULL},
    {"http", 80, TCP, "www"},
    {"kerberos", 88, TCP | UDP, "kerberos5 krb5 kerberos-sec"},
    {"pop3", 110, TCP, "pop-3"},
    {"sunrpc", 111, TCP | UDP, "portmapper"},
    {"auth", 113, TCP, "authentication tap ident"},
    {"nntp", 119, TCP, "readnews untp"},
    {"ntp", 123, UDP, NULL},
    {"imap2", 143, TCP, "imap"},
    {"snmp", 161, TCP | UDP, NULL},
    {"snmp-trap", 162, TCP | UDP, "snmptrap"},
    {"bgp", 179, TCP, NULL},
    {"ldap", 389, TCP | UDP, NULL},
    {"https", 443, TCP | UDP, NULL},
    {"microsoft-ds", 445, TCP, NULL},
    {"isakmp", 500, UDP, NULL},
    {"syslog", 514, UDP, NULL},
    {"submission", 587, TCP, NULL},
    {"ldaps", 636, TCP | UDP, NULL},
    {"rsync", 873, TCP, NULL},
    {"imaps", 993, TCP, NULL},
    {"pop3s", 995, TCP, NULL},
    {"socks", 1080, TCP, NULL},
    {"openvpn", 1194, TCP | UDP, NULL},
    {"ms-sql-s", 1433, TCP, NULL},
    {"radius", 1812, UDP, NULL},
    {"mqtt", 1883, TCP, NULL},
    {"nfs", 2049, TCP | UDP, NULL},
    {"mysql", 3306, TCP, NULL},
    {"ms-wbt-server", 3389, TCP, NULL},
    {"xmpp-client", 5222, TCP, "jabber-client"},
    {"postgresql", 5432, TCP, "postgres"},
    {"amqp", 5672, TCP, NULL},
    {"x11", 6000, TCP, "x11-0"},
    {"redis", 6379, TCP, NULL},
    {"ircd", 6667, TCP, NULL},
    {"http-alt", 8080, TCP, "webcache"},
    {"memcache", 11211, TCP | UDP, NULL},
    {"mongodb", 27017, TCP, NULL},
};

void sysfile_fmt_services(struct sysfile_buf *b)
{
	size_t i;
	int p;

	sysfile_printf(b, "# Common network services (made by Skiff).\n");
	for (i = 0; i < sizeof(services) / sizeof(services[0]); i++)
		for (p = TCP; p <= UDP; p <<= 1)
			if (services[i].protos & p)
				sysfile_printf(
				    b, "%-15s %u/%s%s%s\n", services[i].name,
				    services[i].port, p == TCP ? "tcp" : "udp",
				    services[i].aliases ? "\t\t" : "",
				    services[i].aliases ? services[i].aliases
							: "");
}

void sysfile_fmt_strings(struct sysfile_buf *b, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n && v[i]; i++)
		sysfile_put(b, v[i], strlen(v[i]) + 1);
}
