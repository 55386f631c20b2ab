/*
 * The user mapping list: a sorted array of VMAs with splitting at range
 * edges and merging of equal neighbours, and the top-down search for free
 * address space. Pure logic, no page tables (see uvm_map.h).
 */
#include <kernel/errno.h>
#include <kernel/uvm.h>

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

/* True if b continues a: adjacent, same protection and flags, and both
 * anonymous or the same object at consecutive offsets. */
static bool continues(const struct uvm_vma *a, const struct uvm_vma *b)
{
	return a->end == b->start && a->prot == b->prot &&
	       a->flags == b->flags && a->obj == b->obj &&
	       (!a->obj || a->off + (a->end - a->start) == b->off);
}

/* The part [a, b) of v (which covers it). */
static struct uvm_vma piece(const struct uvm_vma *v, unsigned long a,
			    unsigned long b)
{
	struct uvm_vma p = *v;

	p.start = a;
	p.end = b;
	if (p.obj)
		p.off += a - v->start;
	return p;
}

static void ref(const struct uvm_space *s, const struct uvm_vma *v,
		unsigned int n, int delta)
{
	unsigned int i;

	for (i = 0; s->ref && i < n; i++)
		if (v[i].obj)
			s->ref(v[i].obj, delta);
}

/*
 * Replace whatever lies in [a, b) by nv (or by nothing when nv is NULL).
 * The VMAs overlapping the range are v[i..j); the pieces of v[i] below a
 * and of v[j-1] above b survive. Up to three new entries (left piece, nv,
 * right piece) take their place, merged with each other and with the
 * untouched neighbours when they continue each other.
 */
static int splice(struct uvm_space *s, unsigned long a, unsigned long b,
		  const struct uvm_vma *nv)
{
	unsigned int i = uvm_space_find(s, a), j = i, k = 0, m, new_n;
	struct uvm_vma nw[3];

	while (j < s->n && s->v[j].start < b)
		j++;
	if (i < j && s->v[i].start < a)
		nw[k++] = piece(&s->v[i], s->v[i].start, a);
	if (nv)
		nw[k++] = *nv;
	if (i < j && s->v[j - 1].end > b)
		nw[k++] = piece(&s->v[j - 1], b, s->v[j - 1].end);
	/* Merge adjacent new entries that continue each other. */
	for (m = 1; m < k;) {
		if (continues(&nw[m - 1], &nw[m])) {
			nw[m - 1].end = nw[m].end;
			__builtin_memmove(&nw[m], &nw[m + 1],
					  (k - m - 1) * sizeof(nw[0]));
			k--;
		} else {
			m++;
		}
	}
	/* ... and with the untouched neighbours (taken into the range). */
	if (k && i > 0 && continues(&s->v[i - 1], &nw[0])) {
		i--;
		nw[0].start = s->v[i].start;
		nw[0].off = s->v[i].off;
	}
	if (k && j < s->n && continues(&nw[k - 1], &s->v[j]))
		nw[k - 1].end = s->v[j++].end;
	new_n = s->n - (j - i) + k;
	if (new_n > s->max)
		return -ENOMEM;
	ref(s, nw, k, 1);
	ref(s, &s->v[i], j - i, -1);
	__builtin_memmove(&s->v[i + k], &s->v[j], (s->n - j) * sizeof(s->v[0]));
	__builtin_memcpy(&s->v[i], nw, k * sizeof(nw[0]));
	s->n = new_n;
	return 0;
}

int uvm_space_set(struct uvm_space *s, unsigned long start, unsigned long end,
		  int prot)
{
	struct uvm_vma nv = {.start = start, .end = end, .prot = prot};

	return splice(s, start, end, &nv);
}

int uvm_space_set_vma(struct uvm_space *s, const struct uvm_vma *nv)
{
	return splice(s, nv->start, nv->end, nv);
}

int uvm_space_protect(struct uvm_space *s, unsigned long start,
		      unsigned long end, int prot)
{
	unsigned int i;
	unsigned long at = start;
	int rc;

	if (prot & UVM_PROT_WRITE)
		for (i = uvm_space_find(s, start);
		     i < s->n && s->v[i].start < end; i++)
			if (s->v[i].flags & UVM_VMA_NOWRITE)
				return -EACCES;
	while (at < end) {
		struct uvm_vma p;

		i = uvm_space_find(s, at);
		if (i == s->n)
			break;
		if (s->v[i].start >= end)
			break;
		if (s->v[i].start > at)
			at = s->v[i].start;
		p = piece(&s->v[i], at, MIN(end, s->v[i].end));
		p.prot = prot;
		at = p.end;
		if ((rc = splice(s, p.start, p.end, &p)))
			return rc;
	}
	return 0;
}

int uvm_space_remove(struct uvm_space *s, unsigned long start,
		     unsigned long end)
{
	return splice(s, start, end, NULL);
}
