/*
 * Boot-time memory setup: build the direct map of all guest frames from
 * frames no one else uses, give the kernel image its permissions (text
 * read-only, everything else not executable) and unmap the guard pages
 * under the boot and exception stacks.
 */
#include <arch/cpu.h>
#include <arch/hypercall.h>
#include <arch/mm.h>
#include <kernel/printk.h>

#include "mm_priv.h"

_Static_assert(((DIRECTMAP_BASE >> 39) & 511) == DIRECTMAP_SLOT, "slot");

static uint8_t scratch[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* Frames the direct map must map read-only, and where its tables go. */
struct dm_plan {
	pfn_t image_end;	    /* kernel image: [0, image_end) */
	pfn_t boot_pt, boot_pt_end; /* Xen's boot page tables */
	pfn_t l1, l2, l3, end;	    /* our new tables: [l1, end) */
	unsigned long n_l1, n_l2;
};

/* CPUID as Xen presents it to PV guests (the "forced emulation" prefix). */
static void xen_cpuid(uint32_t leaf, uint32_t r[4])
{
	__asm__ __volatile__("ud2a; .ascii \"xen\"; cpuid"
			     : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			     : "0"(leaf), "2"(0));
}

static pfn_t boot_pfn(unsigned long va)
{
	return (va - KERNEL_BASE) >> PAGE_SHIFT;
}

/* Remove Xen's boot mapping of frames [first, ...): the builder maps a
 * few MiB past its last page table, and those frames must have no
 * writable mapping left when they later become page tables. */
static void unmap_boot_tail(pfn_t first)
{
	unsigned long va = KERNEL_BASE + (first << PAGE_SHIFT);
	unsigned long n = 0;

	while (first + n < arch_mm.nr_pages) {
		uint64_t ma = mm_l1e_maddr(va + n * PAGE_SIZE, false);

		if (!ma || !(mm_read_l1e(ma) & PTE_P))
			break;
		n++;
	}
	mm_set_ptes(va, n, false, mm_zero_val, NULL);
	mm_tlb_flush();
}

static bool dm_readonly(const struct dm_plan *p, pfn_t pfn)
{
	return pfn < p->image_end ||
	       (pfn >= p->boot_pt && pfn < p->boot_pt_end) ||
	       (pfn >= p->l1 && pfn < p->end);
}

/* Entry n of the direct map's tables at level (1: leaves). */
static uint64_t dm_entry(const struct dm_plan *p, int level, unsigned long n)
{
	if (level == 1)
		return n < arch_mm.nr_pages
			   ? mm_leaf_pte(n, !dm_readonly(p, n), false)
			   : 0;
	if (level == 2)
		return n < p->n_l1
			   ? (pfn_to_mfn(p->l1 + n) << PAGE_SHIFT) | PT_LINK
			   : 0;
	return n < p->n_l2 ? (pfn_to_mfn(p->l2 + n) << PAGE_SHIFT) | PT_LINK
			   : 0;
}

static void scratch_map(uint64_t pte)
{
	if (HYPERVISOR_update_va_mapping((unsigned long)scratch, pte,
					 UVMF_INVLPG))
		panic("cannot remap the scratch page");
}

/* Fill table frame `frame` (level, table number index) via the scratch
 * page; afterwards the frame has no mapping at all. */
static void build_table(const struct dm_plan *p, pfn_t frame, int level,
			unsigned long index)
{
	uint64_t *t = (uint64_t *)scratch;
	unsigned int i;

	scratch_map(mm_leaf_pte(frame, true, false));
	for (i = 0; i < PT_ENTRIES; i++)
		t[i] = dm_entry(p, level, index * PT_ENTRIES + i);
	scratch_map(mm_leaf_pte(boot_pfn((unsigned long)scratch), true, false));
}

static void build_direct_map(struct boot_info *bi)
{
	struct dm_plan p;
	mmu_update_t link;
	unsigned long i;

	p.image_end = boot_pfn(ALIGN_UP((unsigned long)_end, PAGE_SIZE));
	p.boot_pt = boot_pfn(bi->pt_base);
	p.boot_pt_end = p.boot_pt + bi->nr_pt_frames;
	p.n_l1 = DIV_ROUND_UP(bi->nr_pages, PT_ENTRIES);
	p.n_l2 = DIV_ROUND_UP(p.n_l1, PT_ENTRIES);
	if (p.n_l2 > PT_ENTRIES)
		panic("more than 512 GiB of guest memory");
	p.l1 = bi->first_free_pfn;
	p.l2 = p.l1 + p.n_l1;
	p.l3 = p.l2 + p.n_l2;
	p.end = p.l3 + 1;
	if (p.end >= bi->nr_pages)
		panic("too little memory for the direct map");

	for (i = 0; i < p.n_l1; i++)
		build_table(&p, p.l1 + i, 1, i);
	for (i = 0; i < p.n_l2; i++)
		build_table(&p, p.l2 + i, 2, i);
	build_table(&p, p.l3, 3, 0);
	/* Linking the L3 makes Xen validate the whole tree below it. */
	link.ptr = (arch_mm.l4_mfn << PAGE_SHIFT) + DIRECTMAP_SLOT * 8;
	link.val = (pfn_to_mfn(p.l3) << PAGE_SHIFT) | PT_LINK;
	mm_apply(&link, 1);
	arch_mm.dm_ready = true;
	bi->first_free_pfn = p.end;
}

struct prot_ctx {
	unsigned long va;
	bool write, exec;
};

/* Keep each page's frame (shared_info sits in .bss under another frame
 * than the builder's), change only the permissions. */
static uint64_t prot_val(unsigned long i, const void *p)
{
	const struct prot_ctx *c = p;
	uint64_t old = mm_read_l1e(mm_l1e_maddr(c->va + i * PAGE_SIZE, false));
	uint64_t pte = (old & PTE_ADDR) | PTE_P | PTE_US | PTE_A | PTE_D;

	if (c->write)
		pte |= PTE_RW;
	if (!c->exec)
		pte |= arch_mm.nx;
	return pte;
}

static void protect(char *start, char *end, bool write, bool exec)
{
	struct prot_ctx c = {(unsigned long)start, write, exec};
	unsigned long n = (unsigned long)(end - start) >> PAGE_SHIFT;

	if (mm_set_ptes((unsigned long)start, n, false, prot_val, &c))
		panic("cannot set permissions of the kernel image");
}

static void unmap_guard(char *guard)
{
	mm_set_ptes((unsigned long)guard, 1, false, mm_zero_val, NULL);
}

void arch_mm_init(struct boot_info *bi)
{
	uint32_t r[4];

	arch_mm.p2m = bi->p2m;
	arch_mm.nr_pages = bi->nr_pages;
	arch_mm.max_pages = bi->nr_pages;
	arch_mm.l4_mfn = pfn_to_mfn(boot_pfn(bi->pt_base));
	xen_cpuid(0x80000001, r);
	arch_mm.nx = (r[3] & (1u << 20)) ? PTE_NX : 0;

	unmap_boot_tail(bi->first_free_pfn);
	build_direct_map(bi);
	mm_p2m_extend(bi);
	protect(_text, _etext, false, true);
	protect(_rodata, _erodata, false, false);
	protect(_data, (char *)ALIGN_UP((unsigned long)_end, PAGE_SIZE), true,
		false);
	unmap_guard(boot_stack_guard);
	unmap_guard(exception_stack_guard);
	mm_tlb_flush();
}
