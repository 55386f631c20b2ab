/*
 * epoll, with Linux's x86-64 ABI: the same EPOLL* numbers and the packed
 * 12-byte struct epoll_event. Works on sockets, pipes and the console
 * (runtime/epoll.c; docs/runtime.md, "Pipes and epoll").
 */
#ifndef _SKIFF_SYS_EPOLL_H
#define _SKIFF_SYS_EPOLL_H

#include <stdint.h>
#include <sys/_sigset.h>
#include <sys/cdefs.h>

#define EPOLLIN 0x001
#define EPOLLPRI 0x002
#define EPOLLOUT 0x004
#define EPOLLERR 0x008
#define EPOLLHUP 0x010
#define EPOLLRDNORM 0x040
#define EPOLLRDBAND 0x080
#define EPOLLWRNORM 0x100
#define EPOLLWRBAND 0x200
#define EPOLLMSG 0x400
#define EPOLLRDHUP 0x2000
#define EPOLLEXCLUSIVE (1U << 28)
#define EPOLLWAKEUP (1U << 29)
#define EPOLLONESHOT (1U << 30)
#define EPOLLET (1U << 31)

/* epoll_create1()'s flag: Linux's O_CLOEXEC (not newlib's). */
#define EPOLL_CLOEXEC 02000000

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

typedef union epoll_data {
	void *ptr;
	int fd;
	uint32_t u32;
	uint64_t u64;
} epoll_data_t;

struct epoll_event {
	uint32_t events;
	epoll_data_t data;
} __attribute__((__packed__));

__BEGIN_DECLS

/* A new epoll fd, or -1 and errno (EINVAL, EMFILE, ENOMEM). size must
 * be positive and is otherwise ignored; flags may be EPOLL_CLOEXEC. */
int epoll_create(int size);
int epoll_create1(int flags);

/* Add, modify or delete fd's item: 0, or -1 and errno (EBADF, EEXIST,
 * ENOENT, EINVAL, EPERM for a regular file or disk, EFAULT). */
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);

/* Up to maxevents ready items, waiting at most timeout ms (-1: forever,
 * 0: not at all). The count (0 after the timeout), or -1 and errno
 * (EBADF, EINVAL, EFAULT); never EINTR. epoll_pwait's sigmask is
 * ignored: there are no signals. */
int epoll_wait(int epfd, struct epoll_event *events, int maxevents,
	       int timeout);
int epoll_pwait(int epfd, struct epoll_event *events, int maxevents,
		int timeout, const __sigset_t *sigmask);

__END_DECLS

#endif
