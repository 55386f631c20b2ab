/*
 * The list of user mappings (VMAs) behind kernel/uvm.c: pure logic over a
 * sorted array, host-tested (tests/host/test_uvm_map.c). It knows nothing
 * of page tables; uvm.c applies the page-table side of each change.
 * Not for use outside kernel/uvm*.c.
 */
#ifndef KERNEL_UVM_MAP_H
#define KERNEL_UVM_MAP_H

#include <kernel/types.h>

struct uvm_obj;

/* One mapping: [start, end), page aligned, with its UVM_PROT_* bits,
 * anonymous (obj NULL) or showing obj's pages from byte offset off on. */
struct uvm_vma {
	unsigned long start, end;
	int prot;
	int flags; /* UVM_VMA_* */
	struct uvm_obj *obj;
	unsigned long off;
};

/* mprotect may not add PROT_WRITE (a shared mapping of a file opened
 * read-only). */
#define UVM_VMA_NOWRITE 0x1

/*
 * A sorted, non-overlapping array of at most max VMAs (storage given by
 * the caller). Neighbours that continue each other (same prot and flags,
 * both anonymous or the same object at consecutive offsets) are merged,
 * so the array never holds two such adjacent VMAs. Each VMA with an
 * object holds a reference on it: ref(obj, +1 or -1) is called as VMAs
 * come and go (gains before losses; NULL: not counted).
 */
struct uvm_space {
	struct uvm_vma *v;
	unsigned int n, max;
	unsigned long lo, hi;		/* allowed user range [lo, hi) */
	unsigned long pick_lo, pick_hi; /* where uvm_space_pick() looks */
	void (*ref)(struct uvm_obj *obj, int delta);
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

/* Make [start, end) one anonymous mapping with prot, replacing whatever
 * was there (splitting VMAs at the edges). 0, or -ENOMEM with nothing
 * changed when the array would overflow. */
int uvm_space_set(struct uvm_space *s, unsigned long start, unsigned long end,
		  int prot);

/* The same for the mapping *nv (its range, prot, flags and backing). */
int uvm_space_set_vma(struct uvm_space *s, const struct uvm_vma *nv);

/* Give every mapping in [start, end) protection prot, keeping its
 * backing (splitting at the edges). -ENOMEM if a split would overflow
 * the array (the part before it changed); -EACCES, changing nothing, if
 * prot has PROT_WRITE and a mapping there is UVM_VMA_NOWRITE. Holes are
 * the caller's to refuse. */
int uvm_space_protect(struct uvm_space *s, unsigned long start,
		      unsigned long end, int prot);

/* Remove [start, end) from every mapping (splitting at the edges). 0, or
 * -ENOMEM with nothing changed when a split would overflow the array. */
int uvm_space_remove(struct uvm_space *s, unsigned long start,
		     unsigned long end);

/* The VMA containing addr, or NULL. */
const struct uvm_vma *uvm_space_lookup(const struct uvm_space *s,
				       unsigned long addr);

#endif
