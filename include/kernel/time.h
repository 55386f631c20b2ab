/*
 * Time: monotonic nanoseconds from Xen's PV clock, and the wall clock from
 * shared_info. arch_time_init() must run before any of these.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <kernel/types.h>

#define NSEC_PER_SEC 1000000000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_USEC 1000ULL

void arch_time_init(void);
/* Nanoseconds since the domain started; never goes backwards. */
uint64_t time_monotonic_ns(void);
/* Nanoseconds since the Unix epoch. */
uint64_t time_wall_ns(void);
/* Arm Xen's one-shot timer for deadline_ns (monotonic); 0 cancels. */
void arch_timer_set(uint64_t deadline_ns);

/* PV clock arithmetic, exposed for the unit tests: scale a TSC delta by
 * Xen's tsc_to_system_mul / tsc_shift pair. */
uint64_t pvclock_scale_delta(uint64_t delta, uint32_t mul, int8_t shift);
/* The time a vcpu_time_info record gives at TSC value tsc: its
 * system_time plus the scaled ticks since its tsc_timestamp, counted
 * modulo 2^64; a tsc just before the stamp counts as no ticks. */
uint64_t pvclock_ns(uint64_t system_time, uint64_t stamp, uint64_t tsc,
		    uint32_t mul, int8_t shift);

#endif
