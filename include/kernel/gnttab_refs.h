/*
 * The grant table's reference allocator: a free list threaded through an
 * array of "next" links, one per reference. Pure logic (no Xen, no
 * hypercalls), so the host unit tests link it as it is.
 */
#ifndef KERNEL_GNTTAB_REFS_H
#define KERNEL_GNTTAB_REFS_H

#include <kernel/types.h>

/* Link values that are not references: the end of the list, and the mark
 * of a reference that is handed out (so a double free is detected). */
#define GNTTAB_REFS_END 0xffffffffU
#define GNTTAB_REFS_USED 0xfffffffeU

struct gnttab_refs {
	uint32_t *next; /* one link per reference, [0, nr) */
	uint32_t first; /* references below first are reserved */
	uint32_t nr;	/* references managed: [first, nr) */
	uint32_t head;	/* taken from here ... */
	uint32_t tail;	/* ... and given back here (FIFO) */
	uint32_t nfree;
};

/* Manage references [first, nr) with the caller's array next[nr]; all of
 * them start free. References below first are never handed out. */
void gnttab_refs_init(struct gnttab_refs *r, uint32_t *next, uint32_t first,
		      uint32_t nr);

/* Take a free reference. Returns it, or -ENOSPC when all are in use. */
long gnttab_refs_get(struct gnttab_refs *r);

/* Give a reference back. Returns 0, or -EINVAL for a reference that is
 * out of range, reserved or not handed out (a double free). */
int gnttab_refs_put(struct gnttab_refs *r, uint32_t ref);

/* True if ref is handed out (in range and not free). */
bool gnttab_refs_in_use(const struct gnttab_refs *r, uint32_t ref);

#endif
