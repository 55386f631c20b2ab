/*
 * Shared by socket_lwip.c (making sockets, their fd ops) and
 * socket_ops.c (the calls on them): the socket behind an fd and the
 * translation of lwIP's results. Include after lwIP's <lwip/sockets.h>
 * and socket_abi.h. Errors are negative Linux errno values (SK_E ...).
 */
#ifndef RUNTIME_SOCKET_LWIP_H
#define RUNTIME_SOCKET_LWIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct file;
struct sock_kind;

/* The object of a socket's open file. */
struct sock {
	int lfd;	  /* lwIP's socket number */
	int type;	  /* lwIP's (and Linux's) SOCK_STREAM, ... */
	int family;	  /* Linux's AF_INET or AF_INET6 */
	bool connected;	  /* connected once: later send errors are EPIPE */
	bool established; /* data moved or connect() done: not refused */
	int sndbuf;	  /* SO_SNDBUF as Linux reports it (lwIP has none) */
	bool broadcast;	  /* SO_BROADCAST of a socket other than UDP */
	bool nonblock;	  /* O_NONBLOCK: calls never wait */
	bool connecting;  /* a blocking connect() a signal cut short */
	int nb_calls;	  /* calls inside lwIP in its non-blocking mode */
};

/* lwIP's non-blocking mode on (for one call) or back off, for a socket
 * the app has blocking; nothing for a non-blocking one. */
void sock_lwip_nonblock(struct sock *s, bool on);

/*
 * Blocking calls wait here, not inside lwIP: lwIP is called without
 * blocking, and while it would block the caller sleeps until the next
 * socket event after seq (net_events_seq() taken before the lwIP call),
 * interruptibly, so that a signal ends the wait (docs/signals.md). opt
 * is SO_RCVTIMEO or SO_SNDTIMEO, whose timeout counts from the call's
 * first wait (*deadline 0 before it). Returns 0 to try again,
 * -SK_EAGAIN at the timeout, -SK_EINTR for a signal, or
 * -SK_EINTR_NORESTART for a signal when a timeout is set (Linux then
 * never restarts the call).
 */
long sock_block(struct sock *s, uint64_t seq, int opt, uint64_t *deadline);

/* recv()/recvfrom() and send()/sendto() on an lwIP socket with Linux's
 * flags (socket_ops.c); the fd ops read and write use them too. */
long sock_recv_on(struct sock *s, void *buf, size_t len, int flags, void *addr,
		  unsigned int *alen);
long sock_send_on(struct sock *s, const void *buf, size_t len, int flags,
		  const void *addr, unsigned int alen);

/* The socket behind fd, its open file referenced in *f for the caller
 * (file_put() when the call is done: a call in progress keeps the lwIP
 * socket open whatever closes the fd meanwhile). An lwIP socket is
 * returned; a socket of another kind (socket_kind.h) returns NULL with
 * *f set and *kind its kind; else NULL, *f NULL and *err -SK_EBADF or
 * -SK_ENOTSOCK. */
struct sock *sock_get(int fd, struct file **f, const struct sock_kind **kind,
		      long *err);

/* The body of a call on fd: find its socket; an lwIP one as s, to run
 * call with the file held; another kind's runs its op with the object
 * and the arguments after op. Returns the result. */
#define SOCK_CALL(fd, call, op, ...)                                           \
	do {                                                                   \
		struct file *f_;                                               \
		const struct sock_kind *k_ = NULL;                             \
		long r_ = 0;                                                   \
		struct sock *s = sock_get(fd, &f_, &k_, &r_);                  \
                                                                               \
		if (!f_)                                                       \
			return r_;                                             \
		if (s)                                                         \
			r_ = (call);                                           \
		else if (k_->op)                                               \
			r_ = k_->op(f_->obj, __VA_ARGS__);                     \
		else                                                           \
			r_ = -SK_EOPNOTSUPP;                                   \
		file_put(f_);                                                  \
		return r_;                                                     \
	} while (0)

/* An lwIP call's result: r, or the thread's errno as a negative Linux
 * number when r < 0. */
long sock_lwip_result(long r);

/* A send error as Linux gives it: EPIPE (sock_epipe(), with send's
 * flags) on a connection that is gone. */
long sock_send_error(struct sock *s, long r, int flags);

/* A receive result as Linux gives it: 0 again after the end. */
long sock_recv_result(struct sock *s, long r);

/* Hand an lwIP address out to the app's (addr, len), if it asked. */
long sock_addr_out(const union skl_sockaddr *la, socklen_t llen, void *addr,
		   unsigned int *len);

#endif
