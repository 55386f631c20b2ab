/*
 * The fault reporter. Every kernel-mode exception is fatal in Skiff, but
 * for a page fault on user memory that uvm backs on demand, and one in a
 * fault-safe user copy (usercopy.S), which fails that copy: print what
 * happened in terms a developer can act on (the exception's name, the
 * faulting address and access, registers, the thread, a symbolized
 * backtrace), then shut the domain down with reason crash. User-mode
 * exceptions go to arch/x86_64/user.c instead.
 */
#include <arch/cpu.h>
#include <arch/usercopy.h>
#include <arch/xen.h>
#include <kernel/ksyms.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/shutdown.h>
#include <kernel/user.h>
#include <kernel/uvm.h>

static const char *const trap_names[] = {
    "divide error",
    "debug",
    "NMI",
    "breakpoint",
    "overflow",
    "bound range exceeded",
    "invalid opcode",
    "device not available",
    "double fault",
    "coprocessor segment overrun",
    "invalid TSS",
    "segment not present",
    "stack-segment fault",
    "general protection fault",
    "page fault",
    "spurious interrupt",
    "x87 floating-point error",
    "alignment check",
    "machine check",
    "SIMD floating-point exception",
};

static bool in_report;

static void print_registers(const struct trap_frame *f)
{
	printk(" rax %016lx rbx %016lx rcx %016lx\n", f->rax, f->rbx, f->rcx);
	printk(" rdx %016lx rsi %016lx rdi %016lx\n", f->rdx, f->rsi, f->rdi);
	printk(" rbp %016lx rsp %016lx r8  %016lx\n", f->rbp, f->rsp, f->r8);
	printk(" r9  %016lx r10 %016lx r11 %016lx\n", f->r9, f->r10, f->r11);
	printk(" r12 %016lx r13 %016lx r14 %016lx\n", f->r12, f->r13, f->r14);
	printk(" r15 %016lx rflags %016lx error %lx\n", f->r15, f->rflags,
	       f->error);
}

/* Say what kind of address a page fault hit. */
static void explain_page_fault(const struct trap_frame *f, unsigned long cr2)
{
	bool guard = false;
	struct thread *t = sched_thread_by_stack(cr2, &guard);

	printk(" faulting address %016lx (%s, %s%s)\n", cr2,
	       (f->error & 2)	 ? "write"
	       : (f->error & 16) ? "execute"
				 : "read",
	       (f->error & 1) ? "protection violation" : "not mapped",
	       (f->error & 8) ? ", reserved bit" : "");
	if (cr2 < PAGE_SIZE)
		printk(" NULL pointer dereference\n");
	else if (t && guard)
		printk(" stack overflow in thread '%s': guard page hit "
		       "(stack %016lx-%016lx)\n",
		       t->name, t->stack_lo, t->stack_hi);
}

static void stack_bounds(unsigned long sp, unsigned long *lo, unsigned long *hi)
{
	bool guard;
	struct thread *t = sched_thread_by_stack(sp, &guard);

	if (t && !guard) {
		*lo = t->stack_lo;
		*hi = t->stack_hi;
	} else {
		*lo = sp;
		*hi = sp + 64 * 1024;
	}
}

void trap_report(struct trap_frame *f)
{
	/* Xen put the faulting address in vcpu_info before delivering. */
	unsigned long cr2 = arch_vcpu_info()->arch.cr2;
	struct thread *cur = thread_current();
	unsigned long lo, hi;

	if (in_report) {
		printk(
		    "\nfault while reporting a fault (vector %lu, rip %lx)\n",
		    f->vector, f->rip);
		kernel_crash();
	}
	in_report = true;
	printk("\n*** Skiff: %s (vector %lu) in thread '%s' ***\n",
	       f->vector < ARRAY_SIZE(trap_names) ? trap_names[f->vector]
						  : "unknown exception",
	       f->vector, cur ? cur->name : "?");
	ksyms_print(" rip ", f->rip);
	if (f->vector == 14)
		explain_page_fault(f, cr2);
	print_registers(f);
	stack_bounds(f->rsp, &lo, &hi);
	ksyms_backtrace(f->rip, f->rsp, f->rbp, lo, hi);
	kernel_crash();
}

void trap_entry(struct trap_frame *f)
{
	if (f->vector == 14) {
		unsigned long cr2 = arch_vcpu_info()->arch.cr2, fixup;
		int rc;

		/* Kernel or runtime code touching user memory that was
		 * checked (user_access_ok()) but is not backed yet. */
		if (cr2 >= USER_VA_END)
			goto report;
		if (!(rc = uvm_fault(cr2, f->error)))
			return;
		/* Not resolved: a fault-safe copy fails its one call with
		 * the reason (-EFAULT, or -ENOMEM when no frame was free);
		 * anything else is a kernel bug. */
		if ((fixup = arch_extable_fixup(f->rip))) {
			f->rax = (unsigned long)(long)rc;
			f->rip = fixup;
			return;
		}
	}
report:
	trap_report(f);
}

void trap_failsafe(void)
{
	printk(
	    "\n*** Skiff: Xen failsafe callback (bad segment on return) ***\n");
	kernel_crash();
}
