/*
 * The runtime core's sockets (socket_lwip.c, socket_ops.c, over lwIP's),
 * for both personalities: socket.c (C apps' calls, with Skiff's
 * Linux-ABI <sys/socket.h>) and the Linux shim's sys_net.c. Needs no
 * lwIP header (lwIP's and the app's socket headers cannot meet in one
 * file). Values are Linux's; addresses are Linux-ABI bytes, passed
 * through as void pointers.
 *
 * Return convention: a count, an fd or 0, or a negative Linux errno.
 */
#ifndef RUNTIME_SOCK_H
#define RUNTIME_SOCK_H

#include <stdbool.h>
#include <stddef.h>

long sock_create(int domain, int type, int protocol);
/* 0 when fd is a socket of any kind, else -EBADF (not open) or
 * -ENOTSOCK: the first checks of Linux's socket calls, for a caller
 * that must make them before it reads its other arguments. */
long sock_check(int fd);
long sock_bind(int fd, const void *addr, unsigned int len);
long sock_listen(int fd, int backlog);
/* flags: accept4()'s SOCK_NONBLOCK and SOCK_CLOEXEC. */
long sock_accept(int fd, void *addr, unsigned int *len, int flags);
long sock_connect(int fd, const void *addr, unsigned int len);
/* addr NULL: send() on the connected peer. */
long sock_send(int fd, const void *buf, size_t len, int flags, const void *addr,
	       unsigned int alen);
/* addr NULL: the sender's address is not wanted. */
long sock_recv(int fd, void *buf, size_t len, int flags, void *addr,
	       unsigned int *alen);
long sock_shutdown(int fd, int how);
long sock_setsockopt(int fd, int level, int name, const void *val,
		     unsigned int len);
long sock_getsockopt(int fd, int level, int name, void *val, unsigned int *len);
/* getpeername() when peer, else getsockname(). */
long sock_name(int fd, void *addr, unsigned int *len, bool peer);

/* Linux's struct iovec. */
struct sock_iov {
	void *base;
	size_t len;
};

/* What a send on datagram socket fd with flags and address would refuse
 * before it reads its data (Linux's udp_sendmsg: the flags, then the
 * address, then no destination: -EOPNOTSUPP, -EINVAL, -EAFNOSUPPORT,
 * -EDESTADDRREQ), or 0 (also for any other kind of socket). The Linux
 * shim asks when it could not read the data, so that the refusal comes
 * before EFAULT, as on Linux. */
long sock_send_refusal(int fd, int flags, const void *addr, unsigned int alen);

/* sendmsg()/recvmsg()'s message, with the caller's memory checked: the
 * data stays where the iovecs say, the name and the control data are in
 * memory the socket layer may use directly. */
struct sock_msg {
	void *name;	      /* an address (Linux layout) or NULL */
	unsigned int namelen; /* send: its length; recv: room in, length out */
	const struct sock_iov *iov;
	size_t iovlen;
	void *control;	   /* send: cmsgs; recv: room for them, or NULL */
	size_t controllen; /* send: their length; recv: room in, used out */
	int flags;	   /* recv: MSG_TRUNC, MSG_CTRUNC out */
};

/* sendmsg()/recvmsg() with Linux's flags (MSG_DONTWAIT, MSG_PEEK,
 * MSG_NOSIGNAL, MSG_TRUNC, MSG_WAITALL, MSG_CMSG_CLOEXEC; MSG_EOR and
 * MSG_MORE accepted). SCM_RIGHTS on AF_UNIX sockets only. */
long sock_sendmsg(int fd, const struct sock_msg *m, int flags);
long sock_recvmsg(int fd, struct sock_msg *m, int flags);

/* socketpair(): AF_UNIX only (-EOPNOTSUPP for the others, as Linux). */
long sock_pair(int domain, int type, int protocol, int fds[2]);

/* The one place where writing to a stream socket whose peer has gone
 * (or that was shut down for writing) fails: returns -EPIPE. This is
 * where Linux raises SIGPIPE unless flags (send's) hold MSG_NOSIGNAL; a
 * signal layer hooks it here. */
long sock_epipe(int flags);

#endif
