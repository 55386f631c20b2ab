/*
 * Fault-safe copies to and from user memory, and the exception table
 * that makes them so. An entry of the table (section __ex_table) is a
 * pair (address of an instruction that may fault on user memory,
 * address to resume at). When a kernel-mode page fault at a user
 * address cannot be resolved by demand paging (the mapping went while
 * the caller blocked, or no frame was free), trap_entry() (traps.c)
 * finds the faulting rip here, puts the error (-EFAULT or -ENOMEM) in
 * rax and resumes at the fix-up, so only the one copy fails.
 */
	.text

/*
 * size_t arch_user_copy(void *dst, const void *src, size_t n, int *err)
 * Copies n bytes; returns the bytes NOT copied (0: all). On a fault
 * stops there, stores the error in *err and returns what was left.
 * The bulk moves 8 bytes a step (rep movsq: QEMU's software CPU, the
 * test host's, runs a rep string instruction step by step, so bytes
 * one at a time cost about 8 times as much), the rest one at a time.
 * Both are restartable: rcx counts the steps not done. A fault in the
 * bulk goes on byte by byte from there, to stop at the exact byte.
 */
	.globl arch_user_copy
	.type arch_user_copy, @function
arch_user_copy:
	movq %rcx, %r8		/* err: rcx becomes the count */
	movq %rdx, %rcx
	xorl %eax, %eax
	cmpq $16, %rdx
	jb 2f
	shrq $3, %rcx		/* quadwords */
	andl $7, %edx		/* then these bytes */
1:	rep movsq
	movq %rdx, %rcx
2:	rep movsb
	ret
3:	leaq (%rdx, %rcx, 8), %rcx /* the bulk faulted: bytes left */
	xorl %eax, %eax
	jmp 2b
4:	movl %eax, (%r8)	/* the fault's error, from trap_entry() */
	movq %rcx, %rax
	ret
	.size arch_user_copy, . - arch_user_copy

	.pushsection __ex_table, "a"
	.balign 8
	.quad 1b, 3b
	.quad 2b, 4b
	.popsection
	.section .note.GNU-stack, "", @progbits
