/*
 * epoll over any fds with a poll op (sockets, pipes, the console): the
 * epoll fd, the control and wait calls with Linux's semantics, and C
 * apps' epoll_* names. What to report is epoll_set.c's choice; this file
 * finds the files, waits, and drops items when their file is released.
 * A call holds the epoll fd's open file, so a set closed under a wait
 * lives until the wait returns.
 *
 * A wait takes the network layer's event sequence, scans, and sleeps
 * until the sequence moves (every socket, pipe and console readiness
 * change moves it, as for poll()), so an idle wait uses no CPU. Edge
 * triggering rests on each fd's event counter (fd.h's event_count op).
 */
#include <kernel/errno.h>
#include <kernel/list.h>
#include <kernel/time.h>
#include <skiff_net.h>

#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>

#include <runtime/epoll.h>
#include "epoll_set.h"
#include <runtime/fd.h>
#include "runtime_priv.h"

_Static_assert(EPS_IN == EPOLLIN && EPS_OUT == EPOLLOUT &&
		   EPS_ERR == EPOLLERR && EPS_HUP == EPOLLHUP &&
		   EPS_RDHUP == EPOLLRDHUP && EPS_EXCLUSIVE == EPOLLEXCLUSIVE &&
		   EPS_WAKEUP == EPOLLWAKEUP && EPS_ONESHOT == EPOLLONESHOT &&
		   EPS_ET == EPOLLET,
	       "epoll_set.h's bits are <sys/epoll.h>'s");
_Static_assert(FD_POLL_IN == EPOLLIN && FD_POLL_OUT == EPOLLOUT &&
		   FD_POLL_ERR == EPOLLERR && FD_POLL_HUP == EPOLLHUP &&
		   FD_POLL_RDHUP == EPOLLRDHUP,
	       "fd.h's bits are <sys/epoll.h>'s");
_Static_assert(sizeof(struct epoll_event) == 12 &&
		   sizeof(struct epoll_set_event) == 12 &&
		   offsetof(struct epoll_event, data) ==
		       offsetof(struct epoll_set_event, data),
	       "Linux's packed x86-64 struct epoll_event");

/* Linux's limit on maxevents. */
#define EPOLL_MAX_EVENTS ((int)(__INT_MAX__ / sizeof(struct epoll_event)))
/* The bits EPOLLEXCLUSIVE may come with (Linux's rule). */
#define EPOLL_EXCLUSIVE_OK                                                     \
	(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET |    \
	 EPOLLEXCLUSIVE)

struct epoll {
	struct epoll_set set;
	struct epoll_item items[FD_MAX]; /* one per fd at most */
	struct list_head link;		 /* in epolls.all */
};

static struct {
	struct list_head all; /* every epoll not yet closed */
} epolls;

static const struct fd_ops epoll_fd_ops;

/* The epoll behind epfd, its file referenced in *ef for the caller;
 * else NULL and *err -EBADF (not open) or -EINVAL (not an epoll fd). */
static struct epoll *epoll_get(int epfd, struct file **ef, int *err)
{
	*ef = fd_get_kind(epfd, &epoll_fd_ops, -EINVAL, err);
	return *ef ? (*ef)->obj : NULL;
}

/* The open files' release hook: a file gone for good leaves every set
 * (as Linux's eventpoll_release at the last fput). Never blocks. */
static void epoll_forget_file(struct file *f)
{
	struct list_head *pos;

	list_for_each(pos, &epolls.all) {
		struct epoll *e = list_entry(pos, struct epoll, link);

		epoll_set_forget(&e->set, f);
	}
}

/* epoll_set.c's probe: the file's counter and its readiness, with the
 * RDNORM/WRNORM twins of IN/OUT as poll() gives them. The probe holds
 * a reference: the socket's poll op may block on lwIP's core lock while
 * the file's last fd is closed. */
static int epoll_probe(void *ctx, const void *file, int fd,
		       unsigned long *count)
{
	struct file *f = (struct file *)file;
	int ready;

	(void)ctx;
	(void)fd;
	file_get(f);
	ready = file_poll_count(f, count);
	file_put(f);
	if (ready < 0)
		return ready;
	if (ready & EPOLLIN)
		ready |= EPOLLRDNORM;
	if (ready & EPOLLOUT)
		ready |= EPOLLWRNORM;
	return ready;
}

int epoll_open(int flags)
{
	struct epoll *e;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	e = malloc(sizeof(*e));
	if (!e)
		return -ENOMEM;
	epoll_set_init(&e->set, e->items, FD_MAX);
	fd = fd_open(&epoll_fd_ops, e, O_RDWR);
	if (fd < 0) {
		free(e);
		return fd;
	}
	if (!epolls.all.next)
		list_init(&epolls.all);
	list_add_tail(&e->link, &epolls.all);
	file_set_release_hook(epoll_forget_file);
	return fd;
}

/* The checks of epoll_ctl() once both fds were found open, in Linux's
 * order: EPERM for a target without readiness, then EINVAL for an epfd
 * that is no epoll fd, the set itself, a nested set, bad flags. */
static int ctl_check(struct file *ef, int op, struct file *tf,
		     const struct epoll_event *ev)
{
	bool has_event = op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD;

	if (!tf->ops->poll)
		return -EPERM;
	if (!file_object(ef, &epoll_fd_ops) || tf == ef)
		return -EINVAL;
	if (file_object(tf, &epoll_fd_ops))
		return -EINVAL; /* nested epoll sets are not supported */
	if (has_event && (ev->events & EPOLLEXCLUSIVE) &&
	    (op == EPOLL_CTL_MOD || (ev->events & ~EPOLL_EXCLUSIVE_OK)))
		return -EINVAL;
	return 0;
}

/* ADD, MOD or DEL (fd, tf) in e. */
static int ctl_apply(struct epoll *e, int op, int fd, struct file *tf,
		     const struct epoll_event *ev)
{
	struct epoll_event copy;
	int r;

	if (op == EPOLL_CTL_DEL)
		return epoll_set_del(&e->set, fd, tf);
	if (op != EPOLL_CTL_ADD && op != EPOLL_CTL_MOD)
		return -EINVAL;
	memcpy(&copy, ev, sizeof(copy));
	if (op == EPOLL_CTL_ADD)
		r = epoll_set_add(&e->set, fd, tf, copy.events, copy.data.u64);
	else
		r = epoll_set_mod(&e->set, fd, tf, copy.events, copy.data.u64);
	/* A waiter scans again: the item may be ready now. */
	if (!r)
		runtime_poll_wake();
	return r;
}

int epoll_control(int epfd, int op, int fd, const struct epoll_event *ev)
{
	struct file *ef, *tf;
	int r;

	if ((op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD) && !ev)
		return -EFAULT;
	ef = fd_get(epfd);
	tf = fd_get(fd);
	r = ef && tf ? ctl_check(ef, op, tf, ev) : -EBADF;
	if (!r)
		r = ctl_apply(file_object(ef, &epoll_fd_ops), op, fd, tf, ev);
	if (ef)
		file_put(ef);
	if (tf)
		file_put(tf);
	return r;
}

int epoll_check(int epfd)
{
	struct file *ef;
	int err = 0;

	if (!epoll_get(epfd, &ef, &err))
		return err;
	file_put(ef);
	return 0;
}

int epoll_await(int epfd, struct epoll_event *ev, int max, int timeout_ms)
{
	uint64_t deadline = 0; /* none */
	struct file *ef;
	struct epoll *e;
	int n, err = 0;

	if (max <= 0 || max > EPOLL_MAX_EVENTS)
		return -EINVAL;
	if (!ev)
		return -EFAULT;
	e = epoll_get(epfd, &ef, &err);
	if (!e)
		return err;
	if (timeout_ms > 0)
		deadline =
		    time_monotonic_ns() + (uint64_t)timeout_ms * NSEC_PER_MSEC;
	for (;;) {
		/* Take the sequence before scanning: a change during or
		 * after the scan makes the wait return at once. */
		uint64_t seq = net_events_seq();

		n = epoll_set_collect(&e->set, (struct epoll_set_event *)ev,
				      max, epoll_probe, NULL);
		if (n || !timeout_ms)
			break;
		if (deadline && time_monotonic_ns() >= deadline)
			break;
		if (net_events_wait_until(seq, deadline) == -EINTR) {
			n = -EINTR;
			break;
		}
	}
	file_put(ef); /* a wait keeps the set, as Linux's call keeps its file */
	return n;
}

/* --- The epoll fd: readable when a wait would report something. */

/* The caller (poll, epoll's probe) holds a reference to the file. */
static int epoll_fd_poll(void *obj)
{
	struct epoll *e = obj;

	return epoll_set_ready(&e->set, epoll_probe, NULL) ? FD_POLL_IN : 0;
}

/* Linux's epoll fd is an anonymous inode: no file type, mode 0600. */
static int epoll_fd_fstat(void *obj, struct stat *st)
{
	(void)obj;
	file_stat_init(st, S_IRUSR | S_IWUSR, 4096);
	return 0;
}

/* The last reference: no wait is inside any more. */
static int epoll_fd_close(void *obj)
{
	struct epoll *e = obj;

	list_del(&e->link);
	free(e);
	return 0;
}

static const struct fd_ops epoll_fd_ops = {
    .fstat = epoll_fd_fstat,
    .close = epoll_fd_close,
    .poll = epoll_fd_poll,
};

/* --- C apps' names: errors to errno. */

int epoll_create(int size)
{
	if (size <= 0)
		return (int)runtime_ret(-EINVAL);
	return (int)runtime_ret(epoll_open(0));
}

int epoll_create1(int flags)
{
	return (int)runtime_ret(epoll_open(flags));
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
	return (int)runtime_ret(epoll_control(epfd, op, fd, event));
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)
{
	return (int)runtime_ret(epoll_await(epfd, events, maxevents, timeout));
}

/* There are no signals to mask: sigmask is ignored. */
int epoll_pwait(int epfd, struct epoll_event *events, int maxevents,
		int timeout, const __sigset_t *sigmask)
{
	(void)sigmask;
	return (int)runtime_ret(epoll_await(epfd, events, maxevents, timeout));
}
