/*
 * Xen's PV clock. Monotonic time is the vCPU's system_time plus the TSC
 * ticks since Xen last updated it, scaled by Xen's factors (read by
 * <arch/pvclock.h>, which the vDSO shares), plus an offset that is 0
 * until a restore: then it makes monotonic time go on from where the
 * save stopped it. Wall-clock time adds the boot-time wall clock kept in
 * shared_info to Xen's own time.
 */
#include <arch/hypercall.h>
#include <arch/pvclock.h>
#include <kernel/printk.h>
#include <kernel/time.h>

static struct {
	int64_t offset;	     /* monotonic = Xen's time + offset */
	uint64_t at_suspend; /* monotonic time when the domain suspended */
} clk;

static uint64_t xen_time_ns(void)
{
	return pvclock_read(&arch_vcpu_info()->time);
}

void time_suspend(void)
{
	clk.at_suspend = time_monotonic_ns();
}

void time_resume(void)
{
	clk.offset = pvclock_resume_offset(clk.at_suspend, xen_time_ns());
}

int64_t time_monotonic_offset(void)
{
	return clk.offset;
}

void arch_time_init(void)
{
	/* Nothing to set up: the clock lives in shared_info. Read it once so
	 * that a broken record shows up at boot rather than later. */
	(void)time_monotonic_ns();
}

uint64_t time_monotonic_ns(void)
{
	return pvclock_monotonic(xen_time_ns(), clk.offset);
}

uint64_t time_wall_ns(void)
{
	return pvclock_wall_base(HYPERVISOR_shared_info) + xen_time_ns();
}

void arch_timer_set(uint64_t deadline_ns)
{
	if (HYPERVISOR_set_timer_op(
		pvclock_raw_deadline(deadline_ns, clk.offset)))
		printk("time: set_timer_op(%lu) failed\n",
		       (unsigned long)deadline_ns);
}
