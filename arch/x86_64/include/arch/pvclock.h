/*
 * Reading Xen's PV clock: the vCPU's time record and the boot wall clock
 * in shared_info, each read under its version counter (odd while Xen
 * updates it). Shared by the kernel (arch/x86_64/time.c) and the vDSO
 * (runtime/linux/vdso.c), which reads the same page from user mode, so
 * that both give one clock.
 */
#ifndef ARCH_PVCLOCK_H
#define ARCH_PVCLOCK_H

#include <arch/barrier.h>
#include <arch/xen.h>
#include <kernel/time.h>

static inline uint64_t arch_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* The vDSO's clock page, written by the kernel (kernel/uvm.c), read by
 * user code: monotonic time is Xen's plus mono_offset, as in the
 * kernel (time_monotonic_offset()). */
struct pvclock_vvar {
	int64_t mono_offset;
};

/* Xen's system time now (nanoseconds since the domain started), from the
 * vCPU's record t and the TSC. */
static inline uint64_t pvclock_read(const volatile struct vcpu_time_info *t)
{
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
		tsc = arch_rdtsc();
		rmb(); /* and the version again only after the record */
	} while ((version & 1) || version != t->version);
	return pvclock_ns(sys, stamp, tsc, mul, shift);
}

/* The wall clock when system time was 0, in nanoseconds since the Unix
 * epoch, from shared_info s. */
static inline uint64_t pvclock_wall_base(const volatile shared_info_t *s)
{
	uint32_t version;
	uint64_t sec, nsec;

	do {
		version = s->wc_version;
		rmb();
		sec = s->wc_sec | ((uint64_t)s->xen_wc_sec_hi << 32);
		nsec = s->wc_nsec;
		rmb();
	} while ((version & 1) || version != s->wc_version);
	return sec * NSEC_PER_SEC + nsec;
}

#endif
