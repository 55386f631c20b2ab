/*
 * Processes of the Linux shim: fork, vfork and clone without
 * CLONE_THREAD, wait4 and waitid, and the end of a process
 * (docs/linux-binaries.md, "Processes").
 *
 * The embedded program is process 1, and its end is the domain's. A
 * child gets a copy of its parent's address space (kernel/uvm.c copies
 * every backed page: no copy-on-write), of its fd table (the same open
 * files, one more reference each) and of its signal actions; a vfork
 * child (CLONE_VM) runs in its parent's address space while the parent
 * waits, until it ends. A child that ends becomes a zombie with its wait
 * status until its parent waits for it, or is freed at once when the
 * parent ignores SIGCHLD; the parent gets its exit signal (SIGCHLD). The
 * children of a process that ends go to process 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/uvm.h>
#include <runtime/fd.h>

#include "../runtime_priv.h"
#include "../vfs.h"
#include "linux_priv.h"

#define CLONE_VM 0x100
#define CLONE_VFORK 0x4000
#define CLONE_PIDFD 0x1000
#define CLONE_SETTLS 0x80000
#define CLONE_PARENT_SETTID 0x100000
#define CLONE_CHILD_CLEARTID 0x200000
#define CLONE_CHILD_SETTID 0x1000000
/* What a new process may share with its parent here: its memory (vfork),
 * and what it only reads or what Skiff keeps once per domain. */
#define CLONE_FS 0x200
#define CLONE_FILES 0x400
#define CLONE_SIGHAND 0x800
#define CLONE_PARENT 0x8000
#define CLONE_THREAD 0x10000

/* The kernel stack of a Linux thread (as sys_thread.c's). */
#define LINUX_KSTACK (128 * 1024)

#define L_SIGCHLD 17
#define WNOHANG 1
#define WEXITED 4
#define WNOWAIT 0x1000000
#define P_ALL 0
#define P_PID 1
#define P_PGID 2
#define P_PIDFD 3
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define SA_NOCLDWAIT 2
#define L_ECHILD 10 /* Linux's ECHILD, which the kernel has no use for */

static int next_tid = 2;
/* Every process but pid 1 that has not been waited for. */
static struct list_head all_procs = LIST_HEAD_INIT(all_procs);

int linux_new_tid(void)
{
	return next_tid++;
}

struct linux_proc *linux_proc_self(void)
{
	struct linux_proc *p = thread_current()->runtime_proc;

	return p ? p : &linux_proc;
}

struct linux_proc *linux_proc_find(int pid)
{
	struct list_head *pos;

	if (pid == 1)
		return &linux_proc;
	list_for_each(pos, &all_procs) {
		struct linux_proc *p =
		    list_entry(pos, struct linux_proc, all_link);

		if (p->pid == pid && !p->zombie)
			return p;
	}
	return NULL;
}

bool linux_proc_exists(int pid)
{
	struct list_head *pos;

	if (pid == 1)
		return true;
	list_for_each(pos, &all_procs) {
		if (list_entry(pos, struct linux_proc, all_link)->pid == pid)
			return true;
	}
	return false;
}

/* The fd layer's hook: the calling thread's table. */
static struct fd_table *caller_fds(void)
{
	struct linux_proc *p = thread_current()->runtime_proc;

	return p ? p->fds : NULL;
}

/* The vfs's hook: the calling thread's working directory. */
static struct vnode **caller_cwd(void)
{
	struct linux_proc *p = thread_current()->runtime_proc;

	return p ? &p->cwd : NULL;
}

/* pid 1's part, once its first thread runs (start.c). */
void linux_proc_init(struct thread *kt)
{
	struct linux_proc *p = &linux_proc;

	p->pid = 1;
	list_init(&p->children);
	wq_init(&p->events);
	p->as = uvm_as_live();
	p->fds = fd_table_boot();
	kt->uvm = p->as;
	kt->runtime_proc = p;
	fd_set_table_hook(caller_fds);
	/* pid 1 starts where the domain's programs were (the root, or a
	 * directory a C part changed to). */
	if ((p->cwd = vfs_cwd()))
		vfs_get(p->cwd);
	vfs_set_cwd_hook(caller_cwd);
}

/* --- fork --------------------------------------------------------------- */

struct child_start {
	struct user_regs regs;
	uint64_t set_tid; /* CLONE_CHILD_SETTID: where, in its own memory */
	int tid;
};

static void child_main(void *arg)
{
	struct child_start s = *(struct child_start *)arg;

	free(arg);
	/* Its own memory is live now: the address is the child's. */
	if (s.set_tid)
		(void)user_copy_to(s.set_tid, &s.tid, sizeof(s.tid));
	user_enter(&s.regs);
}

static void proc_free(struct linux_proc *p)
{
	list_del(&p->all_link);
	linux_blob_put(p->blob);
	linux_args_put(p->args);
	if (p->cwd)
		vfs_put(p->cwd);
	free(p->fds);
	free(p);
}

/* A new process record for a child of parent, or NULL. */
static struct linux_proc *proc_new(struct linux_proc *parent)
{
	struct linux_proc *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	if (!(p->fds = malloc(sizeof(*p->fds)))) {
		free(p);
		return NULL;
	}
	p->file = parent->file;
	p->size = parent->size;
	p->blob = parent->blob;
	linux_blob_get(p->blob);
	p->args = parent->args;
	linux_args_get(p->args);
	p->img = parent->img;
	p->brk_start = parent->brk_start;
	p->brk_cur = parent->brk_cur;
	p->argc = parent->argc;
	p->argv = parent->argv;
	p->envc = parent->envc;
	p->envp = parent->envp;
	p->parent = parent;
	list_init(&p->all_link); /* proc_free() takes it off the list */
	p->cwd = parent->cwd;
	if (p->cwd)
		vfs_get(p->cwd);
	list_init(&p->children);
	wq_init(&p->events);
	/* Actions are inherited, pending signals are not (as Linux). */
	memcpy(p->sig.act, parent->sig.act, sizeof(p->sig.act));
	fd_table_copy(p->fds, parent->fds);
	return p;
}

/* A child that never ran is undone: its memory, files and record. */
static void fork_undo(struct linux_proc *p, struct child_start *s)
{
	if (!p->vm_borrowed)
		uvm_as_destroy(p->as);
	fd_table_close_all(p->fds);
	proc_free(p);
	free(s);
}

/* CLONE_PIDFD: a pidfd for the new process pid in the parent's table,
 * its number at uptr. 0 or a negative errno (nothing is left open). */
static int clone_pidfd(int pid, uint64_t uptr)
{
	int fd = linux_pidfd_new(pid, 0);

	if (fd < 0)
		return fd;
	if (user_copy_to(uptr, &fd, sizeof(fd)) < 0) {
		fd_close(fd);
		return -EFAULT;
	}
	return 0;
}

long linux_fork(struct user_regs *r, uint64_t flags, uint64_t stack,
		uint64_t ptid, uint64_t ctid, uint64_t tls)
{
	struct linux_proc *parent = linux_proc_self(), *p;
	struct linux_thread *self = linux_thread_self(), *t;
	struct child_start *s;
	struct thread *kt;
	int rc, pid, pidfd = -1;

	/* CLONE_PIDFD stores the pidfd where CLONE_PARENT_SETTID would
	 * store the id: not both (Linux's EINVAL). */
	if ((flags & (CLONE_PIDFD | CLONE_PARENT_SETTID)) ==
	    (CLONE_PIDFD | CLONE_PARENT_SETTID))
		return -EINVAL;
	if (flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_FILES | CLONE_FS |
		     CLONE_PARENT)) {
		printk("linux: clone of a process sharing its files, signal "
		       "actions or parent (flags 0x%llx) is not supported: "
		       "EINVAL\n",
		       (unsigned long long)flags);
		return -EINVAL;
	}
	if (!(s = calloc(1, sizeof(*s))))
		return -ENOMEM;
	if (!(p = proc_new(parent))) {
		free(s);
		return -ENOMEM;
	}
	p->exit_signal = (int)(flags & 0xff);
	if (flags & CLONE_VM) {
		p->as = parent->as;
		p->vm_borrowed = true;
	} else if ((rc = uvm_as_fork(&p->as)) < 0) {
		fd_table_close_all(p->fds);
		proc_free(p);
		free(s);
		return rc;
	}
	s->regs = *r;
	s->regs.rax = 0;
	if (stack)
		s->regs.rsp = stack;
	if (flags & CLONE_SETTLS)
		s->regs.fs_base = tls;
	p->pid = s->tid = linux_new_tid();
	/* The parent's pidfd is made after its table was copied: the child
	 * does not get it, as on Linux. */
	if ((flags & CLONE_PIDFD) &&
	    (pidfd = rc = clone_pidfd(p->pid, ptid)) < 0) {
		fork_undo(p, s);
		return rc;
	}
	if (flags & CLONE_CHILD_SETTID)
		s->set_tid = ctid;
	kt = thread_create("linux", child_main, s, LINUX_KSTACK);
	if (!kt || !(t = linux_thread_new(kt, p->pid, p))) {
		/* Not started yet (threads are cooperative): undone. */
		if (kt)
			printk(
			    "linux: fork: no memory for the thread record\n");
		if (pidfd >= 0)
			fd_close(pidfd);
		fork_undo(p, s);
		return -ENOMEM;
	}
	thread_detach(kt);
	kt->uvm = p->as;
	kt->runtime_proc = p;
	t->sigmask = self->sigmask;
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_tid = ctid;
	list_add_tail(&p->sibling, &parent->children);
	list_add_tail(&p->all_link, &all_procs);
	if (flags & CLONE_PARENT_SETTID)
		(void)user_copy_to(ptid, &p->pid, sizeof(p->pid));
	pid = p->pid;
	if (flags & CLONE_VFORK) {
		/* Not interruptible: the child runs on our stack and memory
		 * until it lets go. The flag is ours, not the child's: the
		 * child may be gone and reaped by the time we run. */
		self->vfork_done = false;
		p->vfork_parent = self;
		while (!self->vfork_done)
			wq_wait(&self->no_wake);
	}
	return pid;
}

LINUX_SYS(fork)
{
	return linux_fork(r, L_SIGCHLD, 0, 0, 0, 0);
}

LINUX_SYS(vfork)
{
	return linux_fork(r, CLONE_VM | CLONE_VFORK | L_SIGCHLD, 0, 0, 0, 0);
}

/* --- The end of a process ------------------------------------------------ */

/* Whether parent lets its children go without a wait (SIGCHLD ignored,
 * or SA_NOCLDWAIT). */
static bool autoreap(const struct linux_proc *parent)
{
	const struct l_sigaction *a = &parent->sig.act[L_SIGCHLD];

	return a->handler == L_SIG_IGN || (a->flags & SA_NOCLDWAIT);
}

/* The vfork parent waits no more: the child leaves its memory. */
void linux_proc_let_go(struct linux_proc *p)
{
	if (p->vm_borrowed) {
		p->vm_borrowed = false;
		p->as = NULL;
		if (p->vfork_parent) {
			p->vfork_parent->vfork_done = true;
			wq_wake_all(&p->vfork_parent->no_wake);
			p->vfork_parent = NULL;
		}
	}
}

/* The last thread of p has gone: p ends (in that thread's context). */
static void proc_end(struct linux_proc *p)
{
	struct linux_proc *parent = p->parent;
	struct list_head *pos, *n;

	fd_table_close_all(p->fds);
	if (p->vm_borrowed)
		linux_proc_let_go(p);
	else
		uvm_as_destroy(p->as);
	p->as = NULL;
	thread_current()->uvm = NULL;
	/* Its children go to process 1. */
	list_for_each_safe(pos, n, &p->children) {
		struct linux_proc *c =
		    list_entry(pos, struct linux_proc, sibling);

		list_del(&c->sibling);
		c->parent = &linux_proc;
		list_add_tail(&c->sibling, &linux_proc.children);
	}
	p->zombie = true;
	linux_signal_proc_gone();
	linux_pidfd_proc_ended();
	runtime_poll_wake(); /* its pidfds are readable now */
	if (autoreap(parent)) {
		list_del(&p->sibling);
		proc_free(p);
	} else if (p->exit_signal) {
		linux_signal_child(parent, p->exit_signal, p->pid, p->wstatus);
	}
	/* A wait in progress looks again (ECHILD if this was the last). */
	wq_wake_all(&parent->events);
}

/* The calling thread ends; the last one of its process ends the
 * process. */
static __attribute__((noreturn)) void thread_gone(void)
{
	struct linux_thread *t = linux_thread_self();
	struct linux_proc *p = t->proc;

	linux_signal_thread_gone(t);
	list_del(&t->link);
	free(t);
	if (--p->nthreads == 0)
		proc_end(p);
	thread_current()->uvm = NULL;
	thread_current()->runtime_proc = NULL;
	thread_exit();
}

__attribute__((noreturn)) void linux_proc_exit(int wstatus)
{
	struct linux_proc *p = linux_proc_self();
	struct list_head *pos;

	if (p == &linux_proc)
		exit(wstatus & 0x7f ? 128 + (wstatus & 0x7f)
				    : (wstatus >> 8) & 0xff);
	if (!p->exiting) {
		/* exit_group: the other threads end at their next return
		 * to user mode (a blocked interruptible call returns). */
		p->exiting = true;
		p->wstatus = wstatus;
		list_for_each(pos, &linux_threads) {
			struct linux_thread *o =
			    list_entry(pos, struct linux_thread, link);

			if (o->proc == p && o->kt != thread_current())
				thread_interrupt(o->kt);
		}
	}
	thread_gone();
}

__attribute__((noreturn)) void linux_thread_exit(int wstatus)
{
	struct linux_proc *p = linux_proc_self();

	if (p->nthreads == 1)
		linux_proc_exit(wstatus);
	thread_gone();
}

void linux_proc_exiting_check(void)
{
	if (linux_proc_self()->exiting)
		thread_gone();
}

/* --- wait4, waitid -------------------------------------------------------- */

int linux_wstatus_info(int wstatus, int32_t *status)
{
	if (wstatus & 0x7f) {
		*status = wstatus & 0x7f;
		return (wstatus & 0x80) ? CLD_DUMPED : CLD_KILLED;
	}
	*status = (wstatus >> 8) & 0xff;
	return CLD_EXITED;
}

/* Whether child c is one that (idtype, id) selects. */
static bool selects(const struct linux_proc *c, int idtype, int id)
{
	return idtype == P_ALL || idtype == P_PGID || c->pid == id;
}

/* Find a child for the wait: *found gets a zombie, or NULL with 0 if
 * there are matching live children; -L_ECHILD if none matches. */
static int find_child(struct linux_proc *self, int idtype, int id,
		      struct linux_proc **found)
{
	struct list_head *pos;
	bool any = false;

	*found = NULL;
	list_for_each(pos, &self->children) {
		struct linux_proc *c =
		    list_entry(pos, struct linux_proc, sibling);

		if (!selects(c, idtype, id))
			continue;
		any = true;
		if (c->zombie) {
			*found = c;
			return 0;
		}
	}
	return any ? 0 : -L_ECHILD;
}

/* Wait for a matching child to end; 0 with *found, or an error
 * (-L_ECHILD, -EINTR; 0 with NULL for WNOHANG). */
static int wait_child(int idtype, int id, int options,
		      struct linux_proc **found)
{
	struct linux_proc *self = linux_proc_self();
	int rc;

	for (;;) {
		if ((rc = find_child(self, idtype, id, found)) < 0 || *found ||
		    (options & WNOHANG))
			return rc;
		if ((rc = wq_wait_intr(&self->events, 0)) < 0)
			return rc;
	}
}

static void reap(struct linux_proc *c)
{
	list_del(&c->sibling);
	proc_free(c);
}

LINUX_SYS(wait4)
{
	int pid = (int)A0(r), options = (int)A2(r);
	uint64_t ustatus = A1(r), urusage = A3(r);
	struct linux_proc *c;
	int rc, idtype = pid > 0 ? P_PID : pid == -1 ? P_ALL : P_PGID;

	if (options &
	    ~(WNOHANG | 2 | 8 | 0x20000000 | 0x40000000 | 0x80000000u))
		return -EINVAL;
	if ((rc = wait_child(idtype, pid, options, &c)) < 0 || !c)
		return rc;
	if (ustatus && user_copy_to(ustatus, &c->wstatus, sizeof(int)) < 0)
		return -EFAULT;
	if (urusage) {
		char zero[144] = {0}; /* struct rusage: nothing counted */

		if (user_copy_to(urusage, zero, sizeof(zero)) < 0)
			return -EFAULT;
	}
	rc = c->pid;
	reap(c);
	return rc;
}

LINUX_SYS(waitid)
{
	int idtype = (int)A0(r), id = (int)A1(r), options = (int)A3(r);
	uint64_t uinfo = A2(r);
	struct l_siginfo info;
	struct linux_proc *c;
	bool nonblock = false;
	int rc;

	if (idtype == P_PIDFD) {
		/* The pidfd's process, as P_PID; a non-blocking pidfd makes
		 * the wait EAGAIN while the child runs (Linux 5.10). */
		if ((id = linux_pidfd_pid(id, &nonblock)) < 0)
			return id;
		idtype = P_PID;
		if (nonblock)
			options |= WNOHANG;
	}
	if (idtype != P_ALL && idtype != P_PID && idtype != P_PGID)
		return -EINVAL;
	if (!(options & WEXITED))
		return -EINVAL;
	if ((rc = wait_child(idtype, id, options, &c)) < 0)
		return rc;
	if (!c && nonblock)
		return -EAGAIN;
	memset(&info, 0, sizeof(info));
	if (c) {
		info.si_signo = L_SIGCHLD;
		info.si_code =
		    linux_wstatus_info(c->wstatus, &info.u.child.status);
		info.u.child.pid = c->pid;
	}
	if (uinfo && user_copy_to(uinfo, &info, sizeof(info)) < 0)
		return -EFAULT;
	if (c && !(options & WNOWAIT))
		reap(c);
	return 0;
}
