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

#endif
