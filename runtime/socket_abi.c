/*
 * The Linux socket ABI (what apps pass) translated to lwIP's and back:
 * addresses, domains, types, send/recv flags and socket options. Pure
 * code, host-tested in tests/host/test_socket_abi.c; the Linux numbers
 * come from <sys/socket.h> and friends (Skiff's include/libc/ in the
 * guest, the host C library's in the tests: both are Linux's).
 */
#include <kernel/errno.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

#include "socket_abi.h"

_Static_assert(SK_EINTR == EINTR && SK_EAGAIN == EAGAIN &&
		   SK_EALREADY == EALREADY && SK_EINPROGRESS == EINPROGRESS &&
		   SK_EISCONN == EISCONN && SK_ETIMEDOUT == ETIMEDOUT &&
		   SK_EINTR_NORESTART == EINTR_NORESTART,
	       "socket_lwip.c's errno numbers");

_Static_assert(SK_EBADF == EBADF && SK_ENOMEM == ENOMEM &&
		   SK_EFAULT == EFAULT && SK_EINVAL == EINVAL &&
		   SK_ENOTSOCK == ENOTSOCK && SK_ENOPROTOOPT == ENOPROTOOPT &&
		   SK_ENETDOWN == ENETDOWN && SK_EAFNOSUPPORT == EAFNOSUPPORT &&
		   SK_EOPNOTSUPP == EOPNOTSUPP && SK_EPIPE == EPIPE &&
		   SK_EMSGSIZE == EMSGSIZE,
	       "Linux's errno numbers");
_Static_assert(SK_AF_UNIX == AF_UNIX && SK_AF_NETLINK == AF_NETLINK &&
		   SK_LINUX_AF_INET6 == AF_INET6,
	       "families");
_Static_assert(SK_LINUX_MSG_TRUNC == MSG_TRUNC && SK_LINUX_MSG_EOR == MSG_EOR &&
		   SK_LINUX_MSG_CMSG_CLOEXEC == MSG_CMSG_CLOEXEC,
	       "msg flags");
_Static_assert(sizeof(struct skl_sockaddr_in) == 16, "lwIP sockaddr_in");
_Static_assert(sizeof(struct skl_sockaddr_in6) == 28, "lwIP sockaddr_in6");
_Static_assert(sizeof(struct sockaddr_in) == SK_LINUX_SIN_LEN, "Linux's");
_Static_assert(sizeof(struct sockaddr_in6) == SK_LINUX_SIN6_LEN, "Linux's");

int sk_addr_to_lwip(const void *addr, unsigned int len, int family,
		    enum sk_addr_use use, union skl_sockaddr *out)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	sa_family_t af;

	if (!addr)
		return -EINVAL;
	if (len < (family == AF_INET6 ? SK_LINUX_SIN6_LEN_MIN : sizeof(sin)))
		return -EINVAL;
	memcpy(&af, addr, sizeof(af));
	memset(out, 0, sizeof(*out));
	if (family == AF_INET) {
		memcpy(&sin, addr, sizeof(sin));
		/* Linux's compatibility: AF_UNSPEC stands for AF_INET in a
		 * send, and in a bind of the any address. */
		if (af == AF_UNSPEC && (use == SK_ADDR_SEND ||
					(use == SK_ADDR_BIND &&
					 sin.sin_addr.s_addr == INADDR_ANY)))
			af = AF_INET;
		if (af != AF_INET)
			return -EAFNOSUPPORT;
		out->in.sin_len = sizeof(out->in);
		out->in.sin_family = SKL_AF_INET;
		out->in.sin_port = sin.sin_port;
		out->in.sin_addr = sin.sin_addr.s_addr;
		return sizeof(out->in);
	}
	if (family == AF_INET6) {
		if (af != AF_INET6)
			return -EAFNOSUPPORT;
		memset(&sin6, 0, sizeof(sin6));
		memcpy(&sin6, addr, len < sizeof(sin6) ? len : sizeof(sin6));
		out->in6.sin6_len = sizeof(out->in6);
		out->in6.sin6_family = SKL_AF_INET6;
		out->in6.sin6_port = sin6.sin6_port;
		out->in6.sin6_flowinfo = sin6.sin6_flowinfo;
		memcpy(out->in6.sin6_addr, &sin6.sin6_addr, 16);
		out->in6.sin6_scope_id = sin6.sin6_scope_id;
		return sizeof(out->in6);
	}
	return -EAFNOSUPPORT;
}

int sk_addr_from_lwip(const union skl_sockaddr *in, void *addr,
		      unsigned int *len)
{
	struct sockaddr_in6 sin6;
	struct sockaddr_in sin;
	const void *src;
	unsigned int n;

	if (!len || (*len && !addr))
		return -EINVAL;
	if (in->sa.sa_family == SKL_AF_INET) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_port = in->in.sin_port;
		sin.sin_addr.s_addr = in->in.sin_addr;
		src = &sin;
		n = sizeof(sin);
	} else if (in->sa.sa_family == SKL_AF_INET6) {
		memset(&sin6, 0, sizeof(sin6));
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = in->in6.sin6_port;
		sin6.sin6_flowinfo = in->in6.sin6_flowinfo;
		memcpy(&sin6.sin6_addr, in->in6.sin6_addr, 16);
		sin6.sin6_scope_id = in->in6.sin6_scope_id;
		src = &sin6;
		n = sizeof(sin6);
	} else {
		return -EAFNOSUPPORT;
	}
	/* Cut short to the caller's buffer; the length says how much the
	 * whole address needs. */
	if (*len)
		memcpy(addr, src, *len < n ? *len : n);
	*len = n;
	return 0;
}

void sk_addr_any_to_loopback(union skl_sockaddr *a)
{
	static const uint8_t zero[16];
	static const uint8_t mapped_any[12] = {[10] = 0xff, [11] = 0xff};
	const uint8_t lo4[4] = {127, 0, 0, 1};

	if (a->sa.sa_family == SKL_AF_INET && a->in.sin_addr == 0) {
		memcpy(&a->in.sin_addr, lo4, 4);
	} else if (a->sa.sa_family == SKL_AF_INET6) {
		if (!memcmp(a->in6.sin6_addr, zero, 16))
			a->in6.sin6_addr[15] = 1;
		else if (!memcmp(a->in6.sin6_addr, mapped_any, 12) &&
			 !memcmp(a->in6.sin6_addr + 12, zero, 4))
			memcpy(a->in6.sin6_addr + 12, lo4, 4);
	}
}

int sk_domain_to_lwip(int domain)
{
	if (domain == AF_INET)
		return SKL_AF_INET;
	if (domain == AF_INET6)
		return SKL_AF_INET6;
	return -EAFNOSUPPORT;
}

int sk_type_to_lwip(int type, int *nonblock)
{
	int flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC);

	*nonblock = !!(flags & SOCK_NONBLOCK);
	switch (type & ~flags) {
	case SOCK_STREAM:
		return SKL_SOCK_STREAM;
	case SOCK_DGRAM:
		return SKL_SOCK_DGRAM;
	case SOCK_RAW:
		return SKL_SOCK_RAW;
	default:
		return -EINVAL;
	}
}

int sk_accept_flags(int flags, int *nonblock)
{
	*nonblock = !!(flags & SOCK_NONBLOCK);
	return flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC) ? -EINVAL : 0;
}

int sk_check_protocol(int type, int protocol)
{
	type &= ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (type == SOCK_STREAM && protocol != 0 && protocol != IPPROTO_TCP)
		return -EPROTONOSUPPORT;
	if (type == SOCK_DGRAM && protocol != 0 && protocol != IPPROTO_UDP &&
	    protocol != IPPROTO_UDPLITE)
		return -EPROTONOSUPPORT;
	if (protocol < 0 || protocol > 255)
		return -EPROTONOSUPPORT;
	return 0;
}

int sk_msg_flags_to_lwip(int flags, int *waitall)
{
	int out = 0;

	*waitall = !!(flags & MSG_WAITALL);
	if (flags & MSG_PEEK)
		out |= SKL_MSG_PEEK;
	if (flags & MSG_DONTWAIT)
		out |= SKL_MSG_DONTWAIT;
	if (flags & MSG_MORE)
		out |= SKL_MSG_MORE;
	if (flags &
	    ~(MSG_PEEK | MSG_DONTWAIT | MSG_MORE | MSG_NOSIGNAL | MSG_WAITALL))
		return -EOPNOTSUPP;
	return out;
}

/* One row of the option table: Linux's name, lwIP's, and the value. */
struct opt_row {
	int linux_level, linux_name;
	int level, name;
	enum sk_opt_kind kind;
	int read_only;
	int dflt;
};

#define INTOPT(ll, ln, l, n)                                                   \
	{                                                                      \
		ll, ln, l, n, SK_OPT_INT, 0, 0                                 \
	}

/* Linux's default hop limits for IPv6: unicast and multicast. */
#define HOPS_UNICAST 64
#define HOPS_MULTICAST 1

static const struct opt_row opt_table[] = {
    INTOPT(SOL_SOCKET, SO_REUSEADDR, SKL_SOL_SOCKET, SKL_SO_REUSEADDR),
    INTOPT(SOL_SOCKET, SO_KEEPALIVE, SKL_SOL_SOCKET, SKL_SO_KEEPALIVE),
    /* Linux takes it on any socket (Go sets it on raw ones too). */
    {SOL_SOCKET, SO_BROADCAST, SKL_SOL_SOCKET, SKL_SO_BROADCAST,
     SK_OPT_BROADCAST, 0, 0},
    INTOPT(SOL_SOCKET, SO_RCVBUF, SKL_SOL_SOCKET, SKL_SO_RCVBUF),
    INTOPT(SOL_SOCKET, SO_NO_CHECK, SKL_SOL_SOCKET, SKL_SO_NO_CHECK),
    {SOL_SOCKET, SO_ACCEPTCONN, SKL_SOL_SOCKET, SKL_SO_ACCEPTCONN, SK_OPT_INT,
     1, 0},
    {SOL_SOCKET, SO_TYPE, SKL_SOL_SOCKET, SKL_SO_TYPE, SK_OPT_INT, 1, 0},
    {SOL_SOCKET, SO_ERROR, SKL_SOL_SOCKET, SKL_SO_ERROR, SK_OPT_ERRNO, 1, 0},
    {SOL_SOCKET, SO_LINGER, SKL_SOL_SOCKET, SKL_SO_LINGER, SK_OPT_LINGER, 0, 0},
    {SOL_SOCKET, SO_RCVTIMEO, SKL_SOL_SOCKET, SKL_SO_RCVTIMEO, SK_OPT_TIMEVAL,
     0, 0},
    {SOL_SOCKET, SO_SNDTIMEO, SKL_SOL_SOCKET, SKL_SO_SNDTIMEO, SK_OPT_TIMEVAL,
     0, 0},
    INTOPT(IPPROTO_IP, IP_TOS, SKL_IPPROTO_IP, SKL_IP_TOS),
    INTOPT(IPPROTO_IP, IP_TTL, SKL_IPPROTO_IP, SKL_IP_TTL),
    INTOPT(IPPROTO_IP, IP_MULTICAST_TTL, SKL_IPPROTO_IP, SKL_IP_MULTICAST_TTL),
    INTOPT(IPPROTO_IP, IP_MULTICAST_LOOP, SKL_IPPROTO_IP,
	   SKL_IP_MULTICAST_LOOP),
    {IPPROTO_IP, IP_MULTICAST_IF, SKL_IPPROTO_IP, SKL_IP_MULTICAST_IF,
     SK_OPT_INT, 0, 0},
    {IPPROTO_IP, IP_ADD_MEMBERSHIP, SKL_IPPROTO_IP, SKL_IP_ADD_MEMBERSHIP,
     SK_OPT_MREQ, 0, 0},
    {IPPROTO_IP, IP_DROP_MEMBERSHIP, SKL_IPPROTO_IP, SKL_IP_DROP_MEMBERSHIP,
     SK_OPT_MREQ, 0, 0},
    INTOPT(IPPROTO_TCP, TCP_NODELAY, SKL_IPPROTO_TCP, SKL_TCP_NODELAY),
    INTOPT(IPPROTO_TCP, TCP_KEEPIDLE, SKL_IPPROTO_TCP, SKL_TCP_KEEPIDLE),
    INTOPT(IPPROTO_TCP, TCP_KEEPINTVL, SKL_IPPROTO_TCP, SKL_TCP_KEEPINTVL),
    INTOPT(IPPROTO_TCP, TCP_KEEPCNT, SKL_IPPROTO_TCP, SKL_TCP_KEEPCNT),
    INTOPT(IPPROTO_IPV6, IPV6_V6ONLY, SKL_IPPROTO_IPV6, SKL_IPV6_V6ONLY),
    /* lwIP keeps one hop limit per socket for both IP versions (its
     * IPv6 output takes the pcb's TTL), and one multicast TTL and loop
     * flag per UDP socket: the IPv6 names of these set the same. */
    {IPPROTO_IPV6, IPV6_UNICAST_HOPS, SKL_IPPROTO_IP, SKL_IP_TTL, SK_OPT_HOPS,
     0, HOPS_UNICAST},
    {IPPROTO_IPV6, IPV6_MULTICAST_HOPS, SKL_IPPROTO_IP, SKL_IP_MULTICAST_TTL,
     SK_OPT_HOPS, 0, HOPS_MULTICAST},
    {IPPROTO_IPV6, IPV6_MULTICAST_LOOP, SKL_IPPROTO_IP, SKL_IP_MULTICAST_LOOP,
     SK_OPT_BOOL, 0, 0},
    /* lwIP has no send buffer size; the runtime keeps what is set. */
    {SOL_SOCKET, SO_SNDBUF, SKL_SOL_SOCKET, SKL_SO_SNDBUF, SK_OPT_SNDBUF, 0, 0},
};

/* The least optlen per kind, as Linux checks it. */
static unsigned int opt_size(enum sk_opt_kind kind)
{
	switch (kind) {
	case SK_OPT_TIMEVAL:
		return 2 * sizeof(long);
	case SK_OPT_LINGER:
	case SK_OPT_MREQ:
		return 2 * sizeof(int);
	default:
		return sizeof(int);
	}
}

int sk_opt_to_lwip(int level, int name, struct sk_opt *out)
{
	size_t i;

	for (i = 0; i < sizeof(opt_table) / sizeof(opt_table[0]); i++) {
		const struct opt_row *r = &opt_table[i];

		if (r->linux_level != level || r->linux_name != name)
			continue;
		out->level = r->level;
		out->name = r->name;
		out->kind = r->kind;
		out->size = opt_size(r->kind);
		out->read_only = r->read_only;
		out->dflt = r->dflt;
		return 0;
	}
	return -ENOPROTOOPT;
}

int sk_opt_int_in(const struct sk_opt *o, int v, int *out)
{
	if (o->kind == SK_OPT_HOPS) {
		if (v < -1 || v > 255)
			return -EINVAL;
		*out = v == -1 ? o->dflt : v;
		return 0;
	}
	if (o->kind == SK_OPT_BOOL && v != 0 && v != 1)
		return -EINVAL;
	*out = v;
	return 0;
}

/* Linux's bounds for SO_SNDBUF (net.core.wmem_max, SOCK_MIN_SNDBUF) and
 * its defaults: TCP's tcp_wmem[1], and net.core.wmem_default for the
 * others. */
#define SNDBUF_MAX 212992
#define SNDBUF_MIN 4608
#define SNDBUF_TCP 16384

int sk_sndbuf_default(int type)
{
	return type == SOCK_STREAM ? SNDBUF_TCP : SNDBUF_MAX;
}

int sk_sndbuf_set(int val)
{
	/* Linux compares the value as unsigned: a negative one is large. */
	unsigned int v = (unsigned int)val;

	if (v > SNDBUF_MAX)
		v = SNDBUF_MAX;
	return 2 * v < SNDBUF_MIN ? SNDBUF_MIN : (int)(2 * v);
}

int sk_shut_how(int how)
{
	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
		return -EINVAL;
	return how;
}

long sk_send_error(int stream, int connected, long err)
{
	if (stream && connected &&
	    (err == -ECONNRESET || err == -ECONNABORTED || err == -ENOTCONN))
		return -EPIPE;
	return err;
}

int sk_connect_started(long r)
{
	return r >= 0 || r == -EINPROGRESS || r == -EISCONN || r == -EALREADY;
}

long sk_recv_result(int stream, int connected, long r)
{
	return stream && connected && r == -ENOTCONN ? 0 : r;
}

long sk_connect_error(int established, long err)
{
	if (established)
		return err;
	if (err == -ECONNRESET)
		return -ECONNREFUSED;
	if (err == ECONNRESET)
		return ECONNREFUSED;
	return err;
}
