/*
 * Signals for the Linux binary, the Linux x86-64 way (docs/signals.md):
 * actions, per-thread masks, thread and process pending sets, delivery
 * on the way back to user mode with a frame in Linux's layout
 * (sigframe.c), rt_sigreturn, the waits (rt_sigsuspend,
 * rt_sigtimedwait, pause), kill/tkill/tgkill/sigqueue to the program's
 * own threads, default actions, faults turned into SIGSEGV and friends,
 * SIGPIPE, EINTR and SA_RESTART, and SIGTERM with a grace period when
 * the toolstack asks the domain to shut down. Pending sets merge
 * standard signals and queue real-time ones (sigqueue.c); timers
 * (timers.c) and signalfd (signalfd.c) build on the calls here.
 *
 * Delivery: sending a signal marks it pending and, for a thread that
 * does not block it, calls thread_interrupt(): the thread's user_work
 * flag makes the return path to user mode (arch/x86_64/user.c) call
 * deliver() first, and an interruptible wait it sleeps in ends with
 * -EINTR. A thread running user code meets the flag at its next entry to
 * the kernel, an event upcall at the latest (the timer's, since the
 * sender ran while it was preempted), which is how Go's preemption
 * requests (SIGURG from tgkill) reach a goroutine spinning in a loop.
 * Everything runs with Skiff's cooperative threads on one vCPU: between
 * two blocking points nothing else touches this state, except event
 * handlers, which never do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/printk.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <kernel/uvm.h>

#include <skiff/shutdown.h>

#include "linux_priv.h"
#include "sysnr.h"

#define UNBLOCKABLE (L_SIGBIT(L_SIGKILL) | L_SIGBIT(L_SIGSTOP))
#define PID (linux_proc_self()->pid) /* getpid() */
#define SIGCHLD_NR 17
#define SI_QUEUE (-1)
#define RED_ZONE 128
#define SYSCALL_INSN_LEN 2
#define MSG_NOSIGNAL 0x4000

/* The calling thread's process's actions and pending set (each process
 * has its own: <linux_priv.h>). */
#define SIG (linux_proc_self()->sig)

static struct {
	unsigned int grace_s; /* SIGTERM to the end on xl shutdown */
} stop;

/* The grace period APP_STOP_GRACE gave (app_name.o, from app.mk). */
extern const unsigned int skiff_stop_grace_s;

static const char *const names[L_NSIG + 1] = {
    [1] = "SIGHUP",   [2] = "SIGINT",	  [3] = "SIGQUIT",  [4] = "SIGILL",
    [5] = "SIGTRAP",  [6] = "SIGABRT",	  [7] = "SIGBUS",   [8] = "SIGFPE",
    [9] = "SIGKILL",  [10] = "SIGUSR1",	  [11] = "SIGSEGV", [12] = "SIGUSR2",
    [13] = "SIGPIPE", [14] = "SIGALRM",	  [15] = "SIGTERM", [16] = "SIGSTKFLT",
    [17] = "SIGCHLD", [18] = "SIGCONT",	  [19] = "SIGSTOP", [20] = "SIGTSTP",
    [21] = "SIGTTIN", [22] = "SIGTTOU",	  [23] = "SIGURG",  [24] = "SIGXCPU",
    [25] = "SIGXFSZ", [26] = "SIGVTALRM", [27] = "SIGPROF", [28] = "SIGWINCH",
    [29] = "SIGIO",   [30] = "SIGPWR",	  [31] = "SIGSYS",
};

static const char *sig_name(int s, char *buf, size_t n)
{
	if (s > 0 && s <= L_NSIG && names[s])
		return names[s];
	snprintf(buf, n, "SIGRT%d", s - 32);
	return buf;
}

static bool valid(int s)
{
	return s >= 1 && s <= L_NSIG;
}

/* Whether process p would throw s away now: handler SIG_IGN, or the
 * default action is to ignore it (no job control: stop signals too). */
static bool ignored_by(const struct linux_proc *p, int s)
{
	uint64_t h = p->sig.act[s].handler;

	if (h == L_SIG_IGN)
		return true;
	return h == L_SIG_DFL && (sig_default_action(s) == SIGDFL_IGNORE ||
				  sig_default_action(s) == SIGDFL_STOP);
}

/* The same for the caller's process. */
static bool ignored(int s)
{
	return ignored_by(linux_proc_self(), s);
}

static bool fatal_by_default(int s)
{
	return SIG.act[s].handler == L_SIG_DFL &&
	       (sig_default_action(s) == SIGDFL_TERM ||
		sig_default_action(s) == SIGDFL_CORE);
}

/* Whether sending s to t ends the program now: fatal, not blocked, and
 * not what t waits for in rt_sigtimedwait (sigwait takes it instead). */
static bool kills(const struct linux_thread *t, int s)
{
	return fatal_by_default(s) &&
	       !((t->sigmask | t->waiting) & L_SIGBIT(s));
}

/* Set or clear t's user_work for what it may take now. */
static void recalc(struct linux_thread *t)
{
	if (sigq_deliverable(&t->pend, &t->proc->sig.pend, t->sigmask) ||
	    t->restart_nr)
		thread_interrupt(t->kt);
	else
		t->kt->user_work = false;
}

static void recalc_all(void)
{
	struct list_head *pos;

	list_for_each(pos, &linux_threads)
		recalc(list_entry(pos, struct linux_thread, link));
}

/*
 * The end of the program by a signal: exit code 128 + n, as a shell
 * reports it; a report of the thread's registers first for the signals
 * whose default action dumps core.
 */
void linux_signal_fatal(int s, struct user_regs *r)
{
	bool core = sig_default_action(s) == SIGDFL_CORE;
	int pid = linux_proc_self()->pid;
	char buf[16];

	if (pid == 1)
		printk("linux: the program was killed by %s (signal %d): "
		       "exit code %d\n",
		       sig_name(s, buf, sizeof(buf)), s, 128 + s);
	else
		printk("linux: process %d was killed by %s (signal %d)\n", pid,
		       sig_name(s, buf, sizeof(buf)), s);
	if (core && r) {
		char sym[96];

		if (!linux_symbolize(r->rip, sym, sizeof(sym)))
			sym[0] = 0;
		printk(" in thread %d: rip %016llx <%s> rsp %016llx\n",
		       linux_thread_self()->tid, (unsigned long long)r->rip,
		       sym, (unsigned long long)r->rsp);
		printk(" rax %016llx rbx %016llx rcx %016llx rdx %016llx\n",
		       (unsigned long long)r->rax, (unsigned long long)r->rbx,
		       (unsigned long long)r->rcx, (unsigned long long)r->rdx);
		printk(" rsi %016llx rdi %016llx rbp %016llx\n",
		       (unsigned long long)r->rsi, (unsigned long long)r->rdi,
		       (unsigned long long)r->rbp);
	}
	linux_proc_exit(s | (core ? 0x80 : 0));
}

/* An instance of s into a pending set: standard signals merge, real-time
 * ones queue (sigqueue.c). 1 stored, 0 merged, or an error. */
static int put_pending(struct linux_proc *proc, struct sig_pending *sp, int s,
		       const struct linux_sigpend *p)
{
	int rc;

	proc->sig.count.limit = linux_sigpending_limit();
	rc = sigq_put(sp, s, p, &proc->sig.count);
	if (rc == 0)
		linux_signalfd_notify();
	return rc < 0 ? rc : !rc;
}

/* Send s to thread t (tkill, a fault, SIGPIPE, a timer): 1 if the
 * instance is pending now, 0 if it was dropped or merged, or an error. */
static int send_thread(struct linux_thread *t, int s,
		       const struct linux_sigpend *p)
{
	int rc;

	if (ignored(s) && !((t->sigmask | t->waiting) & L_SIGBIT(s)))
		return 0;
	if (kills(t, s) && t->proc == linux_proc_self())
		linux_signal_fatal(
		    s, t->kt == thread_current() ? user_regs_current() : NULL);
	rc = put_pending(t->proc, &t->pend, s, p);
	recalc(t);
	return rc;
}

/* Send s to process proc (kill, SIGTERM, a timer, SIGCHLD): one of its
 * threads that does not block it is woken to take it, the calling one
 * first. A signal that ends another process does so when one of its
 * threads next returns to user mode. Returns as send_thread(). */
static int send_process(struct linux_proc *proc, int s,
			const struct linux_sigpend *p)
{
	struct linux_thread *self = NULL, *t = NULL;
	struct list_head *pos;
	int rc;

	list_for_each(pos, &linux_threads) {
		struct linux_thread *c =
		    list_entry(pos, struct linux_thread, link);

		if (c->proc != proc || (c->sigmask & L_SIGBIT(s)))
			continue;
		if (c->kt == thread_current())
			self = c;
		else if (!t)
			t = c;
	}
	if (self)
		t = self;
	if (ignored_by(proc, s) && t && !(t->waiting & L_SIGBIT(s)))
		return 0;
	if (t && t == self && kills(t, s))
		linux_signal_fatal(s, user_regs_current());
	rc = put_pending(proc, &proc->sig.pend, s, p);
	if (t)
		recalc(t);
	return rc;
}

int linux_signal_send(struct linux_thread *t, int s,
		      const struct linux_sigpend *p)
{
	return t ? send_thread(t, s, p) : send_process(linux_proc_self(), s, p);
}

void linux_signal_child(struct linux_proc *parent, int s, int pid, int wstatus)
{
	struct linux_sigpend p = {.pid = pid};
	int status;

	if (!valid(s))
		return;
	p.code = linux_wstatus_info(wstatus, &status);
	p.value = (uint64_t)status;
	send_process(parent, s, &p);
}

/* Drop every pending instance of s from sp; a timer whose signal goes
 * may raise it again (timers.c). */
static void drop_all(struct sig_pending *sp, int s)
{
	struct linux_sigpend p;

	while (sigq_take(sp, s, &p, &linux_proc_self()->sig.count))
		if (p.code == L_SI_TIMER)
			linux_timer_taken(p.timerid);
}

void linux_signal_thread_gone(struct linux_thread *t)
{
	int s;

	for (s = 1; s <= L_NSIG; s++)
		drop_all(&t->pend, s);
}

void linux_signal_proc_gone(void)
{
	int s;

	for (s = 1; s <= L_NSIG; s++)
		drop_all(&SIG.pend, s);
}

/* The siginfo a handler or sigwaitinfo gets for instance p of s. */
static void siginfo_of(int s, const struct linux_sigpend *p,
		       struct l_siginfo *info)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = s;
	info->si_code = p->code;
	if (s == SIGCHLD_NR && p->code > 0) { /* CLD_*: a child ended */
		info->u.child.pid = p->pid;
		info->u.child.status = (int32_t)p->value;
	} else if (p->code > 0 && p->code != L_SI_KERNEL) { /* a fault */
		info->u.fault.addr = p->value;
	} else if (p->code == L_SI_TIMER) {
		/* _timer: tid, overrun, sigval where _rt has pid, uid, sigval */
		info->u.kill.pid = p->timerid;
		info->u.kill.uid = (uint32_t)linux_timer_taken(p->timerid);
		info->u.kill.value = p->value;
	} else {
		info->u.kill.pid = p->pid;
		info->u.kill.value = p->value;
	}
}

/* The next signal of want for t, dequeued with its siginfo into *info
 * (its own set before the process's); 0 if none. */
static int take_from(struct linux_thread *t, uint64_t want,
		     struct l_siginfo *info)
{
	struct linux_sigpend p;
	int s = sigq_next(&t->pend, &SIG.pend, want, &p, &SIG.count);

	if (s)
		siginfo_of(s, &p, info);
	return s;
}

int linux_signal_take(uint64_t want, struct l_siginfo *info)
{
	struct linux_thread *t = linux_thread_self();
	int s = take_from(t, want & ~UNBLOCKABLE, info);

	if (s)
		recalc(t);
	return s;
}

uint64_t linux_signal_pending(void)
{
	return linux_thread_self()->pend.set | SIG.pend.set;
}

/* --- The alternate stack ------------------------------------------------ */

static bool on_altstack(const struct linux_thread *t, uint64_t sp)
{
	const struct l_stack *a = &t->altstack;

	return !(a->ss_flags & L_SS_DISABLE) && sp > a->ss_sp &&
	       sp - a->ss_sp <= a->ss_size;
}

/* sigaltstack's view: SS_ONSTACK while running on it. */
static struct l_stack altstack_report(const struct linux_thread *t, uint64_t sp)
{
	struct l_stack a = t->altstack;

	if (on_altstack(t, sp))
		a.ss_flags = L_SS_ONSTACK;
	return a;
}

/* 0 or the error sigaltstack gives for *a as the new stack. */
static int altstack_set(struct linux_thread *t, const struct l_stack *a,
			uint64_t sp)
{
	/* SS_AUTODISARM (bit 31) is accepted and has no effect here. */
	int flags = a->ss_flags & ~(int32_t)0x80000000;

	if (on_altstack(t, sp))
		return -EPERM;
	if (flags == L_SS_DISABLE) {
		memset(&t->altstack, 0, sizeof(t->altstack));
		t->altstack.ss_flags = L_SS_DISABLE;
		return 0;
	}
	if (flags != 0 && flags != L_SS_ONSTACK)
		return -EINVAL;
	if (a->ss_size < L_MINSIGSTKSZ)
		return -ENOMEM;
	t->altstack.ss_sp = a->ss_sp;
	t->altstack.ss_size = a->ss_size;
	t->altstack.ss_flags = 0;
	return 0;
}

/* --- Delivery ----------------------------------------------------------- */

/* Back over the syscall instruction, with the call's number again:
 * the interrupted call runs anew (restart: its number plus one). */
static void restart_call(struct user_regs *r, uint64_t restart)
{
	r->rax = restart - 1;
	r->rip -= SYSCALL_INSN_LEN;
}

/* The return path's work (user_set_work_handler()): restart an
 * interrupted call or not, and deliver one signal. */
static void deliver(struct user_regs *r)
{
	struct linux_thread *t;
	uint64_t restart, mask;
	struct sigframe_out out;
	struct l_siginfo info;
	struct l_sigaction act;
	uint8_t buf[L_SIGFRAME_MAX];
	int s;

	linux_proc_exiting_check(); /* a thread of an ending process ends */
	t = linux_thread_self();
	restart = t->restart_nr;
	mask = t->sigmask;
	t->restart_nr = 0;
	if (t->restore_mask)
		mask = t->saved_mask;
	for (;;) {
		s = take_from(t, ~t->sigmask, &info);
		if (!s)
			break;
		if (SIG.act[s].handler != L_SIG_DFL &&
		    SIG.act[s].handler != L_SIG_IGN)
			break;
		if (fatal_by_default(s))
			linux_signal_fatal(s, r);
		/* Ignored by now: dropped. */
	}
	if (!s) { /* nothing to run: an interrupted call starts again */
		if (restart)
			restart_call(r, restart);
		if (t->restore_mask) {
			t->restore_mask = false;
			t->sigmask = t->saved_mask;
		}
		recalc(t);
		return;
	}

	act = SIG.act[s];
	if (restart && (act.flags & L_SA_RESTART))
		restart_call(r, restart);
	else if (restart)
		r->rax = (uint64_t)-EINTR;
	struct sigframe_in in = {
	    .r = r,
	    .fpu = user_fpu_state(r),
	    .sig = s,
	    .info = &info,
	    .act = &act,
	    .oldmask = mask,
	    .altstack = altstack_report(t, r->rsp),
	};
	if (t->fault_sig == s) {
		in.trapno = t->fault.vector;
		in.err = t->fault.error;
		in.cr2 = t->fault.addr;
	}
	t->fault_sig = 0;
	if ((act.flags & L_SA_ONSTACK) &&
	    !(t->altstack.ss_flags & L_SS_DISABLE) && !on_altstack(t, r->rsp))
		in.top = t->altstack.ss_sp + t->altstack.ss_size;
	else
		in.top = r->rsp - RED_ZONE;
	if (!(act.flags & L_SA_RESTORER) ||
	    sigframe_build(&in, buf, &out) < 0 ||
	    user_copy_to(out.sp, buf, out.len) < 0) {
		char nb[16];

		printk("linux: cannot deliver %s: %s\n",
		       sig_name(s, nb, sizeof(nb)),
		       act.flags & L_SA_RESTORER
			   ? "no writable stack for its frame"
			   : "the handler has no SA_RESTORER");
		linux_signal_fatal(L_SIGSEGV, r);
	}
	sigframe_enter(r, &out, s, act.handler);
	t->restore_mask = false;
	t->sigmask |= act.mask;
	if (!(act.flags & L_SA_NODEFER))
		t->sigmask |= L_SIGBIT(s);
	t->sigmask &= ~UNBLOCKABLE;
	if (act.flags & L_SA_RESETHAND) {
		SIG.act[s].handler = L_SIG_DFL;
		SIG.act[s].flags &= ~L_SA_SIGINFO;
	}
	recalc(t);
}

/* The fault handler (user_set_fault_handler()): a fault becomes its
 * signal for a program that handles it; else (no handler, or it is
 * blocked or ignored: Linux kills then too) the default report. */
static bool fault(struct user_regs *r, const struct user_fault *f)
{
	struct linux_thread *t = linux_thread_self();
	int mapped = 0, allowed = 0, s;
	struct linux_sigpend p;
	struct l_siginfo info;

	if (f->vector == 14) {
		int prot = (f->error & 2)    ? UVM_PROT_WRITE
			   : (f->error & 16) ? UVM_PROT_EXEC
					     : UVM_PROT_READ;

		mapped = uvm_range_allows(f->addr, 1, 0);
		allowed = uvm_range_allows(f->addr, 1, prot);
	}
	sig_from_fault(f, r->rip, mapped, allowed, user_fpu_state(r), &info);
	s = info.si_signo;
	if (SIG.act[s].handler == L_SIG_DFL ||
	    SIG.act[s].handler == L_SIG_IGN || (t->sigmask & L_SIGBIT(s))) {
		/* Fatal, as Linux forces it: a child process dies alone
		 * (its parent's wait sees the signal); the program's own
		 * fault ends the domain with the kernel's report, as init's
		 * death panics Linux. */
		if (linux_proc_self()->pid != 1)
			linux_signal_fatal(s, r);
		if (f->vector == 14) /* the start of Go's own report */
			printk("unexpected fault address 0x%llx\n"
			       "fatal error: fault\n"
			       "[signal SIGSEGV: segmentation violation "
			       "code=0x%x addr=0x%llx pc=0x%llx]\n",
			       (unsigned long long)f->addr, info.si_code,
			       (unsigned long long)f->addr,
			       (unsigned long long)r->rip);
		return false;
	}
	memset(&p, 0, sizeof(p));
	p.code = info.si_code;
	p.value = info.u.fault.addr;
	t->fault = *f;
	t->fault_sig = s;
	/* A fault's signal goes first: replace one that waits. */
	sigq_put_first(&t->pend, s, &p);
	recalc(t);
	return true;
}

/* --- After every call --------------------------------------------------- */

/* Calls restarted after a handler with SA_RESTART (or none ran); the
 * others (poll, epoll_wait, nanosleep, sigsuspend, ...) fail with EINTR,
 * as on Linux. */
static bool restartable(uint64_t nr)
{
	switch (nr) {
	case NR_read:
	case NR_write:
	case NR_readv:
	case NR_writev:
	case NR_pread64:
	case NR_pwrite64:
	case NR_ioctl:
	case NR_futex:
	case NR_accept:
	case NR_accept4:
	case NR_connect:
	case NR_recvfrom:
	case NR_sendto:
	case NR_recvmsg:
	case NR_sendmsg:
	case NR_open:
	case NR_openat:
	case NR_fcntl:
	case NR_flock:
	case NR_fsync:
	case NR_fdatasync:
	case NR_wait4:
	case NR_waitid:
	case NR_getrandom:
		return true;
	default:
		return false;
	}
}

/* Whether -EPIPE from call nr raises SIGPIPE (send/sendmsg unless
 * MSG_NOSIGNAL). */
static bool raises_sigpipe(const struct user_regs *r, uint64_t nr)
{
	switch (nr) {
	case NR_write:
	case NR_writev:
	case NR_pwrite64:
	case NR_sendfile:
		return true;
	case NR_sendto:
		return !(A3(r) & MSG_NOSIGNAL);
	case NR_sendmsg:
		return !(A2(r) & MSG_NOSIGNAL);
	default:
		return false;
	}
}

void linux_signal_after_call(struct user_regs *r, uint64_t nr)
{
	long rc = (long)r->rax;
	struct linux_thread *t;

	if (rc == -EINTR_NORESTART) {
		r->rax = (uint64_t)-EINTR;
	} else if (rc == -EINTR && restartable(nr)) {
		t = linux_thread_self();
		t->restart_nr = nr + 1;
		thread_interrupt(t->kt);
	} else if (rc == -EPIPE && raises_sigpipe(r, nr)) {
		struct linux_sigpend p = {.code = L_SI_KERNEL};

		send_thread(linux_thread_self(), L_SIGPIPE, &p);
	}
}

/* --- The calls ---------------------------------------------------------- */

/* Install action *a for signal s (rt_sigaction). */
static void set_action(int s, struct l_sigaction *a)
{
	a->mask &= ~UNBLOCKABLE;
	SIG.act[s] = *a;
	if (ignored(s)) { /* pending instances go, in every thread */
		struct list_head *pos;

		drop_all(&SIG.pend, s);
		list_for_each(pos, &linux_threads)
			drop_all(
			    &list_entry(pos, struct linux_thread, link)->pend,
			    s);
		recalc_all();
	}
}

/* Linux's order: the set's size, the new action read, the signal
 * checked, the action changed, and only then the old one written (a
 * fault there is EFAULT with the new action in place). */
LINUX_SYS(rt_sigaction)
{
	int s = (int)A0(r);
	uint64_t act = A1(r), old = A2(r);
	struct l_sigaction a, prev;

	if (A3(r) != sizeof(uint64_t))
		return -EINVAL;
	if (act && user_copy_from(&a, act, sizeof(a)) < 0)
		return -EFAULT;
	if (!valid(s) || (act && (L_SIGBIT(s) & UNBLOCKABLE)))
		return -EINVAL;
	prev = SIG.act[s];
	if (act)
		set_action(s, &a);
	if (old && user_copy_to(old, &prev, sizeof(prev)) < 0)
		return -EFAULT;
	return 0;
}

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

LINUX_SYS(rt_sigprocmask)
{
	struct linux_thread *t = linux_thread_self();
	uint64_t set = A1(r), old = A2(r), m = 0, prev = t->sigmask;

	if (A3(r) != sizeof(m))
		return -EINVAL;
	if (set) {
		if (user_copy_from(&m, set, sizeof(m)) < 0)
			return -EFAULT;
		m &= ~UNBLOCKABLE;
		switch (A0(r)) {
		case SIG_BLOCK:
			t->sigmask |= m;
			break;
		case SIG_UNBLOCK:
			t->sigmask &= ~m;
			break;
		case SIG_SETMASK:
			t->sigmask = m;
			break;
		default:
			return -EINVAL;
		}
	}
	if (old && user_copy_to(old, &prev, sizeof(prev)) < 0)
		return -EFAULT;
	recalc(t);
	return 0;
}

/* A frame rt_sigreturn cannot use: SIGSEGV, which kills (Linux forces
 * it too). */
static __noreturn void bad_frame(struct user_regs *r, const char *why)
{
	printk("linux: rt_sigreturn: %s\n", why);
	linux_signal_fatal(L_SIGSEGV, r);
}

LINUX_SYS(rt_sigreturn)
{
	struct linux_thread *t = linux_thread_self();
	uint8_t *fx = user_fpu_state(r);
	struct l_ucontext uc;

	/* The handler's ret popped pretcode: the ucontext is at rsp. */
	if (user_copy_from(&uc, r->rsp, sizeof(uc)) < 0)
		bad_frame(r, "the frame is not readable");
	if (!canonical(uc.uc_mcontext.rip) || !canonical(uc.uc_mcontext.rsp))
		bad_frame(r, "a non-canonical rip or rsp");
	if (uc.uc_mcontext.fpstate) {
		if (user_copy_from(fx, uc.uc_mcontext.fpstate, L_FPSTATE_SIZE) <
		    0)
			bad_frame(r, "the FPU state is not readable");
		sigframe_sanitize_fpu(fx);
	} else { /* no state: the defaults, as Linux sets them */
		memset(fx, 0, L_FPSTATE_SIZE);
		fx[0] = 0x7f, fx[1] = 0x03;   /* FCW 0x37f */
		fx[24] = 0x80, fx[25] = 0x1f; /* MXCSR 0x1f80 */
	}
	sigframe_restore(r, &uc);
	t->sigmask = uc.uc_sigmask & ~UNBLOCKABLE;
	/* The frame's alternate stack becomes the thread's, errors
	 * ignored (Linux's restore_altstack()). */
	altstack_set(t, &uc.uc_stack, r->rsp);
	recalc(t);
	return (long)r->rax; /* the dispatcher stores it back */
}

LINUX_SYS(rt_sigpending)
{
	struct linux_thread *t = linux_thread_self();
	uint64_t set = (t->pend.set | SIG.pend.set) & t->sigmask;

	if (A1(r) > sizeof(set))
		return -EINVAL;
	return user_copy_to(A0(r), &set, A1(r)) < 0 ? -EFAULT : 0;
}

int linux_sigmask_for_call(uint64_t umask, uint64_t size)
{
	struct linux_thread *t;
	uint64_t m;

	if (!umask)
		return 0;
	if (size != sizeof(m))
		return -EINVAL;
	if (user_copy_from(&m, umask, sizeof(m)) < 0)
		return -EFAULT;
	t = linux_thread_self();
	t->saved_mask = t->sigmask;
	t->restore_mask = true;
	t->sigmask = m & ~UNBLOCKABLE;
	recalc(t);
	return 0;
}

void linux_sigmask_call_done(long rc)
{
	struct linux_thread *t = linux_thread_self();

	/* Interrupted: the mask comes back after the handler ran (its
	 * frame keeps the old one), as Linux does. */
	if (!t->restore_mask || rc == -EINTR)
		return;
	t->restore_mask = false;
	t->sigmask = t->saved_mask;
	recalc(t);
}

/* Sleep until a signal comes; always -EINTR. */
static long wait_for_signal(struct linux_thread *t)
{
	while (wq_wait_intr(&t->no_wake, 0) != -EINTR)
		;
	return -EINTR;
}

LINUX_SYS(rt_sigsuspend)
{
	int rc;

	if (!A0(r))
		return -EFAULT;
	if ((rc = linux_sigmask_for_call(A0(r), A1(r))) < 0)
		return rc;
	return wait_for_signal(linux_thread_self());
}

LINUX_SYS(pause)
{
	(void)r;
	return wait_for_signal(linux_thread_self());
}

LINUX_SYS(rt_sigtimedwait)
{
	struct linux_thread *t = linux_thread_self();
	uint64_t set, ns = 0, deadline = 0, saved;
	struct l_siginfo info;
	int s, rc = 0;

	if (A3(r) != sizeof(set))
		return -EINVAL;
	if (user_copy_from(&set, A0(r), sizeof(set)) < 0)
		return -EFAULT;
	set &= ~UNBLOCKABLE;
	if (A2(r)) {
		if ((rc = linux_timespec_ns(A2(r), &ns)) < 0)
			return rc;
		deadline = linux_deadline(ns);
	}
	if (!(s = take_from(t, set, &info))) {
		if (A2(r) && !ns)
			return -EAGAIN;
		/* Waiting, the set counts as unblocked, so that a signal
		 * of it sent to the process picks this thread. */
		saved = t->sigmask;
		t->sigmask &= ~set;
		t->waiting = set;
		recalc(t);
		do
			rc = wq_wait_intr(&t->no_wake, deadline);
		while (rc == 0);
		t->sigmask = saved;
		t->waiting = 0;
		s = take_from(t, set, &info);
		recalc(t);
		if (!s)
			return rc == -ETIMEDOUT ? -EAGAIN : -EINTR;
	}
	if (A1(r) && user_copy_to(A1(r), &info, sizeof(info)) < 0)
		return -EFAULT;
	return s;
}

LINUX_SYS(sigaltstack)
{
	struct linux_thread *t = linux_thread_self();
	struct l_stack ss, old = altstack_report(t, r->rsp);
	int rc = 0;

	if (A0(r)) {
		if (user_copy_from(&ss, A0(r), sizeof(ss)) < 0)
			return -EFAULT;
		if ((rc = altstack_set(t, &ss, r->rsp)) < 0)
			return rc;
	}
	if (A1(r) && user_copy_to(A1(r), &old, sizeof(old)) < 0)
		return -EFAULT;
	return 0;
}

static long do_kill_thread(int tid, int s, int code)
{
	struct linux_thread *t = linux_thread_find(tid);
	struct linux_sigpend p = {.code = code, .pid = PID};
	int rc;

	if (s < 0 || s > L_NSIG || tid <= 0)
		return -EINVAL;
	if (!t)
		return -ESRCH;
	rc = s ? send_thread(t, s, &p) : 0;
	return rc < 0 ? rc : 0;
}

LINUX_SYS(tgkill)
{
	struct linux_thread *t = linux_thread_find((int)A1(r));

	if ((int)A0(r) <= 0)
		return -EINVAL;
	if (t && t->proc->pid != (int)A0(r))
		return -ESRCH;
	return do_kill_thread((int)A1(r), (int)A2(r), L_SI_TKILL);
}

LINUX_SYS(tkill)
{
	return do_kill_thread((int)A0(r), (int)A1(r), L_SI_TKILL);
}

/* kill(pid, sig): a process by its id; every process is alone in its
 * group, so pid 0 and -pgid reach the caller; -1 reaches every
 * process. */
int linux_signal_user(struct linux_proc *target, int s)
{
	struct linux_sigpend p = {.code = L_SI_USER, .pid = PID};
	int rc;

	if (s < 0 || s > L_NSIG)
		return -EINVAL;
	rc = s ? send_process(target, s, &p) : 0;
	return rc < 0 ? rc : 0;
}

LINUX_SYS(kill)
{
	int pid = (int)A0(r), s = (int)A1(r);
	struct linux_sigpend p = {.code = L_SI_USER, .pid = PID};
	struct linux_proc *target = NULL;

	if (s < 0 || s > L_NSIG)
		return -EINVAL;
	if (pid == -1) {
		struct list_head *pos, *n;

		/* Others first: the caller's own end may come at once. */
		list_for_each_safe(pos, n, &linux_threads) {
			struct linux_thread *t =
			    list_entry(pos, struct linux_thread, link);

			if (s && t->proc != linux_proc_self() &&
			    t->proc->pid == t->tid)
				send_process(t->proc, s, &p);
		}
		target = linux_proc_self();
	} else if (pid == 0 || -pid == PID) {
		target = linux_proc_self();
	} else if (pid > 0) {
		target = linux_proc_find(pid);
	}
	if (!target)
		return -ESRCH;
	return linux_signal_user(target, s);
}

/* rt_sigqueueinfo / rt_tgsigqueueinfo: a user's siginfo, with the
 * codes Linux lets a program send itself (negative ones but SI_TKILL). */
static int queue_info(uint64_t uinfo, int s, struct linux_sigpend *p)
{
	struct l_siginfo info;

	if (user_copy_from(&info, uinfo, sizeof(info)) < 0)
		return -EFAULT;
	if (info.si_code >= 0 || info.si_code == L_SI_TKILL)
		return -EPERM;
	if (s < 0 || s > L_NSIG)
		return -EINVAL;
	memset(p, 0, sizeof(*p));
	p->code = info.si_code;
	p->pid = info.u.kill.pid;
	p->value = info.u.kill.value;
	return 0;
}

LINUX_SYS(rt_sigqueueinfo)
{
	struct linux_proc *target = linux_proc_find((int)A0(r));
	struct linux_sigpend p;
	int rc = queue_info(A2(r), (int)A1(r), &p);

	if (rc < 0)
		return rc;
	if (!target)
		return -ESRCH;
	if (A1(r) && (rc = send_process(target, (int)A1(r), &p)) < 0)
		return rc;
	return 0;
}

LINUX_SYS(rt_tgsigqueueinfo)
{
	struct linux_thread *t;
	struct linux_sigpend p;
	int rc = queue_info(A3(r), (int)A2(r), &p);

	if (rc < 0)
		return rc;
	if (!(t = linux_thread_find((int)A1(r))) || t->proc->pid != (int)A0(r))
		return -ESRCH;
	if (A2(r) && (rc = send_thread(t, (int)A2(r), &p)) < 0)
		return rc;
	return 0;
}

/* --- xl shutdown / xl reboot -------------------------------------------- */

/*
 * A shutdown hook (<skiff/shutdown.h>): SIGTERM to the program. Without
 * a handler its default action ends the program at once (exit code
 * 143); a program that handles (or ignores) it has the grace period to
 * exit by itself, with its own code; after that the domain stops with
 * SIGKILL's 137.
 */
static void on_shutdown(int reason, void *arg)
{
	struct linux_sigpend p = {.code = L_SI_USER, .pid = 0};

	(void)reason;
	(void)arg;
	if (fatal_by_default(L_SIGTERM)) {
		printk("linux: xl shutdown: SIGTERM, which the program does "
		       "not handle\n");
		linux_signal_fatal(L_SIGTERM, NULL);
	}
	printk("linux: xl shutdown: SIGTERM sent; the program has %u s to "
	       "exit\n",
	       stop.grace_s);
	send_process(&linux_proc, L_SIGTERM, &p);
	thread_sleep_until(time_monotonic_ns() +
			   (uint64_t)stop.grace_s * 1000000000ull);
	printk("linux: the program did not exit within %u s of SIGTERM: "
	       "stopping it (SIGKILL)\n",
	       stop.grace_s);
	linux_signal_fatal(L_SIGKILL, NULL);
}

#define GRACE_MAX (24u * 3600u)
static const char *grace_arg;

static void take_grace(const char *value)
{
	grace_arg = value;
}
BOOT_OPTION("stop_grace", take_grace);

static unsigned int grace_seconds(void)
{
	char *end;
	unsigned long v;

	if (!grace_arg)
		return skiff_stop_grace_s;
	v = strtoul(grace_arg, &end, 10);
	if (end == grace_arg || *end || v > GRACE_MAX || *grace_arg == '-') {
		printk("linux: stop_grace=%s is not a number of seconds "
		       "from 0 to %u: using %u\n",
		       grace_arg, GRACE_MAX, skiff_stop_grace_s);
		return skiff_stop_grace_s;
	}
	return (unsigned int)v;
}

void linux_signal_init(void)
{
	stop.grace_s = grace_seconds();
	user_set_work_handler(deliver);
	user_set_fault_handler(fault);
	if (skiff_on_shutdown(on_shutdown, NULL) < 0)
		printk("linux: no room for the SIGTERM shutdown hook\n");
}
