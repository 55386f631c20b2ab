/*
 * Process file descriptors (pidfds), as Linux 5.4 and later have them:
 * pidfd_open, clone's CLONE_PIDFD (proc.c), waitid(P_PIDFD) and
 * pidfd_send_signal. A pidfd names one process for good: process ids are
 * never reused here, so the id is all it holds. poll and epoll see it
 * readable once the process has ended. Go 1.23's os package uses pidfds
 * for every child once all four calls work (os/pidfd_linux.go).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <kernel/errno.h>
#include <runtime/fd.h>

#include "linux_priv.h"

#define PIDFD_NONBLOCK L_O_NONBLOCK

struct pidfd {
	int pid;
};

/* Bumped whenever a process ends: epoll's event counter of every pidfd. */
static unsigned long procs_ended;

void linux_pidfd_proc_ended(void)
{
	procs_ended++;
}

static int pidfd_poll(void *obj)
{
	const struct pidfd *p = obj;

	return linux_proc_find(p->pid) ? 0 : FD_POLL_IN;
}

static unsigned long pidfd_events(void *obj)
{
	(void)obj;
	return procs_ended;
}

static int pidfd_fstat(void *obj, struct stat *st)
{
	(void)obj;
	file_stat_init(st, S_IRUSR | S_IWUSR, 0); /* an anonymous inode */
	return 0;
}

static const struct fd_ops pidfd_ops = {
    .fstat = pidfd_fstat,
    .close = file_close_free,
    .poll = pidfd_poll,
    .event_count = pidfd_events,
};

int linux_pidfd_new(int pid, int lflags)
{
	struct pidfd *p = malloc(sizeof(*p));
	int fd;

	if (!p)
		return -ENOMEM;
	p->pid = pid;
	fd = fd_open(&pidfd_ops, p,
		     O_RDWR | linux_flags_from(lflags & PIDFD_NONBLOCK));
	if (fd < 0) {
		free(p);
		return fd;
	}
	/* Always close-on-exec, as Linux makes every pidfd. */
	fd_set_cloexec(fd, true);
	return fd;
}

int linux_pidfd_pid(int fd, bool *nonblock)
{
	struct file *f;
	struct pidfd *p;
	int err, pid;

	if (!(f = fd_get_kind(fd, &pidfd_ops, -EBADF, &err)))
		return err;
	p = file_object(f, &pidfd_ops);
	pid = p->pid;
	if (nonblock)
		*nonblock = f->flags & O_NONBLOCK;
	file_put(f);
	return pid;
}

LINUX_SYS(pidfd_open)
{
	int pid = (int)A0(r);
	unsigned long flags = A1(r);

	if (flags & ~(unsigned long)PIDFD_NONBLOCK || pid <= 0)
		return -EINVAL;
	/* A process that ended but was not waited for still has its id. */
	if (!linux_proc_exists(pid))
		return -ESRCH;
	return linux_pidfd_new(pid, (int)flags);
}

/* A signal to the pidfd's process, as kill() sends it. A siginfo of the
 * caller's own is not taken (Go and musl pass none): EINVAL. */
LINUX_SYS(pidfd_send_signal)
{
	int pid = linux_pidfd_pid((int)A0(r), NULL), sig = (int)A1(r);
	struct linux_proc *p;

	if (pid < 0)
		return pid;
	if (A2(r) || A3(r))
		return -EINVAL;
	if (!(p = linux_proc_find(pid)))
		return -ESRCH;
	return linux_signal_user(p, sig);
}
