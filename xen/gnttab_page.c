/*
 * The pages the frontends share with their backends (netfront's and
 * blkfront's rings and buffers): ending a page's grant when the device
 * goes, where a backend that still maps the page means
 * it is abandoned to the backend for good and the slot gets a fresh
 * page, or stays empty when memory ran out (the next share fills it).
 * Apart from the grant table (gnttab.c) so that the host tests can run
 * it against a grant that never ends and no page to allocate
 * (gnttab_page_alloc() is gnttab.c's).
 */
#include <kernel/errno.h>
#include <kernel/gnttab.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/time.h>

/* How often gnttab_end_page() looks again while the backend maps. */
#define END_PAGE_STEP_NS (20 * NSEC_PER_MSEC)

bool gnttab_end_page(void **page, int *ref, uint64_t deadline_ns,
		     const char *owner)
{
	int rc;

	if (*ref < 0)
		return false;
	while ((rc = gnttab_end_access((unsigned int)*ref)) == -EBUSY &&
	       time_monotonic_ns() < deadline_ns)
		thread_sleep_until(time_monotonic_ns() + END_PAGE_STEP_NS);
	*ref = -1;
	if (rc != -EBUSY)
		return false;
	/* The old page is the backend's for good. Without a page to put
	 * in its place the caller's slot is left empty: its next share
	 * allocates one (gnttab_page_fill()) or fails cleanly. */
	if (!(*page = gnttab_page_alloc()))
		printk("%s: no page to replace a grant still in use; "
		       "the next connect needs one\n",
		       owner);
	return true;
}

int gnttab_page_fill(void **page)
{
	if (!*page && !(*page = gnttab_page_alloc()))
		return -ENOMEM;
	return 0;
}
