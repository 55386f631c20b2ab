/*
 * The runtime core's epoll (epoll.c), for both personalities (C apps'
 * epoll_* calls, the Linux shim's): Linux's numbers and semantics,
 * struct epoll_event from Skiff's <sys/epoll.h>. Each returns what the
 * Linux system call returns, errors as negative Linux errno values.
 */
#ifndef RUNTIME_EPOLL_H
#define RUNTIME_EPOLL_H

struct epoll_event;

/*
 * epoll_create1(): a new epoll fd. flags: 0 or EPOLL_CLOEXEC (accepted;
 * there is no exec). Returns the fd, -EINVAL, -EMFILE or -ENOMEM.
 * (epoll_create(size) is this with flags 0, after -EINVAL for size <= 0.)
 */
int epoll_open(int flags);

/*
 * epoll_ctl(): EPOLL_CTL_ADD, _MOD or _DEL fd's item in epfd. ev is
 * read (not kept) for ADD and MOD, ignored for DEL. Errors as Linux's:
 * -EFAULT (ev NULL for ADD/MOD), -EBADF (epfd or fd not open), -EPERM
 * (fd is a regular file or disk), -EINVAL (epfd is no epoll fd, fd is
 * epfd or another epoll fd, a bad op, EPOLLEXCLUSIVE with MOD or with
 * bits it does not allow), -EEXIST (ADD of an fd in the set), -ENOENT
 * (MOD or DEL of one that is not). An item is (fd, the open file fd
 * held): it leaves every set when that file's last reference goes, so
 * closing one of several dups leaves it in place, as on Linux.
 */
int epoll_control(int epfd, int op, int fd, const struct epoll_event *ev);

/*
 * epoll_wait() / epoll_pwait() (there are no signals, so no mask):
 * up to max ready items into ev[], waiting at most timeout_ms ms (-1:
 * forever; 0: only look). Returns the count, 0 after the timeout (at
 * least timeout_ms after the call), or -EINVAL (max <= 0 or too large,
 * epfd no epoll fd), -EFAULT (ev NULL), -EBADF. Never -EINTR. A wait
 * blocks only the calling thread and uses no CPU.
 */
int epoll_await(int epfd, struct epoll_event *ev, int max, int timeout_ms);

/* 0 when epfd is an epoll fd, else -EBADF (not open) or -EINVAL (another
 * kind of file): the first checks of Linux's epoll_wait. */
int epoll_check(int epfd);

#endif
