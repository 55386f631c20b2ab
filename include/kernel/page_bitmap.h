/*
 * The pure part of the page allocator: a bitmap of free frames with a
 * first-fit search for contiguous runs that starts at a rover. No kernel
 * dependencies, so the host unit tests compile it as it is.
 */
#ifndef KERNEL_PAGE_BITMAP_H
#define KERNEL_PAGE_BITMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct page_bitmap {
	uint64_t *bits;	     /* bit set = frame free */
	unsigned long base;  /* first frame covered */
	unsigned long count; /* frames covered */
	unsigned long nfree;
	unsigned long rover; /* where the next search starts (index) */
};

/* Words of bitmap needed for count frames. */
#define PAGE_BITMAP_WORDS(count) (((count) + 63) / 64)

/* All frames start out allocated; free them with page_bitmap_free(). */
void page_bitmap_init(struct page_bitmap *pb, uint64_t *bits,
		      unsigned long base, unsigned long count);

/* Allocate n contiguous frames; returns the first, or 0 if there is no
 * such run (callers never put frame 0 under management). */
unsigned long page_bitmap_alloc(struct page_bitmap *pb, unsigned long n);
/* The same, but only while keep frames stay free afterwards (a reserve
 * that only page_bitmap_alloc() may take); 0 otherwise. */
unsigned long page_bitmap_alloc_above(struct page_bitmap *pb, unsigned long n,
				      unsigned long keep);

/* Free n frames from first. Returns false (and changes nothing) if any of
 * them is outside the bitmap or already free. */
bool page_bitmap_free(struct page_bitmap *pb, unsigned long first,
		      unsigned long n);

#endif
