/*
 * The arithmetic of Xen's PV clock: a TSC delta becomes nanoseconds by a
 * binary shift and then a 32.32 fixed-point multiplication by
 * tsc_to_system_mul. The 96-bit product is kept whole in a 128-bit
 * integer, which gcc multiplies with general registers (one mul), so it
 * is fine under -mgeneral-regs-only. The rest of the clock is in arch/.
 */
#include <kernel/time.h>

uint64_t pvclock_scale_delta(uint64_t delta, uint32_t mul, int8_t shift)
{
	/* Xen keeps the shift small (about -4..4); a shift of 64 or more
	 * would be undefined in C, and it leaves no bits anyway. */
	if (shift <= -64 || shift >= 64)
		return 0;
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	/* delta < 2^64 and mul < 2^32: the product's top half fits 64 bits. */
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t pvclock_ns(uint64_t system_time, uint64_t stamp, uint64_t tsc,
		    uint32_t mul, int8_t shift)
{
	/* The wrapping difference: Xen's stamp may lie "above" a later
	 * reading (seen under QEMU: a stamp just below 2^64, the TSC small
	 * and counting up from it). A negative one is a TSC read a little
	 * before the stamp, which must not take the clock backwards. */
	int64_t ticks = (int64_t)(tsc - stamp);

	if (ticks <= 0)
		return system_time;
	return system_time + pvclock_scale_delta((uint64_t)ticks, mul, shift);
}

int64_t pvclock_resume_offset(uint64_t mono_at_suspend, uint64_t raw_now)
{
	/* Two's complement: the offset may be negative (the same host,
	 * whose clock ran on while the domain was saved) or positive (a
	 * host that booted since). */
	return (int64_t)(mono_at_suspend - raw_now);
}

uint64_t pvclock_monotonic(uint64_t raw, int64_t offset)
{
	return raw + (uint64_t)offset;
}

uint64_t pvclock_raw_deadline(uint64_t deadline, int64_t offset)
{
	if (!deadline)
		return 0; /* "no timer" stays so */
	if (offset > 0 && deadline <= (uint64_t)offset)
		return 1; /* before Xen's zero: due at once */
	if (offset < 0 && deadline > UINT64_MAX + (uint64_t)offset)
		return UINT64_MAX; /* beyond the end of time: never */
	return deadline - (uint64_t)offset;
}
