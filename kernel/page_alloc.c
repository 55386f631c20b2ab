/*
 * The kernel's page allocator: one page_bitmap over all guest frames,
 * whose own bitmap sits in the first free frames.
 */
#include <arch/mm.h>
#include <kernel/page_alloc.h>
#include <kernel/page_bitmap.h>
#include <kernel/printk.h>

static struct page_bitmap pages;

void page_alloc_init(struct boot_info *bi)
{
	unsigned long words = PAGE_BITMAP_WORDS(bi->nr_pages);
	unsigned long own = DIV_ROUND_UP(words * 8, PAGE_SIZE);
	pfn_t first = bi->first_free_pfn;

	if (first + own >= bi->nr_pages)
		panic("no memory left for the page allocator");
	page_bitmap_init(&pages, pfn_to_virt(first), 0, bi->nr_pages);
	first += own;
	if (!page_bitmap_free(&pages, first, bi->nr_pages - first))
		panic("page allocator: bad initial range");
	bi->first_free_pfn = first;
}

pfn_t page_alloc(unsigned long n)
{
	return n ? page_bitmap_alloc(&pages, n) : 0;
}

void page_free(pfn_t pfn, unsigned long n)
{
	if (!page_bitmap_free(&pages, pfn, n))
		panic("page_free(%lx, %lu): not allocated", pfn, n);
}

unsigned long page_alloc_free_pages(void)
{
	return pages.nfree;
}

unsigned long page_alloc_total_pages(void)
{
	return pages.count;
}

/* <skiff/memory.h> */
size_t skiff_memory_total(void);
size_t skiff_memory_total(void)
{
	return pages.count << PAGE_SHIFT;
}

size_t skiff_memory_free(void);
size_t skiff_memory_free(void)
{
	return pages.nfree << PAGE_SHIFT;
}
