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
