/*
 * Shared between mm.c (page-table operations) and mm_boot.c (building the
 * direct map and protecting the image at boot). Not for use elsewhere.
 */
#ifndef ARCH_MM_PRIV_H
#define ARCH_MM_PRIV_H

#include <arch/hypercall.h>
#include <arch/mm.h>

#define PTE_P 0x001UL
#define PTE_RW 0x002UL
#define PTE_US 0x004UL
#define PTE_A 0x020UL
#define PTE_D 0x040UL
#define PTE_NX (1UL << 63)
#define PTE_ADDR 0x000ffffffffff000UL
/* Intermediate tables allow everything; the leaf entries decide. */
#define PT_LINK (PTE_P | PTE_RW | PTE_US | PTE_A)
#define PT_ENTRIES 512
#define DIRECTMAP_SLOT 272 /* L4 index of DIRECTMAP_BASE */
#define BATCH 64

struct arch_mm_state {
	unsigned long *p2m;	 /* max_pages entries, writable (ballooning) */
	unsigned long nr_pages;	 /* frames Xen gave at boot */
	unsigned long max_pages; /* p2m entries (mm_balloon.c may grow it) */
	mfn_t l4_mfn;
	uint64_t nx;   /* PTE_NX when the CPU (as Xen shows it) has NX */
	bool dm_ready; /* the direct map can be used to read tables */
};
extern struct arch_mm_state arch_mm;

uint64_t mm_leaf_pte(pfn_t pfn, bool writable, bool exec);
/* The same for a machine frame outside the p2m (shared_info). */
uint64_t mm_mfn_leaf_pte(mfn_t mfn, bool writable, bool exec);
uint64_t *mm_table_va(mfn_t mfn);
void mm_apply(mmu_update_t *req, unsigned int n);
void mm_tlb_flush(void);
uint64_t mm_l1e_maddr(unsigned long va, bool alloc);
uint64_t mm_read_l1e(uint64_t maddr);
/* Set the L1 entries of n pages from va to val(i, ctx); with alloc,
 * missing tables are created. Returns 0, -ENOMEM or -EINVAL. */
int mm_set_ptes(unsigned long va, unsigned long n, bool alloc,
		uint64_t (*val)(unsigned long i, const void *ctx),
		const void *ctx);
uint64_t mm_zero_val(unsigned long i, const void *ctx);
/* A fresh zeroed page-table frame, read-only in the direct map: its mfn,
 * or -ENOMEM. */
long mm_new_table_frame(void);
/* A lower-half L4 entry was written in the kernel L4: copy it into the
 * user L4 (mm_user.c). */
void mm_user_l4_mirror(unsigned int slot, uint64_t entry);
/* In a new domain after a restore: read the user L4's machine frame
 * again. */
void mm_user_resume(void);
/* A lower-half table was created (for uvm_stats()). */
void mm_user_table_added(mfn_t mfn, int level);
/* Room in the p2m for frames above the boot size when the domain's
 * maximum reservation allows more (mm_balloon.c); at boot, after the
 * direct map. Advances bi->first_free_pfn and sets bi->max_pages. */
void mm_p2m_extend(struct boot_info *bi);

#endif
