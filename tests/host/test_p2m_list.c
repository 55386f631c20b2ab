/*
 * Tests of arch/x86_64/p2m_list.c: the frame list list and frame lists a
 * PV guest publishes for the toolstack's save, checked entry by entry
 * the way libxc walks them, at sizes on and around page boundaries.
 */
#include <arch/p2m_list.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* A made-up machine frame for leaf i: distinct and never 0. */
static uint64_t leaf(unsigned long i, const void *ctx)
{
	return *(const uint64_t *)ctx + i * 7;
}

static void sizes(void)
{
	CHECK_EQ_U64(p2m_leaf_pages(1), 1);
	CHECK_EQ_U64(p2m_leaf_pages(512), 1);
	CHECK_EQ_U64(p2m_leaf_pages(513), 2);
	CHECK_EQ_U64(p2m_leaf_pages(16384), 32); /* 64 MiB */
	CHECK_EQ_U64(p2m_list_pages(16384), 1);
	CHECK_EQ_U64(p2m_list_pages(512 * 512), 1);
	CHECK_EQ_U64(p2m_list_pages(512 * 512 + 1), 2);
	CHECK_EQ_U64(p2m_list_pages(512UL * 512 * 512), 512); /* 512 GiB */
	CHECK_EQ_U64(p2m_list_pages(512UL * 512 * 512 + 1), 0);
}

/* Walk the lists as the save does: leaf i of pfn p is fll[p / 512^2]'s
 * page, entry (p / 512) % 512. */
static void walk(unsigned long nr)
{
	unsigned long lists = p2m_list_pages(nr), i;
	uint64_t *fll = malloc(4096), *fl = malloc(lists * 4096);
	uint64_t *fl_mfn = malloc(lists * 8), base = 1000;

	for (i = 0; i < lists; i++)
		fl_mfn[i] = 900000 + i;
	memset(fll, 0xaa, 4096);
	memset(fl, 0xaa, lists * 4096);
	CHECK_EQ_I64(p2m_lists_fill(nr, fll, fl, fl_mfn, leaf, &base), 0);
	for (i = 0; i < p2m_leaf_pages(nr); i++) {
		unsigned long pfn = i * 512, page = pfn / (512 * 512);

		if (!CHECK_EQ_U64(fll[page], 900000 + page) ||
		    !CHECK_EQ_U64(fl[page * 512 + i % 512], leaf(i, &base)))
			break;
	}
	for (i = lists; i < 512; i++)
		CHECK_EQ_U64(fll[i], 0);
	for (i = p2m_leaf_pages(nr); i < lists * 512; i++)
		if (!CHECK_EQ_U64(fl[i], 0))
			break;
	free(fll);
	free(fl);
	free(fl_mfn);
}

static void fills(void)
{
	walk(1);
	walk(511);
	walk(512);
	walk(16384);
	walk(512 * 512);
	walk(512 * 512 + 1);
	walk(3 * 512 * 512 + 7);
}

static void refuses(void)
{
	uint64_t fll[512], fl[512], m = 1, base = 1;

	CHECK_EQ_I64(p2m_lists_fill(0, fll, fl, &m, leaf, &base), -22);
	CHECK_EQ_I64(
	    p2m_lists_fill(512UL * 512 * 512 + 1, fll, fl, &m, leaf, &base),
	    -22);
}

CHECK_MAIN("p2m_list", CHECK_TEST(sizes), CHECK_TEST(fills),
	   CHECK_TEST(refuses))
