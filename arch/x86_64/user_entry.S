/*
 * Entries from PV user mode and the way back. Xen delivers a system call
 * (the syscall callback) and an exception from user mode on the kernel
 * stack it was given with HYPERVISOR_stack_switch, the top of the running
 * thread's stack, so the frame built here is always at the same place:
 * struct user_regs (<kernel/user.h>) ending at the stack top, the iret
 * frame Xen pushed being its last five words, and a 512-byte fxsave area
 * below it. The C side is user_dispatch() in user.c.
 */
#include "gprs.inc"
#include <xen/xen.h>

/* struct user_regs, pinned by _Static_asserts in user.c. */
#define UR_SIZE 184
#define UR_WORDS 23
#define UR_ERROR 136
#define UR_CS 152
#define UR_RFLAGS 160
#define UR_SS 176
#define FX_SIZE 512
#define RFLAGS_IF 0x200

	.text

/*
 * An event upcall that interrupted user mode (from hypervisor_callback in
 * entry.S; events masked). It becomes a full entry, like a system call,
 * so that user_dispatch() can handle the events and then, with the whole
 * user state saved on this thread's stack, let another thread run: a
 * thread woken by the event or a timer does not wait for user code to
 * make its next system call. Xen pushed the interrupted rcx and r11.
 */
	.globl user_upcall_entry
user_upcall_entry:
	movq (%rsp), %rcx
	movq 8(%rsp), %r11
	addq $16, %rsp
	incq user_upcall_count(%rip)
	pushq $0		/* error */
	pushq $257		/* vector: USER_VECTOR_UPCALL */
	jmp user_entry_common

/*
 * The syscall callback (registered with events masked). Xen pushed the
 * user's rcx and r11 (return rip and rflags, as the syscall instruction
 * left them) on top of an iret frame; rax holds the number.
 */
	.globl user_syscall_entry
user_syscall_entry:
	movq (%rsp), %rcx
	movq 8(%rsp), %r11
	addq $16, %rsp
	pushq $0		/* error */
	pushq $256		/* vector: USER_VECTOR_SYSCALL */
	/* fall through */

/*
 * Stack: vector, error, rip, cs, rflags, rsp, ss; every other register
 * still the user's. Also reached from trap_common in entry.S for an
 * exception whose saved cs says user mode. Events are masked.
 */
	.globl user_entry_common
user_entry_common:
	pushq %rax
	push_gprs_after_rax
	subq $8, %rsp		/* fs_base, filled in by user_dispatch() */
	/* The kernel runs with the user's rflags but for what Xen
	 * cleared: drop DF and AC (the C ABI wants DF clear; AC would
	 * make a misaligned kernel access fault). IF is not ours to
	 * change: popf leaves it alone in PV mode. */
	pushq $2
	popfq
	movq %rsp, %rbx		/* the frame; rbx survives the C call */
	leaq -FX_SIZE(%rsp), %rax
	andq $-16, %rax
	fxsave64 (%rax)		/* the user's x87/SSE state */
	movq %rax, %rsp
	xorl %ebp, %ebp		/* backtraces end here */
	movq %rbx, %rdi
	call user_dispatch
	movq %rbx, %rsp
	/* fall through */

/*
 * Return to user mode with the frame at %rsp. Events are masked and the
 * user's FS base is loaded (user_dispatch() or user_enter() did both).
 * cs, ss and the event flag are forced to user values whatever a handler
 * wrote. HYPERVISOR_iret without VGCF_in_syscall restores everything,
 * rcx and r11 included, and unmasks events from the IF bit.
 */
	.globl user_return
user_return:
	leaq -FX_SIZE(%rsp), %rax
	andq $-16, %rax
	fxrstor64 (%rax)
	movq $FLAT_USER_CS64, UR_CS(%rsp)
	movq $FLAT_USER_SS64, UR_SS(%rsp)
	orq $RFLAGS_IF, UR_RFLAGS(%rsp)
	movq $0, UR_ERROR(%rsp)	/* becomes the iret flags word */
	addq $8, %rsp		/* fs_base */
	pop_gprs
	addq $8, %rsp		/* vector */
	/* The iret stub pushes rcx, r11 and rax itself. */
	jmp hypercall_page + __HYPERVISOR_iret * 32

/*
 * void arch_user_enter(const struct user_regs *r, struct user_regs *frame)
 * First entry of a thread into user mode. frame is the top-of-stack slot;
 * the caller's own frames (where *r may live) can overlap it and the
 * fxsave area, so *r is first copied to a spot below both, with the
 * stack moved there too, then into place. Events are masked.
 */
	.globl arch_user_enter
arch_user_enter:
	leaq -(FX_SIZE + 64)(%rsi), %rax
	andq $-16, %rax
	cmpq %rax, %rsp
	jb 1f
	movq %rax, %rsp
1:	subq $(UR_SIZE + 8), %rsp
	andq $-16, %rsp
	movq %rsi, %rdx
	movq %rdi, %rsi
	movq %rsp, %rdi
	movl $UR_WORDS, %ecx
	rep movsq		/* temporary copy of *r */
	movq %rsp, %rsi
	movq %rdx, %rdi
	movl $UR_WORDS, %ecx
	rep movsq		/* into the frame */
	leaq -FX_SIZE(%rdx), %rdi
	andq $-16, %rdi
	movq %rdi, %r8
	xorl %eax, %eax
	movl $(FX_SIZE / 8), %ecx
	rep stosq		/* default x87/SSE state: */
	movw $0x37f, (%r8)	/* FCW */
	movl $0x1f80, 24(%r8)	/* MXCSR */
	movq %rdx, %rsp
	jmp user_return

	.section .note.GNU-stack, "", @progbits
