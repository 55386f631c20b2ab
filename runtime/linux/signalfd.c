/*
 * signalfd and signalfd4 (docs/signals.md, "signalfd"): an fd that
 * reads the caller's pending signals of its mask as struct
 * signalfd_siginfo records, taking them as sigwaitinfo does (the
 * reading thread's own first, then the process's). A read waits for
 * one unless O_NONBLOCK (-EAGAIN); poll and epoll see it readable while
 * a signal of its mask is pending for the polling thread or the
 * process. signal.c tells this file of every signal it stores, which
 * wakes readers and pollers only while some signalfd is open.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <kernel/errno.h>
#include <kernel/sched.h>

#include <runtime/fd.h>

#include "../runtime_priv.h"
#include "linux_priv.h"

#define SFD_NONBLOCK L_O_NONBLOCK
#define SFD_CLOEXEC L_O_CLOEXEC
#define UNBLOCKABLE (L_SIGBIT(L_SIGKILL) | L_SIGBIT(L_SIGSTOP))

/* struct signalfd_siginfo, as Linux lays it out (128 bytes). */
struct l_signalfd_siginfo {
	uint32_t ssi_signo;
	int32_t ssi_errno;
	int32_t ssi_code;
	uint32_t ssi_pid;
	uint32_t ssi_uid;
	int32_t ssi_fd;
	uint32_t ssi_tid;
	uint32_t ssi_band;
	uint32_t ssi_overrun;
	uint32_t ssi_trapno;
	int32_t ssi_status;
	int32_t ssi_int;
	uint64_t ssi_ptr;
	uint64_t ssi_utime;
	uint64_t ssi_stime;
	uint64_t ssi_addr;
	uint16_t ssi_addr_lsb;
	uint16_t pad2;
	int32_t ssi_syscall;
	uint64_t ssi_call_addr;
	uint32_t ssi_arch;
	uint8_t pad[28];
};
_Static_assert(sizeof(struct l_signalfd_siginfo) == 128, "signalfd_siginfo");
_Static_assert(offsetof(struct l_signalfd_siginfo, ssi_ptr) == 48 &&
		   offsetof(struct l_signalfd_siginfo, ssi_addr) == 72 &&
		   offsetof(struct l_signalfd_siginfo, ssi_arch) == 96,
	       "signalfd_siginfo offsets");

struct sigfd {
	uint64_t mask;
	bool nonblock;
};

static struct {
	int open;		   /* signalfds alive */
	unsigned long events;	   /* moves with every signal stored */
	struct wait_queue readers; /* blocked reads, all signalfds */
} sf;

void linux_signalfd_notify(void)
{
	if (!sf.open)
		return;
	sf.events++;
	wq_wake_all(&sf.readers);
	runtime_poll_wake();
}

/* The record a read gives for info. */
static void record(const struct l_siginfo *info, struct l_signalfd_siginfo *o)
{
	memset(o, 0, sizeof(*o));
	o->ssi_signo = (uint32_t)info->si_signo;
	o->ssi_errno = info->si_errno;
	o->ssi_code = info->si_code;
	if (info->si_code > 0 && info->si_code != L_SI_KERNEL) {
		o->ssi_addr = info->u.fault.addr; /* a fault */
		return;
	}
	if (info->si_code == L_SI_TIMER) {
		o->ssi_tid = (uint32_t)info->u.kill.pid; /* the timer's id */
		o->ssi_overrun = info->u.kill.uid;
	} else {
		o->ssi_pid = (uint32_t)info->u.kill.pid;
		o->ssi_uid = info->u.kill.uid;
	}
	o->ssi_int = (int32_t)info->u.kill.value;
	o->ssi_ptr = info->u.kill.value;
}

static long sigfd_read(void *obj, void *buf, size_t len)
{
	struct sigfd *s = obj;
	struct l_signalfd_siginfo rec;
	struct l_siginfo info;
	size_t done = 0;

	if (len < sizeof(rec))
		return -EINVAL;
	while (done + sizeof(rec) <= len) {
		if (!linux_signal_take(s->mask, &info)) {
			if (done)
				break;
			if (s->nonblock)
				return -EAGAIN;
			if (wq_wait_intr(&sf.readers, 0) == -EINTR)
				return -EINTR;
			continue;
		}
		record(&info, &rec);
		memcpy((char *)buf + done, &rec, sizeof(rec));
		done += sizeof(rec);
	}
	return (long)done;
}

static int sigfd_poll(void *obj)
{
	return linux_signal_pending() & ((struct sigfd *)obj)->mask ? FD_POLL_IN
								    : 0;
}

static unsigned long sigfd_events(void *obj)
{
	(void)obj;
	return sf.events;
}

static int sigfd_set_flags(void *obj, int flags)
{
	((struct sigfd *)obj)->nonblock = !!(flags & O_NONBLOCK);
	return 0;
}

static int sigfd_fstat(void *obj, struct stat *st)
{
	(void)obj;
	file_stat_init(st, S_IRUSR | S_IWUSR, 0); /* an anonymous inode */
	return 0;
}

static int sigfd_close(void *obj)
{
	free(obj);
	sf.open--;
	return 0;
}

static const struct fd_ops sigfd_ops = {
    .read = sigfd_read,
    .fstat = sigfd_fstat,
    .close = sigfd_close,
    .poll = sigfd_poll,
    .set_flags = sigfd_set_flags,
    .event_count = sigfd_events,
};

static long do_signalfd(int fd, uint64_t umask, uint64_t size, uint64_t flags)
{
	struct sigfd *s;
	struct file *f;
	uint64_t mask;
	int nfd;

	if (flags & ~(uint64_t)(SFD_NONBLOCK | SFD_CLOEXEC))
		return -EINVAL;
	if (size != sizeof(mask))
		return -EINVAL;
	if (user_copy_from(&mask, umask, sizeof(mask)) < 0)
		return -EFAULT;
	mask &= ~UNBLOCKABLE; /* SIGKILL and SIGSTOP are never read */
	if (fd != -1) {	      /* a new mask for an existing signalfd */
		if (!(f = fd_get(fd)))
			return -EBADF;
		s = file_object(f, &sigfd_ops);
		if (s)
			s->mask = mask;
		file_put(f);
		return s ? fd : -EINVAL;
	}
	if (!sf.readers.waiters.next)
		wq_init(&sf.readers);
	if (!(s = calloc(1, sizeof(*s))))
		return -ENOMEM;
	s->mask = mask;
	s->nonblock = flags & SFD_NONBLOCK;
	nfd = fd_open(&sigfd_ops, s,
		      O_RDONLY | linux_flags_from(flags & SFD_NONBLOCK));
	if (nfd < 0) {
		free(s);
		return nfd;
	}
	sf.open++;
	return nfd;
}

LINUX_SYS(signalfd4)
{
	return do_signalfd((int)A0(r), A1(r), A2(r), A3(r));
}

LINUX_SYS(signalfd)
{
	return do_signalfd((int)A0(r), A1(r), A2(r), 0);
}
