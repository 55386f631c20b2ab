/*
 * The guest's virtual address space and the PV page-table operations.
 * Every guest page is mapped once in the direct map; the heap and thread
 * stacks have regions of their own so that unmapped guard pages cost no
 * memory. The lower half stays free for a language runtime's process image.
 */
#ifndef ARCH_MM_H
#define ARCH_MM_H

#include <kernel/boot.h>
#include <kernel/types.h>

#define KERNEL_BASE 0xffffffff80000000UL    /* -mcmodel=kernel image */
#define DIRECTMAP_BASE 0xffff880000000000UL /* just above Xen's hole */
#define HEAP_BASE 0xffffc00000000000UL	    /* grows up, see kernel/heap.c */
#define HEAP_LIMIT (64UL << 30)
#define STACK_AREA_BASE 0xffffd00000000000UL /* thread stacks, see sched */
#define STACK_AREA_SIZE (64UL << 30)
#define XENMAP_BASE 0xffffe00000000000UL /* Xen's frames: grant table */

/* arch_map_pages() flags; a mapping is always readable and never user-only. */
#define MAP_WRITE 0x1
#define MAP_EXEC 0x2

static inline void *pfn_to_virt(pfn_t pfn)
{
	return (void *)(DIRECTMAP_BASE + (pfn << PAGE_SHIFT));
}

static inline pfn_t virt_to_pfn(const void *va)
{
	return ((unsigned long)va - DIRECTMAP_BASE) >> PAGE_SHIFT;
}

mfn_t pfn_to_mfn(pfn_t pfn);
pfn_t mfn_to_pfn(mfn_t mfn);

/* Build the direct map, protect the kernel image (text RO, data NX) and
 * unmap the boot stack's guard page. Advances bi->first_free_pfn past the
 * frames it used for page tables. Panics on failure: nothing runs without. */
void arch_mm_init(struct boot_info *bi);

/* Map n pages at va (page aligned) to the given frames. Intermediate tables
 * come from the page allocator. Returns 0 or -ENOMEM / -EINVAL. */
int arch_map_pages(unsigned long va, const pfn_t *pfns, unsigned long n,
		   unsigned int flags);

/* Unmap n pages at va. If pfns is not NULL it receives the frames that were
 * mapped there (0 for holes). Returns 0 or -EINVAL. */
int arch_unmap_pages(unsigned long va, unsigned long n, pfn_t *pfns);

/* Map n machine frames that are not guest memory (Xen's grant-table
 * frames) at va. Returns 0 or -ENOMEM / -EINVAL. */
int arch_map_mfns(unsigned long va, const mfn_t *mfns, unsigned long n,
		  unsigned int flags);

/* The machine frame mapped at va (any alignment), or 0 if none is. */
mfn_t arch_va_to_mfn(const void *va);

/* True if va is mapped (present) in the current page tables. */
bool arch_va_mapped(unsigned long va);

#endif
