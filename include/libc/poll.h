/*
 * poll(), with Linux's struct pollfd and POLL values. Works on every fd:
 * sockets, the console and any mix of them (runtime/poll.c).
 */
#ifndef _SKIFF_POLL_H
#define _SKIFF_POLL_H

#include <sys/cdefs.h>

struct pollfd {
	int fd;
	short events;
	short revents;
};

typedef unsigned long nfds_t;

#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
#define POLLRDNORM 0x040
#define POLLRDBAND 0x080
#define POLLWRNORM 0x100
#define POLLWRBAND 0x200
#define POLLRDHUP 0x2000

__BEGIN_DECLS

/* The number of fds with events, 0 after timeout_ms (negative: wait
 * forever; 0: do not wait), or -1 and errno (EINVAL, EFAULT, ENOMEM). */
int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms);

__END_DECLS

#endif
