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
/* Around a suspend: note monotonic time before, and after it set the
 * offset that makes monotonic time go on from there (Xen's clock jumps
 * by the time the domain was saved, or restarts on another host). The
 * wall clock is Xen's, read afresh. */
void time_suspend(void);
void time_resume(void);
/* The offset now (0 until the first restore). */
int64_t time_monotonic_offset(void);
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

/* Across a save and restore (or migration) Xen's clock jumps; monotonic
 * time is Xen's plus an offset that makes it resume where it stopped.
 * The offset for a clock that read mono_at_suspend before and reads
 * raw_now after; monotonic time from Xen's raw time and the offset; and
 * Xen's time for a monotonic deadline (0 stays 0, "no timer"; a deadline
 * before Xen's zero is 1, due at once; one past 2^64 is UINT64_MAX). */
int64_t pvclock_resume_offset(uint64_t mono_at_suspend, uint64_t raw_now);
uint64_t pvclock_monotonic(uint64_t raw, int64_t offset);
uint64_t pvclock_raw_deadline(uint64_t deadline, int64_t offset);

#endif
