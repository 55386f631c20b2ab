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
 * stops there, stores the error in *err and returns what was left:
 * rep movsb is restartable, so rcx counts the bytes it did not move.
 */
	.globl arch_user_copy
	.type arch_user_copy, @function
arch_user_copy:
	movq %rcx, %r8		/* err: rcx becomes the count */
	movq %rdx, %rcx
	xorl %eax, %eax
1:	rep movsb
	ret
2:	movl %eax, (%r8)	/* the fault's error, from trap_entry() */
	movq %rcx, %rax
	ret
	.size arch_user_copy, . - arch_user_copy

	.pushsection __ex_table, "a"
	.balign 8
	.quad 1b, 2b
	.popsection
	.section .note.GNU-stack, "", @progbits
