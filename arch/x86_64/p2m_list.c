/*
 * Filling the p2m's frame lists (<arch/p2m_list.h>): two levels of
 * machine-frame lists above the p2m's pages, which the toolstack's save
 * reads to find the p2m. The pages they live in are suspend.c's.
 */
#include <arch/p2m_list.h>
#include <kernel/errno.h>

unsigned long p2m_leaf_pages(unsigned long nr_pages)
{
	return (nr_pages + P2M_PER_PAGE - 1) / P2M_PER_PAGE;
}

unsigned long p2m_list_pages(unsigned long nr_pages)
{
	unsigned long n =
	    (p2m_leaf_pages(nr_pages) + P2M_PER_PAGE - 1) / P2M_PER_PAGE;

	return n <= P2M_PER_PAGE ? n : 0;
}

int p2m_lists_fill(unsigned long nr_pages, uint64_t *fll, uint64_t *fl,
		   const uint64_t *fl_mfn,
		   uint64_t (*leaf_mfn)(unsigned long i, const void *ctx),
		   const void *ctx)
{
	unsigned long leaves = p2m_leaf_pages(nr_pages);
	unsigned long lists = p2m_list_pages(nr_pages), i;

	if (!nr_pages || !lists)
		return -EINVAL;
	for (i = 0; i < P2M_PER_PAGE; i++)
		fll[i] = i < lists ? fl_mfn[i] : 0;
	for (i = 0; i < lists * P2M_PER_PAGE; i++)
		fl[i] = i < leaves ? leaf_mfn(i, ctx) : 0;
	return 0;
}
