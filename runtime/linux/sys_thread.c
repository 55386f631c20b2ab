/*
 * Threads of the Linux shim: clone (threads only: CLONE_VM with
 * CLONE_THREAD; there is one process), exit and exit_group, thread
 * ids and arch_prctl (docs/linux-binaries.md). Signals are signal.c's,
 * futexes sys_futex.c's.
 *
 * Every Linux thread is a Skiff thread with its own kernel stack, the one
 * Xen enters on for its system calls and faults (<kernel/user.h>).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/time.h>

#include "linux_priv.h"

#define CLONE_VM 0x100
#define CLONE_SIGHAND 0x800
#define CLONE_SETTLS 0x80000
#define CLONE_PARENT_SETTID 0x100000
#define CLONE_CHILD_CLEARTID 0x200000
#define CLONE_CHILD_SETTID 0x1000000
#define CLONE_THREAD 0x10000
#define CLONE_FS 0x200
#define CLONE_PIDFD 0x1000
#define CLONE_NEWNS 0x20000
#define CLONE_DETACHED 0x400000
#define CLONE_NEWUSER 0x10000000

/* A Linux thread's kernel stack: system calls run lwIP, the C library
 * and the fd layer on it. */
#define LINUX_KSTACK (128 * 1024)

struct list_head linux_threads = LIST_HEAD_INIT(linux_threads);

struct linux_thread *linux_thread_new(struct thread *kt, int tid,
				      struct linux_proc *proc)
{
	struct linux_thread *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->kt = kt;
	t->tid = tid;
	t->proc = proc;
	t->altstack.ss_flags = L_SS_DISABLE;
	wq_init(&t->no_wake);
	list_add_tail(&t->link, &linux_threads);
	t->proc->nthreads++;
	return t;
}

int linux_thread_count(void)
{
	struct list_head *pos;
	int n = 0;

	list_for_each(pos, &linux_threads)
		n++;
	return n;
}

struct linux_thread *linux_thread_find(int tid)
{
	struct list_head *pos;

	list_for_each(pos, &linux_threads) {
		struct linux_thread *t =
		    list_entry(pos, struct linux_thread, link);

		if (t->tid == tid)
			return t;
	}
	return NULL;
}

struct linux_thread *linux_thread_self(void)
{
	struct thread *kt = thread_current();
	struct list_head *pos;

	list_for_each(pos, &linux_threads) {
		struct linux_thread *t =
		    list_entry(pos, struct linux_thread, link);

		if (t->kt == kt)
			return t;
	}
	/* Not expected: every user thread gets its record before it runs. */
	return linux_thread_new(kt, linux_new_tid(), linux_proc_self());
}

/* The child's registers, handed over on the heap: the parent returns
 * before the child first runs. */
static void child_main(void *arg)
{
	struct user_regs regs = *(struct user_regs *)arg;

	free(arg);
	/* Linux starts it and its first use of the stack faults. */
	if (!canonical(regs.rsp))
		linux_signal_fatal(L_SIGSEGV, &regs);
	user_enter(&regs);
}

/* The flag combinations Linux's clone refuses whatever it is asked to
 * make (copy_process): a shared fs with a new mount or user namespace,
 * a thread without the signal handlers, handlers without the memory,
 * a pidfd for a detached child. */
static bool clone_flags_bad(uint64_t flags)
{
	if ((flags & CLONE_FS) && (flags & (CLONE_NEWNS | CLONE_NEWUSER)))
		return true;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return true;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return true;
	return (flags & CLONE_PIDFD) && (flags & CLONE_DETACHED);
}

LINUX_SYS(clone)
{
	uint64_t flags = A0(r), stack = A1(r), ptid = A2(r), ctid = A3(r);
	struct user_regs *child;
	struct linux_thread *t;
	struct thread *kt;
	int tid;

	if (clone_flags_bad(flags))
		return -EINVAL;
	if (!(flags & CLONE_THREAD))
		return linux_fork(r, flags, stack, ptid, ctid, A4(r));
	if ((flags & (CLONE_VM | CLONE_SIGHAND)) != (CLONE_VM | CLONE_SIGHAND))
		return -EINVAL; /* as Linux for a thread without both */
	/* A TLS base outside the user half: EPERM, as arch_prctl. */
	if ((flags & CLONE_SETTLS) && A4(r) >= USER_VA_END)
		return -EPERM;
	if (!(child = malloc(sizeof(*child))))
		return -EAGAIN;
	*child = *r;
	child->rax = 0;
	if (stack)
		child->rsp = stack;
	if (flags & CLONE_SETTLS)
		child->fs_base = A4(r);
	kt = thread_create("linux", child_main, child, LINUX_KSTACK);
	if (!kt) {
		free(child);
		return -EAGAIN;
	}
	kt->uvm = thread_current()->uvm;
	kt->runtime_proc = thread_current()->runtime_proc;
	tid = linux_new_tid();
	if (!(t = linux_thread_new(kt, tid, linux_proc_self()))) {
		/* Cannot be undone: the thread runs, unrecorded; it gets a
		 * record (and a new id) on its first call. */
		return -EAGAIN;
	}
	thread_detach(kt);
	/* The child starts with the parent's signal mask and no alternate
	 * stack, as a Linux thread does. */
	t->sigmask = linux_thread_self()->sigmask;
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_tid = ctid;
	if (flags & CLONE_PARENT_SETTID)
		user_copy_to(ptid, &tid, sizeof(tid));
	if (flags & CLONE_CHILD_SETTID)
		user_copy_to(ctid, &tid, sizeof(tid));
	return tid;
}

/* The last thread's exit ends the program with its code. */
LINUX_SYS(exit)
{
	struct linux_thread *t = linux_thread_self();
	int zero = 0;

	if (t->clear_tid && user_copy_to(t->clear_tid, &zero, 4) == 0)
		linux_futex_wake(t->clear_tid, 1, ~0u);
	linux_thread_exit((int)(A0(r) & 0xff) << 8);
}

LINUX_SYS(exit_group)
{
	linux_proc_exit((int)(A0(r) & 0xff) << 8);
}

LINUX_SYS(gettid)
{
	(void)r;
	return linux_thread_self()->tid;
}

LINUX_SYS(set_tid_address)
{
	struct linux_thread *t = linux_thread_self();

	t->clear_tid = A0(r);
	return t->tid;
}

LINUX_SYS(sched_yield)
{
	(void)r;
	thread_yield();
	return 0;
}

/* One CPU: GOMAXPROCS is 1. */
LINUX_SYS(sched_getaffinity)
{
	uint64_t mask = 1;

	if (A1(r) < sizeof(mask) || A1(r) % sizeof(mask))
		return -EINVAL;
	if (user_copy_to(A2(r), &mask, sizeof(mask)) < 0)
		return -EFAULT;
	return sizeof(mask);
}

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003

LINUX_SYS(arch_prctl)
{
	uint64_t fs;

	switch (A0(r)) {
	case ARCH_SET_FS:
		return user_set_fs_base(A1(r));
	case ARCH_GET_FS:
		fs = r->fs_base;
		return user_copy_to(A1(r), &fs, sizeof(fs));
	default:
		return -EINVAL;
	}
}
