/*
 * Page allocator: every free guest frame, handed out in contiguous runs.
 * The frames are addressed through the direct map (pfn_to_virt()).
 */
#ifndef KERNEL_PAGE_ALLOC_H
#define KERNEL_PAGE_ALLOC_H

#include <kernel/boot.h>
#include <kernel/types.h>

/* Take over frames [bi->first_free_pfn, bi->nr_pages); pfns up to
 * bi->max_pages start absent. */
void page_alloc_init(struct boot_info *bi);

/* n contiguous frames; returns the first pfn, or 0 when none are free
 * (pfn 0 is the kernel image and never handed out). */
pfn_t page_alloc(unsigned long n);

/*
 * The kernel's reserve. page_alloc_user() is page_alloc() for memory the
 * program asks for (anonymous pages backed on touch, fork's copies,
 * mapped files' pages): it fails while taking n frames would leave fewer
 * than page_alloc_reserve_pages() free, so the kernel's own allocations
 * (page tables, thread stacks, grants, the heap) still find frames when
 * the program has used up the rest. The reserve is the balloon's
 * (balloon_reserve() of the boot size: 1/32, 2 to 32 MiB), which the
 * balloon never gives back either. page_alloc_user_free_pages() is what
 * page_alloc_user() can still hand out.
 */
pfn_t page_alloc_user(unsigned long n);
unsigned long page_alloc_reserve_pages(void);
unsigned long page_alloc_user_free_pages(void);

/* Return n frames starting at pfn. Freeing a frame twice panics. A
 * pinned frame is freed when its last pin goes. */
void page_free(pfn_t pfn, unsigned long n);

/*
 * Pins: a frame that is not the pinner's own (a program's page granted
 * to a backend for an I/O) must not be handed out again while someone
 * else (the backend) may still reach it, even if its owner frees it
 * meanwhile. page_pin() fails (false) when the frame has 127 pins
 * already (the caller then copies). A frame whose grant cannot be ended
 * is never unpinned: it is never reused.
 */
bool page_pin(pfn_t pfn);
void page_unpin(pfn_t pfn);
/* Frames freed while pinned, waiting for their last pin to go. */
unsigned long page_alloc_held_pages(void);

/* Pages still free, and pages the domain holds (absent ones left out). */
unsigned long page_alloc_free_pages(void);
unsigned long page_alloc_total_pages(void);

/*
 * For ballooning (kernel/balloon.c). An absent pfn has no frame behind
 * it; it stays allocated, so nothing else can get it.
 */
/* pfn (allocated, its frame given back to Xen) is now absent. Panics if
 * it already was. */
void page_mark_absent(pfn_t pfn);
/* An absent pfn, no longer marked absent (back it, then page_free() it,
 * or mark it absent again), or 0 if none is. */
pfn_t page_take_absent(void);
/* How many pfns are absent. */
unsigned long page_alloc_absent_pages(void);

#endif
