/*
 * Tests of runtime/socket_abi.c: Linux socket addresses, domains, types,
 * flags and options translated to lwIP's numbers and layouts, and the
 * errors for what cannot be translated. The Linux side comes from the
 * host C library's headers, so a Linux number wrong in the table shows.
 */
#include <kernel/errno.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "../../runtime/socket_abi.h"
#include "check.h"

static void addr_in_roundtrip(void)
{
	struct sockaddr_in sin = {.sin_family = AF_INET,
				  .sin_port = htons(8080),
				  .sin_addr.s_addr = htonl(0xa9fe0102)};
	struct sockaddr_in back;
	union skl_sockaddr l;
	unsigned int len = sizeof(back);

	CHECK_EQ_I64(
	    sk_addr_to_lwip(&sin, sizeof(sin), AF_INET, SK_ADDR_CONNECT, &l),
	    16);
	CHECK_EQ_U64(l.in.sin_len, 16);
	CHECK_EQ_U64(l.in.sin_family, SKL_AF_INET);
	CHECK_EQ_U64(l.in.sin_port, htons(8080));
	CHECK_EQ_U64(l.in.sin_addr, htonl(0xa9fe0102));
	memset(&back, 0xff, sizeof(back));
	CHECK_EQ_I64(sk_addr_from_lwip(&l, &back, &len), 0);
	CHECK_EQ_U64(len, sizeof(back));
	CHECK_EQ_U64(back.sin_family, AF_INET);
	CHECK_EQ_U64(back.sin_port, htons(8080));
	CHECK_EQ_U64(back.sin_addr.s_addr, htonl(0xa9fe0102));
	CHECK_EQ_U64(back.sin_zero[0] | back.sin_zero[7], 0);
}

static void addr_in6_roundtrip(void)
{
	struct sockaddr_in6 s6 = {.sin6_family = AF_INET6,
				  .sin6_port = htons(443),
				  .sin6_flowinfo = 7,
				  .sin6_scope_id = 3};
	struct sockaddr_in6 back;
	union skl_sockaddr l;
	unsigned int len = sizeof(back);

	s6.sin6_addr.s6_addr[0] = 0xfe;
	s6.sin6_addr.s6_addr[1] = 0x80;
	s6.sin6_addr.s6_addr[15] = 0x42;
	CHECK_EQ_I64(
	    sk_addr_to_lwip(&s6, sizeof(s6), AF_INET6, SK_ADDR_CONNECT, &l),
	    28);
	CHECK_EQ_U64(l.in6.sin6_family, SKL_AF_INET6);
	CHECK_EQ_U64(l.in6.sin6_port, htons(443));
	CHECK_EQ_U64(l.in6.sin6_scope_id, 3);
	CHECK_EQ_U64(l.in6.sin6_addr[15], 0x42);
	CHECK_EQ_I64(sk_addr_from_lwip(&l, &back, &len), 0);
	CHECK_EQ_U64(len, sizeof(back));
	CHECK_MEM(&back, &s6, sizeof(s6));
	/* Linux accepts the 24-byte form without the scope id. */
	CHECK_EQ_I64(sk_addr_to_lwip(&s6, 24, AF_INET6, SK_ADDR_CONNECT, &l),
		     28);
	CHECK_EQ_U64(l.in6.sin6_scope_id, 0);
}

static void addr_bad_lengths(void)
{
	struct sockaddr_in sin = {.sin_family = AF_INET};
	struct sockaddr_in6 s6 = {.sin6_family = AF_INET6};
	union skl_sockaddr l;

	CHECK_EQ_I64(sk_addr_to_lwip(NULL, 16, AF_INET, SK_ADDR_BIND, &l),
		     -EINVAL);
	CHECK_EQ_I64(sk_addr_to_lwip(&sin, 0, AF_INET, SK_ADDR_BIND, &l),
		     -EINVAL);
	CHECK_EQ_I64(sk_addr_to_lwip(&sin, 1, AF_INET, SK_ADDR_BIND, &l),
		     -EINVAL);
	CHECK_EQ_I64(
	    sk_addr_to_lwip(&sin, sizeof(sin) - 1, AF_INET, SK_ADDR_BIND, &l),
	    -EINVAL);
	CHECK_EQ_I64(sk_addr_to_lwip(&s6, 23, AF_INET6, SK_ADDR_BIND, &l),
		     -EINVAL);
	CHECK_EQ_I64(
	    sk_addr_to_lwip(&sin, sizeof(sin) + 100, AF_INET, SK_ADDR_BIND, &l),
	    16);
}

/* Linux's order: the socket's family's length first (EINVAL), then the
 * address's family (EAFNOSUPPORT); AF_UNSPEC is AF_INET in a send and
 * in a bind of INADDR_ANY only. */
static void addr_length_before_family(void)
{
	struct sockaddr_in sin = {.sin_family = 99};
	struct sockaddr_in6 s6 = {.sin6_family = AF_INET6};
	union skl_sockaddr l;

	CHECK_EQ_I64(sk_addr_to_lwip(&sin, 2, AF_INET, SK_ADDR_BIND, &l),
		     -EINVAL);
	CHECK_EQ_I64(
	    sk_addr_to_lwip(&sin, sizeof(sin), AF_INET, SK_ADDR_BIND, &l),
	    -EAFNOSUPPORT);
	/* An IPv6 address on an IPv4 socket: long enough, wrong family. */
	CHECK_EQ_I64(
	    sk_addr_to_lwip(&s6, sizeof(s6), AF_INET, SK_ADDR_CONNECT, &l),
	    -EAFNOSUPPORT);
	/* An IPv4 address on an IPv6 socket: too short first. */
	sin.sin_family = AF_INET;
	CHECK_EQ_I64(
	    sk_addr_to_lwip(&sin, sizeof(sin), AF_INET6, SK_ADDR_CONNECT, &l),
	    -EINVAL);
	sin.sin_family = AF_UNSPEC;
	sin.sin_addr.s_addr = htonl(INADDR_ANY);
	CHECK_EQ_I64(
	    sk_addr_to_lwip(&sin, sizeof(sin), AF_INET, SK_ADDR_BIND, &l), 16);
	CHECK_EQ_U64(l.in.sin_family, SKL_AF_INET);
	CHECK_EQ_I64(
	    sk_addr_to_lwip(&sin, sizeof(sin), AF_INET, SK_ADDR_CONNECT, &l),
	    -EAFNOSUPPORT);
	sin.sin_addr.s_addr = htonl(0x7f000001);
	CHECK_EQ_I64(
	    sk_addr_to_lwip(&sin, sizeof(sin), AF_INET, SK_ADDR_BIND, &l),
	    -EAFNOSUPPORT);
	CHECK_EQ_I64(
	    sk_addr_to_lwip(&sin, sizeof(sin), AF_INET, SK_ADDR_SEND, &l), 16);
	s6.sin6_family = AF_UNSPEC;
	CHECK_EQ_I64(
	    sk_addr_to_lwip(&s6, sizeof(s6), AF_INET6, SK_ADDR_SEND, &l),
	    -EAFNOSUPPORT);
}

static void addr_bad_family(void)
{
	struct sockaddr sa = {.sa_family = AF_UNIX};
	union skl_sockaddr l;
	unsigned int len = 16;
	char buf[16];

	CHECK_EQ_I64(
	    sk_addr_to_lwip(&sa, sizeof(sa), AF_INET, SK_ADDR_BIND, &l),
	    -EAFNOSUPPORT);
	sa.sa_family = 99;
	CHECK_EQ_I64(
	    sk_addr_to_lwip(&sa, sizeof(sa), AF_INET, SK_ADDR_SEND, &l),
	    -EAFNOSUPPORT);
	memset(&l, 0, sizeof(l));
	l.sa.sa_family = 77;
	CHECK_EQ_I64(sk_addr_from_lwip(&l, buf, &len), -EAFNOSUPPORT);
}

/* A short buffer gets a cut-short address and the full length. */
static void addr_truncated(void)
{
	union skl_sockaddr l = {.in = {16, SKL_AF_INET, 0x1234, 0x0100007f}};
	unsigned char buf[8];
	unsigned int len = 4;

	memset(buf, 0xee, sizeof(buf));
	CHECK_EQ_I64(sk_addr_from_lwip(&l, buf, &len), 0);
	CHECK_EQ_U64(len, 16);
	CHECK_EQ_U64(buf[0], AF_INET); /* little-endian sa_family */
	CHECK_EQ_U64(buf[4], 0xee);    /* nothing past the 4 bytes */
	len = 0;
	CHECK_EQ_I64(sk_addr_from_lwip(&l, NULL, &len), 0);
	CHECK_EQ_U64(len, 16);
	CHECK_EQ_I64(sk_addr_from_lwip(&l, buf, NULL), -EINVAL);
	len = 8;
	CHECK_EQ_I64(sk_addr_from_lwip(&l, NULL, &len), -EINVAL);
}

/* A destination that is the unspecified address is the loopback's, as
 * Linux routes it; any other stays. */
static void addr_any_is_loopback(void)
{
	static const uint8_t lo6[16] = {[15] = 1};
	static const uint8_t mapped_lo[16] = {
	    [10] = 0xff, [11] = 0xff, [12] = 127, [15] = 1};
	union skl_sockaddr a = {.in = {16, SKL_AF_INET, 0x1234, 0}};
	uint8_t other[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 7};

	sk_addr_any_to_loopback(&a);
	CHECK_EQ_U64(a.in.sin_addr, htonl(INADDR_LOOPBACK));
	CHECK_EQ_U64(a.in.sin_port, 0x1234);
	a.in.sin_addr = htonl(0x0a000002);
	sk_addr_any_to_loopback(&a);
	CHECK_EQ_U64(a.in.sin_addr, htonl(0x0a000002));

	memset(&a, 0, sizeof(a));
	a.in6.sin6_family = SKL_AF_INET6;
	a.in6.sin6_port = 0x4321;
	sk_addr_any_to_loopback(&a);
	CHECK(!memcmp(a.in6.sin6_addr, lo6, 16));
	CHECK_EQ_U64(a.in6.sin6_port, 0x4321);
	memset(a.in6.sin6_addr, 0, 16);
	a.in6.sin6_addr[10] = a.in6.sin6_addr[11] = 0xff;
	sk_addr_any_to_loopback(&a);
	CHECK(!memcmp(a.in6.sin6_addr, mapped_lo, 16));
	memcpy(a.in6.sin6_addr, other, 16);
	sk_addr_any_to_loopback(&a);
	CHECK(!memcmp(a.in6.sin6_addr, other, 16));
}

static void domains_and_types(void)
{
	int nb = -1;

	CHECK_EQ_I64(sk_domain_to_lwip(AF_INET), SKL_AF_INET);
	CHECK_EQ_I64(sk_domain_to_lwip(AF_INET6), SKL_AF_INET6);
	CHECK_EQ_I64(sk_domain_to_lwip(AF_UNIX), -EAFNOSUPPORT);
	CHECK_EQ_I64(sk_domain_to_lwip(AF_UNSPEC), -EAFNOSUPPORT);
	CHECK_EQ_I64(sk_domain_to_lwip(17), -EAFNOSUPPORT);
	CHECK_EQ_I64(sk_type_to_lwip(SOCK_STREAM, &nb), SKL_SOCK_STREAM);
	CHECK_EQ_I64(nb, 0);
	CHECK_EQ_I64(sk_type_to_lwip(SOCK_DGRAM | SOCK_NONBLOCK, &nb),
		     SKL_SOCK_DGRAM);
	CHECK_EQ_I64(nb, 1);
	CHECK_EQ_I64(sk_type_to_lwip(SOCK_RAW | SOCK_CLOEXEC, &nb),
		     SKL_SOCK_RAW);
	CHECK_EQ_I64(nb, 0);
	CHECK_EQ_I64(sk_type_to_lwip(SOCK_SEQPACKET, &nb), -EINVAL);
	CHECK_EQ_I64(sk_type_to_lwip(99, &nb), -EINVAL);
	CHECK_EQ_I64(sk_type_to_lwip(SOCK_STREAM | 0x100000, &nb), -EINVAL);
}

static void accept_flags(void)
{
	int nb = -1;

	CHECK_EQ_I64(sk_accept_flags(0, &nb), 0);
	CHECK_EQ_I64(nb, 0);
	CHECK_EQ_I64(sk_accept_flags(SOCK_NONBLOCK, &nb), 0);
	CHECK_EQ_I64(nb, 1);
	CHECK_EQ_I64(sk_accept_flags(SOCK_CLOEXEC, &nb), 0);
	CHECK_EQ_I64(nb, 0);
	CHECK_EQ_I64(sk_accept_flags(SOCK_NONBLOCK | 1, &nb), -EINVAL);
	CHECK_EQ_I64(sk_accept_flags(SOCK_STREAM, &nb), -EINVAL);
}

static void protocols(void)
{
	CHECK_EQ_I64(sk_check_protocol(SOCK_STREAM, 0), 0);
	CHECK_EQ_I64(sk_check_protocol(SOCK_STREAM, IPPROTO_TCP), 0);
	CHECK_EQ_I64(sk_check_protocol(SOCK_STREAM | SOCK_NONBLOCK, 0), 0);
	CHECK_EQ_I64(sk_check_protocol(SOCK_STREAM, IPPROTO_UDP),
		     -EPROTONOSUPPORT);
	CHECK_EQ_I64(sk_check_protocol(SOCK_DGRAM, IPPROTO_UDP), 0);
	CHECK_EQ_I64(sk_check_protocol(SOCK_DGRAM, IPPROTO_TCP),
		     -EPROTONOSUPPORT);
	CHECK_EQ_I64(sk_check_protocol(SOCK_RAW, IPPROTO_ICMP), 0);
	CHECK_EQ_I64(sk_check_protocol(SOCK_RAW, 256), -EPROTONOSUPPORT);
	CHECK_EQ_I64(sk_check_protocol(SOCK_RAW, -1), -EPROTONOSUPPORT);
}

static void msg_flags(void)
{
	int wa = -1;

	CHECK_EQ_I64(sk_msg_flags_to_lwip(0, &wa), 0);
	CHECK_EQ_I64(wa, 0);
	CHECK_EQ_I64(sk_msg_flags_to_lwip(MSG_PEEK, &wa), SKL_MSG_PEEK);
	CHECK_EQ_I64(sk_msg_flags_to_lwip(MSG_DONTWAIT, &wa), SKL_MSG_DONTWAIT);
	CHECK_EQ_I64(sk_msg_flags_to_lwip(MSG_MORE, &wa), SKL_MSG_MORE);
	CHECK_EQ_I64(sk_msg_flags_to_lwip(MSG_NOSIGNAL, &wa), 0);
	CHECK_EQ_I64(sk_msg_flags_to_lwip(MSG_WAITALL | MSG_PEEK, &wa),
		     SKL_MSG_PEEK);
	CHECK_EQ_I64(wa, 1);
	CHECK_EQ_I64(sk_msg_flags_to_lwip(MSG_OOB, &wa), -EOPNOTSUPP);
	CHECK_EQ_I64(sk_msg_flags_to_lwip(MSG_DONTWAIT | MSG_OOB, &wa),
		     -EOPNOTSUPP);
}

struct opt_case {
	int level, name, llevel, lname;
	enum sk_opt_kind kind;
	unsigned int size;
	int ro;
};

/* Every option the table knows, with what it must become. */
static const struct opt_case opt_cases[] = {
    {SOL_SOCKET, SO_REUSEADDR, 0xfff, 0x4, SK_OPT_INT, 4, 0},
    {SOL_SOCKET, SO_KEEPALIVE, 0xfff, 0x8, SK_OPT_INT, 4, 0},
    {SOL_SOCKET, SO_BROADCAST, 0xfff, 0x20, SK_OPT_BROADCAST, 4, 0},
    {SOL_SOCKET, SO_RCVBUF, 0xfff, 0x1002, SK_OPT_INT, 4, 0},
    {SOL_SOCKET, SO_NO_CHECK, 0xfff, 0x100a, SK_OPT_INT, 4, 0},
    {SOL_SOCKET, SO_ACCEPTCONN, 0xfff, 0x2, SK_OPT_INT, 4, 1},
    {SOL_SOCKET, SO_TYPE, 0xfff, 0x1008, SK_OPT_INT, 4, 1},
    {SOL_SOCKET, SO_ERROR, 0xfff, 0x1007, SK_OPT_ERRNO, 4, 1},
    {SOL_SOCKET, SO_LINGER, 0xfff, 0x80, SK_OPT_LINGER, 8, 0},
    {SOL_SOCKET, SO_RCVTIMEO, 0xfff, 0x1006, SK_OPT_TIMEVAL, 16, 0},
    {SOL_SOCKET, SO_SNDTIMEO, 0xfff, 0x1005, SK_OPT_TIMEVAL, 16, 0},
    {IPPROTO_IP, IP_TOS, 0, 1, SK_OPT_INT, 4, 0},
    {IPPROTO_IP, IP_TTL, 0, 2, SK_OPT_INT, 4, 0},
    {IPPROTO_IP, IP_MULTICAST_TTL, 0, 5, SK_OPT_INT, 4, 0},
    {IPPROTO_IP, IP_MULTICAST_IF, 0, 6, SK_OPT_INT, 4, 0},
    {IPPROTO_IP, IP_MULTICAST_LOOP, 0, 7, SK_OPT_INT, 4, 0},
    {IPPROTO_IP, IP_ADD_MEMBERSHIP, 0, 3, SK_OPT_MREQ, 8, 0},
    {IPPROTO_IP, IP_DROP_MEMBERSHIP, 0, 4, SK_OPT_MREQ, 8, 0},
    {IPPROTO_TCP, TCP_NODELAY, 6, 1, SK_OPT_INT, 4, 0},
    {IPPROTO_TCP, TCP_KEEPIDLE, 6, 3, SK_OPT_INT, 4, 0},
    {IPPROTO_TCP, TCP_KEEPINTVL, 6, 4, SK_OPT_INT, 4, 0},
    {IPPROTO_TCP, TCP_KEEPCNT, 6, 5, SK_OPT_INT, 4, 0},
    {IPPROTO_IPV6, IPV6_V6ONLY, 41, 27, SK_OPT_INT, 4, 0},
    /* IPv6's hop limits and multicast loop share lwIP's IPv4 fields. */
    {IPPROTO_IPV6, IPV6_UNICAST_HOPS, 0, 2, SK_OPT_HOPS, 4, 0},
    {IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 0, 5, SK_OPT_HOPS, 4, 0},
    {IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0, 7, SK_OPT_BOOL, 4, 0},
    {SOL_SOCKET, SO_SNDBUF, 0xfff, 0x1001, SK_OPT_SNDBUF, 4, 0},
};

static void options_mapped(void)
{
	size_t i;

	for (i = 0; i < sizeof(opt_cases) / sizeof(opt_cases[0]); i++) {
		const struct opt_case *c = &opt_cases[i];
		struct sk_opt o;

		if (!CHECK_EQ_I64(sk_opt_to_lwip(c->level, c->name, &o), 0)) {
			FAIL("option %d/%d not mapped", c->level, c->name);
			continue;
		}
		if (!CHECK_EQ_I64(o.level, c->llevel) ||
		    !CHECK_EQ_I64(o.name, c->lname) ||
		    !CHECK_EQ_I64(o.kind, c->kind) ||
		    !CHECK_EQ_U64(o.size, c->size) ||
		    !CHECK_EQ_I64(o.read_only, c->ro))
			FAIL("option %d/%d", c->level, c->name);
	}
}

/* Values checked as Linux checks them; -1 is the default hop limit. */
static void options_values(void)
{
	struct sk_opt o;
	int v = 99;

	sk_opt_to_lwip(IPPROTO_IPV6, IPV6_UNICAST_HOPS, &o);
	CHECK_EQ_I64(sk_opt_int_in(&o, 1, &v), 0);
	CHECK_EQ_I64(v, 1);
	CHECK_EQ_I64(sk_opt_int_in(&o, 255, &v), 0);
	CHECK_EQ_I64(v, 255);
	CHECK_EQ_I64(sk_opt_int_in(&o, -1, &v), 0);
	CHECK_EQ_I64(v, 64);
	CHECK_EQ_I64(sk_opt_int_in(&o, 256, &v), -EINVAL);
	CHECK_EQ_I64(sk_opt_int_in(&o, -2, &v), -EINVAL);
	sk_opt_to_lwip(IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &o);
	CHECK_EQ_I64(sk_opt_int_in(&o, -1, &v), 0);
	CHECK_EQ_I64(v, 1);
	sk_opt_to_lwip(IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &o);
	CHECK_EQ_I64(sk_opt_int_in(&o, 0, &v), 0);
	CHECK_EQ_I64(sk_opt_int_in(&o, 1, &v), 0);
	CHECK_EQ_I64(v, 1);
	CHECK_EQ_I64(sk_opt_int_in(&o, 2, &v), -EINVAL);
	/* A plain int passes as it is. */
	sk_opt_to_lwip(IPPROTO_IP, IP_TTL, &o);
	CHECK_EQ_I64(sk_opt_int_in(&o, 300, &v), 0);
	CHECK_EQ_I64(v, 300);
}

/* SO_SNDBUF's numbers as a Linux 6.1 kernel with default sysctls gives
 * them. */
static void options_sndbuf(void)
{
	CHECK_EQ_I64(sk_sndbuf_default(SOCK_STREAM), 16384);
	CHECK_EQ_I64(sk_sndbuf_default(SOCK_DGRAM), 212992);
	CHECK_EQ_I64(sk_sndbuf_set(65536), 131072);
	CHECK_EQ_I64(sk_sndbuf_set(1), 4608);
	CHECK_EQ_I64(sk_sndbuf_set(0), 4608);
	CHECK_EQ_I64(sk_sndbuf_set(1 << 30), 425984);
	CHECK_EQ_I64(sk_sndbuf_set(-1), 425984);
}

static void options_unknown(void)
{
	struct sk_opt o;

	CHECK_EQ_I64(sk_opt_to_lwip(SOL_SOCKET, SO_PEERCRED, &o), -ENOPROTOOPT);
	CHECK_EQ_I64(sk_opt_to_lwip(SOL_SOCKET, 9999, &o), -ENOPROTOOPT);
	CHECK_EQ_I64(sk_opt_to_lwip(IPPROTO_TCP, TCP_MAXSEG, &o), -ENOPROTOOPT);
	CHECK_EQ_I64(sk_opt_to_lwip(77, SO_REUSEADDR, &o), -ENOPROTOOPT);
	/* lwIP's own numbers mean nothing on the Linux side. */
	CHECK_EQ_I64(sk_opt_to_lwip(0xfff, 0x4, &o), -ENOPROTOOPT);
}

static void send_errors(void)
{
	CHECK_EQ_I64(sk_send_error(1, 1, -ECONNRESET), -EPIPE);
	CHECK_EQ_I64(sk_send_error(1, 1, -ECONNABORTED), -EPIPE);
	CHECK_EQ_I64(sk_send_error(1, 1, -ENOTCONN), -EPIPE);
	/* Never connected: ENOTCONN stays; so do other errors. */
	CHECK_EQ_I64(sk_send_error(1, 0, -ENOTCONN), -ENOTCONN);
	CHECK_EQ_I64(sk_send_error(1, 1, -EAGAIN), -EAGAIN);
	CHECK_EQ_I64(sk_send_error(1, 1, -EINVAL), -EINVAL);
	/* Datagrams have no connection to lose. */
	CHECK_EQ_I64(sk_send_error(0, 1, -ECONNRESET), -ECONNRESET);
	CHECK_EQ_I64(sk_connect_started(0), 1);
	CHECK_EQ_I64(sk_connect_started(-EINPROGRESS), 1);
	CHECK_EQ_I64(sk_connect_started(-EISCONN), 1);
	CHECK_EQ_I64(sk_connect_started(-ECONNREFUSED), 0);
	CHECK_EQ_I64(sk_connect_started(-EINVAL), 0);
}

static void recv_and_connect_errors(void)
{
	CHECK_EQ_I64(sk_recv_result(1, 1, -ENOTCONN), 0);
	CHECK_EQ_I64(sk_recv_result(1, 0, -ENOTCONN), -ENOTCONN);
	CHECK_EQ_I64(sk_recv_result(0, 1, -ENOTCONN), -ENOTCONN);
	CHECK_EQ_I64(sk_recv_result(1, 1, -ECONNRESET), -ECONNRESET);
	CHECK_EQ_I64(sk_recv_result(1, 1, 7), 7);
	CHECK_EQ_I64(sk_connect_error(0, -ECONNRESET), -ECONNREFUSED);
	CHECK_EQ_I64(sk_connect_error(0, ECONNRESET), ECONNREFUSED);
	CHECK_EQ_I64(sk_connect_error(1, ECONNRESET), ECONNRESET);
	CHECK_EQ_I64(sk_connect_error(0, -ETIMEDOUT), -ETIMEDOUT);
	CHECK_EQ_I64(sk_connect_error(0, 0), 0);
}

static void shutdown_how(void)
{
	CHECK_EQ_I64(sk_shut_how(SHUT_RD), 0);
	CHECK_EQ_I64(sk_shut_how(SHUT_WR), 1);
	CHECK_EQ_I64(sk_shut_how(SHUT_RDWR), 2);
	CHECK_EQ_I64(sk_shut_how(3), -EINVAL);
	CHECK_EQ_I64(sk_shut_how(-1), -EINVAL);
}

CHECK_MAIN("socket_abi", CHECK_TEST(addr_in_roundtrip),
	   CHECK_TEST(addr_in6_roundtrip), CHECK_TEST(addr_bad_lengths),
	   CHECK_TEST(addr_length_before_family), CHECK_TEST(addr_bad_family),
	   CHECK_TEST(addr_truncated), CHECK_TEST(addr_any_is_loopback),
	   CHECK_TEST(domains_and_types), CHECK_TEST(accept_flags),
	   CHECK_TEST(protocols), CHECK_TEST(msg_flags),
	   CHECK_TEST(options_mapped), CHECK_TEST(options_values),
	   CHECK_TEST(options_sndbuf), CHECK_TEST(options_unknown),
	   CHECK_TEST(send_errors), CHECK_TEST(recv_and_connect_errors),
	   CHECK_TEST(shutdown_how))
