/*
 * The Linux system-call dispatcher: user_set_syscall_handler()'s handler
 * for the embedded program. A table maps each x86-64 number (from the
 * build machine's <asm/unistd_64.h>, tools/gen-linux-sysnr.sh) to its
 * handler in sys_*.c; a number without one returns -ENOSYS and is
 * reported once, by name and number, on the console. The calls and their
 * limits are listed in docs/linux-binaries.md.
 */
#include <stdio.h>

#include <kernel/printk.h>
#include <kernel/errno.h>

#include <runtime/fd.h>

#include "linux_priv.h"
#include "sysnr.h"

static const char *const names[LINUX_NR_COUNT] = {LINUX_SYSCALL_NAMES};

#define S(name) [NR_##name] = sys_##name
static const linux_sys_fn table[LINUX_NR_COUNT] = {
    /* memory */
    S(mmap),
    S(munmap),
    S(mprotect),
    S(madvise),
    S(mincore),
    S(msync),
    S(brk),
    /* threads */
    S(clone),
    S(fork),
    S(vfork),
    S(execve),
    S(exit),
    S(exit_group),
    S(futex),
    S(gettid),
    S(set_tid_address),
    S(sched_yield),
    S(sched_getaffinity),
    S(arch_prctl),
    /* signals (signal.c) */
    S(rt_sigaction),
    S(rt_sigprocmask),
    S(rt_sigreturn),
    S(rt_sigpending),
    S(setitimer),
    S(getitimer),
    S(alarm),
    S(timer_create),
    S(timer_settime),
    S(timer_gettime),
    S(timer_getoverrun),
    S(timer_delete),
    S(signalfd),
    S(signalfd4),
    S(rt_sigsuspend),
    S(rt_sigtimedwait),
    S(rt_sigqueueinfo),
    S(rt_tgsigqueueinfo),
    S(sigaltstack),
    S(kill),
    S(pidfd_open),
    S(pidfd_send_signal),
    S(tkill),
    S(tgkill),
    S(pause),
    [NR_set_robust_list] = sys_ok,
    [NR_rseq] = sys_nosys_quiet,
    S(prctl),
    /* time, identity, limits */
    S(nanosleep),
    S(clock_nanosleep),
    S(clock_gettime),
    S(clock_getres),
    S(gettimeofday),
    S(time),
    S(getpid),
    S(getppid),
    S(getuid),
    [NR_geteuid] = sys_getuid,
    [NR_getgid] = sys_getuid,
    [NR_getegid] = sys_getuid,
    S(getrlimit),
    S(setrlimit),
    S(prlimit64),
    S(getrusage),
    S(times),
    S(sysinfo),
    S(umask),
    S(getpgid),
    [NR_getpgrp] = sys_getpgid,
    [NR_getsid] = sys_getpgid,
    S(setpgid),
    S(setsid),
    S(getresuid),
    [NR_getresgid] = sys_getresuid,
    S(getgroups),
    S(getpriority),
    S(setpriority),
    S(sched_getscheduler),
    S(sched_getparam),
    S(sched_get_priority_max),
    S(sched_get_priority_min),
    S(wait4),
    S(waitid),
    S(uname),
    S(getrandom),
    S(getcwd),
    /* files, the console, pipes, epoll */
    S(read),
    S(write),
    S(readv),
    S(writev),
    S(pread64),
    S(pwrite64),
    S(open),
    S(openat),
    S(close),
    S(fstat),
    S(stat),
    S(lstat),
    S(newfstatat),
    S(lseek),
    S(fcntl),
    S(dup),
    S(dup2),
    S(dup3),
    S(eventfd),
    S(eventfd2),
    S(ioctl),
    S(fsync),
    [NR_fdatasync] = sys_fsync,
    S(getdents64),
    S(creat),
    S(faccessat2),
    S(mkdir),
    S(mkdirat),
    S(mknod),
    S(mknodat),
    S(rmdir),
    S(unlink),
    S(unlinkat),
    S(rename),
    S(renameat),
    S(renameat2),
    S(link),
    S(linkat),
    S(symlink),
    S(symlinkat),
    S(chmod),
    S(fchmodat),
    S(fchmod),
    S(chown),
    S(lchown),
    S(fchown),
    S(fchownat),
    S(utimensat),
    S(truncate),
    S(ftruncate),
    S(fallocate),
    S(statfs),
    S(fstatfs),
    S(chdir),
    S(fchdir),
    S(flock),
    S(copy_file_range),
    S(access),
    S(faccessat),
    S(readlinkat),
    S(readlink),
    S(statx),
    S(sendfile),
    S(splice),
    [NR_tee] = sys_splice,
    S(pipe),
    S(pipe2),
    S(poll),
    S(ppoll),
    S(select),
    S(pselect6),
    S(epoll_create),
    S(epoll_create1),
    S(epoll_ctl),
    S(epoll_wait),
    S(epoll_pwait),
    /* sockets */
    S(socket),
    S(bind),
    S(listen),
    S(accept),
    S(accept4),
    S(connect),
    S(getsockname),
    S(getpeername),
    S(setsockopt),
    S(getsockopt),
    S(sendto),
    S(recvfrom),
    S(shutdown),
    S(socketpair),
    S(sendmsg),
    S(recvmsg),
};
#undef S

/* Numbers already reported as missing. */
static uint64_t reported[(LINUX_NR_COUNT + 63) / 64];

static long unimplemented(uint64_t nr)
{
	if (nr < LINUX_NR_COUNT) {
		if (reported[nr / 64] & 1ull << nr % 64)
			return -ENOSYS;
		reported[nr / 64] |= 1ull << nr % 64;
	}
	printk("linux: system call %s (%llu) not implemented: ENOSYS\n",
	       nr < LINUX_NR_COUNT && names[nr] ? names[nr] : "?",
	       (unsigned long long)nr);
	return -ENOSYS;
}

void linux_syscall(struct user_regs *r);

/* O_CLOEXEC, SOCK_CLOEXEC, EPOLL_CLOEXEC, EFD_CLOEXEC: one value. */
#define CLOEXEC_FLAG 02000000

/* Mark fd close-on-exec when the call that made it asked for it. */
static void note_cloexec(uint64_t nr, const struct user_regs *r, long rc)
{
	uint64_t flags;
	int fds[2];

	switch (nr) {
	case NR_open:
		flags = A1(r);
		break;
	case NR_openat:
		flags = A2(r);
		break;
	case NR_socket:
	case NR_eventfd2:
	case NR_pipe2:
	case NR_socketpair:
		flags = A1(r);
		break;
	case NR_accept4:
		flags = A3(r);
		break;
	case NR_epoll_create1:
		flags = A0(r);
		break;
	default:
		return;
	}
	if (rc < 0 || !(flags & CLOEXEC_FLAG))
		return;
	if (nr == NR_pipe2 || nr == NR_socketpair) {
		uint64_t where = nr == NR_pipe2 ? A0(r) : A3(r);

		if (user_copy_from(fds, where, sizeof(fds)) == 0) {
			fd_set_cloexec(fds[0], true);
			fd_set_cloexec(fds[1], true);
		}
		return;
	}
	fd_set_cloexec((int)rc, true);
}

void linux_syscall(struct user_regs *r)
{
	uint64_t nr = r->rax;

	if (nr < LINUX_NR_COUNT && table[nr]) {
		struct user_regs args = *r; /* execve rewrites *r */

		r->rax = (uint64_t)table[nr](r);
		note_cloexec(nr, &args, (long)r->rax);
	} else
		r->rax = (uint64_t)unimplemented(nr);
	linux_signal_after_call(r, nr);
}
