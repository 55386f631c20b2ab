/*
 * Socket kinds besides lwIP's (socket_lwip.c): AF_UNIX (unix_sock.c)
 * and AF_NETLINK (netlink.c). Each is a kind of open file (its fd_ops)
 * plus the socket calls below on its object; socket_ops.c finds the kind
 * of an fd's file and calls them. Needs no lwIP header. Return
 * convention: a count, an fd or 0, or a negative Linux errno; a NULL
 * call is -EOPNOTSUPP.
 */
#ifndef RUNTIME_SOCKET_KIND_H
#define RUNTIME_SOCKET_KIND_H

#include <stdbool.h>
#include <stddef.h>

struct fd_ops;
struct sock_msg;

struct sock_kind {
	const struct fd_ops *fd_ops;
	long (*bind)(void *obj, const void *addr, unsigned int len);
	long (*listen)(void *obj, int backlog);
	long (*accept)(void *obj, void *addr, unsigned int *len, int flags);
	long (*connect)(void *obj, const void *addr, unsigned int len);
	long (*sendmsg)(void *obj, const struct sock_msg *m, int flags);
	long (*recvmsg)(void *obj, struct sock_msg *m, int flags);
	long (*shutdown)(void *obj, int how);
	long (*setsockopt)(void *obj, int level, int name, const void *val,
			   unsigned int len);
	long (*getsockopt)(void *obj, int level, int name, void *val,
			   unsigned int *len);
	long (*name)(void *obj, void *addr, unsigned int *len, bool peer);
};

extern const struct sock_kind unix_sock_kind;
extern const struct sock_kind netlink_sock_kind;

/* socket(AF_UNIX, type, protocol) and socketpair(AF_UNIX, ...). */
long unix_sock_create(int type, int protocol);
long unix_sock_pair(int type, int protocol, int fds[2]);

/* socket(AF_NETLINK, type, protocol). */
long netlink_sock_create(int type, int protocol);

#endif
