/*
 * Grant tables, version 1. Xen gives us a few frames of grant entries,
 * mapped once at XENMAP_BASE; a grant fills in one entry, and ending it
 * clears the entry again unless the peer still has the page mapped. The
 * reference numbers come from the free list in gnttab_refs.c.
 */
#include <arch/barrier.h>
#include <arch/hypercall.h>
#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/gnttab.h>
#include <kernel/gnttab_refs.h>
#include <kernel/page_alloc.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/time.h>

/* 4 frames are 2048 v1 entries: plenty for a console, xenstore and a few
 * devices' rings. Xen may allow fewer (query_size's max_nr_frames). */
#define GNTTAB_MAX_FRAMES 4
#define ENTRIES_PER_FRAME (PAGE_SIZE / sizeof(grant_entry_v1_t))
#define GNTTAB_MAX_REFS (GNTTAB_MAX_FRAMES * ENTRIES_PER_FRAME)

static struct {
	grant_entry_v1_t *table; /* NULL: no grant table */
	unsigned int frames;	 /* mapped at XENMAP_BASE */
	struct gnttab_refs refs;
	uint32_t links[GNTTAB_MAX_REFS];
} gt;

/* How many frames to ask for: what Xen allows, up to our maximum. */
static int table_frames(void)
{
	struct gnttab_query_size q = {.dom = DOMID_SELF};
	long rc = HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1);

	if (rc || q.status != GNTST_okay) {
		printk("gnttab: query_size failed (%ld, status %d)\n", rc,
		       q.status);
		return -EIO;
	}
	return (int)MIN(q.max_nr_frames, (uint32_t)GNTTAB_MAX_FRAMES);
}

/* Ask Xen for nr table frames and map them at XENMAP_BASE. */
static int map_table(unsigned int nr)
{
	xen_pfn_t frames[GNTTAB_MAX_FRAMES];
	mfn_t mfns[GNTTAB_MAX_FRAMES];
	struct gnttab_setup_table op = {.dom = DOMID_SELF, .nr_frames = nr};
	unsigned int i;
	long rc;

	set_xen_guest_handle(op.frame_list, frames);
	rc = HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &op, 1);
	if (rc || op.status != GNTST_okay) {
		printk("gnttab: setup_table of %u frames failed (%ld, status "
		       "%d)\n",
		       nr, rc, op.status);
		return -EIO;
	}
	/* A PV guest gets machine frame numbers back. */
	for (i = 0; i < nr; i++)
		mfns[i] = frames[i];
	return arch_map_mfns(XENMAP_BASE, mfns, nr, MAP_WRITE);
}

void gnttab_init(void)
{
	int nr = table_frames();

	if (nr <= 0 || map_table((unsigned int)nr)) {
		printk("gnttab: no grant table, grants unavailable\n");
		return;
	}
	gt.table = (grant_entry_v1_t *)XENMAP_BASE;
	gt.frames = (unsigned int)nr;
	/* References below GNTTAB_NR_RESERVED_ENTRIES belong to the
	 * toolstack (console, xenstore): never hand them out. */
	gnttab_refs_init(&gt.refs, gt.links, GNTTAB_NR_RESERVED_ENTRIES,
			 (uint32_t)(nr * ENTRIES_PER_FRAME));
}

void gnttab_suspend(void)
{
	if (gt.table)
		arch_unmap_pages(XENMAP_BASE, gt.frames, NULL);
}

void gnttab_resume(bool cancelled)
{
	if (!gt.table)
		return;
	/* The same frames when cancelled; a new, empty table otherwise:
	 * the references in use stay taken until their owners end them,
	 * which then succeeds at once (the entries are all zero). */
	if (map_table(gt.frames)) {
		printk("gnttab: table lost on resume; grants unavailable\n");
		gt.table = NULL;
	}
	(void)cancelled;
}

int gnttab_grant_access(uint16_t domid, mfn_t mfn, bool readonly)
{
	grant_entry_v1_t *e;
	long ref;

	if (!gt.table)
		return -ENODEV;
	if ((ref = gnttab_refs_get(&gt.refs)) < 0)
		return (int)ref;
	e = &gt.table[ref];
	e->frame = (uint32_t)mfn;
	e->domid = domid;
	/* Xen may act on the entry as soon as flags permit it: frame and
	 * domid must be visible before the flags that make them valid. */
	wmb();
	WRITE_ONCE(e->flags, (uint16_t)(GTF_permit_access |
					(readonly ? GTF_readonly : 0)));
	return (int)ref;
}

int gnttab_grant_page(unsigned int domid, const void *va, int readonly)
{
	mfn_t mfn;

	if ((unsigned long)va & ~PAGE_MASK || domid >= DOMID_FIRST_RESERVED)
		return -EINVAL;
	if (!(mfn = arch_va_to_mfn(va)))
		return -EINVAL;
	return gnttab_grant_access((uint16_t)domid, mfn, readonly != 0);
}

/* Clear the entry's flags unless the peer has the frame mapped. Xen sets
 * GTF_reading/GTF_writing when it maps the grant for the peer, possibly
 * at this very moment: a compare-exchange against the flags we saw makes
 * sure we never clear an entry whose mapping began after we looked. */
static int revoke(grant_entry_v1_t *e)
{
	uint16_t flags = READ_ONCE(e->flags);

	do {
		if (flags & (GTF_reading | GTF_writing))
			return -EBUSY;
	} while (!__atomic_compare_exchange_n(
	    &e->flags, &flags, 0, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
	return 0;
}

int gnttab_end_access(unsigned int ref)
{
	int rc;

	if (!gt.table)
		return -ENODEV;
	if (!gnttab_refs_in_use(&gt.refs, ref))
		return -EINVAL;
	if ((rc = revoke(&gt.table[ref])))
		return rc;
	return gnttab_refs_put(&gt.refs, ref);
}

void *gnttab_page_alloc(void)
{
	pfn_t pfn = page_alloc(1);
	void *va;

	if (!pfn)
		return NULL;
	va = pfn_to_virt(pfn);
	memset(va, 0, PAGE_SIZE);
	return va;
}
