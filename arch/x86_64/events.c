/*
 * Masking event delivery (<arch/events.h>): the upcall mask in this
 * vCPU's vcpu_info, which Xen checks before every upcall.
 */
#include <arch/barrier.h>
#include <arch/events.h>
#include <arch/hypercall.h>
#include <arch/xen.h>

unsigned long arch_events_save_disable(void)
{
	struct vcpu_info *v = arch_vcpu_info();
	unsigned long flags = v->evtchn_upcall_mask;

	v->evtchn_upcall_mask = 1;
	barrier(); /* masked before the critical section's first access */
	return flags;
}

void arch_events_restore(unsigned long flags)
{
	struct vcpu_info *v = arch_vcpu_info();

	barrier(); /* the critical section's accesses stay before this */
	v->evtchn_upcall_mask = (uint8_t)flags;
	barrier(); /* unmask before looking for what arrived meanwhile */
	if (!flags && READ_ONCE(v->evtchn_upcall_pending))
		/* Any hypercall makes Xen deliver pending events on return. */
		HYPERVISOR_xen_version(0, NULL);
}
