/*
 * Hypercalls through the hypercall page Xen filled in at build time.
 * Each entry is 32 bytes; arguments go in rdi, rsi, rdx, r10, r8 and the
 * "syscall" inside the stub clobbers rcx and r11.
 */
#ifndef ARCH_HYPERCALL_H
#define ARCH_HYPERCALL_H

#include <arch/xen.h>

extern char hypercall_page[PAGE_SIZE];

static inline long _hypercall(unsigned int op, unsigned long a1,
			      unsigned long a2, unsigned long a3,
			      unsigned long a4, unsigned long a5)
{
	register unsigned long rdi __asm__("rdi") = a1;
	register unsigned long rsi __asm__("rsi") = a2;
	register unsigned long rdx __asm__("rdx") = a3;
	register unsigned long r10 __asm__("r10") = a4;
	register unsigned long r8 __asm__("r8") = a5;
	long ret;

	__asm__ __volatile__("call *%[entry]"
			     : "=a"(ret), "+r"(rdi), "+r"(rsi), "+r"(rdx),
			       "+r"(r10), "+r"(r8)
			     : [entry] "r"(hypercall_page + op * 32)
			     : "rcx", "r11", "memory");
	return ret;
}

#define HC(op, a1, a2, a3, a4, a5)                                             \
	_hypercall(__HYPERVISOR_##op, (unsigned long)(a1),                     \
		   (unsigned long)(a2), (unsigned long)(a3),                   \
		   (unsigned long)(a4), (unsigned long)(a5))

static inline long HYPERVISOR_console_io(int cmd, int count, const char *s)
{
	return HC(console_io, cmd, count, s, 0, 0);
}

static inline long HYPERVISOR_sched_op(int cmd, void *arg)
{
	return HC(sched_op, cmd, arg, 0, 0, 0);
}

/* SCHEDOP_shutdown(SHUTDOWN_suspend) of an x86 PV guest: the third
 * argument is start_info's machine frame. 1: cancelled, 0: resumed in a
 * new domain. */
static inline long HYPERVISOR_suspend(unsigned long start_info_mfn)
{
	struct sched_shutdown r = {.reason = SHUTDOWN_suspend};

	return HC(sched_op, SCHEDOP_shutdown, &r, start_info_mfn, 0, 0);
}

static inline long HYPERVISOR_mmu_update(mmu_update_t *req, unsigned int n,
					 unsigned int *done, domid_t dom)
{
	return HC(mmu_update, req, n, done, dom, 0);
}

static inline long HYPERVISOR_mmuext_op(struct mmuext_op *op, unsigned int n,
					unsigned int *done, domid_t dom)
{
	return HC(mmuext_op, op, n, done, dom, 0);
}

static inline long HYPERVISOR_update_va_mapping(unsigned long va, uint64_t pte,
						unsigned long flags)
{
	return HC(update_va_mapping, va, pte, flags, 0, 0);
}

static inline long HYPERVISOR_set_trap_table(const struct trap_info *t)
{
	return HC(set_trap_table, t, 0, 0, 0, 0);
}

static inline long HYPERVISOR_callback_op(int cmd, const void *arg)
{
	return HC(callback_op, cmd, arg, 0, 0, 0);
}

static inline long HYPERVISOR_event_channel_op(int cmd, void *arg)
{
	return HC(event_channel_op, cmd, arg, 0, 0, 0);
}

static inline long HYPERVISOR_grant_table_op(int cmd, void *arg, unsigned int n)
{
	return HC(grant_table_op, cmd, arg, n, 0, 0);
}

static inline long HYPERVISOR_memory_op(int cmd, void *arg)
{
	return HC(memory_op, cmd, arg, 0, 0, 0);
}

static inline long HYPERVISOR_xen_version(int cmd, void *arg)
{
	return HC(xen_version, cmd, arg, 0, 0, 0);
}

static inline long HYPERVISOR_set_timer_op(uint64_t deadline_ns)
{
	return HC(set_timer_op, deadline_ns, 0, 0, 0, 0);
}

static inline long HYPERVISOR_set_segment_base(int reg, unsigned long val)
{
	return HC(set_segment_base, reg, val, 0, 0, 0);
}

static inline long HYPERVISOR_vcpu_op(int cmd, int vcpu, void *arg)
{
	return HC(vcpu_op, cmd, vcpu, arg, 0, 0);
}

static inline long HYPERVISOR_stack_switch(unsigned long ss, unsigned long sp)
{
	return HC(stack_switch, ss, sp, 0, 0, 0);
}

#endif
