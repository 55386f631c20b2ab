/*
 * Tests of kernel/pvclock.c: Xen's TSC-to-nanoseconds scaling, with
 * values worked out by hand and a randomized comparison against a
 * reference that multiplies in 32-bit halves instead of with __int128.
 */
#include <kernel/time.h>

#include "check.h"

/* (d * mul) >> 32 as hi * mul + ((lo * mul) >> 32), where d = hi:lo:
 * exact, because hi * mul * 2^32 has no bits below bit 32. */
static uint64_t reference(uint64_t delta, uint32_t mul, int shift)
{
	uint64_t d = shift < 0 ? delta >> -shift : delta << shift;

	return (d >> 32) * mul + (((d & 0xffffffffULL) * mul) >> 32);
}

static void known_values(void)
{
	CHECK_EQ_U64(pvclock_scale_delta(0, 0xffffffffU, 3), 0);
	CHECK_EQ_U64(pvclock_scale_delta(1ULL << 32, 1, 0), 1);
	CHECK_EQ_U64(pvclock_scale_delta(12345, 0, 0), 0);
	/* mul 0x80000000 is one half. */
	CHECK_EQ_U64(pvclock_scale_delta(1000, 0x80000000U, 0), 500);
	CHECK_EQ_U64(pvclock_scale_delta(1000, 0x80000000U, 1), 1000);
	CHECK_EQ_U64(pvclock_scale_delta(1000, 0x80000000U, -1), 250);
	CHECK_EQ_U64(pvclock_scale_delta(1000, 0x80000000U, -3), 62);
	CHECK_EQ_U64(pvclock_scale_delta(7, 0xffffffffU, 0), 6);
}

/* A 3 GHz TSC as Xen describes it: shift -1, mul = 2/3 in 0.32 fixed
 * point. One hour of ticks is 3.6e12 ns, plus the rounding of mul. */
static void three_gigahertz_for_an_hour(void)
{
	uint64_t ticks = 3000000000ULL * 3600;

	CHECK_EQ_U64(pvclock_scale_delta(ticks, 0xaaaaaaabU, -1),
		     3600000000419ULL);
}

/* Products that need more than 64 bits. */
static void wide_products(void)
{
	/* (2^64 - 1)(2^32 - 1) >> 32 = 2^64 - 2^32 - 1 */
	CHECK_EQ_U64(pvclock_scale_delta(~0ULL, 0xffffffffU, 0),
		     0xfffffffeffffffffULL);
	CHECK_EQ_U64(pvclock_scale_delta(1ULL << 63, 0x80000000U, 0),
		     1ULL << 62);
	CHECK_EQ_U64(pvclock_scale_delta(123456789012345ULL, 0x12345678U, 3),
		     70233195388027ULL);
	CHECK_EQ_U64(pvclock_scale_delta(~0ULL, 0xffffffffU, -63), 0);
	CHECK_EQ_U64(pvclock_scale_delta(~0ULL, 0x80000000U, -63), 0);
	CHECK_EQ_U64(pvclock_scale_delta(~0ULL, 0xffffffffU, -31),
		     reference(~0ULL, 0xffffffffU, -31));
}

/* A left shift drops the bits it pushes out, as Xen's own code does. */
static void shift_edges(void)
{
	CHECK_EQ_U64(pvclock_scale_delta(1ULL << 63, 0xffffffffU, 1), 0);
	CHECK_EQ_U64(pvclock_scale_delta(1, 0x80000000U, 63), 1ULL << 62);
	/* Shifts of 64 or more are undefined in C; they give 0. */
	CHECK_EQ_U64(pvclock_scale_delta(~0ULL, 0xffffffffU, 64), 0);
	CHECK_EQ_U64(pvclock_scale_delta(~0ULL, 0xffffffffU, -64), 0);
	CHECK_EQ_U64(pvclock_scale_delta(~0ULL, 0xffffffffU, -128), 0);
	CHECK_EQ_U64(pvclock_scale_delta(~0ULL, 0xffffffffU, 127), 0);
}

/* The record's time plus the ticks since its stamp, modulo 2^64. The
 * wrapped case is a record seen on the test host: a stamp just below
 * 2^64 and a TSC of 1.48e9, 852 ms after it (a plain "tsc > stamp"
 * froze the clock there until Xen's next update). */
static void record_times(void)
{
	CHECK_EQ_U64(pvclock_ns(5000, 1000, 1000, 0x80000000U, 0), 5000);
	CHECK_EQ_U64(pvclock_ns(5000, 1000, 3000, 0x80000000U, 0), 6000);
	/* Just before the stamp: no ticks, never backwards. */
	CHECK_EQ_U64(pvclock_ns(5000, 1000, 999, 0x80000000U, 0), 5000);
	CHECK_EQ_U64(pvclock_ns(5000, 0, ~0ULL, 0x80000000U, 0), 5000);
	/* Across the wrap. */
	CHECK_EQ_U64(pvclock_ns(5000, ~0ULL - 999, 1000, 0x80000000U, 0), 6000);
	CHECK_EQ_U64(pvclock_ns(9640177528ULL, 18446744072969211955ULL,
				1480422307ULL, 3308737016U, -1),
		     9640177528ULL + reference(1480422307ULL + 740339661ULL,
					       3308737016U, -1));
	CHECK(pvclock_ns(9640177528ULL, 18446744072969211955ULL, 1480422307ULL,
			 3308737016U, -1) -
		  9640177528ULL >
	      850000000ULL);
}

static uint64_t rng = 0x243f6a8885a308d3ULL;

static uint64_t rnd64(void)
{
	rng ^= rng << 13; /* xorshift64 */
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void random_against_reference(void)
{
	int i;

	for (i = 0; i < 200000; i++) {
		uint64_t delta = rnd64() >> (rnd64() % 64);
		uint32_t mul = (uint32_t)rnd64();
		int shift = (int)(rnd64() % 17) - 8;

		if (!CHECK_EQ_U64(
			pvclock_scale_delta(delta, mul, (int8_t)shift),
			reference(delta, mul, shift))) {
			FAIL("delta %#llx mul %#x shift %d",
			     (unsigned long long)delta, mul, shift);
			return;
		}
	}
}

/* Monotonic time across a restore: it resumes where it stopped, whether
 * Xen's clock ran on (same host) or restarted (a host that booted
 * since), and timer deadlines map back to Xen's clock. */
static void resume_offsets(void)
{
	int64_t later = pvclock_resume_offset(5000000000ULL, 905000000000ULL);
	int64_t earlier = pvclock_resume_offset(5000000000ULL, 1000000000ULL);

	CHECK_EQ_I64(later, -900000000000LL);
	CHECK_EQ_I64(earlier, 4000000000LL);
	CHECK_EQ_U64(pvclock_monotonic(905000000000ULL, later), 5000000000ULL);
	CHECK_EQ_U64(pvclock_monotonic(905100000000ULL, later), 5100000000ULL);
	CHECK_EQ_U64(pvclock_monotonic(1000000001ULL, earlier), 5000000001ULL);
	/* A 100 ms sleep that began 40 ms before the save: 60 ms after. */
	CHECK_EQ_U64(pvclock_raw_deadline(5060000000ULL, later),
		     905060000000ULL);
	CHECK_EQ_U64(pvclock_raw_deadline(5060000000ULL, earlier),
		     1060000000ULL);
	CHECK_EQ_U64(pvclock_raw_deadline(0, later), 0);
	CHECK_EQ_U64(pvclock_raw_deadline(0, earlier), 0);
	CHECK_EQ_U64(pvclock_raw_deadline(4000000000ULL, earlier), 1);
	CHECK_EQ_U64(pvclock_raw_deadline(3999999999ULL, earlier), 1);
	CHECK_EQ_U64(pvclock_raw_deadline(4000000001ULL, earlier), 1);
	CHECK_EQ_U64(pvclock_raw_deadline(4000000002ULL, earlier), 2);
	CHECK_EQ_U64(pvclock_raw_deadline(~0ULL - 5, -10), ~0ULL);
	CHECK_EQ_U64(pvclock_raw_deadline(~0ULL - 10, -10), ~0ULL);
	CHECK_EQ_U64(pvclock_raw_deadline(~0ULL - 11, -10), ~0ULL - 1);
	CHECK_EQ_U64(pvclock_raw_deadline(77, 0), 77);
	/* Round trip. */
	CHECK_EQ_U64(pvclock_raw_deadline(
			 pvclock_monotonic(905123456789ULL, later), later),
		     905123456789ULL);
}

CHECK_MAIN("pvclock", CHECK_TEST(known_values), CHECK_TEST(record_times),
	   CHECK_TEST(resume_offsets), CHECK_TEST(three_gigahertz_for_an_hour),
	   CHECK_TEST(wide_products), CHECK_TEST(shift_edges),
	   CHECK_TEST(random_against_reference))
