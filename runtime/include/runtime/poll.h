/*
 * The runtime core's poll() (poll.c), for both personalities: newlib's
 * poll()/select() and the Linux shim's poll/ppoll. struct pollfd is
 * Linux's layout in both.
 */
#ifndef RUNTIME_POLL_H
#define RUNTIME_POLL_H

struct pollfd;

/* Most fds one poll() takes (Linux's limit is the open-file limit). */
#define POLL_NFDS_MAX 4096

/* Fill each revents with what holds of what it asks for (POLLERR,
 * POLLHUP and POLLNVAL always), waiting up to timeout_ms for any (-1:
 * forever; 0: just look). Returns the count of fds with any, 0 after the
 * timeout, -EINVAL (nfds over POLL_NFDS_MAX), -EFAULT (fds NULL with
 * nfds) or -ENOMEM. Never -EINTR; blocks only the calling thread. The
 * fds' open files are held while it waits, as Linux's poll holds them:
 * one whose fd another thread closes stays open until poll returns, and
 * its fd reads POLLNVAL at the next look. */
int poll_fds(struct pollfd *fds, unsigned long nfds, int timeout_ms);

#endif
