/*
 * Shared pieces of the network test helpers (tcpecho, httpget, tcpbench,
 * netserve): fatal errors, a monotonic clock, connecting with a deadline
 * (the guest may still be configuring its address), the deterministic
 * byte patterns both sides of a test agree on, and FNV-1a checksums.
 * Header-only (static inline): prepare.sh builds each .c file here as one
 * static program of its own.
 */
#ifndef NETCOMMON_H
#define NETCOMMON_H

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *net_prog = "net";

/* Print "PROG: message" (with strerror(errno) when it ends in ':') and
 * exit 1. */
__attribute__((format(printf, 1, 2), noreturn)) static inline void
net_die(const char *fmt, ...)
{
	int e = errno;
	size_t n = strlen(fmt);
	va_list ap;

	fprintf(stderr, "%s: ", net_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (n && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(e));
	fputc('\n', stderr);
	exit(1);
}

static inline double net_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A whole positive number from an option, or die. */
static inline long net_number(const char *what, const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		net_die("bad %s '%s' (want a whole number)", what, s);
	return v;
}

/* A time in seconds (decimals allowed, above 0, at most a day) from an
 * option, or die. */
static inline double net_seconds(const char *what, const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v > 0 && v <= 86400))
		net_die("bad %s '%s' (want seconds, above 0)", what, s);
	return v;
}

static inline void net_address(struct sockaddr_in *sa, const char *host,
			       const char *port)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)net_number("port", port));
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		net_die("bad IPv4 address '%s'", host);
}

/* One connect attempt bounded by `timeout` seconds: 0, or -1 with errno. */
static inline int net_try_connect(int fd, const struct sockaddr_in *sa,
				  double timeout)
{
	struct pollfd p = {.fd = fd, .events = POLLOUT};
	int fl = fcntl(fd, F_GETFL), err = 0;
	socklen_t len = sizeof(err);

	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	if (connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) < 0) {
		if (errno != EINPROGRESS)
			return -1;
		if (poll(&p, 1, (int)(timeout * 1000)) <= 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
		if (err) {
			errno = err;
			return -1;
		}
	}
	fcntl(fd, F_SETFL, fl);
	return 0;
}

/* A connected TCP socket to host:port, retrying refused or unanswered
 * attempts (each given `attempt` seconds) for up to `wait` seconds (the
 * server may not listen yet). */
static inline int net_connect(const char *host, const char *port, double wait,
			      double attempt)
{
	struct sockaddr_in sa;
	double end = net_now() + wait;
	int fd, one = 1;

	net_address(&sa, host, port);
	for (;;) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			net_die("socket:");
		if (net_try_connect(fd, &sa, attempt) == 0)
			break;
		close(fd);
		if (net_now() >= end)
			net_die("cannot connect to %s:%s:", host, port);
		usleep(attempt < 0.2 ? (useconds_t)(attempt * 1e6) : 200000);
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

/* A listening TCP socket on every address, port `port`. */
static inline int net_listen(const char *port)
{
	struct sockaddr_in sa;
	int fd, one = 1;

	net_address(&sa, "0.0.0.0", port);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		net_die("socket:");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		net_die("bind to port %s:", port);
	if (listen(fd, 128) < 0)
		net_die("listen:");
	return fd;
}

/* SplitMix64: the mixing step of the byte pattern. */
static inline uint64_t net_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Stream `seed`'s bytes [off, off+n) into buf: byte i is byte (i % 8) of
 * net_mix(seed * 2^40 + i / 8), little-endian. Any offset can be
 * computed on its own, so sender and checker need no shared state. */
static inline void net_pattern(uint64_t seed, uint64_t off, unsigned char *buf,
			       size_t n)
{
	uint64_t w = 0, blk = ~0ULL;
	size_t i;

	for (i = 0; i < n; i++, off++) {
		if (off / 8 != blk) {
			blk = off / 8;
			w = net_mix((seed << 40) + blk);
		}
		buf[i] = (unsigned char)(w >> (off % 8 * 8));
	}
}

#define NET_FNV_INIT 0xcbf29ce484222325ULL

static inline uint64_t net_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		h = (h ^ *b++) * 0x100000001b3ULL;
	return h;
}

/* The 1 MiB body of the httpd example's /1m: 16384 lines of 64 bytes,
 * "NNNNNNN " (line number), the 55 characters below, '\n'. dom0 can make
 * the same bytes with awk. */
#define NET_BODY_LINES 16384
#define NET_BODY_FILL "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012"

static inline void net_body_line(char line[65], unsigned i)
{
	snprintf(line, 65, "%07u %s\n", i, NET_BODY_FILL);
}

#endif
