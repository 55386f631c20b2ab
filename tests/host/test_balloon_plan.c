/*
 * Tests of kernel/balloon_plan.c: the reserve, parsing memory/target,
 * and the plan for targets below, at and above what the guest holds:
 * never past the reserve or memory in use, never above the room to grow,
 * and a simulated run that follows a series of targets to the end.
 */
#include <kernel/balloon.h>
#include <kernel/errno.h>

#include "check.h"

static void test_reserve(void)
{
	CHECK_EQ_U64(balloon_reserve(0), 512);
	CHECK_EQ_U64(balloon_reserve(8192), 512);     /* 32 MiB: 2 MiB */
	CHECK_EQ_U64(balloon_reserve(16384), 512);    /* 64 MiB: 2 MiB */
	CHECK_EQ_U64(balloon_reserve(32768), 1024);   /* 128 MiB: 1/32 */
	CHECK_EQ_U64(balloon_reserve(262144), 8192);  /* 1 GiB: 32 MiB */
	CHECK_EQ_U64(balloon_reserve(1048576), 8192); /* 4 GiB: at most */
}

static void test_parse(void)
{
	unsigned long p = 77;

	CHECK_EQ_I64(balloon_parse_target("32768", &p), 0);
	CHECK_EQ_U64(p, 8192);
	CHECK_EQ_I64(balloon_parse_target("5", &p), 0); /* rounded down */
	CHECK_EQ_U64(p, 1);
	CHECK_EQ_I64(balloon_parse_target("0", &p), 0);
	CHECK_EQ_U64(p, 0);
	p = 77;
	CHECK_EQ_I64(balloon_parse_target("", &p), -EINVAL);
	CHECK_EQ_I64(balloon_parse_target("-4", &p), -EINVAL);
	CHECK_EQ_I64(balloon_parse_target("+4", &p), -EINVAL);
	CHECK_EQ_I64(balloon_parse_target("12 ", &p), -EINVAL);
	CHECK_EQ_I64(balloon_parse_target("12k", &p), -EINVAL);
	CHECK_EQ_I64(balloon_parse_target("99999999999999999999999", &p),
		     -EINVAL);
	CHECK_EQ_U64(p, 77); /* untouched on error */
}

static struct balloon_state st(unsigned long held, unsigned long free,
			       unsigned long absent)
{
	struct balloon_state s = {held, free, absent, 512};

	return s;
}

static void test_down(void)
{
	struct balloon_state s = st(16384, 12000, 0);
	struct balloon_step p = balloon_plan(8192, &s);

	CHECK_EQ_U64(p.release, 8192);
	CHECK_EQ_U64(p.populate, 0);
	CHECK_EQ_U64(p.short_by, 0);
	CHECK(!p.below_use);
}

static void test_down_below_use(void)
{
	/* 3000 free, 512 of them the reserve: 2488 can go of 14336. */
	struct balloon_state s = st(16384, 3000, 0);
	struct balloon_step p = balloon_plan(2048, &s);

	CHECK_EQ_U64(p.release, 2488);
	CHECK_EQ_U64(p.short_by, 14336 - 2488);
	CHECK(p.below_use);
	/* Nothing free beyond the reserve: nothing moves. */
	s = st(16384, 512, 0);
	p = balloon_plan(2048, &s);
	CHECK_EQ_U64(p.release, 0);
	CHECK(p.below_use);
	s = st(16384, 100, 0);
	p = balloon_plan(2048, &s);
	CHECK_EQ_U64(p.release, 0);
	CHECK_EQ_U64(p.short_by, 14336);
}

static void test_at_target(void)
{
	struct balloon_state s = st(8192, 5000, 100);
	struct balloon_step p = balloon_plan(8192, &s);

	CHECK_EQ_U64(p.release + p.populate + p.short_by, 0);
	CHECK(!p.below_use);
}

static void test_up(void)
{
	struct balloon_state s = st(8192, 5000, 8192);
	struct balloon_step p = balloon_plan(16384, &s);

	CHECK_EQ_U64(p.populate, 8192);
	CHECK_EQ_U64(p.release, 0);
	CHECK_EQ_U64(p.short_by, 0);
	/* Above the room to grow: up to it, the rest is short. */
	p = balloon_plan(20000, &s);
	CHECK_EQ_U64(p.populate, 8192);
	CHECK_EQ_U64(p.short_by, 20000 - 16384);
	CHECK(!p.below_use);
}

/* Follow a series of targets the way xen/balloon.c does, a batch of at
 * most 256 at a time, with the app using a fixed amount: the guest ends
 * at each reachable target and never dips into the reserve. */
static void test_run(void)
{
	const unsigned long max = 24576, in_use = 5000, reserve = 512;
	const unsigned long targets[] = {8192, 16384, 24576,
					 2048, 30000, 16384};
	unsigned long held = 16384, i;

	for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		unsigned long t = targets[i], steps = 0;
		struct balloon_step p;

		for (;;) {
			struct balloon_state s = {held, held - in_use,
						  max - held, reserve};

			p = balloon_plan(t, &s);
			if (!p.release && !p.populate)
				break;
			held -= p.release > 256 ? 256 : p.release;
			held += p.populate > 256 ? 256 : p.populate;
			CHECK(held - in_use >= reserve);
			if (!CHECK(++steps < 1000))
				break;
		}
		if (t < in_use + reserve)
			CHECK_EQ_U64(held, in_use + reserve);
		else if (t > max)
			CHECK_EQ_U64(held, max);
		else
			CHECK_EQ_U64(held, t);
		CHECK_EQ_U64(p.short_by == 0, held == t);
	}
}

CHECK_MAIN("balloon_plan", CHECK_TEST(test_reserve), CHECK_TEST(test_parse),
	   CHECK_TEST(test_down), CHECK_TEST(test_down_below_use),
	   CHECK_TEST(test_at_target), CHECK_TEST(test_up),
	   CHECK_TEST(test_run))
