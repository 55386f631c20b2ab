/*
 * The socket calls after socket()/accept() (bind, listen, connect, send,
 * recv, shutdown, options, names; socket_lwip.c makes sockets and holds
 * their fd ops): each finds its socket by fd and holds the socket's open
 * file for the length of the call, so a close of the fd by another
 * thread leaves lwIP's socket open under it.
 */
/* No E names in this file: lwIP's headers bring newlib's <errno.h>,
 * whose numbers are not Linux's (see socket_lwip.c). */
#include <skiff_net.h>

#include <lwip/opt.h>

#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <lwip/sockets.h>

#include <runtime/fd.h>
#include <runtime/sock.h>
#include <runtime/take.h>

#include "runtime_priv.h"
#include "socket_abi.h"
#include "socket_kind.h"
#include "socket_lwip.h"
#include "unix_abi.h"

/* The app's address (addr, len) for s in lwIP's form: lwIP's address
 * length or a negative errno. */
static long sock_addr_in(const struct sock *s, const void *addr,
			 unsigned int len, enum sk_addr_use use,
			 union skl_sockaddr *la)
{
	if (!addr)
		return -SK_EFAULT;
	return sk_addr_to_lwip(addr, len, s->family, use, la);
}

static long sock_bind_on(struct sock *s, const void *addr, unsigned int len)
{
	union skl_sockaddr la;
	long r = sock_addr_in(s, addr, len, SK_ADDR_BIND, &la);

	if (r >= 0)
		r = sock_lwip_result(
		    lwip_bind(s->lfd, (struct sockaddr *)&la, (socklen_t)r));
	return r;
}

long sock_bind(int fd, const void *addr, unsigned int len)
{
	SOCK_CALL(fd, sock_bind_on(s, addr, len), bind, addr, len);
}

long sock_listen(int fd, int backlog)
{
	SOCK_CALL(fd, sock_lwip_result(lwip_listen(s->lfd, backlog)), listen,
		  backlog);
}

/* A blocking connect() whose start gave r: wait for its end. A signal
 * ends the wait with EINTR and the connection goes on; the call made
 * again (SA_RESTART) waits on for it, as on Linux. */
static long connect_wait(struct sock *s, long r)
{
	uint64_t deadline = 0;

	if (r == -SK_EISCONN && s->connecting) { /* done meanwhile */
		s->connecting = false;
		return 0;
	}
	if (r != -SK_EINPROGRESS && !(r == -SK_EALREADY && s->connecting))
		return r;
	s->connecting = true;
	for (;;) {
		uint64_t seq = net_events_seq();
		int ready = net_sock_readiness(s->lfd), err = 0;
		socklen_t len = sizeof(err);

		if (ready < 0 ||
		    (ready & (NET_READY_OUT | NET_READY_ERR | NET_READY_HUP))) {
			s->connecting = false;
			if (lwip_getsockopt(s->lfd, SOL_SOCKET, SO_ERROR, &err,
					    &len) < 0)
				return sock_lwip_result(-1);
			return err ? -runtime_errno_to_linux(err) : 0;
		}
		r = sock_block(s, seq, SO_SNDTIMEO, &deadline);
		if (r == -SK_EAGAIN) /* the timeout: it goes on */
			return -SK_EINPROGRESS;
		if (r < 0)
			return r;
	}
}

/* connect() to AF_UNSPEC: Linux's disconnect. A UDP socket forgets its
 * peer; a TCP socket not connected has nothing to undo (Linux would
 * abort a connection; lwIP cannot, so that is EOPNOTSUPP). */
static long sock_disconnect(struct sock *s)
{
	struct {
		uint8_t len, family;
	} unspec = {sizeof(unspec), SKL_AF_UNSPEC};
	long r;

	if (s->type == SOCK_STREAM)
		return s->connected ? -SK_EOPNOTSUPP : 0;
	r = sock_lwip_result(
	    lwip_connect(s->lfd, (struct sockaddr *)&unspec, sizeof(unspec)));
	if (r == 0)
		s->connected = false;
	return r;
}

static long sock_connect_on(struct sock *s, const void *addr, unsigned int len)
{
	union skl_sockaddr la;
	uint16_t family;
	long r;

	/* Linux's order: the family's two bytes, AF_UNSPEC, the rest. */
	if (addr && len < sizeof(family))
		return -SK_EINVAL;
	if (addr && (memcpy(&family, addr, sizeof(family)),
		     family == SK_LINUX_AF_UNSPEC))
		return sock_disconnect(s);
	r = sock_addr_in(s, addr, len, SK_ADDR_CONNECT, &la);

	if (r >= 0) {
		sk_addr_any_to_loopback(&la);
		sock_lwip_nonblock(s, true);
		r = sock_lwip_result(
		    lwip_connect(s->lfd, (struct sockaddr *)&la, r));
		sock_lwip_nonblock(s, false);
	}
	/* In progress or done: from now on a broken connection makes
	 * send() fail with EPIPE. */
	if (sk_connect_started(r))
		s->connected = true;
	if (!s->nonblock)
		r = connect_wait(s, r);
	if (r >= 0)
		s->established = true;
	else
		r = sk_connect_error(s->established, r);
	return r;
}

long sock_connect(int fd, const void *addr, unsigned int len)
{
	SOCK_CALL(fd, sock_connect_on(s, addr, len), connect, addr, len);
}

/* send() or sendto() on s. */
long sock_send_on(struct sock *s, const void *buf, size_t len, int flags,
		  const void *addr, unsigned int alen)
{
	union skl_sockaddr la;
	socklen_t lalen = 0;
	uint64_t deadline = 0;
	size_t done = 0;
	int lflags, waitall;
	bool wait;
	long r;

	lflags = sk_msg_flags_to_lwip(flags, &waitall);
	if (lflags < 0)
		return lflags;
	/* A stream goes to its peer: Linux ignores the address. */
	if (addr && s->type == SOCK_STREAM)
		addr = NULL;
	if (addr) {
		r = sk_addr_to_lwip(addr, alen, s->family, SK_ADDR_SEND, &la);
		if (r < 0)
			return r;
		sk_addr_any_to_loopback(&la);
		lalen = (socklen_t)r;
	}
	/* A blocking send moves everything, waiting for room as it goes;
	 * a signal or the timeout ends it with the count so far. */
	wait = !s->nonblock && !(lflags & SKL_MSG_DONTWAIT);
	for (;;) {
		uint64_t seq = net_events_seq();

		if (!addr)
			r = lwip_send(s->lfd, (const char *)buf + done,
				      len - done, lflags | SKL_MSG_DONTWAIT);
		else
			r = lwip_sendto(s->lfd, (const char *)buf + done,
					len - done, lflags | SKL_MSG_DONTWAIT,
					(struct sockaddr *)&la, lalen);
		r = sock_lwip_result(r);
		if (r > 0) {
			done += (size_t)r;
			if (done < len && wait && s->type == SOCK_STREAM)
				continue;
			break;
		}
		if (r != -SK_EAGAIN || !wait)
			break;
		r = sock_block(s, seq, SO_SNDTIMEO, &deadline);
		if (r < 0)
			break;
	}
	/* A datagram with nowhere to go (lwIP: no route). */
	if (r < 0 && !done && !addr && s->type != SOCK_STREAM && !s->connected)
		r = -SK_EDESTADDRREQ;
	return sock_send_error(s, done ? (long)done : r, flags);
}

/* Whether the reader may take what lwIP has for [buf, buf+len), the
 * bytes from off of its read (<runtime/take.h>): when not all of len
 * may go, a look (MSG_PEEK) says how much there is; none yet is fine
 * (the read waits, or says EAGAIN or the end, as it would). */
static long may_take(struct sock *s, void *buf, size_t len, size_t off)
{
	long n;

	if (!fd_take_check(off + len))
		return 0;
	n = sock_lwip_result(
	    lwip_recv(s->lfd, buf, len, SKL_MSG_PEEK | SKL_MSG_DONTWAIT));
	return n > 0 ? fd_take_check(off + (size_t)n) : 0;
}

long sock_send_refusal(int fd, int flags, const void *addr, unsigned int alen)
{
	const struct sock_kind *k = NULL;
	union skl_sockaddr la;
	int waitall;
	struct file *f;
	long r = 0;
	struct sock *s = sock_get(fd, &f, &k, &r);

	if (!f)
		return 0;
	if (s && s->type != SOCK_STREAM) {
		if ((r = sk_msg_flags_to_lwip(flags, &waitall)) >= 0 && addr)
			r = sk_addr_to_lwip(addr, alen, s->family, SK_ADDR_SEND,
					    &la);
		if (r >= 0 && !addr && !s->connected)
			r = -SK_EDESTADDRREQ;
	}
	file_put(f);
	return r < 0 ? r : 0;
}

/* One lwIP receive into [buf, buf+len), bytes off on of the read, with
 * the sender's address when addr is given; on a blocking socket it
 * waits for data (sock_block()). */
static long recv_once(struct sock *s, void *buf, size_t len, size_t off,
		      int lflags, void *addr, unsigned int *alen,
		      uint64_t *deadline)
{
	bool wait = !s->nonblock && !(lflags & SKL_MSG_DONTWAIT);
	union skl_sockaddr la;
	socklen_t llen;
	long r;

	for (;;) {
		uint64_t seq = net_events_seq();

		/* The bytes stay when the reader cannot receive them. */
		if (!(lflags & SKL_MSG_PEEK) &&
		    (r = may_take(s, buf, len, off)) < 0)
			return r;
		memset(&la, 0, sizeof(la));
		llen = sizeof(la);
		if (!addr)
			r = lwip_recv(s->lfd, buf, len,
				      lflags | SKL_MSG_DONTWAIT);
		else
			r = lwip_recvfrom(s->lfd, buf, len,
					  lflags | SKL_MSG_DONTWAIT,
					  (struct sockaddr *)&la, &llen);
		r = sock_lwip_result(r);
		if (r != -SK_EAGAIN || !wait)
			break;
		r = sock_block(s, seq, SO_RCVTIMEO, deadline);
		if (r < 0)
			return r;
	}
	if (addr && r >= 0 && sock_addr_out(&la, llen, addr, alen) < 0)
		return -SK_EINVAL;
	return sock_recv_result(s, r);
}

long sock_send(int fd, const void *buf, size_t len, int flags, const void *addr,
	       unsigned int alen)
{
	struct sock_iov iov = {(void *)buf, len};
	struct sock_msg m = {.name = (void *)addr,
			     .namelen = addr ? alen : 0,
			     .iov = &iov,
			     .iovlen = 1};

	SOCK_CALL(fd, sock_send_on(s, buf, len, flags, addr, alen), sendmsg, &m,
		  flags);
}

/* recv() or recvfrom() on s. */
long sock_recv_on(struct sock *s, void *buf, size_t len, int flags, void *addr,
		  unsigned int *alen)
{
	uint64_t deadline = 0;
	int lflags, waitall;
	size_t got = 0;
	long r;

	/* A datagram socket has no out-of-band data: Linux ignores the
	 * flag there. */
	if (s->type != SOCK_STREAM)
		flags &= ~SK_LINUX_MSG_OOB;
	lflags = sk_msg_flags_to_lwip(flags, &waitall);
	if (lflags < 0)
		return lflags;
	if (addr && !alen)
		return -SK_EFAULT;
	/* lwIP has no MSG_WAITALL: on a stream, receive until the buffer is
	 * full, the end of the stream or an error (which then only counts if
	 * nothing came before it). */
	do {
		r = recv_once(s, (char *)buf + got, len - got, got, lflags,
			      addr, alen, &deadline);
		if (r <= 0)
			break;
		got += (size_t)r;
	} while (waitall && s->type == SOCK_STREAM &&
		 !(lflags & SKL_MSG_PEEK) && got < len);
	return got ? (long)got : r;
}

/* recv() or recvfrom() on a socket of another kind: its recvmsg. */
static long kind_recv(const struct sock_kind *k, void *obj, void *buf,
		      size_t len, int flags, void *addr, unsigned int *alen)
{
	struct sock_iov iov = {buf, len};
	struct sock_msg m = {.name = addr,
			     .namelen = addr && alen ? *alen : 0,
			     .iov = &iov,
			     .iovlen = 1};
	long r;

	if (addr && !alen)
		return -SK_EFAULT;
	if (!k->recvmsg)
		return -SK_EOPNOTSUPP;
	r = k->recvmsg(obj, &m, flags);
	if (r >= 0 && addr)
		*alen = m.namelen;
	return r;
}

long sock_recv(int fd, void *buf, size_t len, int flags, void *addr,
	       unsigned int *alen)
{
	const struct sock_kind *k = NULL;
	struct file *f;
	long r = 0;
	struct sock *s = sock_get(fd, &f, &k, &r);

	if (!f)
		return r;
	if (s)
		r = sock_recv_on(s, buf, len, flags, addr, alen);
	else
		r = kind_recv(k, f->obj, buf, len, flags, addr, alen);
	file_put(f);
	return r;
}

/* The largest datagram lwIP takes or gives (an IPv4/IPv6 length). */
#define DGRAM_MAX 65535
/* The most a stream's sendmsg/recvmsg moves through its bounce buffer. */
#define STREAM_CHUNK 65536

/* sendmsg() on lwIP socket s: a stream sends iovec by iovec (stopping
 * at a short send); a datagram is gathered into one. Control messages
 * have no meaning here and are ignored. */
static long sock_sendmsg_on(struct sock *s, const struct sock_msg *m, int flags)
{
	size_t total = sock_iov_total(m->iov, m->iovlen), done = 0, i;
	void *buf;
	long r;

	flags &= ~SK_LINUX_MSG_EOR;
	if (s->type == SOCK_STREAM) {
		for (i = 0; i < m->iovlen; i++) {
			if (!m->iov[i].len)
				continue;
			r = sock_send_on(s, m->iov[i].base, m->iov[i].len,
					 flags, NULL, 0);
			if (r < 0)
				return done ? (long)done : r;
			done += (size_t)r;
			if ((size_t)r < m->iov[i].len)
				break;
		}
		return (long)done;
	}
	if (total > DGRAM_MAX)
		return -SK_EMSGSIZE;
	buf = malloc(total ? total : 1);
	if (!buf)
		return -SK_ENOMEM;
	sock_iov_gather(m->iov, m->iovlen, 0, buf, total);
	r = sock_send_on(s, buf, total, flags, m->name, m->namelen);
	free(buf);
	return r;
}

/* recvmsg() on lwIP socket s, through a bounce buffer: a datagram whole
 * (so MSG_TRUNC can tell its real length), a stream at most
 * STREAM_CHUNK bytes. */
static long sock_recvmsg_on(struct sock *s, struct sock_msg *m, int flags)
{
	size_t total = sock_iov_total(m->iov, m->iovlen), room;
	bool trunc = flags & SK_LINUX_MSG_TRUNC;
	unsigned int alen = m->namelen;
	void *buf;
	long r;

	flags &= ~(SK_LINUX_MSG_TRUNC | SK_LINUX_MSG_CMSG_CLOEXEC);
	m->flags = 0;
	m->controllen = 0;
	if (s->type == SOCK_STREAM)
		room = total < STREAM_CHUNK ? total : STREAM_CHUNK;
	else
		room = DGRAM_MAX;
	buf = malloc(room ? room : 1);
	if (!buf)
		return -SK_ENOMEM;
	r = sock_recv_on(s, buf, room, flags, m->name, m->name ? &alen : NULL);
	if (r >= 0) {
		size_t k = (size_t)r < total ? (size_t)r : total;

		sock_iov_scatter(m->iov, m->iovlen, 0, buf, k);
		if ((size_t)r > total) {
			m->flags |= SK_LINUX_MSG_TRUNC;
			if (!trunc)
				r = (long)k;
		}
		if (m->name)
			m->namelen = alen;
	}
	free(buf);
	return r;
}

long sock_sendmsg(int fd, const struct sock_msg *m, int flags)
{
	SOCK_CALL(fd, sock_sendmsg_on(s, m, flags), sendmsg, m, flags);
}

long sock_recvmsg(int fd, struct sock_msg *m, int flags)
{
	SOCK_CALL(fd, sock_recvmsg_on(s, m, flags), recvmsg, m, flags);
}

long sock_pair(int domain, int type, int protocol, int fds[2])
{
	if (domain == SK_AF_UNIX)
		return unix_sock_pair(type, protocol, fds);
	if (domain == SKL_AF_INET || domain == SK_LINUX_AF_INET6 ||
	    domain == SK_AF_NETLINK)
		return -SK_EOPNOTSUPP;
	return -SK_EAFNOSUPPORT;
}

long sock_epipe(int flags)
{
	/* SIGPIPE: the Linux shim raises it from this result, unless the
	 * call's flags hold MSG_NOSIGNAL (runtime/linux/signal.c); C apps
	 * get no SIGPIPE (docs/runtime.md). */
	(void)flags;
	return -SK_EPIPE;
}

static long sock_shutdown_on(struct sock *s, int how)
{
	long r = sk_shut_how(how);

	if (r >= 0)
		r = sock_lwip_result(lwip_shutdown(s->lfd, (int)r));
	/* Calls blocked on the socket wait in the runtime (sock_block()):
	 * they look again, and a receive or accept ends. */
	if (r >= 0)
		net_events_signal();
	return r;
}

long sock_shutdown(int fd, int how)
{
	SOCK_CALL(fd, sock_shutdown_on(s, how), shutdown, how);
}

static long sock_setsockopt_on(struct sock *s, int level, int name,
			       const void *val, unsigned int len)
{
	struct sk_opt o;
	long r = sk_opt_to_lwip(level, name, &o);
	int v;

	if (r >= 0 && o.read_only)
		r = -SK_ENOPROTOOPT;
	else if (r >= 0 && !val)
		r = -SK_EFAULT;
	else if (r >= 0 && len < o.size)
		r = -SK_EINVAL;
	if (r < 0)
		return r;
	if (o.kind == SK_OPT_SNDBUF || o.kind == SK_OPT_HOPS ||
	    o.kind == SK_OPT_BOOL ||
	    (o.kind == SK_OPT_BROADCAST && s->type != SOCK_DGRAM)) {
		memcpy(&v, val, sizeof(v));
		if (o.kind == SK_OPT_SNDBUF) {
			s->sndbuf = sk_sndbuf_set(v);
			return 0;
		}
		if (o.kind == SK_OPT_BROADCAST) {
			s->broadcast = v != 0;
			return 0;
		}
		if ((r = sk_opt_int_in(&o, v, &v)) < 0)
			return r;
		val = &v;
		len = sizeof(v);
	}
	return sock_lwip_result(
	    lwip_setsockopt(s->lfd, o.level, o.name, val, (socklen_t)len));
}

long sock_setsockopt(int fd, int level, int name, const void *val,
		     unsigned int len)
{
	SOCK_CALL(fd, sock_setsockopt_on(s, level, name, val, len), setsockopt,
		  level, name, val, len);
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
	if (o.kind == SK_OPT_SNDBUF)
		v.i = s->sndbuf;
	else if (o.kind == SK_OPT_BROADCAST && s->type != SOCK_DGRAM)
		v.i = s->broadcast;
	else
		r = sock_lwip_result(
		    lwip_getsockopt(s->lfd, o.level, o.name, &v, &vlen));
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
	SOCK_CALL(fd, sock_getsockopt_on(s, level, name, val, len), getsockopt,
		  level, name, val, len);
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
	r = sock_lwip_result(r);
	return r < 0 ? r : sk_addr_from_lwip(&la, addr, len);
}

long sock_check(int fd)
{
	struct file *f;
	const struct sock_kind *k = NULL;
	long err = 0;

	sock_get(fd, &f, &k, &err);
	if (!f)
		return err;
	file_put(f);
	return 0;
}

long sock_name(int fd, void *addr, unsigned int *len, bool peer)
{
	SOCK_CALL(fd, sock_name_on(s, addr, len, peer), name, addr, len, peer);
}
