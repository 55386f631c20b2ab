/*
 * Stack overflow, caught by GCC's -fsplit-stack prologue. Every C library,
 * runtime and app function compares its future %rsp with the running
 * thread's stack limit at %gs:0x70 (GCC writes %fs:0x70; tools/splitgs
 * moves it to the per-CPU area in the image) and calls __morestack when
 * it would go below.
 * Where GCC's own __morestack grows the stack, Skiff's reports and
 * crashes: it moves to a report stack of its own (the thread's has at
 * most its 8 KiB margin left) and calls runtime_stack_overflow() (crash.c).
 * __morestack_allocate_stack_space does the same for an alloca() or a
 * variable-length array that would pass the limit.
 */

#define REPORT_STACK_SIZE 16384

	.bss
	.balign 4096
report_stack:
	.skip REPORT_STACK_SIZE
report_stack_top:

	.text

/*
 * Entered from the prologue of the overflowing function F, before F has
 * pushed %rbp: (%rsp) is the return address into F, 8(%rsp) F's return
 * address into its caller, %rbp the caller's frame, %r10 the frame size F
 * needs (%r11, the size of F's stack arguments, is not needed here).
 */
	.globl __morestack
	.type __morestack, @function
__morestack:
	movq (%rsp), %rdi	/* rip: in F */
	/* Never returning, the slot of the return address into F can become
	 * a frame record {caller's %rbp, F's return address}, so that the
	 * backtrace shows F's caller too, not only the callers above it. */
	movq %rbp, (%rsp)
	movq %rsp, %rsi		/* rbp: that frame record */
	leaq 8(%rsp), %rdx	/* rsp: F's stack pointer on entry */
	movq %r10, %rcx		/* need: F's frame size */
	jmp morestack_report
	.size __morestack, . - __morestack

/*
 * void *__morestack_allocate_stack_space(size_t size), called from the
 * body of a function F (frame complete, %rbp is F's) when a dynamic stack
 * allocation of size bytes would pass the limit.
 */
	.globl __morestack_allocate_stack_space
	.type __morestack_allocate_stack_space, @function
__morestack_allocate_stack_space:
	movq %rdi, %rcx		/* need: the allocation */
	movq (%rsp), %rdi	/* rip: in F */
	movq %rbp, %rsi		/* rbp: F's frame */
	leaq 8(%rsp), %rdx	/* rsp: F's stack pointer */
	jmp morestack_report
	.size __morestack_allocate_stack_space, . - __morestack_allocate_stack_space

/* Arguments in %rdi, %rsi, %rdx, %rcx for runtime_stack_overflow(). */
morestack_report:
	/* Limit 0: no split-stack prologue can fire again during the
	 * report. (The scheduler restores the thread's limit if the report
	 * ever blocks; the report code itself does no checks.) */
	movq $0, %gs:0x70
	leaq report_stack_top(%rip), %rsp /* 16-byte aligned for the call */
	call runtime_stack_overflow
	ud2

	.section .note.GNU-stack, "", @progbits
