/*
 * The arch part of save, restore and migration (<kernel/suspend.h>):
 * the p2m's frame lists that the toolstack's save walks (published in
 * shared_info at boot and again after every resume, as the frames they
 * name change), and the suspend hypercall with what must surround it:
 * start_info's ring frames as pseudo-physical numbers (the toolstack
 * turns them into the new machine frames on restore), no mapping of
 * shared_info (a frame outside the p2m) while suspended, and the page
 * tables' machine frames read again afterwards.
 */
#include <arch/hypercall.h>
#include <arch/mm.h>
#include <arch/p2m_list.h>
#include <kernel/boot.h>
#include <kernel/errno.h>
#include <kernel/page_alloc.h>
#include <kernel/printk.h>
#include <kernel/suspend.h>

#include "mm_priv.h"

static struct {
	start_info_t *si; /* Xen's start_info, direct-mapped */
	pfn_t si_pfn;
	pfn_t p2m_pfn;		/* the p2m array's first frame */
	pfn_t fll_pfn, fl_pfn;	/* the frame list list, the frame lists */
	unsigned long nr_pages; /* p2m entries */
	unsigned long nr_lists; /* frame list pages */
	bool ready;		/* the lists are published */
} sv;

/* The machine frames of the frame list pages (static: kernel stacks are
 * small). */
static uint64_t fl_mfn[P2M_PER_PAGE];

static uint64_t leaf_mfn(unsigned long i, const void *ctx __unused)
{
	return pfn_to_mfn(sv.p2m_pfn + i);
}

/* Fill the lists from the current machine frames and point shared_info
 * at them. A linear p2m (p2m_cr3) is not offered: the lists suffice. */
static void publish(void)
{
	struct arch_shared_info *a = &HYPERVISOR_shared_info->arch;
	unsigned long i;

	for (i = 0; i < sv.nr_lists; i++)
		fl_mfn[i] = pfn_to_mfn(sv.fl_pfn + i);
	p2m_lists_fill(sv.nr_pages, pfn_to_virt(sv.fll_pfn),
		       pfn_to_virt(sv.fl_pfn), fl_mfn, leaf_mfn, NULL);
	a->max_pfn = sv.nr_pages;
	a->p2m_cr3 = 0;
	a->p2m_vaddr = 0;
	a->pfn_to_mfn_frame_list_list = pfn_to_mfn(sv.fll_pfn);
}

void arch_suspend_init(const struct boot_info *bi)
{
	unsigned long p2m = (unsigned long)bi->p2m;

	sv.si = pfn_to_virt((bi->start_info - KERNEL_BASE) >> PAGE_SHIFT);
	sv.si_pfn = (bi->start_info - KERNEL_BASE) >> PAGE_SHIFT;
	/* Every pfn up to the room ballooning may grow into (absent ones
	 * are invalid entries, which the save skips); the p2m was moved
	 * into the direct map when that room is larger than the boot
	 * size (mm_p2m_extend()). */
	sv.nr_pages = bi->max_pages;
	sv.nr_lists = p2m_list_pages(bi->max_pages);
	sv.p2m_pfn = p2m >= KERNEL_BASE ? (p2m - KERNEL_BASE) >> PAGE_SHIFT
					: virt_to_pfn(bi->p2m);
	if ((p2m & ~PAGE_MASK) || !sv.nr_lists || bi->is_dom0) {
		printk("suspend: p2m not publishable; xl save will fail\n");
		return;
	}
	sv.fll_pfn = page_alloc(1);
	sv.fl_pfn = page_alloc(sv.nr_lists);
	if (!sv.fll_pfn || !sv.fl_pfn) {
		printk("suspend: no memory for the p2m's frame lists; xl "
		       "save will fail\n");
		return;
	}
	publish();
	sv.ready = true;
}

/* start_info's ring frames: machine to pseudo-physical before the
 * suspend hypercall (to_pfn), back after a cancelled one. */
static void canonicalise(bool to_pfn)
{
	start_info_t *si = sv.si;

	if (to_pfn) {
		si->store_mfn = mfn_to_pfn(si->store_mfn);
		if (si->console.domU.mfn)
			si->console.domU.mfn = mfn_to_pfn(si->console.domU.mfn);
	} else {
		si->store_mfn = pfn_to_mfn(si->store_mfn);
		if (si->console.domU.mfn)
			si->console.domU.mfn = pfn_to_mfn(si->console.domU.mfn);
	}
}

int arch_suspend(struct resume_info *ri)
{
	pfn_t l4_pfn = mfn_to_pfn(arch_mm.l4_mfn);
	long rc;

	ri->cancelled = true;
	if (!sv.ready)
		return -EOPNOTSUPP;
	canonicalise(true);
	if ((rc = arch_shared_info_unmap())) {
		canonicalise(false);
		return (int)rc;
	}
	/* Returns 1 when the suspend was cancelled (checkpoint, failed
	 * migration: the same domain goes on), 0 in a new domain (every
	 * machine frame changed; the toolstack rewrote the p2m and put
	 * the new ring frames and channels into start_info). */
	rc = HYPERVISOR_suspend(pfn_to_mfn(sv.si_pfn));
	if (rc) {
		canonicalise(false);
	} else {
		ri->cancelled = false;
		arch_mm.l4_mfn = pfn_to_mfn(l4_pfn);
		mm_user_resume();
	}
	if (arch_shared_info_map(sv.si->shared_info))
		panic("suspend: cannot map shared_info again");
	publish();
	ri->store_mfn = sv.si->store_mfn;
	ri->store_evtchn = sv.si->store_evtchn;
	ri->console_mfn = sv.si->console.domU.mfn;
	ri->console_evtchn = sv.si->console.domU.evtchn;
	return rc < 0 ? (int)rc : 0;
}
