/*
 * The BSD socket calls apps make, declared by Skiff's Linux-ABI
 * <sys/socket.h>: each hands its arguments to socket_lwip.c and sets
 * errno from the negative Linux errno value it gets back, as every
 * system call does (runtime_ret()).
 */
#include <errno.h>
#include <sys/socket.h>

#include "runtime_priv.h"
#include <runtime/sock.h>

int socket(int domain, int type, int protocol)
{
	return (int)runtime_ret(sock_create(domain, type, protocol));
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	return (int)runtime_ret(sock_bind(fd, addr, len));
}

int listen(int fd, int backlog)
{
	return (int)runtime_ret(sock_listen(fd, backlog));
}

int accept(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
	return (int)runtime_ret(sock_accept(fd, addr, len, 0));
}

int accept4(int fd, struct sockaddr *restrict addr, socklen_t *restrict len,
	    int flags)
{
	return (int)runtime_ret(sock_accept(fd, addr, len, flags));
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	return (int)runtime_ret(sock_connect(fd, addr, len));
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return runtime_ret(sock_send(fd, buf, len, flags, NULL, 0));
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *addr, socklen_t alen)
{
	return runtime_ret(sock_send(fd, buf, len, flags, addr, alen));
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return runtime_ret(sock_recv(fd, buf, len, flags, NULL, NULL));
}

ssize_t recvfrom(int fd, void *restrict buf, size_t len, int flags,
		 struct sockaddr *restrict addr, socklen_t *restrict alen)
{
	return runtime_ret(sock_recv(fd, buf, len, flags, addr, alen));
}

int shutdown(int fd, int how)
{
	return (int)runtime_ret(sock_shutdown(fd, how));
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	return (int)runtime_ret(sock_setsockopt(fd, level, name, val, len));
}

int getsockopt(int fd, int level, int name, void *restrict val,
	       socklen_t *restrict len)
{
	return (int)runtime_ret(sock_getsockopt(fd, level, name, val, len));
}

int getsockname(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
	return (int)runtime_ret(sock_name(fd, addr, len, false));
}

int getpeername(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
	return (int)runtime_ret(sock_name(fd, addr, len, true));
}

int socketpair(int domain, int type, int protocol, int fds[2])
{
	if (!fds)
		return runtime_set_errno(EFAULT);
	return (int)runtime_ret(sock_pair(domain, type, protocol, fds));
}

/* struct iovec is Linux's layout, as sock_iov. */
_Static_assert(sizeof(struct iovec) == sizeof(struct sock_iov), "iovec");

/* msg's parts as the socket layer's message. */
static int msg_of(const struct msghdr *msg, struct sock_msg *m)
{
	if (!msg || (msg->msg_iovlen && !msg->msg_iov))
		return -EFAULT;
	m->name = msg->msg_name;
	m->namelen = msg->msg_name ? msg->msg_namelen : 0;
	m->iov = (const struct sock_iov *)msg->msg_iov;
	m->iovlen = msg->msg_iovlen;
	m->control = msg->msg_control;
	m->controllen = msg->msg_control ? msg->msg_controllen : 0;
	m->flags = 0;
	return 0;
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct sock_msg m;
	int r = msg_of(msg, &m);

	if (r < 0)
		return runtime_set_errno(EFAULT);
	return runtime_ret(sock_sendmsg(fd, &m, flags));
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct sock_msg m;
	long r = msg_of(msg, &m);

	if (r < 0)
		return runtime_set_errno(EFAULT);
	r = sock_recvmsg(fd, &m, flags);
	if (r >= 0) {
		msg->msg_namelen = msg->msg_name ? m.namelen : 0;
		msg->msg_controllen = msg->msg_control ? m.controllen : 0;
		msg->msg_flags = m.flags;
	}
	return runtime_ret(r);
}
