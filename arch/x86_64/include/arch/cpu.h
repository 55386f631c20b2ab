/*
 * CPU-level pieces the kernel uses: the trap frame built by entry.S, the
 * context switch, the split-stack TCB, and image/stack symbols.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

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
 * GCC's -fsplit-stack prologue compares %rsp with the word at %fs:0x70.
 * %fs points at this one structure for the life of the domain; the
 * scheduler stores the running thread's limit into it on every switch.
 */
struct arch_tcb {
	unsigned long reserved[14];
	unsigned long stack_limit;
};
_Static_assert(offsetof(struct arch_tcb, stack_limit) == 0x70, "gcc ABI");
extern struct arch_tcb arch_tcb;

static inline void arch_set_stack_limit(unsigned long limit)
{
	arch_tcb.stack_limit = limit;
}

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
