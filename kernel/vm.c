/*
 * Backing virtual regions with frames from the page allocator, in chunks
 * so that the page-table updates are batched, and all or nothing.
 */
#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/page_alloc.h>
#include <kernel/vm.h>

#define CHUNK 64 /* pages per arch_map_pages() call */

void vm_unmap_free(unsigned long va, unsigned long npages)
{
	pfn_t pfns[CHUNK];

	while (npages) {
		unsigned long n = MIN(npages, CHUNK);
		unsigned long i;

		arch_unmap_pages(va, n, pfns);
		for (i = 0; i < n; i++)
			if (pfns[i])
				page_free(pfns[i], 1);
		va += n << PAGE_SHIFT;
		npages -= n;
	}
}

/* Allocate and map one chunk; on failure nothing of it stays. */
static int map_chunk(unsigned long va, unsigned long n)
{
	pfn_t pfns[CHUNK];
	unsigned long i;

	for (i = 0; i < n; i++) {
		pfns[i] = page_alloc(1);
		if (!pfns[i])
			break;
	}
	if (i == n && arch_map_pages(va, pfns, n, MAP_WRITE) == 0)
		return 0;
	while (i-- > 0)
		page_free(pfns[i], 1);
	return -ENOMEM;
}

int vm_map_fresh(unsigned long va, unsigned long npages)
{
	unsigned long done = 0;

	while (done < npages) {
		unsigned long n = MIN(npages - done, CHUNK);

		if (map_chunk(va + (done << PAGE_SHIFT), n)) {
			vm_unmap_free(va, done);
			return -ENOMEM;
		}
		done += n;
	}
	return 0;
}
