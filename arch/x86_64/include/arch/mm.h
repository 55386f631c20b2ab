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

/*
 * Ballooning (mm_balloon.c). Frames go back to Xen and come from it at
 * most BALLOON_BATCH at a time, one reservation hypercall per batch.
 */
#define BALLOON_BATCH 256
/* Give frames pfns[0..n) (free, mapped only in the direct map, n at most
 * BALLOON_BATCH) back to Xen: their direct-map entries are cleared and
 * their p2m entries made invalid. Returns how many Xen took: the first
 * ones; the others are as they were before. */
unsigned long arch_balloon_release(const pfn_t *pfns, unsigned long n);
/* Back pfns[0..n) (ballooned out, n at most BALLOON_BATCH) with frames
 * from Xen: p2m, M2P and a writable direct-map entry (a pfn a restore
 * already backed keeps its frame). Returns how many are backed: the
 * first ones of pfns, which it may reorder. */
unsigned long arch_balloon_populate(pfn_t *pfns, unsigned long n);
/* Frames the p2m has room for: the boot size, or more when the domain
 * may grow beyond it (xl's maxmem). */
unsigned long arch_mm_max_pages(void);

/* The machine frame mapped at va (any alignment), or 0 if none is. */
mfn_t arch_va_to_mfn(const void *va);

/* True if va is mapped (present) in the current page tables. */
bool arch_va_mapped(unsigned long va);

/*
 * The lower half's page tables, for user mode (arch/x86_64/mm_user.c;
 * kernel/uvm.c is the only user). Entries carry a prot of UPT_* bits; a
 * page with prot 0 is hidden (inaccessible, its frame kept).
 */
#define USER_VA_TOP 0x800000000000UL /* end of the lower half */
#define UPT_READ 0x1
#define UPT_WRITE 0x2
#define UPT_EXEC 0x4
#define UPT_SHARED 0x8 /* the frame is not the space's own (not freed) */
#define UPT_KEEP (-2)  /* upt_update_fn: leave the entry as it is */
#define UPT_CLEAR (-1) /* upt_update_fn: empty it (caller frees pfn) */

/* Create the user L4 (pinned, set as the user base pointer), mirroring the
 * kernel L4's lower half. Idempotent. 0 or -ENOMEM. */
int arch_user_l4_init(void);
/* Its machine frame, 0 before arch_user_l4_init(). */
mfn_t arch_user_l4_mfn(void);
/* Page-table frames of the user half (the user L4 included). */
unsigned long arch_upt_tables(void);

/* Point the entry of page va at frame pfn with prot (0: hidden), creating
 * tables as needed. Adds access only: no TLB flush. 0 or -ENOMEM. */
int arch_upt_map(unsigned long va, pfn_t pfn, int prot);

/* arch_upt_map() of n pages from va, frame pfn[i] for page i (0: left
 * as it is), in batches. How many were mapped: fewer when a table could
 * not be made (out of memory). */
unsigned long arch_upt_map_n(unsigned long va, const pfn_t *pfn,
			     unsigned long n, int prot);

/* Map the shared_info frame read-only (not executable) at va, a page in
 * [USER_VA_END, USER_VA_TOP) where uvm never looks (the vDSO's vvar
 * page). 0, -EINVAL or -ENOMEM. */
int arch_upt_map_shared_info(unsigned long va);
/* Clear that mapping again (before a suspend). */
void arch_upt_unmap_shared_info(unsigned long va);

/* The prot of page va's entry and its frame in *pfn, or -1 if empty. */
int arch_upt_query(unsigned long va, pfn_t *pfn);

/* Visit every non-empty entry in [start, end), skipping absent tables:
 * fn returns the new prot, UPT_KEEP or UPT_CLEAR. Flushes the TLB if any
 * entry changed; returns how many did. */
typedef int (*upt_update_fn)(unsigned long va, pfn_t pfn, int prot, void *ctx);
unsigned long arch_upt_update(unsigned long start, unsigned long end,
			      upt_update_fn fn, void *ctx);

/*
 * Address spaces (kernel/uvm.c): one lower half is live at a time, in both
 * L4s. The lower half's USER_L4_SLOTS entries are a space's whole state.
 */
#define USER_L4_SLOTS 256
/* Save the live entries in save (if not NULL), load those of load (all
 * empty if NULL) into both L4s, and flush the TLB. */
void arch_upt_swap(uint64_t *save, const uint64_t *load);
/* Empty the live lower half and free its page-table frames (the frames
 * they map are the caller's: free them first). */
void arch_upt_drop_tables(void);

#endif
