/*
 * Tests of kernel/page_bitmap.c: single and contiguous allocation,
 * exhaustion, the reserve (alloc_above), fragmentation, the rover and its wrap-around, rejected
 * frees, a randomized run against a naive reference model, and a bitmap
 * of 1M frames (the size of a 4 GiB guest).
 */
#include <stdlib.h>
#include <string.h>

#include <kernel/page_bitmap.h>

#include "check.h"

#define BASE 1000UL /* frame numbers of most tests start here */

static uint64_t words[PAGE_BITMAP_WORDS(4096)];

/* The bit of frame index i, read directly: 1 = free. */
static bool bit(const struct page_bitmap *pb, unsigned long i)
{
	return (pb->bits[i / 64] >> (i % 64)) & 1;
}

/* Count frames [i, i + n) whose state is free; checks the bits, not nfree. */
static unsigned long count_free(const struct page_bitmap *pb, unsigned long i,
				unsigned long n)
{
	unsigned long c = 0;

	while (n--)
		c += bit(pb, i++);
	return c;
}

/* A bitmap of count frames from BASE, all of them free. */
static void setup_free(struct page_bitmap *pb, unsigned long count)
{
	memset(words, 0xa5, sizeof(words)); /* init must clear this */
	page_bitmap_init(pb, words, BASE, count);
	CHECK(page_bitmap_free(pb, BASE, count));
}

static void init_starts_all_allocated(void)
{
	struct page_bitmap pb;

	memset(words, 0xff, sizeof(words));
	page_bitmap_init(&pb, words, BASE, 200);
	CHECK_EQ_U64(pb.nfree, 0);
	CHECK_EQ_U64(pb.count, 200);
	CHECK_EQ_U64(count_free(&pb, 0, 256), 0); /* tail bits too */
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), 0);
}

static void alloc_single_in_order(void)
{
	struct page_bitmap pb;

	setup_free(&pb, 200);
	CHECK_EQ_U64(pb.nfree, 200);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), BASE);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), BASE + 1);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), BASE + 2);
	CHECK_EQ_U64(pb.nfree, 197);
	CHECK_EQ_U64(count_free(&pb, 0, 3), 0);
	CHECK_EQ_U64(count_free(&pb, 3, 197), 197);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 0), 0);
	CHECK_EQ_U64(pb.nfree, 197);
}

static void alloc_contiguous_across_words(void)
{
	struct page_bitmap pb;

	setup_free(&pb, 200);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 3), BASE);
	/* 70 frames from index 3 span the bitmap's first three words. */
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 70), BASE + 3);
	CHECK_EQ_U64(count_free(&pb, 0, 73), 0);
	CHECK(bit(&pb, 73));
	CHECK_EQ_U64(pb.nfree, 200 - 73);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 128), 0); /* 127 are left */
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 127), BASE + 73);
	CHECK_EQ_U64(pb.nfree, 0);
}

static void exhaustion_returns_zero(void)
{
	struct page_bitmap pb;
	unsigned long i;

	setup_free(&pb, 130);
	for (i = 0; i < 130; i++)
		if (!CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), BASE + i))
			return;
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), 0);
	CHECK_EQ_U64(pb.nfree, 0);
	CHECK(page_bitmap_free(&pb, BASE + 65, 1));
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 2), 0);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), BASE + 65);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), 0);
}

/* The kernel's reserve (page_alloc_user()): allocations "above" it stop
 * while keep frames would no longer stay free; plain ones still take
 * the reserve, down to the last frame; freed frames serve both again. */
static void reserve_is_left_to_plain_allocations(void)
{
	struct page_bitmap pb;
	unsigned long i, got = 0;

	setup_free(&pb, 200);
	while (page_bitmap_alloc_above(&pb, 1, 50))
		got++;
	CHECK_EQ_U64(got, 150);
	CHECK_EQ_U64(pb.nfree, 50);
	CHECK_EQ_U64(page_bitmap_alloc_above(&pb, 1, 50), 0);
	/* A run that would dip into the reserve fails whole. */
	CHECK(page_bitmap_free(&pb, BASE, 4));
	CHECK_EQ_U64(page_bitmap_alloc_above(&pb, 5, 50), 0);
	CHECK(page_bitmap_alloc_above(&pb, 4, 50) != 0);
	CHECK_EQ_U64(pb.nfree, 50);
	/* The kernel's own allocations take the reserve to the end. */
	for (i = 0; i < 50; i++)
		if (!CHECK(page_bitmap_alloc(&pb, 1) != 0))
			return;
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), 0);
	/* Freed below the reserve: the program gets nothing back yet. */
	CHECK(page_bitmap_free(&pb, BASE + 10, 30));
	CHECK_EQ_U64(page_bitmap_alloc_above(&pb, 1, 50), 0);
	CHECK(page_bitmap_free(&pb, BASE + 100, 21));
	CHECK(page_bitmap_alloc_above(&pb, 1, 50) != 0);
	CHECK_EQ_U64(page_bitmap_alloc_above(&pb, 1, 50), 0);
	/* keep 0 is page_bitmap_alloc(). */
	CHECK(page_bitmap_alloc_above(&pb, 1, 0) != 0);
}

static void fragmented_run_comes_from_a_hole(void)
{
	struct page_bitmap pb;
	unsigned long i;

	setup_free(&pb, 256);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 256), BASE);
	for (i = 0; i < 256; i += 2)
		CHECK(page_bitmap_free(&pb, BASE + i, 1));
	CHECK_EQ_U64(pb.nfree, 128);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 2), 0); /* no two adjacent */
	CHECK_EQ_U64(pb.nfree, 128);
	/* Now 100, 101 and 102 are free: the only place for two. */
	CHECK(page_bitmap_free(&pb, BASE + 101, 1));
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 2), BASE + 100);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 2), 0);
	/* The rover is just past the run: the next single page is 102. */
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), BASE + 102);
	CHECK_EQ_U64(pb.nfree, 126);
}

static void rover_advances_and_wraps(void)
{
	struct page_bitmap pb;

	setup_free(&pb, 128);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 100), BASE);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 20), BASE + 100);
	CHECK(page_bitmap_free(&pb, BASE, 100));
	/* Only 8 free past the rover (120): wrap to the start. */
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 10), BASE);
	/* A hole behind the rover (now 10) is not taken: first fit starts
	 * at the rover. */
	CHECK(page_bitmap_free(&pb, BASE + 2, 3));
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 3), BASE + 10);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 8), BASE + 13);
	/* 21..99 fits exactly; 100..119 is still allocated. */
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 80), 0);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 79), BASE + 21);
	/* Left: 2..4 and 120..127. */
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 9), 0);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 8), BASE + 120);
	/* The run ended at the last frame, so the rover is back at 0. */
	CHECK_EQ_U64(pb.rover, 0);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 3), BASE + 2);
	CHECK_EQ_U64(pb.nfree, 0);
}

static void wrapped_search_may_cross_the_rover(void)
{
	struct page_bitmap pb;

	setup_free(&pb, 128);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 60), BASE);
	CHECK(page_bitmap_free(&pb, BASE, 60));
	/* Rover at 60: only 68 fit after it, but all 128 are free, so the
	 * second pass finds a run that starts before the rover and ends
	 * after it. */
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 100), BASE);
	CHECK_EQ_U64(pb.nfree, 28);
}

static void sparse_frames_found_past_full_words(void)
{
	struct page_bitmap pb;

	memset(words, 0, sizeof(words));
	page_bitmap_init(&pb, words, BASE, 4096);
	CHECK(page_bitmap_free(&pb, BASE + 3000, 10));
	CHECK(page_bitmap_free(&pb, BASE + 4095, 1));
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 11), 0);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), BASE + 3000);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 10), 0);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 9), BASE + 3001);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), BASE + 4095);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), 0);
}

/* A free that must be refused and leave everything as it was. */
static void check_free_rejected(struct page_bitmap *pb, unsigned long first,
				unsigned long n)
{
	static uint64_t before[PAGE_BITMAP_WORDS(4096)];
	unsigned long nfree = pb->nfree;
	size_t size = PAGE_BITMAP_WORDS(pb->count) * sizeof(uint64_t);

	memcpy(before, pb->bits, size);
	if (!CHECK(!page_bitmap_free(pb, first, n)))
		FAIL("free(%lu, %lu) was accepted", first, n);
	CHECK_EQ_U64(pb->nfree, nfree);
	CHECK_MEM(pb->bits, before, size);
}

static void double_free_rejected(void)
{
	struct page_bitmap pb;

	setup_free(&pb, 128);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 10), BASE);
	check_free_rejected(&pb, BASE + 5, 10); /* 10..14 are free */
	check_free_rejected(&pb, BASE + 10, 1);
	CHECK(page_bitmap_free(&pb, BASE, 10));
	check_free_rejected(&pb, BASE, 10);
	check_free_rejected(&pb, BASE + 3, 1);
	CHECK_EQ_U64(pb.nfree, 128);
}

static void out_of_range_free_rejected(void)
{
	struct page_bitmap pb;

	setup_free(&pb, 100);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 100), BASE);
	check_free_rejected(&pb, BASE - 1, 1);
	check_free_rejected(&pb, BASE - 1, 2);
	check_free_rejected(&pb, BASE + 100, 1);
	check_free_rejected(&pb, BASE + 98, 3);
	check_free_rejected(&pb, BASE + 1, ~0UL); /* first + n wraps */
	check_free_rejected(&pb, ~0UL, 2);
	check_free_rejected(&pb, BASE, 0);
	CHECK_EQ_U64(pb.nfree, 0);
}

static void frame_zero_is_never_handed_out(void)
{
	struct page_bitmap pb;

	page_bitmap_init(&pb, words, 0, 64);
	check_free_rejected(&pb, 0, 1);
	check_free_rejected(&pb, 0, 64);
	CHECK(page_bitmap_free(&pb, 1, 63));
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 64), 0);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 63), 1);
}

/* --- Randomized run against a reference model ---------------------------- */

#define STRESS_COUNT 1000 /* not a multiple of 64: a partial last word */
#define STRESS_OPS 20000

struct model {
	bool free[STRESS_COUNT];
	unsigned long rover;
};

static uint64_t rng = 0x5eed5eed12345678ULL;

static unsigned long rnd(unsigned long n)
{
	rng ^= rng << 13; /* xorshift64 */
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned long)(rng % n);
}

static bool model_run_free(const struct model *m, unsigned long s,
			   unsigned long n)
{
	unsigned long i;

	for (i = s; i < s + n; i++)
		if (!m->free[i])
			return false;
	return true;
}

/* First fit from the rover, then from 0, one candidate at a time. */
static unsigned long model_alloc(struct model *m, unsigned long n)
{
	unsigned long s, i;

	for (i = 0; i < STRESS_COUNT; i++) {
		s = (m->rover + i) % STRESS_COUNT;
		if (s + n <= STRESS_COUNT && model_run_free(m, s, n)) {
			memset(&m->free[s], 0, n);
			m->rover = (s + n) % STRESS_COUNT;
			return BASE + s;
		}
	}
	return 0;
}

static bool model_free(struct model *m, unsigned long first, unsigned long n)
{
	unsigned long i, s = first - BASE;

	if (first < BASE || s >= STRESS_COUNT || n == 0 || n > STRESS_COUNT - s)
		return false;
	for (i = s; i < s + n; i++)
		if (m->free[i])
			return false;
	memset(&m->free[s], 1, n);
	return true;
}

static unsigned long random_size(void)
{
	return rnd(10) ? 1 + rnd(8) : 1 + rnd(120);
}

/* One random step: allocate, free a random range, or free a range that
 * was just allocated; page_bitmap must agree with the model exactly. */
static bool stress_step(struct page_bitmap *pb, struct model *m)
{
	unsigned long n = random_size(), first;

	if (rnd(2)) {
		first = page_bitmap_alloc(pb, n);
		return CHECK_EQ_U64(first, model_alloc(m, n));
	}
	first = BASE - 2 + rnd(STRESS_COUNT + 4);
	return CHECK_EQ_U64(page_bitmap_free(pb, first, n),
			    model_free(m, first, n));
}

static bool same_as_model(const struct page_bitmap *pb, const struct model *m)
{
	unsigned long i, nfree = 0;

	for (i = 0; i < STRESS_COUNT; i++) {
		nfree += m->free[i];
		if (bit(pb, i) != m->free[i])
			return FAIL("frame %lu differs from the model", i);
	}
	return CHECK_EQ_U64(pb->nfree, nfree);
}

static void random_ops_match_model(void)
{
	static struct model m;
	struct page_bitmap pb;
	unsigned long i, allocs = 0, frees = 0;

	page_bitmap_init(&pb, words, BASE, STRESS_COUNT);
	memset(&m, 0, sizeof(m));
	for (i = 0; i < STRESS_OPS; i++) {
		unsigned long nfree = pb.nfree;

		if (!stress_step(&pb, &m) || !same_as_model(&pb, &m)) {
			FAIL("diverged at step %lu", i);
			return;
		}
		allocs += pb.nfree < nfree;
		frees += pb.nfree > nfree;
	}
	/* The run must have exercised both sides, not just refusals. */
	CHECK(allocs > STRESS_OPS / 10);
	CHECK(frees > STRESS_OPS / 10);
}

/* --- A 4 GiB guest's worth of frames --------------------------------------- */

static void one_million_frames(void)
{
	const unsigned long count = 1UL << 20;
	uint64_t *bits = malloc(PAGE_BITMAP_WORDS(count) * sizeof(uint64_t));
	struct page_bitmap pb;
	unsigned long i;

	if (!CHECK(bits != NULL))
		return;
	page_bitmap_init(&pb, bits, 0, count); /* as page_alloc.c does */
	CHECK(page_bitmap_free(&pb, 1, count - 1));
	CHECK_EQ_U64(pb.nfree, count - 1);
	/* Quadratic scanning would not finish here within the timeout. */
	for (i = 1; i < count; i++)
		if (!CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), i))
			break;
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), 0);
	CHECK(page_bitmap_free(&pb, count - 5, 1));
	CHECK_EQ_U64(page_bitmap_alloc(&pb, 1), count - 5);
	CHECK(page_bitmap_free(&pb, 1, count - 1));
	CHECK_EQ_U64(page_bitmap_alloc(&pb, count), 0);
	CHECK_EQ_U64(page_bitmap_alloc(&pb, count - 1), 1);
	CHECK_EQ_U64(pb.nfree, 0);
	free(bits);
}

CHECK_MAIN("page_bitmap", CHECK_TEST(init_starts_all_allocated),
	   CHECK_TEST(alloc_single_in_order),
	   CHECK_TEST(alloc_contiguous_across_words),
	   CHECK_TEST(exhaustion_returns_zero),
	   CHECK_TEST(reserve_is_left_to_plain_allocations),
	   CHECK_TEST(fragmented_run_comes_from_a_hole),
	   CHECK_TEST(rover_advances_and_wraps),
	   CHECK_TEST(wrapped_search_may_cross_the_rover),
	   CHECK_TEST(sparse_frames_found_past_full_words),
	   CHECK_TEST(double_free_rejected),
	   CHECK_TEST(out_of_range_free_rejected),
	   CHECK_TEST(frame_zero_is_never_handed_out),
	   CHECK_TEST(random_ops_match_model), CHECK_TEST(one_million_frames))
