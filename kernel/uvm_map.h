/*
 * The list of user mappings (VMAs) behind kernel/uvm.c: pure logic over a
 * sorted array, host-tested (tests/host/test_uvm_map.c). It knows nothing
 * of page tables; uvm.c applies the page-table side of each change.
 * Not for use outside kernel/uvm*.c.
 */
#ifndef KERNEL_UVM_MAP_H
#define KERNEL_UVM_MAP_H

#include <kernel/types.h>

/* One mapping: [start, end), page aligned, with its UVM_PROT_* bits. */
struct uvm_vma {
	unsigned long start, end;
	int prot;
};

/* A sorted, non-overlapping array of at most max VMAs (storage given by
 * the caller). Neighbours with the same protection are merged, so the
 * array never holds two adjacent VMAs with equal prot. */
struct uvm_space {
	struct uvm_vma *v;
	unsigned int n, max;
	unsigned long lo, hi;		/* allowed user range [lo, hi) */
	unsigned long pick_lo, pick_hi; /* where uvm_space_pick() looks */
};

/* Page-align and check a range: addr aligned, len > 0 (rounded up to
 * pages into *end), no wrap-around, inside [lo, hi). 0 or -EINVAL. */
int uvm_space_range(const struct uvm_space *s, unsigned long addr,
		    unsigned long len, unsigned long *end);

/* Index of the first VMA ending above addr (n if none). */
unsigned int uvm_space_find(const struct uvm_space *s, unsigned long addr);

/* True if any VMA overlaps [start, end). */
bool uvm_space_overlaps(const struct uvm_space *s, unsigned long start,
			unsigned long end);

/* True if [start, end) is fully covered by VMAs whose prot has every bit
 * of prot. */
bool uvm_space_covers(const struct uvm_space *s, unsigned long start,
		      unsigned long end, int prot);

/* The highest free, page-aligned range of len bytes in [pick_lo, pick_hi)
 * (top-down, like Linux's mmap). 0 and *out, or -ENOMEM. */
int uvm_space_pick(const struct uvm_space *s, unsigned long len,
		   unsigned long *out);

/* Make [start, end) one mapping with prot, replacing whatever was there
 * (splitting VMAs at the edges). 0, or -ENOMEM with nothing changed when
 * the array would overflow. */
int uvm_space_set(struct uvm_space *s, unsigned long start, unsigned long end,
		  int prot);

/* Remove [start, end) from every mapping (splitting at the edges). 0, or
 * -ENOMEM with nothing changed when a split would overflow the array. */
int uvm_space_remove(struct uvm_space *s, unsigned long start,
		     unsigned long end);

/* The VMA containing addr, or NULL. */
const struct uvm_vma *uvm_space_lookup(const struct uvm_space *s,
				       unsigned long addr);

#endif
