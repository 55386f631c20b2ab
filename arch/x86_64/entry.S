/*
 * Entry points Xen jumps to: the boot entry _start, the exception stubs
 * of the trap table, and the event upcall. Also the Xen ELF notes, the
 * hypercall page, and the boot and exception stacks (each with an
 * unmapped guard page below it, see arch_mm_init()).
 */
#include "gprs.inc"
#include <xen/elfnote.h>
#include <xen/xen.h>

#define ELFNOTE(type, desc_directive, value)	\
	.pushsection .note.Xen, "a", @note;	\
	.balign 4;				\
	.long 2f - 1f;				\
	.long 4f - 3f;				\
	.long type;				\
1:	.asciz "Xen";				\
2:	.balign 4;				\
3:	desc_directive value;			\
4:	.balign 4;				\
	.popsection

ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz, "Skiff")
ELFNOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz, "0.1")
ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz, "xen-3.0")
ELFNOTE(XEN_ELFNOTE_LOADER, .asciz, "generic")
ELFNOTE(XEN_ELFNOTE_VIRT_BASE, .quad, 0xffffffff80000000)
ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad, 0xffffffff80000000)
ELFNOTE(XEN_ELFNOTE_ENTRY, .quad, _start)
ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad, hypercall_page)
/* The suspend hypercall may return 1 (cancelled: xl save -c, a failed
 * migration), and the domain then goes on in place (kernel/suspend.c). */
ELFNOTE(XEN_ELFNOTE_SUSPEND_CANCEL, .long, 1)

#define STACK_SIZE (64 * 1024)
#define EXC_STACK_SIZE (16 * 1024)

	.section .text.entry, "ax"
	.globl _start
_start:
	/* Xen: %rsi = start_info, %rsp = a small boot stack of its own. */
	cld
	leaq boot_stack_top(%rip), %rsp
	xorl %ebp, %ebp
	movq %rsi, %rdi
	call arch_setup
	ud2

	.text
	.balign 4096
	.globl hypercall_page
hypercall_page:
	.skip 4096, 0xcc	/* filled in by Xen's domain builder */

/*
 * Exceptions. Xen delivers them like hardware but with the interrupted
 * %rcx and %r11 pushed on top. The stub restores those two; a kernel-mode
 * exception moves the frame to the exception stack (the fault may be a
 * nearly exhausted thread stack) and builds a struct trap_frame there.
 * All are fatal but a page fault on not yet backed user memory.
 */
.macro TRAP name, vector, has_error
	.globl trap_\name
trap_\name:
	movq (%rsp), %rcx
	movq 8(%rsp), %r11
	addq $16, %rsp
	.if !\has_error
	pushq $0
	.endif
	pushq $\vector
	jmp trap_common
.endm

TRAP divide_error, 0, 0
TRAP debug, 1, 0
TRAP int3, 3, 0
TRAP overflow, 4, 0
TRAP bounds, 5, 0
TRAP invalid_op, 6, 0
TRAP device_not_available, 7, 0
TRAP coprocessor_segment_overrun, 9, 0
TRAP invalid_tss, 10, 1
TRAP segment_not_present, 11, 1
TRAP stack_segment, 12, 1
TRAP general_protection, 13, 1
TRAP page_fault, 14, 1
TRAP spurious_interrupt_bug, 15, 0
TRAP coprocessor_error, 16, 0
TRAP alignment_check, 17, 1
TRAP machine_check, 18, 0
TRAP simd_coprocessor_error, 19, 0

/* Stack here: vector, error, rip, cs, rflags, rsp, ss (7 words). An
 * exception from user mode (Xen leaves RPL 3 in the saved cs only then)
 * is the user program's: see user_entry.S. */
trap_common:
	testb $3, 24(%rsp)
	jnz user_entry_common
	movq %rax, trap_scratch(%rip)
	movq %rsp, %rax
	leaq exception_stack_top(%rip), %rsp
	pushq 48(%rax)		/* ss */
	pushq 40(%rax)		/* rsp */
	pushq 32(%rax)		/* rflags */
	pushq 24(%rax)		/* cs */
	pushq 16(%rax)		/* rip */
	pushq 8(%rax)		/* error */
	pushq 0(%rax)		/* vector */
	pushq trap_scratch(%rip)	/* rax */
	push_gprs_after_rax
	movq %rsp, %rdi
	call trap_entry		/* returns only if the fault was resolved */
	/* Resume the interrupted code through HYPERVISOR_iret, with the
	 * frame copied here: the vector slot is dropped and the error slot
	 * becomes the flags word. */
	pop_gprs
	addq $8, %rsp
	movq $0, (%rsp)
	jmp hypercall_page + __HYPERVISOR_iret * 32

/*
 * Xen's failsafe callback: it could not load a segment register when
 * returning to us. Nothing sensible to retry; report and crash.
 */
	.globl failsafe_callback
failsafe_callback:
	leaq exception_stack_top(%rip), %rsp
	call trap_failsafe
	ud2

/*
 * Event upcall. Xen masked event delivery (vcpu_info.evtchn_upcall_mask)
 * before jumping here and saved the previous mask as the IF bit of the
 * rflags in the frame. We save the caller-saved registers (C code
 * preserves the rest), run the demultiplexer on the interrupted stack (no
 * red zone anywhere), and return through HYPERVISOR_iret, which restores
 * the mask from that IF bit and re-delivers anything still pending: that
 * is what makes unmask-and-return race free.
 */
	.globl hypervisor_callback
hypervisor_callback:
	testb $3, 24(%rsp)	/* saved cs (above rcx, r11, rip): user mode? */
	jnz user_upcall_entry	/* a full user entry: user_entry.S */
	movq (%rsp), %rcx
	movq 8(%rsp), %r11
	addq $16, %rsp
	pushq %rax
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %rbp
	movq %rsp, %rbp
	andq $-16, %rsp
	call evtchn_do_upcall
	movq %rbp, %rsp
	popq %rbp
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rax
	/* The iret stub pushes rcx, r11 and rax itself; it wants flags. */
	pushq $0
	jmp hypercall_page + __HYPERVISOR_iret * 32

	.bss
	.balign 8
trap_scratch:
	.skip 8

	.balign 4096
	.globl boot_stack_guard, boot_stack, boot_stack_top
boot_stack_guard:
	.skip 4096
boot_stack:
	.skip STACK_SIZE
boot_stack_top:

	.globl exception_stack_guard, exception_stack, exception_stack_top
exception_stack_guard:
	.skip 4096
exception_stack:
	.skip EXC_STACK_SIZE
exception_stack_top:

	.section .note.GNU-stack, "", @progbits
