/*
 * PV user mode, the C side: entering user mode, dispatching system calls
 * and faults that come back (user_entry.S builds the frame), the FS base
 * (the user's TLS; in an image with thread-local variables also the
 * thread's TCB while kernel code runs), the kernel stack Xen is given,
 * and the default report for a user-mode fault. docs/usermode.md explains
 * the whole path.
 */
#include <arch/events.h>
#include <arch/cpu.h>
#include <arch/hypercall.h>
#include <kernel/errno.h>
#include <kernel/evtchn.h>
#include <kernel/ksyms.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/shutdown.h>
#include <kernel/user.h>
#include <kernel/uvm.h>

_Static_assert(sizeof(struct user_regs) == 184, "user_entry.S UR_SIZE");
_Static_assert(offsetof(struct user_regs, r15) == 8, "user_entry.S layout");
_Static_assert(offsetof(struct user_regs, rax) == 120, "user_entry.S layout");
_Static_assert(offsetof(struct user_regs, error) == 136, "user_entry.S");
_Static_assert(offsetof(struct user_regs, cs) == 152, "user_entry.S UR_CS");
_Static_assert(offsetof(struct user_regs, rflags) == 160, "user_entry.S");
_Static_assert(offsetof(struct user_regs, ss) == 176, "user_entry.S UR_SS");

#define VECTOR_PAGE_FAULT 14

void arch_user_enter(const struct user_regs *r,
		     struct user_regs *frame) __noreturn;
void user_dispatch(struct user_regs *r);

static struct {
	user_syscall_fn syscall;
	user_fault_fn fault;
	user_symbolize_fn symbolize;
	user_work_fn work;
	unsigned long kernel_sp; /* last HYPERVISOR_stack_switch() */
	struct user_stats stats;
} user;

/* Counted by hypervisor_callback in entry.S. */
extern unsigned long user_upcall_count;
unsigned long user_upcall_count;

void user_stats(struct user_stats *s)
{
	*s = user.stats;
	s->upcalls_in_user = user_upcall_count;
}

void user_set_syscall_handler(user_syscall_fn fn)
{
	user.syscall = fn;
}

void user_set_fault_handler(user_fault_fn fn)
{
	user.fault = fn;
}

void user_set_symbolizer(user_symbolize_fn fn)
{
	user.symbolize = fn;
}

void user_set_work_handler(user_work_fn fn)
{
	user.work = fn;
}

/* The fxsave area user_entry.S keeps below the frame. */
void *user_fpu_state(struct user_regs *r)
{
	return (void *)(((uintptr_t)r - USER_FPU_STATE_SIZE) & ~15UL);
}

static bool canonical(uint64_t a)
{
	return (uint64_t)((int64_t)(a << 16) >> 16) == a;
}

static struct user_regs *frame_of(const struct thread *t)
{
	return (struct user_regs *)t->stack_hi - 1;
}

bool user_thread_has_state(const struct thread *t)
{
	return t->user_state;
}

struct user_regs *user_regs_current(void)
{
	struct thread *t = thread_current();

	return t->user_state ? frame_of(t) : NULL;
}

int user_set_fs_base(uint64_t base)
{
	struct thread *t = thread_current();

	if (!canonical(base) || base >= USER_VA_END)
		return -EPERM;
	t->user_fs_base = base;
	if (t->user_state)
		frame_of(t)->fs_base = base;
	return 0;
}

/* Called by the scheduler for a thread with user state it switches to:
 * an entry from user mode must land on that thread's stack. */
void arch_user_switch_in(struct thread *t)
{
	if (user.kernel_sp == t->stack_hi)
		return;
	user.kernel_sp = t->stack_hi;
	HYPERVISOR_stack_switch(FLAT_KERNEL_SS, t->stack_hi);
}

/* FS := the user's base, unless it holds it already (in an image without
 * thread-local variables it kept it all through the kernel, unless an
 * arch_prctl, a signal frame or another thread changed it). */
static void load_user_fs(uint64_t base)
{
	if (arch_fs_base != base)
		arch_load_fs(base);
}

/* Kernel code about to run for t, which entered from user mode: in an image
 * with thread-local variables FS must hold t's TCB, or C code would reach
 * the user's TLS for its own. (The split-stack checks read GS: no image
 * needs FS for them.) */
static void load_kernel_fs(const struct thread *t)
{
	if (arch_kernel_tls())
		arch_load_fs((unsigned long)t->tcb);
}

void user_enter(const struct user_regs *r)
{
	struct thread *t = thread_current();

	if (!uvm_user_l4_maddr())
		panic("user_enter: no memory for the user page table");
	if (!canonical(r->rip) || !canonical(r->rsp) || !canonical(r->fs_base))
		panic("user_enter: non-canonical rip/rsp/fs_base");
	/* Masked from here until the iret to user mode unmasks. */
	arch_events_save_disable();
	sched_arm_timer();
	t->user_state = true;
	t->user_fs_base = r->fs_base;
	arch_user_switch_in(t);
	load_user_fs(r->fs_base);
	arch_user_enter(r, frame_of(t));
}

static void do_fault(struct user_regs *r, const struct user_fault *f)
{
	user.stats.faults_reported++;
	if (user.fault && user.fault(r, f))
		return;
	user_fault_report(r, f);
	kernel_crash();
}

/* What a handler left in r must be safe to iret to. */
static void check_return_state(struct user_regs *r)
{
	struct user_fault f = {.vector = 13};

	if (canonical(r->rip) && canonical(r->rsp) && canonical(r->fs_base))
		return;
	printk("\n*** Skiff: return to user mode with a non-canonical "
	       "rip, rsp or FS base ***\n");
	user_fault_report(r, &f);
	kernel_crash();
}

/*
 * From user_entry.S, on the thread's stack below the frame, with events
 * masked and the user's FS base still loaded: in an image with
 * thread-local variables, only kernel-side code (which reads no TLS) may
 * run until load_kernel_fs().
 */
void user_dispatch(struct user_regs *r)
{
	struct thread *t = thread_current();
	struct user_fault f = {.vector = r->vector, .error = r->error};

	if (r->vector == USER_VECTOR_UPCALL) {
		/* Event handlers may be runtime code: with TLS in the image
		 * it runs on the thread's TCB, the user's back if user code
		 * runs on. User code is preemptible here: its state is all
		 * saved. */
		load_kernel_fs(t);
		evtchn_do_upcall();
		if (!sched_preempt_pending() && !t->user_work) {
			/* The event may have been the timer, for a deadline
			 * that is gone: arm the next. */
			sched_arm_timer();
			load_user_fs(t->user_fs_base);
			return;
		}
	} else if (r->vector == VECTOR_PAGE_FAULT) {
		/* Demand paging needs neither the FS switch nor events. */
		f.addr = arch_vcpu_info()->arch.cr2;
		if (!uvm_fault(f.addr, r->error)) {
			user.stats.faults_paged++;
			return;
		}
	}
	r->fs_base = t->user_fs_base;
	if (r->vector != USER_VECTOR_UPCALL) /* an upcall switched above */
		load_kernel_fs(t);
	arch_events_restore(0);

	if (r->vector == USER_VECTOR_UPCALL) {
		thread_yield();
	} else if (r->vector != USER_VECTOR_SYSCALL) {
		do_fault(r, &f);
	} else {
		user.stats.syscalls++;
		if (user.syscall)
			user.syscall(r);
		else
			r->rax = (uint64_t)-ENOSYS;
	}

	/* The handler may have switched threads: t is still ours, and the
	 * scheduler gave Xen our stack again when it switched back. Work
	 * for the way out (a signal) is done with events on; what an event
	 * handler or another thread adds before they are masked is done
	 * too. User code does not yield: a sleeper's deadline must
	 * interrupt it, so the timer is armed with events masked (a
	 * deadline that passes from there on is an upcall in user mode). */
	for (;;) {
		if (t->user_work && user.work)
			user.work(r);
		arch_events_save_disable();
		if (!t->user_work || !user.work)
			break;
		arch_events_restore(0);
	}
	sched_arm_timer();
	check_return_state(r);
	t->user_fs_base = r->fs_base;
	load_user_fs(r->fs_base);
}

static const char *vector_name(uint64_t v)
{
	static const char *const names[] = {
	    [0] = "divide error",	  [1] = "debug",
	    [3] = "breakpoint",		  [4] = "overflow",
	    [5] = "bound range exceeded", [6] = "invalid opcode",
	    [7] = "device not available", [13] = "general protection fault",
	    [14] = "page fault",	  [16] = "x87 floating-point error",
	    [17] = "alignment check",	  [19] = "SIMD floating-point error",
	};

	if (v < ARRAY_SIZE(names) && names[v])
		return names[v];
	return "exception";
}

/* The UVM_PROT_* bit a page-fault error code asked for. */
static int access_prot(uint64_t error)
{
	if (error & 2)
		return UVM_PROT_WRITE;
	return (error & 16) ? UVM_PROT_EXEC : UVM_PROT_READ;
}

static void print_user_addr(const char *label, uint64_t a)
{
	char sym[96];

	if (user.symbolize && user.symbolize(a, sym, sizeof(sym)))
		printk(" %s %016lx <%s>\n", label, (unsigned long)a, sym);
	else
		printk(" %s %016lx\n", label, (unsigned long)a);
}

void user_fault_report(const struct user_regs *r, const struct user_fault *f)
{
	struct thread *t = thread_current();

	printk("\n*** Skiff: user-mode %s (vector %lu) in thread '%s' ***\n",
	       vector_name(f->vector), (unsigned long)f->vector,
	       t ? t->name : "?");
	print_user_addr("rip", r->rip);
	if (f->vector == VECTOR_PAGE_FAULT)
		printk(" faulting address %016lx (%s, %s)\n",
		       (unsigned long)f->addr,
		       (f->error & 2)	 ? "write"
		       : (f->error & 16) ? "execute"
					 : "read",
		       (f->error & 1) ? "protection violation" : "not mapped");
	if (f->vector == VECTOR_PAGE_FAULT &&
	    uvm_range_allows(f->addr, 1, access_prot(f->error)))
		printk(" the mapping allows it: out of memory to back the "
		       "page\n");
	printk(" rax %016lx rbx %016lx rcx %016lx\n", (unsigned long)r->rax,
	       (unsigned long)r->rbx, (unsigned long)r->rcx);
	printk(" rdx %016lx rsi %016lx rdi %016lx\n", (unsigned long)r->rdx,
	       (unsigned long)r->rsi, (unsigned long)r->rdi);
	printk(" rbp %016lx rsp %016lx r8  %016lx\n", (unsigned long)r->rbp,
	       (unsigned long)r->rsp, (unsigned long)r->r8);
	printk(" r9  %016lx r10 %016lx r11 %016lx\n", (unsigned long)r->r9,
	       (unsigned long)r->r10, (unsigned long)r->r11);
	printk(" r12 %016lx r13 %016lx r14 %016lx\n", (unsigned long)r->r12,
	       (unsigned long)r->r13, (unsigned long)r->r14);
	printk(" r15 %016lx rflags %016lx error %lx\n", (unsigned long)r->r15,
	       (unsigned long)r->rflags, (unsigned long)f->error);
	printk(" fs_base %016lx\n", (unsigned long)r->fs_base);
}
