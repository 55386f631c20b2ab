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
 * The per-CPU area the kernel's GS base points at (Skiff runs one vCPU:
 * one area). Its word at 0x70 is the running thread's stack limit, which
 * every split-stack prologue compares %rsp with (GCC writes %fs:0x70;
 * tools/splitgs moves it to %gs:0x70 in the linked image). Xen keeps the
 * kernel's GS base apart from user mode's and swaps the two itself on
 * every switch between the modes, so the base is set once at boot, holds
 * whatever user code does with its own GS, and costs an entry from user
 * mode nothing. FS stays free for thread-local storage: the user
 * program's, or the TCB below.
 */
struct arch_cpu {
	unsigned long self;
	unsigned long reserved[13];
	unsigned long stack_limit;
	unsigned long pad;
};
_Static_assert(offsetof(struct arch_cpu, stack_limit) == 0x70,
	       "gcc's split-stack ABI, tools/splitgs.c");
extern struct arch_cpu arch_cpu;

/* The limit the split-stack checks compare with from now on. */
static inline void arch_set_stack_limit(unsigned long limit)
{
	arch_cpu.stack_limit = limit;
}

/*
 * A thread control block: what %fs points at while a thread runs kernel
 * or app code in an image with thread-local variables. Word 0 is its own
 * address (the x86-64 ABI's thread pointer, which code loads to reach the
 * thread's variables); the thread's TLS block lies just below it
 * (<arch/tls_layout.h>, tls.c).
 *
 * An image without thread-local variables has one TCB, the boot
 * thread's, for all kernel threads, and no kernel-side code reads FS at
 * all: a thread with user state keeps its user FS base loaded while it
 * runs in the kernel. With thread-local variables every thread has its
 * own TCB, and a switch moves the FS base, one hypercall.
 */
struct arch_tcb {
	unsigned long self;
	unsigned long reserved[15];
};
_Static_assert(sizeof(struct arch_tcb) == ARCH_TCB_SIZE, "tls_layout.h");
/* The boot thread's, placed by the linker script above its TLS block. */
extern struct arch_tcb arch_boot_tcb;
/* The FS base loaded now (a TCB, or a user thread's own base). */
extern unsigned long arch_fs_base;

/* Point GS at the per-CPU area with the boot stack's limit, set up the
 * boot thread's TCB and TLS block and point FS at them. */
void arch_tls_boot(unsigned long stack_limit);
/* Bytes a new thread needs for its TLS block and TCB (0: it shares the
 * boot thread's TCB, the image having no thread-local variables). */
unsigned long arch_tls_area_size(void);
/* Whether kernel-side code reaches thread-local variables through FS (the
 * image has some): then FS must hold the running thread's TCB whenever
 * such code runs, user threads' system calls included. */
bool arch_kernel_tls(void);
/* Lay out and initialise a new thread's TLS block and TCB in the area of
 * arch_tls_area_size() bytes ending at hi; returns its TCB. */
struct arch_tcb *arch_tls_init(unsigned long hi);
/* Load base into the FS base (a hypercall). */
void arch_load_fs(unsigned long base);
/* tcb is about to be unmapped with its thread's stack: the FS base must
 * not point at it (the idle thread may still be running on it). */
void arch_tls_release(struct arch_tcb *tcb);
/* FS-base loads since boot (tests/guest/tls counts them). */
extern unsigned long arch_fs_loads;

/* The scheduler switches to t (not the idle thread, which reads no FS
 * and runs on whatever is loaded): load the FS base t runs kernel-side
 * code with, if it is not loaded already. That is t's TCB in an image
 * with thread-local variables, a user thread's user FS base otherwise,
 * and nothing in particular for other threads. */
void arch_switch_fs(const struct thread *t);

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
