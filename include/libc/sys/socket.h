/*
 * BSD sockets for applications, with the Linux x86-64 ABI: the same
 * numbers and structure layouts as Linux, so code (and later a language
 * runtime issuing Linux system calls) sees what it would on Linux. The
 * runtime translates to lwIP underneath (runtime/socket_abi.c).
 */
#ifndef _SKIFF_SYS_SOCKET_H
#define _SKIFF_SYS_SOCKET_H

#include <sys/cdefs.h>
#include <sys/types.h>
#include <sys/uio.h>

typedef unsigned int socklen_t;
typedef unsigned short sa_family_t;

struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};

/* Large and aligned enough for any address family. */
struct sockaddr_storage {
	sa_family_t ss_family;
	char __ss_padding[118];
	unsigned long __ss_align;
};

struct msghdr {
	void *msg_name;
	socklen_t msg_namelen;
	struct iovec *msg_iov;
	size_t msg_iovlen;
	void *msg_control;
	size_t msg_controllen;
	int msg_flags;
};

struct linger {
	int l_onoff;
	int l_linger;
};

/* Address and protocol families */
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL AF_UNIX
#define AF_INET 2
#define AF_INET6 10
#define AF_NETLINK 16
#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_LOCAL AF_LOCAL
#define PF_INET AF_INET
#define PF_INET6 AF_INET6
#define PF_NETLINK AF_NETLINK

/* Socket types, and flags that may be or-ed into the type */
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_SEQPACKET 5
#define SOCK_NONBLOCK 04000
#define SOCK_CLOEXEC 02000000

/* getsockopt/setsockopt levels and SOL_SOCKET options */
#define SOL_SOCKET 1
#define SO_DEBUG 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_DONTROUTE 5
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_OOBINLINE 10
#define SO_NO_CHECK 11
#define SO_PRIORITY 12
#define SO_LINGER 13
#define SO_REUSEPORT 15
#define SO_PASSCRED 16
#define SO_PEERCRED 17
#define SO_RCVLOWAT 18
#define SO_SNDLOWAT 19
#define SO_RCVTIMEO 20
#define SO_SNDTIMEO 21
#define SO_BINDTODEVICE 25
#define SO_ACCEPTCONN 30
#define SO_PROTOCOL 38
#define SO_DOMAIN 39

/* Flags of send and recv */
#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_DONTROUTE 0x4
#define MSG_CTRUNC 0x8
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_EOR 0x80
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000
#define MSG_MORE 0x8000
#define MSG_CMSG_CLOEXEC 0x40000000

/* Control messages (sendmsg/recvmsg's msg_control), Linux's layout. */
struct cmsghdr {
	size_t cmsg_len; /* with this header */
	int cmsg_level;
	int cmsg_type;
};

#define SCM_RIGHTS 1	  /* an int fd per entry (AF_UNIX) */
#define SCM_CREDENTIALS 2 /* struct ucred */

/* Linux's pid_t, uid_t and gid_t: 32 bits each. */
struct ucred {
	int pid;
	unsigned int uid;
	unsigned int gid;
};

#define CMSG_ALIGN(len) (((len) + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1))
#define CMSG_SPACE(len) (CMSG_ALIGN(len) + CMSG_ALIGN(sizeof(struct cmsghdr)))
#define CMSG_LEN(len) (CMSG_ALIGN(sizeof(struct cmsghdr)) + (len))
#define CMSG_DATA(c) ((unsigned char *)((struct cmsghdr *)(c) + 1))
#define CMSG_FIRSTHDR(m)                                                       \
	((m)->msg_controllen >= sizeof(struct cmsghdr)                         \
	     ? (struct cmsghdr *)(m)->msg_control                              \
	     : (struct cmsghdr *)0)
#define CMSG_NXTHDR(m, c) __skiff_cmsg_nxthdr((m), (c))

static __inline struct cmsghdr *__skiff_cmsg_nxthdr(struct msghdr *m,
						    struct cmsghdr *c)
{
	unsigned char *end =
	    (unsigned char *)m->msg_control + m->msg_controllen;
	unsigned char *next = (unsigned char *)c + CMSG_ALIGN(c->cmsg_len);

	if (c->cmsg_len < sizeof(struct cmsghdr) ||
	    (size_t)(end - next) < sizeof(struct cmsghdr))
		return (struct cmsghdr *)0;
	return (struct cmsghdr *)next;
}

/* shutdown() */
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

#define SOMAXCONN 4096

__BEGIN_DECLS

int socket(int domain, int type, int protocol);
int bind(int fd, const struct sockaddr *addr, socklen_t len);
int listen(int fd, int backlog);
int accept(int fd, struct sockaddr *__restrict addr, socklen_t *__restrict len);
int accept4(int fd, struct sockaddr *__restrict addr, socklen_t *__restrict len,
	    int flags);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
ssize_t send(int fd, const void *buf, size_t len, int flags);
ssize_t recv(int fd, void *buf, size_t len, int flags);
ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *addr, socklen_t alen);
ssize_t recvfrom(int fd, void *__restrict buf, size_t len, int flags,
		 struct sockaddr *__restrict addr, socklen_t *__restrict alen);
int shutdown(int fd, int how);
int setsockopt(int fd, int level, int name, const void *val, socklen_t len);
int getsockopt(int fd, int level, int name, void *__restrict val,
	       socklen_t *__restrict len);
int getsockname(int fd, struct sockaddr *__restrict addr,
		socklen_t *__restrict len);
int getpeername(int fd, struct sockaddr *__restrict addr,
		socklen_t *__restrict len);
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags);
ssize_t recvmsg(int fd, struct msghdr *msg, int flags);
int socketpair(int domain, int type, int protocol, int fds[2]);

__END_DECLS

#endif
