/*
 * Inside the Linux system-call shim (runtime/linux/): what the dispatcher
 * (syscall.c) and the groups of calls (sys_*.c) share. Every handler
 * takes the caller's registers (number in rax, arguments in rdi rsi rdx
 * r10 r8 r9) and returns what Linux's system call returns: a result, or a
 * negative Linux errno value, which the runtime's fd and socket layers
 * already speak. Pointers from user code are checked before use
 * (user_access_ok(), user_copy_from/to()); a bad one gives -EFAULT.
 */
#ifndef RUNTIME_LINUX_PRIV_H
#define RUNTIME_LINUX_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kernel/list.h>
#include <kernel/user.h>

#include "elf.h"

#define A0(r) ((r)->rdi)
#define A1(r) ((r)->rsi)
#define A2(r) ((r)->rdx)
#define A3(r) ((r)->r10)
#define A4(r) ((r)->r8)
#define A5(r) ((r)->r9)

typedef long (*linux_sys_fn)(struct user_regs *r);

/* The process: one per domain. */
struct linux_proc {
	const unsigned char *file; /* the embedded ELF */
	size_t size;
	struct elf_image img;
	uint64_t brk_start, brk_cur; /* the program break */
	int nthreads;		     /* Linux threads alive */
	int next_tid;
	int argc, envc; /* its argv and environment (procfs.c) */
	char **argv;
	const char *const *envp;
};
extern struct linux_proc linux_proc;

/* One Linux thread (a Skiff thread that entered user mode). */
struct linux_thread {
	struct thread *kt;
	int tid;
	uint64_t clear_tid; /* CLONE_CHILD_CLEARTID / set_tid_address */
	uint64_t sigmask;
	uint64_t altstack[3]; /* sigaltstack's stack_t, as given */
	char comm[16];	      /* prctl(PR_SET_NAME); "": the program's */
	struct list_head link;
};

/* The calling thread's record (created for a thread that has none). */
struct linux_thread *linux_thread_self(void);
/* A record for thread kt with id tid; NULL without memory. */
struct linux_thread *linux_thread_new(struct thread *kt, int tid);

/* Linux's open() flags that its pipe2 and eventfd2 take too. */
#define L_O_NONBLOCK 04000
#define L_O_CLOEXEC 02000000

/* Linux's open() flags to the runtime core's (newlib's O_ values), and
 * back (sys_file.c). */
int linux_flags_from(uint64_t lf);
int linux_flags_to(int f);

/* Copy a NUL-terminated path of at most 4095 bytes from user memory.
 * Returns 0, -EFAULT or -ENAMETOOLONG. */
int linux_user_path(uint64_t upath, char *buf, size_t size);

/* futex(FUTEX_WAKE) from the kernel side (thread exit clears the tid). */
long linux_futex_wake(uint64_t uaddr, int count, uint32_t bitset);

/* Nanoseconds of a user struct timespec; -EFAULT or -EINVAL. */
int linux_timespec_ns(uint64_t uts, uint64_t *ns);

/* procfs.c: the files of /proc, /sys and /etc about the program
 * (<runtime/sysfile.h>). */
#define LINUX_COMM_LEN 16
/* The program's name as Linux's comm has it (its file name, 15 bytes). */
const char *linux_comm(void);
/* The path /proc/self/exe links to ("/" and argv[0]), snprintf-style. */
int linux_exe_path(char *buf, size_t size);
/* The target of a /proc link (exe, cwd, root), snprintf-style, or
 * -ENOENT for a path that is no such link. */
int linux_readlink(const char *path, char *buf, size_t size);

/* sys_misc.c: what procfs.c reports. */
uint64_t linux_cpu_ns(void);		/* the vCPU's running time */
uint64_t linux_idle_ns(void);		/* its blocked (idle) time */
uint64_t linux_uptime_ns(void);		/* since the domain started */
unsigned long linux_minor_faults(void); /* user pages paged in */
unsigned int linux_umask(void);

/* The groups (their handlers are named sys_NAME). */
#define LINUX_SYS(name) long sys_##name(struct user_regs *r)
/* sys_mem.c */
LINUX_SYS(mmap);
LINUX_SYS(munmap);
LINUX_SYS(mprotect);
LINUX_SYS(madvise);
LINUX_SYS(brk);
/* sys_thread.c */
LINUX_SYS(clone);
LINUX_SYS(exit);
LINUX_SYS(exit_group);
LINUX_SYS(futex);
LINUX_SYS(gettid);
LINUX_SYS(set_tid_address);
LINUX_SYS(sched_yield);
LINUX_SYS(sched_getaffinity);
LINUX_SYS(rt_sigaction);
LINUX_SYS(rt_sigprocmask);
LINUX_SYS(sigaltstack);
LINUX_SYS(tgkill);
LINUX_SYS(arch_prctl);
/* sys_misc.c */
LINUX_SYS(nanosleep);
LINUX_SYS(clock_nanosleep);
LINUX_SYS(clock_gettime);
LINUX_SYS(clock_getres);
LINUX_SYS(gettimeofday);
LINUX_SYS(time);
LINUX_SYS(getpid);
LINUX_SYS(getppid);
LINUX_SYS(getuid);
LINUX_SYS(getrlimit);
LINUX_SYS(prlimit64);
LINUX_SYS(uname);
LINUX_SYS(getrandom);
LINUX_SYS(getcwd);
LINUX_SYS(ok);		/* success and nothing else (set_robust_list, ...) */
LINUX_SYS(nosys_quiet); /* ENOSYS without the console line (rseq) */
LINUX_SYS(setrlimit);
LINUX_SYS(prctl);
LINUX_SYS(getrusage);
LINUX_SYS(times);
LINUX_SYS(sysinfo);
LINUX_SYS(umask);
LINUX_SYS(getpgid); /* also getpgrp, getsid: 1 */
LINUX_SYS(setpgid);
LINUX_SYS(setsid);
LINUX_SYS(getresuid); /* also getresgid: all 0 */
LINUX_SYS(getgroups);
LINUX_SYS(getpriority);
LINUX_SYS(setpriority);
LINUX_SYS(sched_getscheduler);
LINUX_SYS(sched_getparam);
LINUX_SYS(sched_get_priority_max);
LINUX_SYS(sched_get_priority_min);
LINUX_SYS(wait4); /* also waitid: ECHILD */
/* sys_file.c (files) and sys_poll.c (pipes, poll, epoll, eventfd) */
LINUX_SYS(read);
LINUX_SYS(write);
LINUX_SYS(readv);
LINUX_SYS(writev);
LINUX_SYS(pread64);
LINUX_SYS(pwrite64);
LINUX_SYS(open);
LINUX_SYS(openat);
LINUX_SYS(close);
LINUX_SYS(fstat);
LINUX_SYS(stat);
LINUX_SYS(newfstatat);
LINUX_SYS(lseek);
LINUX_SYS(fcntl);
LINUX_SYS(dup);
LINUX_SYS(dup2);
LINUX_SYS(dup3);
LINUX_SYS(eventfd);
LINUX_SYS(eventfd2);
LINUX_SYS(ioctl);
LINUX_SYS(fsync);
LINUX_SYS(getdents64);
LINUX_SYS(access);
LINUX_SYS(faccessat);
LINUX_SYS(readlinkat);
LINUX_SYS(readlink);
LINUX_SYS(statx);
LINUX_SYS(sendfile);
LINUX_SYS(pipe);
LINUX_SYS(pipe2);
LINUX_SYS(poll);
LINUX_SYS(ppoll);
LINUX_SYS(epoll_create);
LINUX_SYS(epoll_create1);
LINUX_SYS(epoll_ctl);
LINUX_SYS(epoll_wait);
LINUX_SYS(epoll_pwait);
/* sys_net.c */
LINUX_SYS(socket);
LINUX_SYS(bind);
LINUX_SYS(listen);
LINUX_SYS(accept);
LINUX_SYS(accept4);
LINUX_SYS(connect);
LINUX_SYS(getsockname);
LINUX_SYS(getpeername);
LINUX_SYS(setsockopt);
LINUX_SYS(getsockopt);
LINUX_SYS(sendto);
LINUX_SYS(recvfrom);
LINUX_SYS(shutdown);

#endif
