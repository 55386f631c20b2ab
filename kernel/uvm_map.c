/*
 * The user mapping list: a sorted array of VMAs with splitting at range
 * edges and merging of equal neighbours, and the top-down search for free
 * address space. Pure logic, no page tables (see uvm_map.h).
 */
#include <kernel/errno.h>

#include "uvm_map.h"

int uvm_space_range(const struct uvm_space *s, unsigned long addr,
		    unsigned long len, unsigned long *end)
{
	if ((addr & ~PAGE_MASK) || !len)
		return -EINVAL;
	if (len > s->hi || addr + len < addr)
		return -EINVAL;
	*end = ALIGN_UP(addr + len, PAGE_SIZE);
	if (addr < s->lo || *end > s->hi || *end < addr)
		return -EINVAL;
	return 0;
}

unsigned int uvm_space_find(const struct uvm_space *s, unsigned long addr)
{
	unsigned int lo = 0, hi = s->n;

	/* Binary search: the VMAs are sorted and their ends increase. */
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (s->v[mid].end > addr)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

bool uvm_space_overlaps(const struct uvm_space *s, unsigned long start,
			unsigned long end)
{
	unsigned int i = uvm_space_find(s, start);

	return i < s->n && s->v[i].start < end;
}

bool uvm_space_covers(const struct uvm_space *s, unsigned long start,
		      unsigned long end, int prot)
{
	unsigned int i = uvm_space_find(s, start);
	unsigned long at = start;

	for (; at < end; i++) {
		if (i >= s->n || s->v[i].start > at ||
		    (s->v[i].prot & prot) != prot)
			return false;
		at = s->v[i].end;
	}
	return true;
}

const struct uvm_vma *uvm_space_lookup(const struct uvm_space *s,
				       unsigned long addr)
{
	unsigned int i = uvm_space_find(s, addr);

	if (i < s->n && s->v[i].start <= addr)
		return &s->v[i];
	return NULL;
}

int uvm_space_pick(const struct uvm_space *s, unsigned long len,
		   unsigned long *out)
{
	unsigned int k = s->n;

	/* Walk the gaps from the top: the gap below VMA k is
	 * [end of VMA k-1, start of VMA k). */
	for (;;) {
		unsigned long lo = k ? s->v[k - 1].end : 0;
		unsigned long hi = k < s->n ? s->v[k].start : ~0UL;

		lo = MAX(lo, s->pick_lo);
		hi = MIN(hi, s->pick_hi);
		if (hi > lo && hi - lo >= len) {
			*out = hi - len;
			return 0;
		}
		if (!k || s->v[k - 1].end <= s->pick_lo)
			return -ENOMEM;
		k--;
	}
}

/*
 * Replace whatever lies in [a, b) by nv (or by nothing when nv is NULL).
 * The VMAs overlapping the range are v[i..j); the pieces of v[i] below a
 * and of v[j-1] above b survive. Up to three new entries (left piece, nv,
 * right piece) take their place, merged with each other and with the
 * untouched neighbours when the protections match.
 */
static int splice(struct uvm_space *s, unsigned long a, unsigned long b,
		  const struct uvm_vma *nv)
{
	unsigned int i = uvm_space_find(s, a), j = i, k = 0, m, new_n;
	struct uvm_vma nw[3];

	while (j < s->n && s->v[j].start < b)
		j++;
	if (i < j && s->v[i].start < a)
		nw[k++] = (struct uvm_vma){s->v[i].start, a, s->v[i].prot};
	if (nv)
		nw[k++] = *nv;
	if (i < j && s->v[j - 1].end > b)
		nw[k++] =
		    (struct uvm_vma){b, s->v[j - 1].end, s->v[j - 1].prot};
	/* Merge adjacent new entries with equal protection. */
	for (m = 1; m < k;) {
		if (nw[m - 1].end == nw[m].start &&
		    nw[m - 1].prot == nw[m].prot) {
			nw[m - 1].end = nw[m].end;
			__builtin_memmove(&nw[m], &nw[m + 1],
					  (k - m - 1) * sizeof(nw[0]));
			k--;
		} else {
			m++;
		}
	}
	/* ... and with the untouched neighbours. */
	if (k && i > 0 && s->v[i - 1].end == nw[0].start &&
	    s->v[i - 1].prot == nw[0].prot)
		nw[0].start = s->v[--i].start;
	if (k && j < s->n && s->v[j].start == nw[k - 1].end &&
	    s->v[j].prot == nw[k - 1].prot)
		nw[k - 1].end = s->v[j++].end;
	new_n = s->n - (j - i) + k;
	if (new_n > s->max)
		return -ENOMEM;
	__builtin_memmove(&s->v[i + k], &s->v[j], (s->n - j) * sizeof(s->v[0]));
	__builtin_memcpy(&s->v[i], nw, k * sizeof(nw[0]));
	s->n = new_n;
	return 0;
}

int uvm_space_set(struct uvm_space *s, unsigned long start, unsigned long end,
		  int prot)
{
	struct uvm_vma nv = {start, end, prot};

	return splice(s, start, end, &nv);
}

int uvm_space_remove(struct uvm_space *s, unsigned long start,
		     unsigned long end)
{
	return splice(s, start, end, NULL);
}
