/*
 * The heap region behind malloc's sbrk: [HEAP_BASE, HEAP_BASE + brk),
 * mapped page by page with frames from the page allocator as it grows and
 * given back as it shrinks. A failed growth changes nothing, so malloc
 * returns NULL and the app goes on.
 */
#include <arch/mm.h>
#include <kernel/heap.h>
#include <kernel/vm.h>

static struct {
	unsigned long brk;    /* bytes in use from HEAP_BASE */
	unsigned long mapped; /* bytes mapped from HEAP_BASE (page multiple) */
} heap;

void heap_init(void)
{
	heap.brk = 0;
	heap.mapped = 0;
}

void *heap_sbrk(long incr)
{
	unsigned long old = heap.brk;
	unsigned long new = old + (unsigned long)incr;
	unsigned long need;

	if ((incr < 0 && (unsigned long)-incr > old) ||
	    (incr > 0 && new > HEAP_LIMIT))
		return NULL;
	need = ALIGN_UP(new, PAGE_SIZE);
	if (need > heap.mapped) {
		if (vm_map_fresh(HEAP_BASE + heap.mapped,
				 (need - heap.mapped) >> PAGE_SHIFT))
			return NULL;
	} else if (need < heap.mapped) {
		vm_unmap_free(HEAP_BASE + need,
			      (heap.mapped - need) >> PAGE_SHIFT);
	}
	heap.mapped = need;
	heap.brk = new;
	return (void *)(HEAP_BASE + old);
}

unsigned long heap_size(void)
{
	return heap.brk;
}

/* <skiff/memory.h> */
size_t skiff_heap_size(void);
size_t skiff_heap_size(void)
{
	return heap.brk;
}
