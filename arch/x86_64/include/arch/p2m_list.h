/*
 * The p2m's frame lists, as a PV guest publishes them in shared_info for
 * the toolstack's save (libxc walks them to find the p2m's own pages):
 * the frame list list (one page) holds the machine frames of the frame
 * list pages, and those hold the machine frames of the p2m's pages, 512
 * entries a page. Pure arithmetic and filling; arch/x86_64/suspend.c
 * owns the pages and host tests drive this file directly.
 */
#ifndef ARCH_P2M_LIST_H
#define ARCH_P2M_LIST_H

#include <kernel/types.h>

#define P2M_PER_PAGE 512UL /* 8-byte entries in a 4 KiB page */

/* Pages of the p2m itself for nr_pages guest frames (its leaves). */
unsigned long p2m_leaf_pages(unsigned long nr_pages);
/* Frame list pages for nr_pages guest frames; 0 when nr_pages needs more
 * than one frame list list can describe (512 GiB). */
unsigned long p2m_list_pages(unsigned long nr_pages);

/* Fill the lists for nr_pages frames: fl (p2m_list_pages() pages,
 * contiguous) gets leaf_mfn(i, ctx) for every leaf i, fll the machine
 * frames of fl's pages (fl_mfn[j]); every other entry is zeroed.
 * Returns 0, or -EINVAL when nr_pages is 0 or too large. */
int p2m_lists_fill(unsigned long nr_pages, uint64_t *fll, uint64_t *fl,
		   const uint64_t *fl_mfn,
		   uint64_t (*leaf_mfn)(unsigned long i, const void *ctx),
		   const void *ctx);

#endif
