/*
 * Sockets over lwIP's own socket calls: making them (socket, accept),
 * finding them by fd, and their fd ops (read, write, close, fstat,
 * fcntl, poll and epoll on socket fds); socket_ops.c has the other
 * calls, socket.c the app-facing names. Each socket's open file holds
 * an lwIP socket number; the app's Linux-ABI arguments are translated by
 * socket_abi.c, and lwIP's errno (newlib's numbering) is renumbered to
 * Linux's. Blocking calls block only the calling thread and hold the
 * socket's open file while they do: lwIP's socket is closed when the
 * last reference goes, with nobody inside it. They wait in the runtime,
 * not inside lwIP (sock_block()): lwIP is called without blocking and
 * the thread sleeps on the network's event counter, so that a signal
 * can end the wait for the Linux shim; C apps, which get no signals,
 * just wait.
 */
/* No E names in this file: lwIP's headers bring newlib's <errno.h>,
 * whose numbers are not Linux's. Linux's are socket_abi.h's SK_E ones,
 * and errors from lwIP are renumbered by sock_lwip_result(). */
#include <skiff_net.h>

/* lwIP's port header first (it sizes newlib's fd_set for lwIP), then the
 * C library's, then lwIP's sockets, which then take O_NONBLOCK and the
 * fcntl numbers from <fcntl.h> rather than defining their own. */
#include <lwip/opt.h>

#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lwip/sockets.h>

#include <kernel/time.h>
#include <runtime/fd.h>
#include <runtime/sock.h>

#include "runtime_priv.h"
#include "socket_abi.h"
#include "socket_kind.h"
#include "socket_lwip.h"

/* socket_abi.c's mirror of lwIP's numbers and layouts, checked here
 * where lwIP's headers are seen. */
_Static_assert(SKL_AF_INET == AF_INET && SKL_AF_INET6 == AF_INET6, "af");
_Static_assert(SKL_SOCK_STREAM == SOCK_STREAM && SKL_SOCK_DGRAM == SOCK_DGRAM &&
		   SKL_SOCK_RAW == SOCK_RAW,
	       "types");
_Static_assert(SKL_SOL_SOCKET == SOL_SOCKET &&
		   SKL_SO_ACCEPTCONN == SO_ACCEPTCONN &&
		   SKL_SO_REUSEADDR == SO_REUSEADDR &&
		   SKL_SO_KEEPALIVE == SO_KEEPALIVE &&
		   SKL_SO_BROADCAST == SO_BROADCAST &&
		   SKL_SO_LINGER == SO_LINGER && SKL_SO_SNDBUF == SO_SNDBUF &&
		   SKL_SO_RCVBUF == SO_RCVBUF &&
		   SKL_SO_SNDTIMEO == SO_SNDTIMEO &&
		   SKL_SO_RCVTIMEO == SO_RCVTIMEO && SKL_SO_ERROR == SO_ERROR &&
		   SKL_SO_TYPE == SO_TYPE && SKL_SO_NO_CHECK == SO_NO_CHECK,
	       "SOL_SOCKET options");
_Static_assert(SKL_IPPROTO_IP == IPPROTO_IP && SKL_IPPROTO_TCP == IPPROTO_TCP &&
		   SKL_IPPROTO_UDP == IPPROTO_UDP &&
		   SKL_IPPROTO_IPV6 == IPPROTO_IPV6,
	       "levels");
_Static_assert(SKL_IP_TOS == IP_TOS && SKL_IP_TTL == IP_TTL, "IP options");
#ifdef IP_ADD_MEMBERSHIP /* only with LWIP_IGMP; else lwIP refuses them */
_Static_assert(SKL_IP_ADD_MEMBERSHIP == IP_ADD_MEMBERSHIP &&
		   SKL_IP_DROP_MEMBERSHIP == IP_DROP_MEMBERSHIP,
	       "IGMP options");
#endif
#ifdef IP_MULTICAST_TTL
_Static_assert(SKL_IP_MULTICAST_TTL == IP_MULTICAST_TTL &&
		   SKL_IP_MULTICAST_IF == IP_MULTICAST_IF &&
		   SKL_IP_MULTICAST_LOOP == IP_MULTICAST_LOOP,
	       "multicast options");
#endif
_Static_assert(SKL_TCP_NODELAY == TCP_NODELAY &&
		   SKL_TCP_KEEPIDLE == TCP_KEEPIDLE &&
		   SKL_TCP_KEEPINTVL == TCP_KEEPINTVL &&
		   SKL_TCP_KEEPCNT == TCP_KEEPCNT &&
		   SKL_IPV6_V6ONLY == IPV6_V6ONLY,
	       "TCP and IPv6 options");
_Static_assert(SKL_MSG_PEEK == MSG_PEEK && SKL_MSG_DONTWAIT == MSG_DONTWAIT &&
		   SKL_MSG_MORE == MSG_MORE,
	       "msg flags");
_Static_assert(SHUT_RD == 0 && SHUT_WR == 1 && SHUT_RDWR == 2, "shutdown");
_Static_assert(sizeof(struct sockaddr_in) == sizeof(struct skl_sockaddr_in) &&
		   offsetof(struct sockaddr_in, sin_port) ==
		       offsetof(struct skl_sockaddr_in, sin_port) &&
		   offsetof(struct sockaddr_in, sin_addr) ==
		       offsetof(struct skl_sockaddr_in, sin_addr),
	       "lwIP's sockaddr_in");
_Static_assert(sizeof(struct sockaddr_in6) == sizeof(struct skl_sockaddr_in6) &&
		   offsetof(struct sockaddr_in6, sin6_addr) ==
		       offsetof(struct skl_sockaddr_in6, sin6_addr) &&
		   offsetof(struct sockaddr_in6, sin6_scope_id) ==
		       offsetof(struct skl_sockaddr_in6, sin6_scope_id),
	       "lwIP's sockaddr_in6");
/* Option values pass through unchanged: these must match Linux's. */
_Static_assert(sizeof(struct timeval) == 2 * sizeof(long), "timeval");
_Static_assert(sizeof(struct linger) == 2 * sizeof(int), "linger");

static const struct fd_ops sock_fd_ops;

/* The socket kinds besides lwIP's, found by their files' ops. */
static const struct sock_kind *const other_kinds[] = {&unix_sock_kind,
						      &netlink_sock_kind};

struct sock *sock_get(int fd, struct file **f, const struct sock_kind **kind,
		      long *err)
{
	size_t i;

	*f = fd_get(fd);
	if (!*f) {
		*err = -SK_EBADF;
		return NULL;
	}
	if ((*f)->ops == &sock_fd_ops)
		return (*f)->obj;
	for (i = 0; i < sizeof(other_kinds) / sizeof(other_kinds[0]); i++)
		if ((*f)->ops == other_kinds[i]->fd_ops) {
			*kind = other_kinds[i];
			return NULL;
		}
	file_put(*f);
	*f = NULL;
	*err = -SK_ENOTSOCK;
	return NULL;
}

long sock_lwip_result(long r)
{
	return r < 0 ? -runtime_errno_linux_now() : r;
}

static int lwip_nonblock(struct sock *s, bool on)
{
	int val = on;

	return (int)sock_lwip_result(lwip_ioctl(s->lfd, FIONBIO, &val));
}

/* O_NONBLOCK as the app sets it. lwIP's own flag follows it, so that
 * close and shutdown behave in lwIP as the app's mode asks, except
 * while calls that would wait have it on (sock_lwip_nonblock()). */
static int sock_set_nonblock(struct sock *s, bool on)
{
	int r = lwip_nonblock(s, on || s->nb_calls > 0);

	if (r >= 0)
		s->nonblock = on;
	return r;
}

void sock_lwip_nonblock(struct sock *s, bool on)
{
	/* Counted: a call that had to wait for lwIP's core lock must not
	 * find the mode turned back off by another one that ended. */
	bool before = s->nonblock || s->nb_calls > 0, after;

	s->nb_calls += on ? 1 : -1;
	after = s->nonblock || s->nb_calls > 0;
	if (after != before)
		lwip_nonblock(s, after);
}

#define NSEC 1000000000ull

long sock_block(struct sock *s, uint64_t seq, int opt, uint64_t *deadline)
{
	int rc;

	if (!*deadline) {
		struct timeval tv;
		socklen_t len = sizeof(tv);
		uint64_t ns;

		*deadline = UINT64_MAX; /* none */
		memset(&tv, 0, sizeof(tv));
		if (lwip_getsockopt(s->lfd, SOL_SOCKET, opt, &tv, &len) == 0 &&
		    (tv.tv_sec > 0 || tv.tv_usec > 0)) {
			/* Saturated well below Xen's signed time. */
			if (tv.tv_sec >= (long)(INT64_MAX / NSEC / 2))
				ns = INT64_MAX / 2;
			else
				ns = (uint64_t)tv.tv_sec * NSEC +
				     (uint64_t)tv.tv_usec * 1000;
			*deadline = time_monotonic_ns() + ns;
		}
	}
	rc =
	    net_events_wait_until(seq, *deadline == UINT64_MAX ? 0 : *deadline);
	if (rc == -SK_ETIMEDOUT)
		return -SK_EAGAIN;
	if (rc == -SK_EINTR)
		return *deadline == UINT64_MAX ? -SK_EINTR
					       : -SK_EINTR_NORESTART;
	return 0;
}

/* A new socket fd for lwIP socket lfd (closed on failure). */
static long sock_install(int lfd, int type, int family, bool nonblock,
			 bool connected)
{
	struct sock *s = malloc(sizeof(*s));
	long r;

	if (!s) {
		lwip_close(lfd);
		return -SK_ENOMEM;
	}
	s->lfd = lfd;
	s->type = type;
	s->family = family;
	s->connected = connected;
	s->established = connected;
	s->sndbuf = sk_sndbuf_default(type);
	s->broadcast = false;
	s->nonblock = false;
	s->connecting = false;
	s->nb_calls = 0;
	net_sock_watch(lfd);
	r = nonblock ? sock_set_nonblock(s, true) : 0;
	if (r >= 0)
		r = fd_open(&sock_fd_ops, s,
			    O_RDWR | (nonblock ? O_NONBLOCK : 0));
	if (r < 0) {
		lwip_close(lfd);
		free(s);
	}
	return r;
}

long sock_create(int domain, int type, int protocol)
{
	int ldomain, ltype, nonblock, lfd;
	long r;

	if (domain == SK_AF_UNIX)
		return unix_sock_create(type, protocol);
	if (domain == SK_AF_NETLINK)
		return netlink_sock_create(type, protocol);
	ldomain = sk_domain_to_lwip(domain);
	if (ldomain < 0)
		return ldomain;
	ltype = sk_type_to_lwip(type, &nonblock);
	if (ltype < 0)
		return ltype;
	r = sk_check_protocol(type, protocol);
	if (r < 0)
		return r;
	/* Without a vif, the first socket starts lwIP with lo alone. */
	if (!net_is_up() && !net_start_loopback())
		return -SK_ENETDOWN;
	lfd = (int)sock_lwip_result(lwip_socket(ldomain, ltype, protocol));
	if (lfd < 0)
		return lfd;
	return sock_install(lfd, ltype, domain, nonblock, false);
}

long sock_addr_out(const union skl_sockaddr *la, socklen_t llen, void *addr,
		   unsigned int *len)
{
	if (!addr)
		return 0;
	if (!len)
		return -SK_EFAULT;
	if (!llen) { /* lwIP had none to give */
		*len = 0;
		return 0;
	}
	return sk_addr_from_lwip(la, addr, len);
}

/* accept() on listener s. */
static long sock_accept_on(struct sock *s, void *addr, unsigned int *len,
			   int flags)
{
	union skl_sockaddr la;
	socklen_t llen;
	uint64_t deadline = 0;
	long r;
	int lfd, nonblock;

	r = sk_accept_flags(flags, &nonblock);
	if (r < 0)
		return r;
	if (addr && !len)
		return -SK_EFAULT;
	for (;;) {
		uint64_t seq = net_events_seq();

		memset(&la, 0, sizeof(la));
		llen = sizeof(la);
		sock_lwip_nonblock(s, true);
		lfd = (int)sock_lwip_result(
		    lwip_accept(s->lfd, (struct sockaddr *)&la, &llen));
		sock_lwip_nonblock(s, false);
		if (lfd != -SK_EAGAIN || s->nonblock)
			break;
		r = sock_block(s, seq, SO_RCVTIMEO, &deadline);
		if (r < 0)
			return r;
	}
	if (lfd < 0)
		return lfd;
	r = sock_install(lfd, s->type, s->family, nonblock, true);
	if (r >= 0 && sock_addr_out(&la, llen, addr, len) < 0)
		*len = 0; /* the connection is there; its address is not */
	return r;
}

long sock_accept(int fd, void *addr, unsigned int *len, int flags)
{
	SOCK_CALL(fd, sock_accept_on(s, addr, len, flags), accept, addr, len,
		  flags);
}

long sock_send_error(struct sock *s, long r, int flags)
{
	if (r > 0)
		s->established = true;
	r = sk_send_error(s->type == SOCK_STREAM, s->connected, r);
	return r == -SK_EPIPE ? sock_epipe(flags) : r;
}

long sock_recv_result(struct sock *s, long r)
{
	if (r > 0)
		s->established = true;
	return sk_recv_result(s->type == SOCK_STREAM, s->connected, r);
}

/* --- The fd ops: read, write, close, fstat, fcntl and poll on sockets. */

static long sock_fd_read(void *obj, void *buf, size_t len)
{
	return sock_recv_on(obj, buf, len, 0, NULL, NULL);
}

static long sock_fd_write(void *obj, const void *buf, size_t len)
{
	return sock_send_on(obj, buf, len, 0, NULL, 0);
}

static int sock_fd_fstat(void *obj, struct stat *st)
{
	(void)obj;
	file_stat_init(st, S_IFSOCK | S_IRWXU | S_IRWXG | S_IRWXO, 4096);
	return 0;
}

/* The last reference to the socket's open file: no call is inside it
 * any more, so lwIP's socket is closed with nobody waiting on it. */
static int sock_fd_close(void *obj)
{
	struct sock *s = obj;
	struct linger l;
	socklen_t len = sizeof(l);
	long r;

	/* SO_LINGER on with a time of 0: Linux resets the connection
	 * whatever is left to send; lwIP would close it gracefully. */
	if (s->type == SOCK_STREAM &&
	    !lwip_getsockopt(s->lfd, SOL_SOCKET, SO_LINGER, &l, &len) &&
	    l.l_onoff && !l.l_linger)
		net_sock_abort(s->lfd);
	r = sock_lwip_result(lwip_close(s->lfd));

	free(s);
	return (int)r;
}

static int sock_fd_poll(void *obj)
{
	struct sock *s = obj;
	int ready = net_sock_readiness(s->lfd), ev = 0;

	if (ready < 0)
		return FD_POLL_ERR;
	if (ready & NET_READY_IN)
		ev |= FD_POLL_IN;
	if (ready & NET_READY_OUT)
		ev |= FD_POLL_OUT;
	if (ready & NET_READY_ERR)
		ev |= FD_POLL_ERR;
	if (ready & NET_READY_HUP)
		ev |= FD_POLL_HUP;
	if (ready & NET_READY_RDHUP)
		ev |= FD_POLL_RDHUP;
	return ev;
}

static unsigned long sock_fd_event_count(void *obj)
{
	return net_sock_events(((struct sock *)obj)->lfd);
}

static int sock_fd_set_flags(void *obj, int flags)
{
	return sock_set_nonblock(obj, flags & O_NONBLOCK);
}

static const struct fd_ops sock_fd_ops = {
    .read = sock_fd_read,
    .write = sock_fd_write,
    .fstat = sock_fd_fstat,
    .close = sock_fd_close,
    .poll = sock_fd_poll,
    .set_flags = sock_fd_set_flags,
    .event_count = sock_fd_event_count,
};
