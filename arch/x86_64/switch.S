/*
 * Cooperative context switch. A switch is an ordinary function call, so
 * only the callee-saved state moves: rbx, rbp, r12-r15, the stack pointer,
 * and the SSE/x87 control words (MXCSR, FPU CW), which the ABI also counts
 * as callee-saved. The frame layout is built by hand for new threads in
 * kernel/sched.c (struct switch_frame); keep the two in step.
 */
	.text

/* void arch_switch_to(unsigned long *save_rsp, unsigned long next_rsp) */
	.globl arch_switch_to
arch_switch_to:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	subq $16, %rsp
	stmxcsr 8(%rsp)
	fnstcw (%rsp)
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	fldcw (%rsp)
	ldmxcsr 8(%rsp)
	addq $16, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

/* First code of every new thread: the switch "returns" here with the
 * stack 16-byte aligned; rbp is 0 so backtraces end. */
	.globl arch_thread_trampoline
arch_thread_trampoline:
	call sched_thread_start
	ud2

	.section .note.GNU-stack, "", @progbits
