/*
 * Xen's PV clock. Monotonic time is the vCPU's system_time plus the TSC
 * ticks since Xen last updated it, scaled by Xen's factors (read by
 * <arch/pvclock.h>, which the vDSO shares). Wall-clock time adds the
 * boot-time wall clock kept in shared_info.
 */
#include <arch/hypercall.h>
#include <arch/pvclock.h>
#include <kernel/printk.h>
#include <kernel/time.h>

void arch_time_init(void)
{
	/* Nothing to set up: the clock lives in shared_info. Read it once so
	 * that a broken record shows up at boot rather than later. */
	(void)time_monotonic_ns();
}

uint64_t time_monotonic_ns(void)
{
	return pvclock_read(&arch_vcpu_info()->time);
}

uint64_t time_wall_ns(void)
{
	return pvclock_wall_base(HYPERVISOR_shared_info) + time_monotonic_ns();
}

void arch_timer_set(uint64_t deadline_ns)
{
	if (HYPERVISOR_set_timer_op(deadline_ns))
		printk("time: set_timer_op(%lu) failed\n",
		       (unsigned long)deadline_ns);
}
