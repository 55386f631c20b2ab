/*
 * AF_NETLINK sockets of protocol NETLINK_ROUTE, far enough for a program
 * to list the interfaces and their addresses as Go's net.Interfaces()
 * and net.InterfaceAddrs() (syscall.NetlinkRIB), musl's and glibc's
 * getifaddrs() and if_nameindex() do: RTM_GETLINK and RTM_GETADDR dump
 * requests are answered from the network stack's interfaces (lo and
 * each vif), and RTM_GETLINK of one interface by index; any other
 * request gets NLMSG_ERROR with -EOPNOTSUPP.
 * Multicast groups (change notifications) are accepted and never send
 * anything. The replies are queued on the socket as datagrams of at
 * most a page, as Linux's dumps are, and read with recv/recvmsg/read.
 */
#include <kernel/errno.h>
#include <kernel/sched.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <runtime/fd.h>
#include <runtime/sock.h>
#include <skiff_net.h>

#include "netlink_msg.h"
#include "runtime_priv.h"
#include "socket_kind.h"
#include "unix_abi.h"

#define NETLINK_ROUTE 0
#define SOL_NETLINK 270
/* The largest reply datagram: a page, the buffer Go reads a dump with. */
#define NL_DGRAM_MAX 4096
/* The largest request taken. */
#define NL_REQ_MAX 65536
#define NL_IFS_MAX 16
/* sockaddr_nl: family, pad, port id, groups. */
#define NL_ADDR_LEN 12

/* Linux's interface flags and types. */
#define IFF_UP 0x1
#define IFF_BROADCAST 0x2
#define IFF_LOOPBACK 0x8
#define IFF_RUNNING 0x40
#define IFF_MULTICAST 0x1000
#define IFF_LOWER_UP 0x10000
#define ARPHRD_ETHER 1
#define ARPHRD_LOOPBACK 772
#define IF_OPER_UNKNOWN 0
#define IF_OPER_DOWN 2
#define IF_OPER_UP 6
#define RT_SCOPE_UNIVERSE 0
#define RT_SCOPE_LINK 253
#define RT_SCOPE_HOST 254
#define IFA_F_PERMANENT 0x80
#define IFA_F_TENTATIVE 0x40

struct nl_dgram {
	struct nl_dgram *next;
	size_t len;
	unsigned char data[];
};

struct nlsock {
	int type;
	bool nonblock;
	uint32_t pid, groups;
	struct nl_dgram *head, *tail;
	struct wait_queue wq;
	unsigned long events;
};

static const struct fd_ops nl_fd_ops;
static uint32_t next_pid = 1; /* the first socket's is the process's */

static void nl_queue(struct nlsock *s, const void *data, size_t len)
{
	struct nl_dgram *d = malloc(sizeof(*d) + len);

	if (!d)
		return; /* as Linux when the socket's buffer is full: lost */
	d->next = NULL;
	d->len = len;
	memcpy(d->data, data, len);
	if (s->tail)
		s->tail->next = d;
	else
		s->head = d;
	s->tail = d;
	s->events++;
	wq_wake_all(&s->wq);
	runtime_poll_wake();
}

/* Collects messages into page-sized datagrams. */
struct nl_out {
	struct nlsock *s;
	unsigned char buf[NL_DGRAM_MAX];
	size_t used;
};

static void out_flush(struct nl_out *o)
{
	if (o->used)
		nl_queue(o->s, o->buf, o->used);
	o->used = 0;
}

static unsigned char *out_room(struct nl_out *o, size_t *room)
{
	*room = sizeof(o->buf) - o->used;
	return o->buf + o->used;
}

/* Add one message built by put (0: did not fit, so flush and retry). */
#define OUT_PUT(o, call)                                                       \
	do {                                                                   \
		size_t room_, n_;                                              \
		unsigned char *p_ = out_room(o, &room_);                       \
		(void)p_;                                                      \
		n_ = call;                                                     \
		if (!n_ && (o)->used) {                                        \
			out_flush(o);                                          \
			p_ = out_room(o, &room_);                              \
			n_ = call;                                             \
		}                                                              \
		(o)->used += n_;                                               \
	} while (0)

static int prefix_of(uint32_t mask_be)
{
	int n = 0;

	for (mask_be = __builtin_bswap32(mask_be); mask_be & 0x80000000u;
	     mask_be <<= 1)
		n++;
	return n;
}

static void dump_links(struct nl_out *o, const struct nl_req *r,
		       const struct net_ifinfo *ifs, int n)
{
	static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	int i;

	for (i = 0; i < n; i++) {
		const struct net_ifinfo *f = &ifs[i];
		struct nl_link l = {.index = f->index,
				    .name = f->name,
				    .mtu = f->mtu,
				    .mac = f->mac};

		l.flags = (f->up ? IFF_UP : 0) |
			  (f->running ? IFF_RUNNING | IFF_LOWER_UP : 0);
		if (f->loopback) {
			l.flags |= IFF_LOOPBACK;
			l.type = ARPHRD_LOOPBACK;
			l.operstate = IF_OPER_UNKNOWN;
		} else {
			l.flags |=
			    IFF_MULTICAST | (f->broadcast ? IFF_BROADCAST : 0);
			l.type = ARPHRD_ETHER;
			l.brd = bcast;
			l.operstate = f->running ? IF_OPER_UP : IF_OPER_DOWN;
		}
		OUT_PUT(o, nl_put_link(p_, room_, r->seq, o->s->pid, &l));
	}
}

static void dump_addrs(struct nl_out *o, const struct nl_req *r,
		       const struct net_ifinfo *ifs, int n)
{
	unsigned int i, k;

	for (i = 0; i < (unsigned int)n; i++) {
		const struct net_ifinfo *f = &ifs[i];
		uint32_t brd = f->ip4 | ~f->ip4_mask;
		struct nl_addr a = {.index = f->index, .label = f->name};

		if (f->ip4 && r->family != AF_INET6) {
			a.family = AF_INET;
			a.prefix = (uint8_t)prefix_of(f->ip4_mask);
			a.scope =
			    f->loopback ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
			a.flags = IFA_F_PERMANENT;
			a.addr = (const uint8_t *)&f->ip4;
			a.brd = f->loopback ? NULL : (const uint8_t *)&brd;
			OUT_PUT(o,
				nl_put_addr(p_, room_, r->seq, o->s->pid, &a));
		}
		for (k = 0; k < f->n6 && r->family != AF_INET; k++) {
			a.family = AF_INET6;
			a.prefix = f->ip6[k].prefix;
			a.scope = f->loopback		 ? RT_SCOPE_HOST
				  : f->ip6[k].link_local ? RT_SCOPE_LINK
							 : RT_SCOPE_UNIVERSE;
			a.flags = f->ip6[k].tentative ? IFA_F_TENTATIVE
						      : IFA_F_PERMANENT;
			a.addr = f->ip6[k].addr;
			a.brd = NULL;
			OUT_PUT(o,
				nl_put_addr(p_, room_, r->seq, o->s->pid, &a));
		}
	}
}

/* RTM_GETLINK of one interface (ifi_index): its RTM_NEWLINK alone, not
 * part of a dump; -ENODEV for no such index, -EINVAL for none given
 * (Linux would look for IFLA_IFNAME then). */
static void get_link(struct nl_out *o, const struct nl_req *r)
{
	struct net_ifinfo ifs[NL_IFS_MAX];
	int n = net_if_list(ifs, NL_IFS_MAX), i, err = -EINVAL;

	if (n > NL_IFS_MAX)
		n = NL_IFS_MAX;
	if (r->index > 0) {
		err = -ENODEV;
		for (i = 0; i < n; i++)
			if (ifs[i].index == (unsigned int)r->index) {
				dump_links(o, r, &ifs[i], 1);
				/* A single answer: no NLM_F_MULTI. */
				memset(o->buf + 6, 0, 2);
				out_flush(o);
				return;
			}
	}
	OUT_PUT(o, nl_put_error(p_, room_, r, err, o->s->pid));
	out_flush(o);
}

/* Answer one request. */
static void nl_answer(struct nlsock *s, const struct nl_req *r)
{
	static struct nl_out o; /* cooperative threads: no call yields here */
	struct net_ifinfo ifs[NL_IFS_MAX];
	int n;

	o.s = s;
	o.used = 0;
	if (r->type < NL_RTM_NEWLINK) /* NOOP, DONE, ERROR: nothing to do */
		return;
	if ((r->type == NL_RTM_GETLINK || r->type == NL_RTM_GETADDR) &&
	    (r->flags & NL_F_DUMP) == NL_F_DUMP) {
		n = net_if_list(ifs, NL_IFS_MAX);
		if (n > NL_IFS_MAX)
			n = NL_IFS_MAX;
		if (r->type == NL_RTM_GETLINK)
			dump_links(&o, r, ifs, n);
		else
			dump_addrs(&o, r, ifs, n);
		out_flush(&o);
		OUT_PUT(&o, nl_put_done(p_, room_, r->seq, s->pid));
		out_flush(&o);
		return;
	}
	if (r->type == NL_RTM_GETLINK) { /* one interface, by index */
		get_link(&o, r);
		return;
	}
	OUT_PUT(&o, nl_put_error(p_, room_, r, -EOPNOTSUPP, s->pid));
	out_flush(&o);
}

static long nl_sendmsg(void *obj, const struct sock_msg *m, int flags)
{
	struct nlsock *s = obj;
	size_t total = sock_iov_total(m->iov, m->iovlen), off = 0;
	unsigned char *buf;
	struct nl_req r;

	(void)flags;
	if (total > NL_REQ_MAX)
		return -EMSGSIZE;
	buf = malloc(total ? total : 1);
	if (!buf)
		return -ENOMEM;
	sock_iov_gather(m->iov, m->iovlen, 0, buf, total);
	/* Each whole message in the datagram, as Linux's netlink_rcv_skb. */
	while (nl_parse_req(buf + off, total - off, &r) == 0) {
		if (r.flags & NL_F_REQUEST)
			nl_answer(s, &r);
		off += NL_ALIGN(r.len);
		if (off >= total)
			break;
	}
	free(buf);
	return (long)total;
}

static void addr_out(uint32_t pid, uint32_t groups, void *addr,
		     unsigned int *len)
{
	unsigned char a[NL_ADDR_LEN] = {AF_NETLINK, 0};

	memcpy(a + 4, &pid, 4);
	memcpy(a + 8, &groups, 4);
	if (addr && *len)
		memcpy(addr, a, *len < NL_ADDR_LEN ? *len : NL_ADDR_LEN);
	*len = NL_ADDR_LEN;
}

static long nl_recvmsg(void *obj, struct sock_msg *m, int flags)
{
	struct nlsock *s = obj;
	size_t total = sock_iov_total(m->iov, m->iovlen), k;
	struct nl_dgram *d;
	long r;

	m->flags = 0;
	m->controllen = 0;
	while (!s->head) {
		if (s->nonblock || (flags & MSG_DONTWAIT))
			return -EAGAIN;
		wq_wait(&s->wq);
	}
	d = s->head;
	k = d->len < total ? d->len : total;
	sock_iov_scatter(m->iov, m->iovlen, 0, d->data, k);
	if (d->len > total)
		m->flags |= MSG_TRUNC;
	r = (flags & MSG_TRUNC) ? (long)d->len : (long)k;
	if (m->name)
		addr_out(0, 0, m->name, &m->namelen); /* from the kernel */
	if (!(flags & MSG_PEEK)) {
		s->head = d->next;
		if (!s->head)
			s->tail = NULL;
		free(d);
	}
	return r;
}

static long nl_bind(void *obj, const void *addr, unsigned int len)
{
	struct nlsock *s = obj;
	const unsigned char *a = addr;
	uint16_t family;
	uint32_t pid;

	if (!addr || len < NL_ADDR_LEN)
		return -EINVAL;
	memcpy(&family, a, 2);
	if (family != AF_NETLINK)
		return -EINVAL;
	memcpy(&pid, a + 4, 4);
	memcpy(&s->groups, a + 8, 4);
	if (pid)
		s->pid = pid;
	return 0;
}

static long nl_connect(void *obj, const void *addr, unsigned int len)
{
	(void)obj;
	if (!addr || len < 2)
		return -EINVAL;
	return 0; /* the kernel is the only peer there is */
}

static long nl_name(void *obj, void *addr, unsigned int *len, bool peer)
{
	struct nlsock *s = obj;

	if (!len)
		return -EFAULT;
	if (peer)
		addr_out(0, 0, addr, len);
	else
		addr_out(s->pid, s->groups, addr, len);
	return 0;
}

static long nl_setsockopt(void *obj, int level, int name, const void *val,
			  unsigned int len)
{
	(void)obj;
	(void)name;
	(void)val;
	if (level != SOL_SOCKET && level != SOL_NETLINK)
		return -ENOPROTOOPT;
	return len < sizeof(int) ? -EINVAL : 0; /* buffers, groups: taken */
}

static long nl_getsockopt(void *obj, int level, int name, void *val,
			  unsigned int *len)
{
	struct nlsock *s = obj;
	int v;

	if (level != SOL_SOCKET)
		return -ENOPROTOOPT;
	switch (name) {
	case SO_TYPE:
		v = s->type;
		break;
	case SO_DOMAIN:
		v = AF_NETLINK;
		break;
	case SO_PROTOCOL:
		v = NETLINK_ROUTE;
		break;
	case SO_ERROR:
		v = 0;
		break;
	case SO_RCVBUF:
	case SO_SNDBUF:
		v = 212992;
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (!val || !len)
		return -EFAULT;
	if (*len < sizeof(v))
		return -EINVAL;
	memcpy(val, &v, sizeof(v));
	*len = sizeof(v);
	return 0;
}

static long nl_fd_read(void *obj, void *buf, size_t len)
{
	struct sock_iov iov = {buf, len};
	struct sock_msg m = {.iov = &iov, .iovlen = 1};

	return nl_recvmsg(obj, &m, 0);
}

static long nl_fd_write(void *obj, const void *buf, size_t len)
{
	struct sock_iov iov = {(void *)buf, len};
	struct sock_msg m = {.iov = &iov, .iovlen = 1};

	return nl_sendmsg(obj, &m, 0);
}

static int nl_fd_fstat(void *obj, struct stat *st)
{
	(void)obj;
	file_stat_init(st, S_IFSOCK | S_IRWXU | S_IRWXG | S_IRWXO, 4096);
	return 0;
}

static int nl_fd_close(void *obj)
{
	struct nlsock *s = obj;
	struct nl_dgram *d;

	while ((d = s->head)) {
		s->head = d->next;
		free(d);
	}
	free(s);
	return 0;
}

static int nl_fd_poll(void *obj)
{
	return (((struct nlsock *)obj)->head ? FD_POLL_IN : 0) | FD_POLL_OUT;
}

static unsigned long nl_fd_events(void *obj)
{
	return ((struct nlsock *)obj)->events;
}

static int nl_fd_set_flags(void *obj, int flags)
{
	((struct nlsock *)obj)->nonblock = !!(flags & O_NONBLOCK);
	return 0;
}

static const struct fd_ops nl_fd_ops = {
    .read = nl_fd_read,
    .write = nl_fd_write,
    .fstat = nl_fd_fstat,
    .close = nl_fd_close,
    .poll = nl_fd_poll,
    .set_flags = nl_fd_set_flags,
    .event_count = nl_fd_events,
};

const struct sock_kind netlink_sock_kind = {
    .fd_ops = &nl_fd_ops,
    .bind = nl_bind,
    .connect = nl_connect,
    .sendmsg = nl_sendmsg,
    .recvmsg = nl_recvmsg,
    .setsockopt = nl_setsockopt,
    .getsockopt = nl_getsockopt,
    .name = nl_name,
};

long netlink_sock_create(int type, int protocol)
{
	int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	struct nlsock *s;
	long fd;

	if (base != SOCK_RAW && base != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol != NETLINK_ROUTE)
		return -EPROTONOSUPPORT;
	/* The interfaces are the stack's: lo at least, even without a vif. */
	net_start_loopback();
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->type = base;
	s->nonblock = type & SOCK_NONBLOCK;
	s->pid = next_pid++;
	wq_init(&s->wq);
	fd = fd_open(&nl_fd_ops, s, O_RDWR | (s->nonblock ? O_NONBLOCK : 0));
	if (fd < 0)
		free(s);
	return fd;
}
