/*
 * Translation between the Linux x86-64 socket ABI that applications use
 * (include/libc/) and lwIP's BSD-style one. Pure code without lwIP's
 * headers, so the host unit tests run it: lwIP's numbers and layouts are
 * mirrored here as SKL_ names, and runtime/socket.c, which sees lwIP's
 * headers, checks every one with _Static_assert.
 *
 * Return convention: 0 or a value on success, a negative Linux errno
 * value on failure.
 */
#ifndef RUNTIME_SOCKET_ABI_H
#define RUNTIME_SOCKET_ABI_H

#include <stdint.h>

/* Linux errno numbers for socket_lwip.c, which cannot use the E names:
 * lwIP's headers bring newlib's <errno.h>, whose numbers differ. */
#define SK_EBADF 9
#define SK_ENOMEM 12
#define SK_EFAULT 14
#define SK_EINVAL 22
#define SK_ENOTSOCK 88
#define SK_ENOPROTOOPT 92
#define SK_ENETDOWN 100
#define SK_EAFNOSUPPORT 97
#define SK_EDESTADDRREQ 89
#define SK_EOPNOTSUPP 95
#define SK_EPIPE 32
#define SK_EMSGSIZE 90
#define SK_EINTR 4
#define SK_EAGAIN 11
#define SK_EALREADY 114
#define SK_EINPROGRESS 115
#define SK_EISCONN 106
#define SK_ETIMEDOUT 110
/* <kernel/errno.h>'s EINTR_NORESTART: a wait a signal ended that Linux
 * never restarts (one with SO_RCVTIMEO or SO_SNDTIMEO set). */
#define SK_EINTR_NORESTART 3999

/* Linux's families that are not lwIP's. */
#define SK_AF_UNIX 1
#define SK_AF_NETLINK 16

/* Linux's numbers that lwIP's headers name differently (or not). */
#define SK_LINUX_AF_UNSPEC 0
#define SK_LINUX_AF_INET 2
#define SK_LINUX_AF_INET6 10
#define SK_LINUX_MSG_OOB 0x1
#define SK_LINUX_MSG_TRUNC 0x20
#define SK_LINUX_MSG_EOR 0x80
#define SK_LINUX_MSG_CMSG_CLOEXEC 0x40000000

/* lwIP's numbers (lwip/sockets.h, 2.1.3). */
#define SKL_AF_UNSPEC 0
#define SKL_AF_INET 2
#define SKL_AF_INET6 10
#define SKL_SOCK_STREAM 1
#define SKL_SOCK_DGRAM 2
#define SKL_SOCK_RAW 3
#define SKL_SOL_SOCKET 0xfff
#define SKL_SO_ACCEPTCONN 0x0002
#define SKL_SO_REUSEADDR 0x0004
#define SKL_SO_KEEPALIVE 0x0008
#define SKL_SO_BROADCAST 0x0020
#define SKL_SO_LINGER 0x0080
#define SKL_SO_SNDBUF 0x1001
#define SKL_SO_RCVBUF 0x1002
#define SKL_SO_SNDTIMEO 0x1005
#define SKL_SO_RCVTIMEO 0x1006
#define SKL_SO_ERROR 0x1007
#define SKL_SO_TYPE 0x1008
#define SKL_SO_NO_CHECK 0x100a
#define SKL_IPPROTO_IP 0
#define SKL_IPPROTO_TCP 6
#define SKL_IPPROTO_UDP 17
#define SKL_IPPROTO_IPV6 41
#define SKL_IP_TOS 1
#define SKL_IP_TTL 2
#define SKL_IP_ADD_MEMBERSHIP 3
#define SKL_IP_DROP_MEMBERSHIP 4
#define SKL_IP_MULTICAST_TTL 5
#define SKL_IP_MULTICAST_IF 6
#define SKL_IP_MULTICAST_LOOP 7
#define SKL_TCP_NODELAY 0x01
#define SKL_TCP_KEEPIDLE 0x03
#define SKL_TCP_KEEPINTVL 0x04
#define SKL_TCP_KEEPCNT 0x05
#define SKL_IPV6_V6ONLY 27
#define SKL_MSG_PEEK 0x01
#define SKL_MSG_DONTWAIT 0x08
#define SKL_MSG_MORE 0x10

/* lwIP's address layouts: a length byte, a one-byte family. */
struct skl_sockaddr_in {
	uint8_t sin_len;
	uint8_t sin_family;
	uint16_t sin_port; /* network byte order, as in Linux's */
	uint32_t sin_addr;
	uint8_t sin_zero[8];
};

struct skl_sockaddr_in6 {
	uint8_t sin6_len;
	uint8_t sin6_family;
	uint16_t sin6_port;
	uint32_t sin6_flowinfo;
	uint8_t sin6_addr[16];
	uint32_t sin6_scope_id;
};

union skl_sockaddr {
	struct {
		uint8_t sa_len;
		uint8_t sa_family;
	} sa;
	struct skl_sockaddr_in in;
	struct skl_sockaddr_in6 in6;
};

/* Linux's sizes: sockaddr_in, and sockaddr_in6 with and without the
 * scope id (RFC 2133's shorter form, which Linux accepts too). */
#define SK_LINUX_SIN_LEN 16
#define SK_LINUX_SIN6_LEN 28
#define SK_LINUX_SIN6_LEN_MIN 24

/* How an option's value is passed; the bytes are the same on both sides
 * except for SK_OPT_ERRNO (an errno value to renumber). */
enum sk_opt_kind {
	SK_OPT_INT,	  /* an int (at least 4 bytes) */
	SK_OPT_TIMEVAL,	  /* struct timeval: two longs on both sides */
	SK_OPT_LINGER,	  /* struct linger: two ints on both sides */
	SK_OPT_MREQ,	  /* struct ip_mreq: two IPv4 addresses */
	SK_OPT_ERRNO,	  /* SO_ERROR: an errno value, read only */
	SK_OPT_HOPS,	  /* an int hop limit, 0..255 or -1 for the default */
	SK_OPT_BOOL,	  /* an int that must be 0 or 1 */
	SK_OPT_SNDBUF,	  /* SO_SNDBUF: lwIP has none, the runtime keeps it */
	SK_OPT_BROADCAST, /* SO_BROADCAST: lwIP's on UDP sockets only, the
			   * runtime keeps it for the others */
};

struct sk_opt {
	int level; /* lwIP's */
	int name;  /* lwIP's */
	enum sk_opt_kind kind;
	unsigned int size; /* the least optlen accepted */
	int read_only;
	int dflt; /* SK_OPT_HOPS: what -1 stands for */
};

/* What an address is for: Linux accepts AF_UNSPEC for AF_INET in a
 * send, and in a bind of INADDR_ANY. */
enum sk_addr_use { SK_ADDR_BIND, SK_ADDR_CONNECT, SK_ADDR_SEND };

/* A Linux address of len bytes (from the app) for a socket of family
 * (Linux's AF_INET or AF_INET6) as lwIP's, checked in the order of
 * Linux's inet and inet6 layers: -EINVAL for NULL or shorter than the
 * socket's family needs, then -EAFNOSUPPORT for an address of another
 * family. Returns lwIP's length. */
int sk_addr_to_lwip(const void *addr, unsigned int len, int family,
		    enum sk_addr_use use, union skl_sockaddr *out);

/* An lwIP address as Linux's, into addr of *len bytes (cut short if it
 * does not fit, as POSIX says); *len becomes the full length. Returns 0,
 * -EINVAL for a NULL len or an address without a len, or -EAFNOSUPPORT
 * for a family lwIP should never return. */
int sk_addr_from_lwip(const union skl_sockaddr *in, void *addr,
		      unsigned int *len);

/* A destination (connect, sendto) that is the unspecified address
 * (0.0.0.0, ::, ::ffff:0.0.0.0) made the loopback address of its
 * family, as Linux routes it: "connect to any address" reaches this
 * host. Other addresses are left alone. */
void sk_addr_any_to_loopback(union skl_sockaddr *a);

/* Linux's domain as lwIP's, or -EAFNOSUPPORT. */
int sk_domain_to_lwip(int domain);

/* Linux's socket type with its SOCK_NONBLOCK/SOCK_CLOEXEC flags: lwIP's
 * type, and *nonblock set from SOCK_NONBLOCK. -EINVAL for an unknown type
 * or flag. */
int sk_type_to_lwip(int type, int *nonblock);

/* accept4()'s flags (Linux's SOCK_NONBLOCK, SOCK_CLOEXEC): 0 and
 * *nonblock set, or -EINVAL for any other bit. */
int sk_accept_flags(int flags, int *nonblock);

/* Whether protocol suits the (Linux) type: 0, or -EPROTONOSUPPORT. */
int sk_check_protocol(int type, int protocol);

/* Linux's send/recv flags as lwIP's. MSG_NOSIGNAL is accepted and
 * dropped (there are no signals); MSG_WAITALL is left to the caller,
 * which loops (*waitall set). Others: -EOPNOTSUPP. */
int sk_msg_flags_to_lwip(int flags, int *waitall);

/* Linux's (level, name) option as lwIP's. Returns 0 and fills *out, or
 * -ENOPROTOOPT for an option lwIP does not have. */
int sk_opt_to_lwip(int level, int name, struct sk_opt *out);

/* The int value v an app sets for option o, checked as Linux checks it,
 * as lwIP is to get it: 0 and *out, or -EINVAL for a value out of range
 * (a hop limit past -1..255, a boolean other than 0 or 1). */
int sk_opt_int_in(const struct sk_opt *o, int v, int *out);

/* SO_SNDBUF as Linux reports it: the default for a socket of Linux type
 * type, and what an app that sets val gets back (the value doubled for
 * the kernel's bookkeeping, within Linux's bounds 4608 and twice
 * 212992). */
int sk_sndbuf_default(int type);
int sk_sndbuf_set(int val);

/* A send error (negative Linux errno) as Linux gives it: on a stream that
 * was connected, a connection that is reset, aborted or no longer there
 * is -EPIPE (no SIGPIPE is raised); other errors stay. */
long sk_send_error(int stream, int connected, long err);

/* A receive result as Linux gives it: lwIP says ENOTCONN when a stream
 * that was connected is read again after its end (or after a reset was
 * reported); Linux says 0, the end of the stream, again. */
long sk_recv_result(int stream, int connected, long r);

/* A connection error (from connect(), or SO_ERROR, as a positive or
 * negative Linux errno) of a stream that never got established: lwIP
 * reports the peer's reset of the handshake as ECONNRESET, Linux as
 * ECONNREFUSED. */
long sk_connect_error(int established, long err);

/* Whether connect()'s result r (0 or a negative Linux errno) means the
 * socket is now connected or connecting. */
int sk_connect_started(long r);

/* Linux's shutdown() how, checked: the same number, or -EINVAL. */
int sk_shut_how(int how);

#endif
