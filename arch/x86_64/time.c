/*
 * Xen's PV clock. Monotonic time is the vCPU's system_time plus the TSC
 * ticks since Xen last updated it, scaled by Xen's factors; the record is
 * read under its version counter (odd while Xen updates it). Wall-clock
 * time adds the boot-time wall clock kept in shared_info.
 */
#include <arch/barrier.h>
#include <arch/hypercall.h>
#include <kernel/printk.h>
#include <kernel/time.h>

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

void arch_time_init(void)
{
	/* Nothing to set up: the clock lives in shared_info. Read it once so
	 * that a broken record shows up at boot rather than later. */
	(void)time_monotonic_ns();
}

uint64_t time_monotonic_ns(void)
{
	const volatile struct vcpu_time_info *t = &arch_vcpu_info()->time;
	uint32_t version, mul;
	uint64_t stamp, sys, tsc;
	int8_t shift;

	do {
		version = t->version;
		rmb(); /* read the record only after the version */
		stamp = t->tsc_timestamp;
		sys = t->system_time;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		tsc = rdtsc();
		rmb(); /* and the version again only after the record */
	} while ((version & 1) || version != t->version);

	return pvclock_ns(sys, stamp, tsc, mul, shift);
}

uint64_t time_wall_ns(void)
{
	const volatile shared_info_t *s = HYPERVISOR_shared_info;
	uint32_t version;
	uint64_t sec, nsec;

	do {
		version = s->wc_version;
		rmb();
		sec = s->wc_sec | ((uint64_t)s->xen_wc_sec_hi << 32);
		nsec = s->wc_nsec;
		rmb();
	} while ((version & 1) || version != s->wc_version);
	return sec * NSEC_PER_SEC + nsec + time_monotonic_ns();
}

void arch_timer_set(uint64_t deadline_ns)
{
	if (HYPERVISOR_set_timer_op(deadline_ns))
		printk("time: set_timer_op(%lu) failed\n",
		       (unsigned long)deadline_ns);
}
