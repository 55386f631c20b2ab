/*
 * CPU-level pieces the kernel uses: the trap frame built by entry.S, the
 * context switch, the thread control block, and image/stack symbols.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <arch/tls_layout.h>
#include <kernel/types.h>

/* Built by trap_common in entry.S, lowest address first. */
struct trap_frame {
	unsigned long r15, r14, r13, r12, r11, r10, r9, r8;
	unsigned long rbp, rdi, rsi, rdx, rcx, rbx, rax;
	unsigned long vector, error;
	unsigned long rip, cs, rflags, rsp, ss;
};
_Static_assert(offsetof(struct trap_frame, rax) == 14 * 8, "entry.S layout");
_Static_assert(offsetof(struct trap_frame, rip) == 17 * 8, "entry.S layout");

/* The frame arch_switch_to() pops, as a new thread's stack starts out. */
struct switch_frame {
	uint16_t fpu_cw;
	uint8_t pad[6];
	uint32_t mxcsr;
	uint32_t pad2;
	unsigned long r15, r14, r13, r12, rbx, rbp;
	unsigned long ret; /* arch_thread_trampoline */
};
_Static_assert(sizeof(struct switch_frame) == 9 * 8, "switch.S layout");

void arch_switch_to(unsigned long *save_rsp, unsigned long next_rsp);
void arch_thread_trampoline(void);

struct thread;
/* The scheduler switches to t, a thread with user state: make Xen deliver
 * entries from user mode on t's stack (arch/x86_64/user.c). */
void arch_user_switch_in(struct thread *t);

/*
 * A thread control block: what %fs points at while a thread runs kernel
 * or app code. Word 0 is its own address (the x86-64 ABI's thread
 * pointer, which code loads to reach the thread's variables); the word at
 * 0x70 is the thread's stack limit, which GCC's -fsplit-stack prologue
 * compares %rsp with. The thread's TLS block lies just below it
 * (<arch/tls_layout.h>, tls.c).
 *
 * An image without thread-local variables has one TCB, the boot
 * thread's, for all threads: a switch only stores the next thread's
 * limit into it. With thread-local variables every thread has its own,
 * and a switch also moves the FS base, one hypercall.
 */
struct arch_tcb {
	unsigned long self;
	unsigned long reserved[13];
	unsigned long stack_limit;
	unsigned long pad;
};
_Static_assert(offsetof(struct arch_tcb, stack_limit) == 0x70, "gcc ABI");
_Static_assert(sizeof(struct arch_tcb) == ARCH_TCB_SIZE, "tls_layout.h");
/* The boot thread's, placed by the linker script above its TLS block. */
extern struct arch_tcb arch_boot_tcb;
/* The TCB the FS base points at while kernel code runs. */
extern struct arch_tcb *arch_fs_tcb;

/* Set up the boot thread's TCB and TLS block and point %fs at them. */
void arch_tls_boot(unsigned long stack_limit);
/* Bytes a new thread needs for its TLS block and TCB (0: it shares the
 * boot thread's TCB, the image having no thread-local variables). */
unsigned long arch_tls_area_size(void);
/* Lay out and initialise a new thread's TLS block and TCB in the area of
 * arch_tls_area_size() bytes ending at hi; returns its TCB. */
struct arch_tcb *arch_tls_init(unsigned long hi);
/* Load tcb's address into the FS base (a hypercall). */
void arch_load_fs_tcb(struct arch_tcb *tcb);
/* tcb is about to be unmapped with its thread's stack: the FS base must
 * not point at it (the idle thread may still be running on it). */
void arch_tls_release(struct arch_tcb *tcb);
/* FS-base loads since boot (tests/guest/tls counts them). */
extern unsigned long arch_fs_loads;

/* The scheduler switches to a thread whose TCB is tcb and whose stack
 * limit is limit. The limit is stored every time: the overflow report
 * clears it, and the idle thread borrows the TCB loaded before it. */
static inline void arch_switch_tcb(struct arch_tcb *tcb, unsigned long limit)
{
	tcb->stack_limit = limit;
	if (tcb != arch_fs_tcb)
		arch_load_fs_tcb(tcb);
}

/* The FS base kernel code needs when thread t enters it from user mode. */
#define arch_kernel_fs_base(t) ((unsigned long)(t)->tcb)

/* From entry.S and the linker script. */
extern char boot_stack_guard[], boot_stack[], boot_stack_top[];
extern char exception_stack_guard[], exception_stack[], exception_stack_top[];
extern char _text[], _etext[], _rodata[], _erodata[], _data[], _end[];

static inline unsigned long arch_read_rbp(void)
{
	unsigned long rbp;
	__asm__ __volatile__("movq %%rbp, %0" : "=r"(rbp));
	return rbp;
}

/* A kernel-mode exception, from entry.S on the exception stack: returns
 * if it was resolved (a page fault on a user page not yet backed), else
 * reports it with trap_report() and crashes. */
void trap_entry(struct trap_frame *f);
/* Report an exception and crash. */
void trap_report(struct trap_frame *f) __noreturn;
void trap_failsafe(void) __noreturn;

#endif
