/*
 * Inside the Linux system-call shim (runtime/linux/): what the dispatcher
 * (syscall.c) and the groups of calls (sys_*.c) share. Every handler
 * takes the caller's registers (number in rax, arguments in rdi rsi rdx
 * r10 r8 r9) and returns what Linux's system call returns: a result, or a
 * negative Linux errno value, which the runtime's fd and socket layers
 * already speak. Arguments are checked in Linux's order (the fd, then
 * values, then a buffer's range with user_range_ok()); user memory is
 * only touched by the fault-safe user_copy_*(), so a bad pointer gives
 * -EFAULT, or the bytes before the fault.
 */
#ifndef RUNTIME_LINUX_PRIV_H
#define RUNTIME_LINUX_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kernel/list.h>
#include <kernel/sched.h>
#include <kernel/user.h>

#include <runtime/sock.h>
#include <runtime/take.h>

#include "elf.h"
#include "sigframe.h"
#include "sigqueue.h"

#define A0(r) ((r)->rdi)
#define A1(r) ((r)->rsi)
#define A2(r) ((r)->rdx)
#define A3(r) ((r)->r10)
#define A4(r) ((r)->r8)
#define A5(r) ((r)->r9)

typedef long (*linux_sys_fn)(struct user_regs *r);

/* A process's signal state (signal.c): the actions and the signals
 * directed at the process. */
struct linux_sigstate {
	struct l_sigaction act[L_NSIG + 1];
	struct sig_pending pend; /* directed at the process */
	struct sigq_count count; /* real-time instances queued */
};

struct fd_table;
struct uvm_as;
struct linux_blob;
struct linux_args;
struct vnode;

/* A process (proc.c). The first is the embedded program, pid 1; fork
 * and vfork make more. */
struct linux_proc {
	const unsigned char *file; /* its ELF */
	size_t size;
	struct elf_image img;
	uint64_t brk_start, brk_cur; /* the program break */
	int nthreads;		     /* Linux threads alive */
	int argc, envc;		     /* its argv and environment (procfs.c) */
	char **argv;
	const char *const *envp;
	int pid;
	struct linux_proc *parent; /* NULL for pid 1 */
	struct list_head children; /* its children, alive or not */
	struct list_head sibling;  /* in its parent's children */
	struct list_head all_link; /* in the list of every process */
	struct uvm_as *as;	   /* its address space */
	bool vm_borrowed;	   /* vfork: the parent's, until exec/exit */
	struct fd_table *fds;
	struct linux_sigstate sig;
	int exit_signal; /* to the parent when it ends (SIGCHLD) */
	bool exiting;	 /* exit_group: its threads are ending */
	bool zombie;	 /* ended, not yet waited for */
	int wstatus;	 /* wait4's status once ended */
	struct linux_thread *vfork_parent; /* waits until we let go */
	struct wait_queue events;	   /* a child ended */
	struct linux_blob *blob; /* an exec'd file (NULL: the embedded) */
	struct linux_args *args; /* an exec'd argv and environment */
	struct vnode *cwd;	 /* its working directory (NULL: root) */
};
/* The first process (pid 1), whose end is the domain's. */
extern struct linux_proc linux_proc;
/* The calling thread's process (pid 1 for a thread that is none's). */
struct linux_proc *linux_proc_self(void);
/* The live process with id pid, or NULL. */
struct linux_proc *linux_proc_find(int pid);
/* Whether process pid exists, live or ended and not yet waited for. */
bool linux_proc_exists(int pid);
/* A new thread or process id. */
int linux_new_tid(void);
/* End the calling thread's process with wait status wstatus (exit code
 * << 8, or the signal number); for pid 1, the domain's end. */
__attribute__((noreturn)) void linux_proc_exit(int wstatus);
/* The calling thread ends (exit); its process too if it was the last
 * (with wstatus). */
__attribute__((noreturn)) void linux_thread_exit(int wstatus);
/* On the way back to user mode: a thread of a process that is ending
 * ends here. */
void linux_proc_exiting_check(void);
/* pid 1 takes kt, its first thread (start.c, once the program is
 * loaded). */
void linux_proc_init(struct thread *kt);
/* A wait status as SIGCHLD's siginfo says it: the CLD_* code, and the
 * exit code or signal number in *status (proc.c). */
int linux_wstatus_info(int wstatus, int32_t *status);
/* Signal s to parent for the end of child pid (signal.c). */
void linux_signal_child(struct linux_proc *parent, int s, int pid, int wstatus);
/* Signal s (0: none, only the checks) to process target from the
 * caller, as kill() sends it (SI_USER): 0, -EINVAL or send's error. */
int linux_signal_user(struct linux_proc *target, int s);
/* A vfork child leaves its parent's memory (exec, or its end). */
void linux_proc_let_go(struct linux_proc *p);
/* Load an ELF file into the live (empty) address space, with its
 * initial stack; regs get the registers to enter it with. 0, or an error
 * with why (exec.c). */
int linux_load(struct linux_proc *p, const unsigned char *file, size_t size,
	       int argc, const char *const *argv, int envc,
	       const char *const *envp, struct user_regs *regs, char *why,
	       size_t whylen);
/* References to what an exec'd process holds (exec.c). */
void linux_blob_get(struct linux_blob *b);
void linux_blob_put(struct linux_blob *b);
void linux_args_get(struct linux_args *k);
void linux_args_put(struct linux_args *k);
/* The absolute path an exec'd program came from, or NULL (k NULL: the
 * embedded program). */
const char *linux_args_exe(const struct linux_args *k);
/* fork, vfork, and clone without CLONE_THREAD (proc.c). */
long linux_fork(struct user_regs *r, uint64_t flags, uint64_t stack,
		uint64_t ptid, uint64_t ctid, uint64_t tls);

/* Process fds (pidfd.c): a new pidfd for process pid (lflags: Linux's
 * O_NONBLOCK or 0), close-on-exec; the fd or a negative errno. */
int linux_pidfd_new(int pid, int lflags);
/* The process id of pidfd fd (*nonblock: its O_NONBLOCK; may be NULL),
 * or -EBADF when fd is no pidfd. */
int linux_pidfd_pid(int fd, bool *nonblock);
/* A process ended (proc.c): pidfds may have become readable. */
void linux_pidfd_proc_ended(void);

/* One Linux thread (a Skiff thread that entered user mode). */
struct linux_thread {
	struct thread *kt;
	struct linux_proc *proc;
	int tid;
	uint64_t clear_tid; /* CLONE_CHILD_CLEARTID / set_tid_address */
	/* Signals (signal.c). */
	uint64_t sigmask;	   /* blocked */
	uint64_t saved_mask;	   /* put back after a delivery or the call */
	bool restore_mask;	   /* (rt_sigsuspend, ppoll, epoll_pwait) */
	uint64_t waiting;	   /* rt_sigtimedwait's set while it waits */
	struct sig_pending pend;   /* directed at this thread */
	struct l_stack altstack;   /* sigaltstack's, as given */
	uint64_t restart_nr;	   /* nr + 1 of a call to restart, or 0 */
	struct user_fault fault;   /* the fault behind fault_sig */
	int fault_sig;		   /* a pending signal a fault raised */
	struct wait_queue no_wake; /* sleeps only a signal ends */
	bool vfork_done;	   /* its vfork child let go of its memory */
	char comm[16];		   /* prctl(PR_SET_NAME); "": the program's */
	struct list_head link;
};

/* Every Linux thread (sys_thread.c). */
extern struct list_head linux_threads;
/* How many Linux threads there are, in every process. */
int linux_thread_count(void);
/* The thread with id tid, or NULL. */
struct linux_thread *linux_thread_find(int tid);

/* The calling thread's record (created for a thread that has none). */
struct linux_thread *linux_thread_self(void);
/* A record for thread kt of proc with id tid; NULL without memory. */
struct linux_thread *linux_thread_new(struct thread *kt, int tid,
				      struct linux_proc *proc);

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

/* Signals (signal.c). The dispatcher's part after each call: restart
 * or EINTR for an interrupted one, SIGPIPE for -EPIPE. */
void linux_signal_after_call(struct user_regs *r, uint64_t nr);
/* Install the signal machinery (the return-path work, the fault
 * handler, SIGTERM on xl shutdown). */
void linux_signal_init(void);
/* A thread's end: its pending signals go (sys_thread.c). */
void linux_signal_thread_gone(struct linux_thread *t);
/* The calling process ends: its pending signals go. */
void linux_signal_proc_gone(void);
/* Send signal s with siginfo *p to the process, or to thread t when t
 * is not NULL (the timers, timers.c). 1 when the instance is pending
 * now, 0 when it was dropped (ignored) or merged into one pending, or
 * -EAGAIN past RLIMIT_SIGPENDING for a real-time signal. */
/* The program dies by signal s's default action now, whatever its
 * handlers (the crash report for a core signal, with r's registers). */
__noreturn void linux_signal_fatal(int s, struct user_regs *r);

/* An address the CPU can load into rip or rsp. */
static inline bool canonical(uint64_t a)
{
	return (uint64_t)((int64_t)(a << 16) >> 16) == a;
}

int linux_signal_send(struct linux_thread *t, int s,
		      const struct linux_sigpend *p);
/* signalfd.c: the next pending signal of want for the calling thread
 * (its own, then the process's), dequeued into *info; 0 if none. */
int linux_signal_take(uint64_t want, struct l_siginfo *info);
/* The signals pending for the calling thread or the process. */
uint64_t linux_signal_pending(void);
/* A signal was stored in a pending set: signalfd readers and pollers
 * look again (signalfd.c). */
void linux_signalfd_notify(void);
/* The signal of timer id was taken from a pending set (timers.c):
 * returns its overrun count for the siginfo. */
int linux_timer_taken(int id);
/* RLIMIT_SIGPENDING's and RLIMIT_NOFILE's soft limits (sys_misc.c). */
uint64_t linux_sigpending_limit(void);
uint64_t linux_nofile_limit(void);
/* Replace the calling thread's mask for the length of a call (ppoll,
 * epoll_pwait, pselect6); umask 0 keeps it. The old mask comes back
 * when the call returns, or after the handler of the signal that
 * interrupted it. -EFAULT, -EINVAL (size), or 0. */
int linux_sigmask_for_call(uint64_t umask, uint64_t size);
void linux_sigmask_call_done(long rc);

/* "name+0xoff" of a user address in buf (start.c); false if unknown. */
bool linux_symbolize(uint64_t addr, char *buf, size_t n);

/* Nanoseconds of a user struct timespec (saturated at INT64_MAX);
 * -EFAULT or -EINVAL. */
int linux_timespec_ns(uint64_t uts, uint64_t *ns);
/* The monotonic deadline ns from now, at most INT64_MAX (Xen's timer
 * takes a signed time). */
uint64_t linux_deadline(uint64_t ns);

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
/*
 * A call's data between user memory and the fd and socket layers
 * (uio.c), through a kernel buffer of at most UIO_CHUNK bytes, so that
 * only fault-safe copies touch user memory. fn(ctx, buf, n, done) moves
 * n bytes (done moved before) and returns what it moved or -errno.
 * uio_in() reads into [ubuf, ubuf+len): once, or with UIO_MORE while
 * each piece comes back whole (regular files, whose reads do not wait
 * for data). uio_out() writes from it, piece after piece until one is
 * short. Both return the bytes moved, or the error when none were
 * (-EFAULT/-ENOMEM for user memory that went or could not be backed).
 * A piece whose copy stops at a fault counts up to the fault only with
 * UIO_PARTIAL (a file's, as Linux's); a pipe or socket then fails the
 * piece (Linux's pipe and socket copies are all or nothing). Without
 * UIO_MORE (pipes, sockets: reads that consume), pipes and sockets ask
 * whether the destination can take bytes before they take them
 * (<runtime/take.h>), so that a buffer that went while the read waited
 * fails the read with EFAULT and leaves the bytes queued, as on Linux.
 */
#define UIO_CHUNK (256 * 1024)
/* A read's destination in user memory, for the layers' question whether
 * bytes may go (<runtime/take.h>): the first n bytes may when the VMAs
 * under them allow writing. (A page that then finds no frame still
 * fails the copy, with ENOMEM, after the bytes were taken.) uio_in()
 * sets it for its pieces; recvmsg for its iovecs. */
struct uio_take {
	struct fd_take t;
	const struct sock_iov *iov;
	size_t n;
};
void uio_take_begin(struct uio_take *tk, const struct sock_iov *iov, size_t n);
void uio_take_end(void);
#define UIO_MORE 1
#define UIO_PARTIAL 2
#define UIO_PAGES 4 /* uio_out(): a cut piece keeps its whole pages */
typedef long (*uio_fn)(void *ctx, void *buf, size_t n, size_t done);
long uio_in(uint64_t ubuf, size_t len, uio_fn fn, void *ctx, int flags);

/* Linux's values the socket calls and uio.c both check against. */
#define L_SOL_SOCKET 1
#define L_SO_TYPE 3
#define L_SOCK_STREAM 1
#define L_AF_INET 2
#define L_AF_INET6 10
/* Socket fd's SO_TYPE (L_SOCK_STREAM, ...), or -errno (not a socket). */
int linux_sock_type(int fd);
long uio_out(uint64_t ubuf, size_t len, uio_fn fn, void *ctx, int flags);
/* 0, or -EMSGSIZE for a message longer than a piece to a socket whose
 * messages cannot be split (datagrams: every piece would be one), or
 * longer than 64 KiB to a UDP socket (Linux's first check). */
long uio_check_whole(int fd, size_t len);

#define LINUX_SYS(name) long sys_##name(struct user_regs *r)
/* sys_mem.c */
LINUX_SYS(mmap);
LINUX_SYS(munmap);
LINUX_SYS(mprotect);
LINUX_SYS(madvise);
LINUX_SYS(mincore);
LINUX_SYS(msync);
LINUX_SYS(brk);
/* sys_thread.c */
LINUX_SYS(clone);
LINUX_SYS(fork);
LINUX_SYS(vfork);
LINUX_SYS(waitid);
LINUX_SYS(execve);
LINUX_SYS(exit);
LINUX_SYS(exit_group);
LINUX_SYS(futex);
LINUX_SYS(gettid);
LINUX_SYS(set_tid_address);
LINUX_SYS(sched_yield);
LINUX_SYS(sched_getaffinity);
LINUX_SYS(arch_prctl);
/* signal.c */
LINUX_SYS(rt_sigaction);
LINUX_SYS(rt_sigprocmask);
LINUX_SYS(rt_sigreturn);
LINUX_SYS(rt_sigpending);
LINUX_SYS(rt_sigsuspend);
LINUX_SYS(rt_sigtimedwait);
LINUX_SYS(rt_sigqueueinfo);
LINUX_SYS(rt_tgsigqueueinfo);
LINUX_SYS(sigaltstack);
LINUX_SYS(kill);
LINUX_SYS(pidfd_open);
LINUX_SYS(pidfd_send_signal);
LINUX_SYS(tkill);
LINUX_SYS(tgkill);
LINUX_SYS(pause);
/* signalfd.c */
LINUX_SYS(signalfd);
LINUX_SYS(signalfd4);
/* timers.c */
LINUX_SYS(setitimer);
LINUX_SYS(getitimer);
LINUX_SYS(alarm);
LINUX_SYS(timer_create);
LINUX_SYS(timer_settime);
LINUX_SYS(timer_gettime);
LINUX_SYS(timer_getoverrun);
LINUX_SYS(timer_delete);
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
LINUX_SYS(wait4);
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
/* The writable file system's calls (sys_file.c, docs/files.md). */
LINUX_SYS(creat);
LINUX_SYS(lstat);
LINUX_SYS(faccessat2);
LINUX_SYS(mkdir);
LINUX_SYS(mkdirat);
LINUX_SYS(mknod);
LINUX_SYS(mknodat);
LINUX_SYS(rmdir);
LINUX_SYS(unlink);
LINUX_SYS(unlinkat);
LINUX_SYS(rename);
LINUX_SYS(renameat);
LINUX_SYS(renameat2);
LINUX_SYS(link);
LINUX_SYS(linkat);
LINUX_SYS(symlink);
LINUX_SYS(symlinkat);
LINUX_SYS(chmod);
LINUX_SYS(fchmodat);
LINUX_SYS(fchmod);
LINUX_SYS(chown);
LINUX_SYS(lchown);
LINUX_SYS(fchown);
LINUX_SYS(fchownat);
LINUX_SYS(utimensat);
LINUX_SYS(truncate);
LINUX_SYS(ftruncate);
LINUX_SYS(fallocate);
LINUX_SYS(statfs);
LINUX_SYS(fstatfs);
LINUX_SYS(chdir);
LINUX_SYS(fchdir);
LINUX_SYS(flock);
LINUX_SYS(copy_file_range);
LINUX_SYS(access);
LINUX_SYS(faccessat);
LINUX_SYS(readlinkat);
LINUX_SYS(readlink);
LINUX_SYS(statx);
LINUX_SYS(sendfile);
LINUX_SYS(splice);
LINUX_SYS(pipe);
LINUX_SYS(pipe2);
LINUX_SYS(poll);
LINUX_SYS(ppoll);
LINUX_SYS(select); /* sys_select.c */
LINUX_SYS(pselect6);
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
LINUX_SYS(socketpair);
LINUX_SYS(sendmsg);
LINUX_SYS(recvmsg);

#endif
