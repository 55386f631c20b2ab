/*
 * A bitmap of free frames (bit set = free) with a first-fit search for
 * contiguous runs. The search starts at a rover, just past the previous
 * allocation, and wraps around once; it skips whole 64-bit words that are
 * all allocated or all free, so allocating from a 1M-frame bitmap stays
 * cheap. Pure logic: the host unit tests compile this file unchanged.
 */
#include <kernel/page_bitmap.h>
#include <kernel/types.h>

#define WORD_BITS 64
#define ALL_ONES (~(uint64_t)0)

/* Bits [lo, hi) of one word, 0 <= lo < hi <= 64. */
static uint64_t word_mask(unsigned long lo, unsigned long hi)
{
	uint64_t upper = hi == WORD_BITS ? ALL_ONES : ((uint64_t)1 << hi) - 1;

	return upper & (ALL_ONES << lo);
}

/*
 * First index in [i, end) whose bit equals want (1 = free), or end.
 * Words that hold only the other value are skipped in one step.
 */
static unsigned long find_bit(const struct page_bitmap *pb, unsigned long i,
			      unsigned long end, bool want)
{
	while (i < end) {
		uint64_t w = pb->bits[i / WORD_BITS];

		if (!want)
			w = ~w;
		w &= ALL_ONES << (i % WORD_BITS);
		if (w) {
			i = i - i % WORD_BITS +
			    (unsigned long)__builtin_ctzll(w);
			return i < end ? i : end;
		}
		i = i - i % WORD_BITS + WORD_BITS;
	}
	return end;
}

/*
 * First-fit: the lowest index s with from <= s < to whose n frames are all
 * free (the run may extend past to, not past count). Returns count if
 * there is none.
 */
static unsigned long find_run(const struct page_bitmap *pb, unsigned long from,
			      unsigned long to, unsigned long n)
{
	unsigned long s = from, e;

	while (s < to) {
		s = find_bit(pb, s, to, true);
		if (s >= to || n > pb->count - s)
			break;
		e = find_bit(pb, s, s + n, false);
		if (e == s + n)
			return s;
		s = e; /* every start before e would also hit e */
	}
	return pb->count;
}

/* Set (free) or clear (allocate) bits [i, i + n), a word at a time. */
static void set_range(struct page_bitmap *pb, unsigned long i, unsigned long n,
		      bool free)
{
	unsigned long end = i + n;

	while (i < end) {
		unsigned long lo = i % WORD_BITS;
		unsigned long hi = MIN(lo + (end - i), WORD_BITS);
		uint64_t m = word_mask(lo, hi);

		if (free)
			pb->bits[i / WORD_BITS] |= m;
		else
			pb->bits[i / WORD_BITS] &= ~m;
		i += hi - lo;
	}
}

void page_bitmap_init(struct page_bitmap *pb, uint64_t *bits,
		      unsigned long base, unsigned long count)
{
	unsigned long i;

	for (i = 0; i < PAGE_BITMAP_WORDS(count); i++)
		bits[i] = 0; /* allocated, including the tail past count */
	pb->bits = bits;
	pb->base = base;
	pb->count = count;
	pb->nfree = 0;
	pb->rover = 0;
}

unsigned long page_bitmap_alloc(struct page_bitmap *pb, unsigned long n)
{
	return page_bitmap_alloc_above(pb, n, 0);
}

unsigned long page_bitmap_alloc_above(struct page_bitmap *pb, unsigned long n,
				      unsigned long keep)
{
	unsigned long s;

	if (n == 0 || n > pb->nfree || pb->nfree - n < keep)
		return 0;
	/* From the rover to the end, then from the start up to the rover. */
	s = find_run(pb, pb->rover, pb->count, n);
	if (s == pb->count)
		s = find_run(pb, 0, pb->rover, n);
	if (s == pb->count)
		return 0;
	set_range(pb, s, n, false);
	pb->nfree -= n;
	pb->rover = s + n < pb->count ? s + n : 0;
	return pb->base + s;
}

bool page_bitmap_free(struct page_bitmap *pb, unsigned long first,
		      unsigned long n)
{
	unsigned long i;

	/* Frame 0 is never managed: page_bitmap_alloc returns 0 for "none",
	 * so a free frame 0 could never be told apart from a failure. */
	if (n == 0 || first == 0 || first < pb->base)
		return false;
	i = first - pb->base;
	if (i >= pb->count || n > pb->count - i)
		return false;
	/* Any frame of the range already free: a double free. */
	if (find_bit(pb, i, i + n, true) != i + n)
		return false;
	set_range(pb, i, n, true);
	pb->nfree += n;
	return true;
}
