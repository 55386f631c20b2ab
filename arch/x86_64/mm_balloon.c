/*
 * The page-table side of ballooning on x86 PV: giving frames back to Xen
 * and taking new ones, with the p2m, the M2P and the direct map kept in
 * step, in batches (one reservation hypercall per batch). Also, at boot,
 * room in the p2m for frames above the boot size when the domain may
 * grow (xl's maxmem above memory). xen/balloon.c decides which frames
 * and how many. When grown, the p2m is a new array in the direct map
 * (arch_mm.p2m, arch_mm.max_pages entries), no longer Xen's list.
 */
#include <arch/hypercall.h>
#include <arch/mm.h>
#include <kernel/printk.h>

#include "mm_priv.h"

#define P2M_INVALID (~0UL)
/* A memory map that ends less than 1 MiB above the boot size asks for
 * no room to grow worth a new p2m. */
#define MAXMEM_SLACK_PAGES 256
/* The p2m grows to at most this many times the boot size (its cost is
 * 8 bytes a frame, paid at boot), and never past the direct map's 512
 * GiB. */
#define P2M_GROW_MAX 8
#define DIRECTMAP_MAX_PAGES (1UL << (39 - PAGE_SHIFT))

static long reservation_op(int cmd, xen_pfn_t *list, unsigned long n)
{
	struct xen_memory_reservation r = {
	    .nr_extents = n,
	    .extent_order = 0,
	    .mem_flags = 0,
	    .domid = DOMID_SELF,
	};

	set_xen_guest_handle(r.extent_start, list);
	return HYPERVISOR_memory_op(cmd, &r);
}

static uint64_t dm_l1e(pfn_t pfn, bool alloc)
{
	return mm_l1e_maddr((unsigned long)pfn_to_virt(pfn), alloc);
}

/* Map pfns[i] (i in [from, to)) writable in the direct map at the
 * frames in mfns[i], and with m2p also record pfn in the M2P. */
static void dm_map(const pfn_t *pfns, const xen_pfn_t *mfns, unsigned long from,
		   unsigned long to, bool m2p)
{
	mmu_update_t req[BATCH];
	unsigned int k = 0;
	unsigned long i;

	for (i = from; i < to; i++) {
		uint64_t ma = dm_l1e(pfns[i], false);

		if (!ma)
			panic("balloon: pfn %lx has no direct-map table",
			      pfns[i]);
		if (m2p) {
			req[k].ptr = ((uint64_t)mfns[i] << PAGE_SHIFT) |
				     MMU_MACHPHYS_UPDATE;
			req[k++].val = pfns[i];
		}
		req[k].ptr = ma;
		req[k++].val = mm_mfn_leaf_pte(mfns[i], true, false);
		if (k >= BATCH - 1) {
			mm_apply(req, k);
			k = 0;
		}
	}
	mm_apply(req, k);
}

/* Clear the direct-map entries of pfns[0..n) and flush the TLB. */
static void dm_unmap(const pfn_t *pfns, unsigned long n)
{
	mmu_update_t req[BATCH];
	unsigned int k = 0;
	unsigned long i;

	for (i = 0; i < n; i++) {
		req[k].ptr = dm_l1e(pfns[i], false);
		if (!req[k].ptr)
			panic("balloon: pfn %lx is not in the direct map",
			      pfns[i]);
		req[k++].val = 0;
		if (k == BATCH) {
			mm_apply(req, k);
			k = 0;
		}
	}
	mm_apply(req, k);
	/* No stale translation may survive: Xen is about to reuse the
	 * frames for someone else. */
	mm_tlb_flush();
}

unsigned long arch_balloon_release(const pfn_t *pfns, unsigned long n)
{
	static xen_pfn_t mfns[BALLOON_BATCH];
	unsigned long i, done;
	long rc;

	n = MIN(n, BALLOON_BATCH);
	for (i = 0; i < n; i++)
		mfns[i] = arch_mm.p2m[pfns[i]];
	dm_unmap(pfns, n);
	for (i = 0; i < n; i++)
		arch_mm.p2m[pfns[i]] = P2M_INVALID;
	rc = reservation_op(XENMEM_decrease_reservation, mfns, n);
	done = rc < 0 ? 0 : MIN((unsigned long)rc, n);
	if (done < n) {
		/* Xen kept the rest with us: put them back as they were. */
		printk("balloon: Xen took %lu of %lu frames (%ld)\n", done, n,
		       rc);
		for (i = done; i < n; i++)
			arch_mm.p2m[pfns[i]] = mfns[i];
		dm_map(pfns, mfns, done, n, false);
	}
	return done;
}

/* pfns[0..n) that a restore backed although the guest had given them
 * back (a live migration copied them in a round before that) are the
 * domain's again: map them rather than ask for more, and move them to
 * the front of pfns. Returns how many there were. */
static unsigned long take_restored(pfn_t *pfns, unsigned long n)
{
	xen_pfn_t mfn;
	unsigned long i, k = 0;
	pfn_t t;

	for (i = 0; i < n; i++) {
		mfn = arch_mm.p2m[pfns[i]];
		if (mfn == P2M_INVALID)
			continue;
		dm_map(&pfns[i], &mfn, 0, 1, true);
		t = pfns[k];
		pfns[k++] = pfns[i];
		pfns[i] = t;
	}
	return k;
}

unsigned long arch_balloon_populate(pfn_t *pfns, unsigned long n)
{
	static xen_pfn_t list[BALLOON_BATCH];
	unsigned long i, done, had;
	long rc;

	n = MIN(n, BALLOON_BATCH);
	/* Frames above the boot size have no direct-map table yet: make
	 * them now, from memory we hold, so that mapping cannot fail once
	 * Xen has given the frames. */
	for (i = 0; i < n; i++)
		if (!dm_l1e(pfns[i], true))
			break;
	n = i;
	had = take_restored(pfns, n);
	for (i = had; i < n; i++)
		list[i - had] = pfns[i];
	if (had == n)
		return had;
	rc = reservation_op(XENMEM_populate_physmap, list, n - had);
	done = rc < 0 ? 0 : MIN((unsigned long)rc, n - had);
	/* Xen wrote each new frame's mfn over its gpfn in list. */
	for (i = 0; i < done; i++)
		arch_mm.p2m[pfns[had + i]] = list[i];
	dm_map(pfns + had, list, 0, done, true);
	return had + done;
}

unsigned long arch_mm_max_pages(void)
{
	return arch_mm.max_pages;
}

/* An entry of the memory map Xen keeps for the domain (E820 format). */
struct e820_entry {
	uint64_t addr, size;
	uint32_t type;
} __attribute__((packed));
#define E820_RAM 1
#define E820_MAX 16

/*
 * The end of guest RAM in pages as the toolstack declared it. libxl
 * starts a PV domain with Xen's maximum at memory= plus 1 MiB and puts
 * maxmem (plus its PV slack) into the memory map, as the limit the
 * guest may balloon up to (Linux reads it the same way). 0 if there is
 * no map.
 */
static unsigned long memory_map_pages(void)
{
	static struct e820_entry map[E820_MAX];
	struct xen_memory_map mm = {.nr_entries = E820_MAX};
	unsigned long end = 0;
	unsigned int i;

	set_xen_guest_handle(mm.buffer, map);
	if (HYPERVISOR_memory_op(XENMEM_memory_map, &mm) < 0)
		return 0;
	for (i = 0; i < mm.nr_entries && i < E820_MAX; i++)
		if (map[i].type == E820_RAM)
			end =
			    MAX(end, (map[i].addr + map[i].size) >> PAGE_SHIFT);
	return end;
}

void mm_p2m_extend(struct boot_info *bi)
{
	unsigned long max = memory_map_pages();
	unsigned long want, frames, i;
	unsigned long *p2m;

	if (bi->is_dom0 || max <= bi->nr_pages + MAXMEM_SLACK_PAGES)
		return;
	want = MIN(max, bi->nr_pages * P2M_GROW_MAX);
	want = MIN(want, DIRECTMAP_MAX_PAGES);
	frames = DIV_ROUND_UP(want * sizeof(*p2m), PAGE_SIZE);
	/* Keep at least as much again free for the page allocator. */
	if (bi->first_free_pfn + 2 * frames >= bi->nr_pages)
		return;
	/* The frames after the direct map's tables are writable there. */
	p2m = pfn_to_virt(bi->first_free_pfn);
	for (i = 0; i < bi->nr_pages; i++)
		p2m[i] = bi->p2m[i];
	for (; i < frames * (PAGE_SIZE / sizeof(*p2m)); i++)
		p2m[i] = P2M_INVALID;
	arch_mm.p2m = p2m;
	arch_mm.max_pages = want;
	bi->p2m = p2m;
	bi->max_pages = want;
	bi->first_free_pfn += frames;
}
