/*
 * The kernel's page allocator: one page_bitmap over all guest frames,
 * whose own bitmap sits in the first free frames. A second bitmap marks
 * the pfns that have no frame behind them (ballooned out, or above the
 * boot size): they stay allocated in the first and do not count in the
 * total. A byte per frame after them counts its pins (bits 0-6) and
 * says it was freed while pinned (bit 7).
 *
 * The kernel's reserve: allocations made for the program (its memory
 * backed on touch, copies for fork and private file maps, a mapped
 * file's pages) stop while fewer than `reserve` frames would stay free,
 * so page tables, thread stacks, grants and the heap can still be had
 * when the program has taken everything else. The balloon keeps the
 * same frames (balloon_reserve()), so the two never fight.
 */
#include <arch/mm.h>
#include <kernel/balloon.h>
#include <kernel/page_alloc.h>
#include <kernel/page_bitmap.h>
#include <kernel/printk.h>

#define PIN_MAX 0x7f
#define PIN_FREED 0x80

static struct page_bitmap pages;
static struct page_bitmap absent; /* bit set: no frame behind the pfn */
static uint8_t *pins;		  /* per pfn: pins, PIN_FREED */
static unsigned long held;	  /* frames with PIN_FREED */
static unsigned long reserve;	  /* frames only the kernel may take */

void page_alloc_init(struct boot_info *bi)
{
	unsigned long max = bi->max_pages;
	unsigned long words = PAGE_BITMAP_WORDS(max);
	unsigned long own = DIV_ROUND_UP(words * 8, PAGE_SIZE);
	unsigned long pin_pages = DIV_ROUND_UP(max, PAGE_SIZE);
	pfn_t first = bi->first_free_pfn;

	if (first + 2 * own + pin_pages >= bi->nr_pages)
		panic("no memory left for the page allocator");
	page_bitmap_init(&pages, pfn_to_virt(first), 0, max);
	page_bitmap_init(&absent, pfn_to_virt(first + own), 0, max);
	pins = pfn_to_virt(first + 2 * own);
	__builtin_memset(pins, 0, pin_pages * PAGE_SIZE);
	first += 2 * own + pin_pages;
	if (!page_bitmap_free(&pages, first, bi->nr_pages - first))
		panic("page allocator: bad initial range");
	if (max > bi->nr_pages &&
	    !page_bitmap_free(&absent, bi->nr_pages, max - bi->nr_pages))
		panic("page allocator: bad range above the boot size");
	bi->first_free_pfn = first;
	reserve = balloon_reserve(bi->nr_pages);
}

pfn_t page_alloc(unsigned long n)
{
	return n ? page_bitmap_alloc(&pages, n) : 0;
}

pfn_t page_alloc_user(unsigned long n)
{
	return page_bitmap_alloc_above(&pages, n, reserve);
}

unsigned long page_alloc_reserve_pages(void)
{
	return reserve;
}

unsigned long page_alloc_user_free_pages(void)
{
	return pages.nfree > reserve ? pages.nfree - reserve : 0;
}

void page_free(pfn_t pfn, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n && pfn + i < pages.count; i++)
		if (pins[pfn + i])
			break;
	if (i == n || pfn + i >= pages.count) {
		if (!page_bitmap_free(&pages, pfn, n))
			panic("page_free(%lx, %lu): not allocated", pfn, n);
		return;
	}
	/* Some are pinned: one by one, those held until unpinned. */
	for (i = 0; i < n; i++) {
		if (!pins[pfn + i]) {
			page_free(pfn + i, 1);
		} else {
			if (pins[pfn + i] & PIN_FREED)
				panic("page_free(%lx): freed twice while "
				      "pinned",
				      pfn + i);
			pins[pfn + i] |= PIN_FREED;
			held++;
		}
	}
}

bool page_pin(pfn_t pfn)
{
	if (pfn >= pages.count || (pins[pfn] & PIN_MAX) == PIN_MAX)
		return false;
	pins[pfn]++;
	return true;
}

void page_unpin(pfn_t pfn)
{
	if (pfn >= pages.count || !(pins[pfn] & PIN_MAX))
		panic("page_unpin(%lx): not pinned", pfn);
	if (--pins[pfn] == PIN_FREED) {
		pins[pfn] = 0;
		held--;
		page_free(pfn, 1);
	}
}

unsigned long page_alloc_held_pages(void)
{
	return held;
}

unsigned long page_alloc_free_pages(void)
{
	return pages.nfree;
}

unsigned long page_alloc_total_pages(void)
{
	return pages.count - absent.nfree;
}

void page_mark_absent(pfn_t pfn)
{
	if (!page_bitmap_free(&absent, pfn, 1))
		panic("page_mark_absent(%lx): already absent", pfn);
}

pfn_t page_take_absent(void)
{
	return page_bitmap_alloc(&absent, 1);
}

unsigned long page_alloc_absent_pages(void)
{
	return absent.nfree;
}

/* <skiff/memory.h> */
size_t skiff_memory_total(void);
size_t skiff_memory_total(void)
{
	return page_alloc_total_pages() << PAGE_SHIFT;
}

size_t skiff_memory_free(void);
size_t skiff_memory_free(void)
{
	return pages.nfree << PAGE_SHIFT;
}
