/*
 * Assembly macros for the general-purpose register frame that the trap
 * path (entry.S) and the user-mode entry (user_entry.S) both build:
 * rax at the highest address, then rbx rcx rdx rsi rdi rbp r8 .. r15
 * (struct trap_frame and struct user_regs share this order).
 */
#ifndef ARCH_X86_64_GPRS_H
#define ARCH_X86_64_GPRS_H

/* Push every register but rax, which the caller pushed (or a copy). */
.macro push_gprs_after_rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

/* Pop them all back, rax last. */
.macro pop_gprs
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
.endm

#endif
