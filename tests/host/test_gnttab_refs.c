/*
 * Tests of xen/gnttab_refs.c: every reference handed out once,
 * exhaustion with -ENOSPC, FIFO reuse, double and out-of-range frees
 * rejected without damaging the list, reserved references never handed
 * out, and a randomized run against a naive model.
 */
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/gnttab_refs.h>

#include "check.h"

#define NR 64
#define FIRST 8 /* Xen reserves references 0-7 (console, xenstore, ...) */

static uint32_t links[NR];

static void setup(struct gnttab_refs *r)
{
	memset(links, 0xa5, sizeof(links)); /* init must overwrite this */
	gnttab_refs_init(r, links, FIRST, NR);
}

static void hands_out_each_reference_once(void)
{
	struct gnttab_refs r;
	bool seen[NR] = {false};
	int i;

	setup(&r);
	CHECK_EQ_U64(r.nfree, NR - FIRST);
	for (i = FIRST; i < NR; i++) {
		long ref = gnttab_refs_get(&r);

		if (!CHECK(ref >= FIRST && ref < NR) || !CHECK(!seen[ref]))
			return;
		seen[ref] = true;
		CHECK(gnttab_refs_in_use(&r, (uint32_t)ref));
	}
	CHECK_EQ_U64(r.nfree, 0);
}

static void exhaustion_is_enospc(void)
{
	struct gnttab_refs r;
	int i;

	setup(&r);
	for (i = FIRST; i < NR; i++)
		gnttab_refs_get(&r);
	CHECK_EQ_I64(gnttab_refs_get(&r), -ENOSPC);
	CHECK_EQ_I64(gnttab_refs_get(&r), -ENOSPC); /* and stays so */
	CHECK_EQ_I64(gnttab_refs_put(&r, 20), 0);
	CHECK_EQ_I64(gnttab_refs_get(&r), 20);
	CHECK_EQ_I64(gnttab_refs_get(&r), -ENOSPC);
}

static void reuse_is_fifo(void)
{
	struct gnttab_refs r;
	long a, b;

	setup(&r);
	a = gnttab_refs_get(&r);
	b = gnttab_refs_get(&r);
	CHECK_EQ_I64(gnttab_refs_put(&r, (uint32_t)a), 0);
	CHECK_EQ_I64(gnttab_refs_put(&r, (uint32_t)b), 0);
	/* The rest of the never-used references come first, then a, then b. */
	while (r.nfree > 2)
		CHECK(gnttab_refs_get(&r) != a);
	CHECK_EQ_I64(gnttab_refs_get(&r), a);
	CHECK_EQ_I64(gnttab_refs_get(&r), b);
	CHECK_EQ_I64(gnttab_refs_get(&r), -ENOSPC);
}

static void double_free_rejected(void)
{
	struct gnttab_refs r;
	long a;

	setup(&r);
	a = gnttab_refs_get(&r);
	CHECK_EQ_I64(gnttab_refs_put(&r, (uint32_t)a), 0);
	CHECK_EQ_I64(gnttab_refs_put(&r, (uint32_t)a), -EINVAL);
	CHECK_EQ_U64(r.nfree, NR - FIRST);
	CHECK(!gnttab_refs_in_use(&r, (uint32_t)a));
	/* A never-handed-out reference cannot be freed either. */
	CHECK_EQ_I64(gnttab_refs_put(&r, NR - 1), -EINVAL);
	CHECK_EQ_U64(r.nfree, NR - FIRST);
}

static void bad_references_rejected(void)
{
	struct gnttab_refs r;

	setup(&r);
	gnttab_refs_get(&r);
	CHECK_EQ_I64(gnttab_refs_put(&r, 0), -EINVAL);	       /* reserved */
	CHECK_EQ_I64(gnttab_refs_put(&r, FIRST - 1), -EINVAL); /* reserved */
	CHECK_EQ_I64(gnttab_refs_put(&r, NR), -EINVAL);
	CHECK_EQ_I64(gnttab_refs_put(&r, GNTTAB_REFS_USED), -EINVAL);
	CHECK_EQ_I64(gnttab_refs_put(&r, GNTTAB_REFS_END), -EINVAL);
	CHECK(!gnttab_refs_in_use(&r, 0));
	CHECK_EQ_U64(r.nfree, NR - FIRST - 1);
}

static void empty_range(void)
{
	struct gnttab_refs r;

	gnttab_refs_init(&r, links, FIRST, FIRST);
	CHECK_EQ_U64(r.nfree, 0);
	CHECK_EQ_I64(gnttab_refs_get(&r), -ENOSPC);
	CHECK_EQ_I64(gnttab_refs_put(&r, FIRST), -EINVAL);
}

/* Random gets and puts (some bogus) against a boolean model. */
static void random_ops_match_model(void)
{
	struct gnttab_refs r;
	bool used[NR] = {false};
	uint32_t nused = 0;
	int i;

	setup(&r);
	srand(7);
	for (i = 0; i < 100000; i++) {
		uint32_t ref = (uint32_t)(rand() % (NR + 4));

		if (rand() % 2) {
			long got = gnttab_refs_get(&r);

			if (nused == NR - FIRST) {
				if (!CHECK_EQ_I64(got, -ENOSPC))
					return;
				continue;
			}
			if (!CHECK(got >= FIRST && got < NR && !used[got]))
				return;
			used[got] = true;
			nused++;
		} else {
			bool ok = ref >= FIRST && ref < NR && used[ref];

			if (!CHECK_EQ_I64(gnttab_refs_put(&r, ref),
					  ok ? 0 : -EINVAL))
				return;
			if (ok) {
				used[ref] = false;
				nused--;
			}
		}
		if (!CHECK_EQ_U64(r.nfree, NR - FIRST - nused))
			return;
	}
}

CHECK_MAIN("gnttab_refs", CHECK_TEST(hands_out_each_reference_once),
	   CHECK_TEST(exhaustion_is_enospc), CHECK_TEST(reuse_is_fifo),
	   CHECK_TEST(double_free_rejected),
	   CHECK_TEST(bad_references_rejected), CHECK_TEST(empty_range),
	   CHECK_TEST(random_ops_match_model))
