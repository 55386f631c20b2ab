/*
 * The socket layer's work, over lwIP's own socket calls (socket.c holds
 * the app-facing names). Each socket fd holds an lwIP socket number; the
 * app's Linux-ABI arguments are translated by socket_abi.c, and lwIP's
 * errno (newlib's numbering) is renumbered to Linux's. Blocking calls
 * block only the calling thread (lwIP waits on kernel semaphores). read,
 * write, close, fstat, fcntl, poll and epoll work on socket fds through
 * the fd ops at the end of the file.
 */
/* No E names in this file: lwIP's headers bring newlib's <errno.h>,
 * whose numbers are not Linux's. Linux's are socket_abi.h's SK_E ones,
 * and errors from lwIP are renumbered by lwip_result(). */
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

#include <runtime/fd.h>
#include "runtime_priv.h"
#include "socket_abi.h"
#include <runtime/sock.h>

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
		   SKL_SO_LINGER == SO_LINGER && SKL_SO_RCVBUF == SO_RCVBUF &&
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

struct sock {
	int lfd;	  /* lwIP's socket number */
	int type;	  /* lwIP's (and Linux's) SOCK_STREAM, ... */
	bool connected;	  /* connected once: later send errors are EPIPE */
	bool established; /* data moved or connect() done: not refused */
};

static const struct fd_ops sock_fd_ops;

/* The socket behind fd, its open file referenced in *f for the caller
 * (file_put() when the call is done: a call in progress keeps the lwIP
 * socket open whatever closes the fd meanwhile); else NULL and *err
 * -SK_EBADF or -SK_ENOTSOCK. */
static struct sock *sock_get(int fd, struct file **f, long *err)
{
	int e;

	*f = fd_get_kind(fd, &sock_fd_ops, -SK_ENOTSOCK, &e);
	if (!*f)
		*err = e;
	return *f ? (*f)->obj : NULL;
}

/* The end of a call on s: drop its file's reference, pass r on. */
static long sock_done(struct file *f, long r)
{
	file_put(f);
	return r;
}

/* An lwIP call's result: r, or the thread's errno as a negative Linux
 * number when r < 0. */
static long lwip_result(long r)
{
	return r < 0 ? -runtime_errno_linux_now() : r;
}

static int sock_set_nonblock(struct sock *s, bool on)
{
	int val = on;

	return (int)lwip_result(lwip_ioctl(s->lfd, FIONBIO, &val));
}

/* A new socket fd for lwIP socket lfd (closed on failure). */
static long sock_install(int lfd, int type, bool nonblock, bool connected)
{
	struct sock *s = malloc(sizeof(*s));
	long r;

	if (!s) {
		lwip_close(lfd);
		return -SK_ENOMEM;
	}
	s->lfd = lfd;
	s->type = type;
	s->connected = connected;
	s->established = connected;
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

	ldomain = sk_domain_to_lwip(domain);
	if (ldomain < 0)
		return ldomain;
	ltype = sk_type_to_lwip(type, &nonblock);
	if (ltype < 0)
		return ltype;
	r = sk_check_protocol(type, protocol);
	if (r < 0)
		return r;
	if (!net_is_up())
		return -SK_ENETDOWN;
	lfd = (int)lwip_result(lwip_socket(ldomain, ltype, protocol));
	if (lfd < 0)
		return lfd;
	return sock_install(lfd, ltype, nonblock, false);
}

/* The app's address (addr, len) in lwIP's form: lwIP's address length
 * or a negative errno. Shared by bind() and connect(). */
static long sock_addr_in(const void *addr, unsigned int len,
			 union skl_sockaddr *la)
{
	if (!addr)
		return -SK_EFAULT;
	return sk_addr_to_lwip(addr, len, la);
}

long sock_bind(int fd, const void *addr, unsigned int len)
{
	union skl_sockaddr la;
	struct file *f;
	long r = 0;
	struct sock *s = sock_get(fd, &f, &r);

	if (!s)
		return r;
	r = sock_addr_in(addr, len, &la);
	if (r >= 0)
		r = lwip_result(lwip_bind(s->lfd, (struct sockaddr *)&la, r));
	return sock_done(f, r);
}

long sock_listen(int fd, int backlog)
{
	struct file *f;
	long r = 0;
	struct sock *s = sock_get(fd, &f, &r);

	if (!s)
		return r;
	return sock_done(f, lwip_result(lwip_listen(s->lfd, backlog)));
}

/* Hand an lwIP address out to the app's (addr, len), if it asked. */
static long sock_addr_out(const union skl_sockaddr *la, socklen_t llen,
			  void *addr, unsigned int *len)
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
	socklen_t llen = sizeof(la);
	long r;
	int lfd, nonblock;

	r = sk_accept_flags(flags, &nonblock);
	if (r < 0)
		return r;
	if (addr && !len)
		return -SK_EFAULT;
	memset(&la, 0, sizeof(la));
	lfd = (int)lwip_result(
	    lwip_accept(s->lfd, (struct sockaddr *)&la, &llen));
	if (lfd < 0)
		return lfd;
	r = sock_install(lfd, s->type, nonblock, true);
	if (r >= 0 && sock_addr_out(&la, llen, addr, len) < 0)
		*len = 0; /* the connection is there; its address is not */
	return r;
}

long sock_accept(int fd, void *addr, unsigned int *len, int flags)
{
	struct file *f;
	long r = 0;
	struct sock *s = sock_get(fd, &f, &r);

	if (!s)
		return r;
	return sock_done(f, sock_accept_on(s, addr, len, flags));
}

long sock_connect(int fd, const void *addr, unsigned int len)
{
	union skl_sockaddr la;
	struct file *f;
	long r = 0;
	struct sock *s = sock_get(fd, &f, &r);

	if (!s)
		return r;
	r = sock_addr_in(addr, len, &la);
	if (r >= 0)
		r = lwip_result(
		    lwip_connect(s->lfd, (struct sockaddr *)&la, r));
	/* In progress or done: from now on a broken connection makes
	 * send() fail with EPIPE. */
	if (sk_connect_started(r))
		s->connected = true;
	if (r >= 0)
		s->established = true;
	else
		r = sk_connect_error(s->established, r);
	return sock_done(f, r);
}

/* A send error as Linux gives it: EPIPE on a connection that is gone. */
static long send_error(struct sock *s, long r)
{
	if (r > 0)
		s->established = true;
	return sk_send_error(s->type == SOCK_STREAM, s->connected, r);
}

/* A receive result as Linux gives it: 0 again after the end. */
static long recv_result(struct sock *s, long r)
{
	if (r > 0)
		s->established = true;
	return sk_recv_result(s->type == SOCK_STREAM, s->connected, r);
}

/* send() or sendto() on s. */
static long sock_send_on(struct sock *s, const void *buf, size_t len, int flags,
			 const void *addr, unsigned int alen)
{
	union skl_sockaddr la;
	int lflags, waitall;
	long r;

	lflags = sk_msg_flags_to_lwip(flags, &waitall);
	if (lflags < 0)
		return lflags;
	if (!addr) {
		r = lwip_result(lwip_send(s->lfd, buf, len, lflags));
		return send_error(s, r);
	}
	r = sk_addr_to_lwip(addr, alen, &la);
	if (r < 0)
		return r;
	r = lwip_result(lwip_sendto(s->lfd, buf, len, lflags,
				    (struct sockaddr *)&la, (socklen_t)r));
	return send_error(s, r);
}

/* One lwIP receive, with the sender's address when addr is given. */
static long recv_once(struct sock *s, void *buf, size_t len, int lflags,
		      void *addr, unsigned int *alen)
{
	union skl_sockaddr la;
	socklen_t llen = sizeof(la);
	long r;

	if (!addr)
		return recv_result(
		    s, lwip_result(lwip_recv(s->lfd, buf, len, lflags)));
	memset(&la, 0, sizeof(la));
	r = lwip_result(lwip_recvfrom(s->lfd, buf, len, lflags,
				      (struct sockaddr *)&la, &llen));
	if (r >= 0 && sock_addr_out(&la, llen, addr, alen) < 0)
		return -SK_EINVAL;
	return recv_result(s, r);
}

long sock_send(int fd, const void *buf, size_t len, int flags, const void *addr,
	       unsigned int alen)
{
	struct file *f;
	long r = 0;
	struct sock *s = sock_get(fd, &f, &r);

	if (!s)
		return r;
	return sock_done(f, sock_send_on(s, buf, len, flags, addr, alen));
}

/* recv() or recvfrom() on s. */
static long sock_recv_on(struct sock *s, void *buf, size_t len, int flags,
			 void *addr, unsigned int *alen)
{
	int lflags, waitall;
	size_t got = 0;
	long r;

	lflags = sk_msg_flags_to_lwip(flags, &waitall);
	if (lflags < 0)
		return lflags;
	if (addr && !alen)
		return -SK_EFAULT;
	/* lwIP has no MSG_WAITALL: on a stream, receive until the buffer is
	 * full, the end of the stream or an error (which then only counts if
	 * nothing came before it). */
	do {
		r = recv_once(s, (char *)buf + got, len - got, lflags, addr,
			      alen);
		if (r <= 0)
			break;
		got += (size_t)r;
	} while (waitall && s->type == SOCK_STREAM &&
		 !(lflags & SKL_MSG_PEEK) && got < len);
	return got ? (long)got : r;
}

long sock_recv(int fd, void *buf, size_t len, int flags, void *addr,
	       unsigned int *alen)
{
	struct file *f;
	long r = 0;
	struct sock *s = sock_get(fd, &f, &r);

	if (!s)
		return r;
	return sock_done(f, sock_recv_on(s, buf, len, flags, addr, alen));
}

long sock_shutdown(int fd, int how)
{
	struct file *f;
	long r = 0;
	struct sock *s = sock_get(fd, &f, &r);

	if (!s)
		return r;
	r = sk_shut_how(how);
	if (r >= 0)
		r = lwip_result(lwip_shutdown(s->lfd, (int)r));
	return sock_done(f, r);
}

long sock_setsockopt(int fd, int level, int name, const void *val,
		     unsigned int len)
{
	struct sk_opt o;
	struct file *f;
	long r = 0;
	struct sock *s = sock_get(fd, &f, &r);

	if (!s)
		return r;
	r = sk_opt_to_lwip(level, name, &o);
	if (r >= 0 && o.read_only)
		r = -SK_ENOPROTOOPT;
	else if (r >= 0 && !val)
		r = -SK_EFAULT;
	else if (r >= 0 && len < o.size)
		r = -SK_EINVAL;
	if (r >= 0)
		r = lwip_result(lwip_setsockopt(s->lfd, o.level, o.name, val,
						(socklen_t)len));
	return sock_done(f, r);
}

/* getsockopt() on s. */
static long sock_getsockopt_on(struct sock *s, int level, int name, void *val,
			       unsigned int *len)
{
	union {
		int i;
		long l[2];
	} v;
	socklen_t vlen = sizeof(v);
	struct sk_opt o;
	long r;

	r = sk_opt_to_lwip(level, name, &o);
	if (r < 0)
		return r;
	if (!len || !val)
		return -SK_EFAULT;
	if (*len < o.size)
		return -SK_EINVAL;
	memset(&v, 0, sizeof(v));
	r = lwip_result(lwip_getsockopt(s->lfd, o.level, o.name, &v, &vlen));
	if (r < 0)
		return r;
	if (o.kind == SK_OPT_ERRNO) /* newlib's number from lwIP */
		v.i = (int)sk_connect_error(
		    s->established, v.i ? runtime_errno_to_linux(v.i) : 0);
	if (vlen < o.size) /* lwIP gave a byte where Linux gives an int */
		vlen = o.size;
	memcpy(val, &v, o.size);
	*len = o.size;
	return 0;
}

long sock_getsockopt(int fd, int level, int name, void *val, unsigned int *len)
{
	struct file *f;
	long r = 0;
	struct sock *s = sock_get(fd, &f, &r);

	if (!s)
		return r;
	return sock_done(f, sock_getsockopt_on(s, level, name, val, len));
}

/* getpeername() when peer, else getsockname(), on s. */
static long sock_name_on(struct sock *s, void *addr, unsigned int *len,
			 bool peer)
{
	union skl_sockaddr la;
	socklen_t llen = sizeof(la);
	long r;

	if (!addr || !len)
		return -SK_EFAULT;
	memset(&la, 0, sizeof(la));
	if (peer)
		r = lwip_getpeername(s->lfd, (struct sockaddr *)&la, &llen);
	else
		r = lwip_getsockname(s->lfd, (struct sockaddr *)&la, &llen);
	r = lwip_result(r);
	return r < 0 ? r : sk_addr_from_lwip(&la, addr, len);
}

long sock_name(int fd, void *addr, unsigned int *len, bool peer)
{
	struct file *f;
	long r = 0;
	struct sock *s = sock_get(fd, &f, &r);

	if (!s)
		return r;
	return sock_done(f, sock_name_on(s, addr, len, peer));
}

/* --- The fd ops: read, write, close, fstat, fcntl and poll on sockets. */

static long sock_fd_read(void *obj, void *buf, size_t len)
{
	struct sock *s = obj;

	return recv_result(s, lwip_result(lwip_recv(s->lfd, buf, len, 0)));
}

static long sock_fd_write(void *obj, const void *buf, size_t len)
{
	struct sock *s = obj;

	return send_error(s, lwip_result(lwip_send(s->lfd, buf, len, 0)));
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
	long r = lwip_result(lwip_close(s->lfd));

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
