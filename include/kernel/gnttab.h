/*
 * Grant tables, version 1: granting guest frames to other domains. Call
 * from thread context only (never from an event handler): the table and
 * its free list have no lock, which is safe on one vCPU with cooperative
 * threads as long as upcalls stay out.
 */
#ifndef KERNEL_GNTTAB_H
#define KERNEL_GNTTAB_H

#include <kernel/types.h>
#include <skiff/gnttab.h>

/* Set up and map the table. On failure it says why and leaves grants
 * unavailable (-ENODEV), so a domain without backends still boots. */
void gnttab_init(void);
/* Before a suspend: unmap the table (its frames are Xen's, outside the
 * p2m, which a save refuses). After it: map it again; in a new domain
 * it is empty, so every grant made before is void (ending one succeeds
 * and frees its reference). */
void gnttab_suspend(void);
void gnttab_resume(bool cancelled);

/* Grant domid access to machine frame mfn. Returns the reference, or
 * -ENOSPC / -ENODEV. */
int gnttab_grant_access(uint16_t domid, mfn_t mfn, bool readonly);

/* What the frontends (netfront, blkfront) share pages with, besides
 * gnttab_grant_page() of <skiff/gnttab.h>: */

/* A zeroed page of the direct map, or NULL when memory ran out. */
void *gnttab_page_alloc(void);

/* End grant *ref (nothing if it is negative) of the page *page,
 * waiting until deadline_ns (monotonic) while the backend still maps it.
 * A page still mapped then is abandoned (the backend may write it at any
 * time) and *page becomes a fresh page, or NULL when memory ran out
 * (said on the console with owner's name; the kernel goes on, and the
 * next share fills the slot with gnttab_page_fill()). *ref becomes -1.
 * Returns true if the page was abandoned. Thread context (it sleeps). */
/* A zeroed page into *page if it is NULL (a slot gnttab_end_page()
 * left empty): 0, or -ENOMEM. */
int gnttab_page_fill(void **page);
bool gnttab_end_page(void **page, int *ref, uint64_t deadline_ns,
		     const char *owner);

#endif
