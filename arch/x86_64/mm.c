/*
 * PV page tables. Xen validates every page-table write, so tables are
 * never written through a writable mapping once they are in use: entries
 * change by HYPERVISOR_mmu_update, and every frame that is a page table is
 * mapped read-only everywhere (in the direct map too). New tables are
 * prepared through a scratch mapping, or zeroed while still an ordinary
 * page, before they are linked in.
 */
#include <arch/barrier.h>
#include <arch/cpu.h>
#include <arch/hypercall.h>
#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/page_alloc.h>
#include <kernel/printk.h>

#include "mm_priv.h"

struct arch_mm_state arch_mm;

mfn_t pfn_to_mfn(pfn_t pfn)
{
	return arch_mm.p2m[pfn];
}

pfn_t mfn_to_pfn(mfn_t mfn)
{
	return ((const unsigned long *)MACH2PHYS_VIRT_START)[mfn];
}

/* The leaf entry for a machine frame: present, accessed, dirty. */
uint64_t mm_mfn_leaf_pte(mfn_t mfn, bool writable, bool exec)
{
	uint64_t pte = (mfn << PAGE_SHIFT) | PTE_P | PTE_US | PTE_A | PTE_D;

	if (writable)
		pte |= PTE_RW;
	if (!exec)
		pte |= arch_mm.nx;
	return pte;
}

uint64_t mm_leaf_pte(pfn_t pfn, bool writable, bool exec)
{
	return mm_mfn_leaf_pte(pfn_to_mfn(pfn), writable, exec);
}

/* Where a page-table frame can be read: the boot mapping (pfn N at
 * KERNEL_BASE + N pages) until the direct map exists. */
uint64_t *mm_table_va(mfn_t mfn)
{
	pfn_t pfn = mfn_to_pfn(mfn);

	if (arch_mm.dm_ready)
		return pfn_to_virt(pfn);
	return (uint64_t *)(KERNEL_BASE + (pfn << PAGE_SHIFT));
}

void mm_apply(mmu_update_t *req, unsigned int n)
{
	unsigned int done = 0;

	if (n && HYPERVISOR_mmu_update(req, n, &done, DOMID_SELF) < 0)
		panic("mmu_update failed at entry %u of %u (ptr %lx val %lx)",
		      done, n, (unsigned long)req[done].ptr,
		      (unsigned long)req[done].val);
}

void mm_tlb_flush(void)
{
	struct mmuext_op op = {.cmd = MMUEXT_TLB_FLUSH_LOCAL};

	if (HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF) < 0)
		panic("TLB flush failed");
}

/* A fresh, zeroed page-table frame, already read-only in the direct map. */
long mm_new_table_frame(void)
{
	pfn_t pfn = page_alloc(1);

	if (!pfn)
		return -ENOMEM;
	__builtin_memset(pfn_to_virt(pfn), 0, PAGE_SIZE);
	if (HYPERVISOR_update_va_mapping((unsigned long)pfn_to_virt(pfn),
					 mm_leaf_pte(pfn, false, false),
					 UVMF_INVLPG))
		panic("cannot make frame %lx read-only", pfn);
	return (long)pfn_to_mfn(pfn);
}

/* Machine address of the L1 entry for va, creating missing tables when
 * alloc is set. Returns 0 when a table is missing (or memory ran out). */
uint64_t mm_l1e_maddr(unsigned long va, bool alloc)
{
	mfn_t mfn = arch_mm.l4_mfn;
	int level;

	for (level = 4; level > 1; level--) {
		unsigned int idx = (va >> (PAGE_SHIFT + 9 * (level - 1))) & 511;
		uint64_t e = mm_table_va(mfn)[idx];

		if (!(e & PTE_P)) {
			long new_mfn = alloc ? mm_new_table_frame() : -ENOMEM;
			mmu_update_t u;

			if (new_mfn < 0)
				return 0;
			e = ((uint64_t)new_mfn << PAGE_SHIFT) | PT_LINK;
			u.ptr = (mfn << PAGE_SHIFT) + idx * 8;
			u.val = e;
			mm_apply(&u, 1);
			if (level == 4)
				mm_user_l4_mirror(idx, e);
			if (va < USER_VA_TOP)
				mm_user_table_added((mfn_t)new_mfn, level - 1);
		}
		mfn = (e & PTE_ADDR) >> PAGE_SHIFT;
	}
	return (mfn << PAGE_SHIFT) + ((va >> PAGE_SHIFT) & 511) * 8;
}

uint64_t mm_read_l1e(uint64_t maddr)
{
	uint64_t *t = mm_table_va(maddr >> PAGE_SHIFT);

	return t[(maddr & ~PAGE_MASK) / 8];
}

/* Set the L1 entries of n pages from va; val(i) gives each new value. */
int mm_set_ptes(unsigned long va, unsigned long n, bool alloc,
		uint64_t (*val)(unsigned long i, const void *ctx),
		const void *ctx)
{
	mmu_update_t req[BATCH];
	unsigned int k = 0;
	unsigned long i;

	for (i = 0; i < n; i++) {
		uint64_t ma = mm_l1e_maddr(va + i * PAGE_SIZE, alloc);

		if (!ma) {
			mm_apply(req, k);
			return alloc ? -ENOMEM : -EINVAL;
		}
		req[k].ptr = ma;
		req[k].val = val(i, ctx);
		if (++k == BATCH) {
			mm_apply(req, k);
			k = 0;
		}
	}
	mm_apply(req, k);
	return 0;
}

struct map_ctx {
	const pfn_t *pfns; /* arch_map_pages() */
	const mfn_t *mfns; /* arch_map_mfns() */
	unsigned int flags;
};

static uint64_t map_val(unsigned long i, const void *p)
{
	const struct map_ctx *c = p;

	return mm_leaf_pte(c->pfns[i], c->flags & MAP_WRITE,
			   c->flags & MAP_EXEC);
}

int arch_map_pages(unsigned long va, const pfn_t *pfns, unsigned long n,
		   unsigned int flags)
{
	struct map_ctx c = {.pfns = pfns, .flags = flags};

	if (va & ~PAGE_MASK)
		return -EINVAL;
	return mm_set_ptes(va, n, true, map_val, &c);
}

static uint64_t map_mfn_val(unsigned long i, const void *p)
{
	const struct map_ctx *c = p;

	return mm_mfn_leaf_pte(c->mfns[i], c->flags & MAP_WRITE, false);
}

int arch_map_mfns(unsigned long va, const mfn_t *mfns, unsigned long n,
		  unsigned int flags)
{
	struct map_ctx c = {.mfns = mfns, .flags = flags};

	if (va & ~PAGE_MASK)
		return -EINVAL;
	return mm_set_ptes(va, n, true, map_mfn_val, &c);
}

uint64_t mm_zero_val(unsigned long i __unused, const void *p __unused)
{
	return 0;
}

int arch_unmap_pages(unsigned long va, unsigned long n, pfn_t *pfns)
{
	unsigned long i;
	int rc;

	if (va & ~PAGE_MASK)
		return -EINVAL;
	for (i = 0; pfns && i < n; i++) {
		uint64_t ma = mm_l1e_maddr(va + i * PAGE_SIZE, false);
		uint64_t e = ma ? mm_read_l1e(ma) : 0;

		pfns[i] =
		    (e & PTE_P) ? mfn_to_pfn((e & PTE_ADDR) >> PAGE_SHIFT) : 0;
	}
	rc = mm_set_ptes(va, n, false, mm_zero_val, NULL);
	mm_tlb_flush();
	return rc;
}

bool arch_va_mapped(unsigned long va)
{
	uint64_t ma = mm_l1e_maddr(va & PAGE_MASK, false);

	return ma && (mm_read_l1e(ma) & PTE_P);
}

mfn_t arch_va_to_mfn(const void *va)
{
	uint64_t ma = mm_l1e_maddr((unsigned long)va & PAGE_MASK, false);
	uint64_t e = ma ? mm_read_l1e(ma) : 0;

	return (e & PTE_P) ? (e & PTE_ADDR) >> PAGE_SHIFT : 0;
}
