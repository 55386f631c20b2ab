/*
 * Page tables of the lower half, for user mode. The kernel's L4 and a
 * second L4 that user mode runs on (MMUEXT_NEW_USER_BASEPTR) share the
 * lower half's L3/L2/L1 tables: every lower-half L4 entry is written into
 * both, so the kernel sees user memory at the same addresses, and user
 * mode sees nothing of the kernel. kernel/uvm.c decides what is mapped;
 * this file only writes the entries, through mmu_update like mm.c.
 */
#include <arch/mm.h>
#include <arch/xen.h>
#include <kernel/errno.h>
#include <kernel/page_alloc.h>
#include <kernel/printk.h>
#include <kernel/user.h>

#include "mm_priv.h"

#define USER_SLOTS USER_L4_SLOTS

/*
 * A page made inaccessible (PROT_NONE) keeps its frame in a non-present
 * entry: a software bit says so, and the guest frame number sits in the
 * address bits with bit 51 set. Xen checks non-present entries of PV
 * guests against L1TF (XSA-273) and accepts an address at or above half
 * the physical address space; bit 51 is above it on every CPU.
 */
#define UPTE_SHARED 0x200UL /* UPT_SHARED: a software bit Xen lets pass */
#define UPTE_HIDDEN 0x400UL
#define UPTE_HIGH (1UL << 51)

static struct {
	mfn_t l4_mfn;	      /* the user L4, 0 until arch_user_l4_init() */
	pfn_t l4_pfn;	      /* its guest frame (a restore changes l4_mfn) */
	unsigned long tables; /* lower-half L3/L2/L1 tables created */
} upt;

unsigned long arch_upt_tables(void)
{
	return upt.tables + (upt.l4_mfn ? 1 : 0);
}

static void mmuext(unsigned int cmd, unsigned long arg)
{
	struct mmuext_op op = {.cmd = cmd};

	op.arg1.mfn = arg;
	if (HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF) < 0)
		panic("mmuext_op %u (%lx) failed", cmd, arg);
}

/* A new lower-half table, linked. Each L3 is pinned: an address space
 * that is not live has no L4 reaching its tables, and without the pin
 * Xen would drop its validation of the whole tree at every switch and
 * check it all again at the next (the time of a switch would grow with
 * the space; and Xen defers the dropping of a big tree to later
 * hypercalls). */
void mm_user_table_added(mfn_t mfn, int level)
{
	upt.tables++;
	if (level == 3)
		mmuext(MMUEXT_PIN_L3_TABLE, mfn);
}

int arch_user_l4_init(void)
{
	const uint64_t *kl4 = mm_table_va(arch_mm.l4_mfn);
	long mfn;
	unsigned int i;

	if (upt.l4_mfn)
		return 0;
	mfn = mm_new_table_frame();
	if (mfn < 0)
		return (int)mfn;
	/* The lower half as the kernel has it so far. */
	for (i = 0; i < USER_SLOTS; i++) {
		mmu_update_t u = {.ptr = ((uint64_t)mfn << PAGE_SHIFT) + i * 8,
				  .val = kl4[i]};

		if (kl4[i] & PTE_P)
			mm_apply(&u, 1);
	}
	mmuext(MMUEXT_PIN_L4_TABLE, (unsigned long)mfn);
	mmuext(MMUEXT_NEW_USER_BASEPTR, (unsigned long)mfn);
	upt.l4_mfn = (mfn_t)mfn;
	upt.l4_pfn = mfn_to_pfn((mfn_t)mfn);
	return 0;
}

void mm_user_resume(void)
{
	if (upt.l4_mfn)
		upt.l4_mfn = pfn_to_mfn(upt.l4_pfn);
}

mfn_t arch_user_l4_mfn(void)
{
	return upt.l4_mfn;
}

void mm_user_l4_mirror(unsigned int slot, uint64_t entry)
{
	mmu_update_t u = {.ptr = (upt.l4_mfn << PAGE_SHIFT) + slot * 8,
			  .val = entry};

	if (upt.l4_mfn && slot < USER_SLOTS)
		mm_apply(&u, 1);
}

/* The L1 entry value for a user page: present with the access prot
 * allows, or hidden for prot 0. */
static uint64_t upt_entry(pfn_t pfn, int prot)
{
	uint64_t shared = prot & UPT_SHARED ? UPTE_SHARED : 0;

	if (!(prot & (UPT_READ | UPT_WRITE | UPT_EXEC)))
		return UPTE_HIDDEN | UPTE_HIGH | shared | (pfn << PAGE_SHIFT);
	return mm_leaf_pte(pfn, prot & UPT_WRITE, prot & UPT_EXEC) | shared;
}

/* Decode an L1 entry: its frame and prot, or -1 for an empty entry. */
static int upt_decode(uint64_t e, pfn_t *pfn)
{
	int prot;

	if (e & PTE_P) {
		*pfn = mfn_to_pfn((e & PTE_ADDR) >> PAGE_SHIFT);
		prot = UPT_READ;
		if (e & PTE_RW)
			prot |= UPT_WRITE;
		if (!(e & arch_mm.nx))
			prot |= UPT_EXEC;
		return prot | (e & UPTE_SHARED ? UPT_SHARED : 0);
	}
	if (e & UPTE_HIDDEN) {
		*pfn = (e & ~UPTE_HIGH & PTE_ADDR) >> PAGE_SHIFT;
		return e & UPTE_SHARED ? UPT_SHARED : 0;
	}
	return -1;
}

/* Write the L1 entry of page va, creating tables as needed. 0 or
 * -ENOMEM. */
static int upt_set(unsigned long va, uint64_t entry)
{
	mmu_update_t u = {.ptr = mm_l1e_maddr(va, true), .val = entry};

	if (!u.ptr)
		return -ENOMEM;
	mm_apply(&u, 1);
	return 0;
}

int arch_upt_map(unsigned long va, pfn_t pfn, int prot)
{
	if (va >= USER_VA_TOP || (va & ~PAGE_MASK))
		return -EINVAL;
	return upt_set(va, upt_entry(pfn, prot));
}

unsigned long arch_upt_map_n(unsigned long va, const pfn_t *pfn,
			     unsigned long n, int prot)
{
	mmu_update_t req[BATCH];
	unsigned long i, done = 0;
	unsigned int k = 0;

	if (va >= USER_VA_TOP || (va & ~PAGE_MASK) ||
	    n > (USER_VA_TOP - va) >> PAGE_SHIFT)
		return 0;
	for (i = 0; i < n; i++, va += PAGE_SIZE) {
		uint64_t ma;

		if (!pfn[i])
			continue;
		if (!(ma = mm_l1e_maddr(va, true)))
			break;
		req[k++] =
		    (mmu_update_t){.ptr = ma, .val = upt_entry(pfn[i], prot)};
		done++;
		if (k == BATCH) {
			mm_apply(req, k);
			k = 0;
		}
	}
	if (k)
		mm_apply(req, k);
	return done;
}

int arch_upt_map_shared_info(unsigned long va)
{
	if (va < USER_VA_END || va >= USER_VA_TOP || (va & ~PAGE_MASK))
		return -EINVAL;
	return upt_set(va,
		       mm_mfn_leaf_pte(arch_shared_info_mfn(), false, false));
}

void arch_upt_unmap_shared_info(unsigned long va)
{
	uint64_t ma = mm_l1e_maddr(va, false);
	mmu_update_t u = {.ptr = ma, .val = 0};

	if (ma) {
		mm_apply(&u, 1);
		mm_tlb_flush();
	}
}

int arch_upt_query(unsigned long va, pfn_t *pfn)
{
	uint64_t ma;

	if (va >= USER_VA_TOP)
		return -1;
	ma = mm_l1e_maddr(va & PAGE_MASK, false);
	return ma ? upt_decode(mm_read_l1e(ma), pfn) : -1;
}

/* One pass of arch_upt_update() over an L1 table: queue the changed
 * entries in b, flushing it to Xen when full. */
struct upt_batch {
	mmu_update_t req[BATCH];
	unsigned int k;
	unsigned long changed, cleared;
	upt_update_fn fn;
	void *ctx;
};

/* The entries [*lo, *hi) of a table at base whose entries span 1 <<
 * shift bytes that meet [start, end) (which meets the table). */
static void entry_range(unsigned long base, unsigned int shift,
			unsigned long start, unsigned long end,
			unsigned int *lo, unsigned int *hi)
{
	unsigned long last = (end - 1 - base) >> shift;

	*lo = start > base ? (unsigned int)((start - base) >> shift) : 0;
	*hi = last >= PT_ENTRIES ? PT_ENTRIES : (unsigned int)last + 1;
}

static void walk_l1(struct upt_batch *b, mfn_t l1, unsigned long base,
		    unsigned long start, unsigned long end)
{
	const uint64_t *t = mm_table_va(l1);
	unsigned int i, n;

	entry_range(base, PAGE_SHIFT, start, end, &i, &n);
	for (; i < n; i++) {
		unsigned long va = base + ((unsigned long)i << PAGE_SHIFT);
		pfn_t pfn = 0;
		int old, prot;

		if (va + PAGE_SIZE <= start || va >= end)
			continue;
		old = upt_decode(t[i], &pfn);
		if (old < 0)
			continue;
		prot = b->fn(va, pfn, old, b->ctx);
		if (prot == UPT_KEEP || prot == old)
			continue;
		b->req[b->k].ptr = (l1 << PAGE_SHIFT) + i * 8;
		b->req[b->k].val = prot == UPT_CLEAR ? 0 : upt_entry(pfn, prot);
		b->changed++;
		b->cleared += prot == UPT_CLEAR;
		if (++b->k == BATCH) {
			mm_apply(b->req, b->k);
			b->k = 0;
		}
	}
}

/* Recurse through the tables of one level covering [start, end). */
static void walk(struct upt_batch *b, mfn_t table, int level,
		 unsigned long base, unsigned long start, unsigned long end)
{
	unsigned int shift = PAGE_SHIFT + 9 * (level - 1);
	const uint64_t *t = mm_table_va(table);
	unsigned int i, n;

	entry_range(base, shift, start, end, &i, &n);
	for (; i < n; i++) {
		unsigned long lo = base + ((unsigned long)i << shift);
		unsigned long hi = lo + (1UL << shift);

		if (hi <= start || lo >= end || !(t[i] & PTE_P))
			continue;
		if (level == 2)
			walk_l1(b, (t[i] & PTE_ADDR) >> PAGE_SHIFT, lo, start,
				end);
		else
			walk(b, (t[i] & PTE_ADDR) >> PAGE_SHIFT, level - 1, lo,
			     start, end);
	}
}

/* A page-table frame no table links to any more (and the TLB flushed):
 * writable again and back to the allocator. */
static void free_table_frame(mfn_t table)
{
	pfn_t pfn = mfn_to_pfn(table);

	if (HYPERVISOR_update_va_mapping((unsigned long)pfn_to_virt(pfn),
					 mm_leaf_pte(pfn, true, false),
					 UVMF_INVLPG))
		panic("cannot make page table %lx writable again", pfn);
	page_free(pfn, 1);
	upt.tables--;
}

/*
 * Empty L2 and L1 tables of [start, end), after entries there were
 * cleared: unlinked, then (the TLB flushed) freed, so that mapping,
 * touching and unmapping at scattered addresses does not leave tables
 * behind. The L3s stay (pinned, and the L4 slots' state).
 */
struct prune {
	mmu_update_t req[BATCH]; /* the unlinks */
	mfn_t gone[BATCH];	 /* their tables, freed after the flush */
	unsigned int k;
};

static bool table_empty(mfn_t table)
{
	const uint64_t *t = mm_table_va(table);
	unsigned int i;

	for (i = 0; i < PT_ENTRIES; i++)
		if (t[i])
			return false;
	return true;
}

static void prune_flush(struct prune *p)
{
	unsigned int i;

	if (!p->k)
		return;
	mm_apply(p->req, p->k);
	mm_tlb_flush();
	for (i = 0; i < p->k; i++)
		free_table_frame(p->gone[i]);
	p->k = 0;
}

/* Entry i of table at level, linking child, goes if child is empty. */
static void prune_entry(struct prune *p, mfn_t table, unsigned int i,
			mfn_t child)
{
	if (!table_empty(child))
		return;
	p->req[p->k] =
	    (mmu_update_t){.ptr = (table << PAGE_SHIFT) + i * 8, .val = 0};
	p->gone[p->k] = child;
	if (++p->k == BATCH)
		prune_flush(p);
}

static void prune(struct prune *p, mfn_t table, int level, unsigned long base,
		  unsigned long start, unsigned long end)
{
	unsigned int shift = PAGE_SHIFT + 9 * (level - 1);
	const uint64_t *t = mm_table_va(table);
	unsigned int i, n;

	entry_range(base, shift, start, end, &i, &n);
	for (; i < n; i++) {
		unsigned long lo = base + ((unsigned long)i << shift);
		mfn_t child = (t[i] & PTE_ADDR) >> PAGE_SHIFT;

		if (!(t[i] & PTE_P))
			continue;
		if (level > 3) {
			prune(p, child, level - 1, lo, start, end);
			continue;
		}
		if (level == 3) {
			/* Its L1s first, unlinked and freed, then it. */
			prune(p, child, 2, lo, start, end);
			prune_flush(p);
		}
		prune_entry(p, table, i, child);
	}
}

unsigned long arch_upt_update(unsigned long start, unsigned long end,
			      upt_update_fn fn, void *ctx)
{
	struct upt_batch b = {.fn = fn, .ctx = ctx};

	if (end > USER_VA_TOP)
		end = USER_VA_TOP;
	if (start >= end)
		return 0;
	walk(&b, arch_mm.l4_mfn, 4, 0, start, end);
	mm_apply(b.req, b.k);
	/* Entries that lost access may still be in the TLB (of either L4;
	 * no global bits in user entries, so a local flush drops all). */
	if (b.changed)
		mm_tlb_flush();
	if (b.cleared) {
		struct prune p;

		p.k = 0;
		prune(&p, arch_mm.l4_mfn, 4, 0, start, end);
		prune_flush(&p);
	}
	return b.changed;
}

/* The two L4 updates that make slot i hold entry e. */
static unsigned int set_slot(mmu_update_t *req, unsigned int i, uint64_t e)
{
	req[0] = (mmu_update_t){.ptr = (arch_mm.l4_mfn << PAGE_SHIFT) + i * 8,
				.val = e};
	req[1] =
	    (mmu_update_t){.ptr = (upt.l4_mfn << PAGE_SHIFT) + i * 8, .val = e};
	return 2;
}

void arch_upt_swap(uint64_t *save, const uint64_t *load)
{
	const uint64_t *kl4 = mm_table_va(arch_mm.l4_mfn);
	mmu_update_t req[BATCH];
	unsigned int i, k = 0;
	bool changed = false;

	for (i = 0; i < USER_SLOTS; i++) {
		uint64_t want = load ? load[i] : 0;

		if (save)
			save[i] = kl4[i];
		if (kl4[i] == want)
			continue;
		/* Unlinking drops Xen's type references on the old space's
		 * tables; linking validates the new one's again. */
		k += set_slot(req + k, i, want);
		changed = true;
		if (k + 2 > BATCH) {
			mm_apply(req, k);
			k = 0;
		}
	}
	mm_apply(req, k);
	if (changed)
		mm_tlb_flush();
}

/* Free a table frame no L4 reaches any more: writable again in the
 * direct map (Xen allows it once the frame is no page table), then back
 * to the page allocator. Lower levels first. */
static void free_tables(mfn_t table, int level)
{
	const uint64_t *t = mm_table_va(table);
	unsigned int i;

	if (level == 3) /* unlinked already: now Xen lets go of the tree */
		mmuext(MMUEXT_UNPIN_TABLE, table);
	for (i = 0; level > 1 && i < PT_ENTRIES; i++)
		if (t[i] & PTE_P)
			free_tables((t[i] & PTE_ADDR) >> PAGE_SHIFT, level - 1);
	free_table_frame(table);
}

void arch_upt_drop_tables(void)
{
	uint64_t old[USER_SLOTS];
	unsigned int i;

	arch_upt_swap(old, NULL);
	for (i = 0; i < USER_SLOTS; i++)
		if (old[i] & PTE_P)
			free_tables((old[i] & PTE_ADDR) >> PAGE_SHIFT, 3);
}
