/*
 * Grant tables for apps: share a page of memory with another domain (a
 * backend, or dom0's tools) by handing it a grant reference. Calls return a
 * negative Linux errno value on failure.
 */
#ifndef SKIFF_GNTTAB_H
#define SKIFF_GNTTAB_H

/* Grant domain domid access to the page at va (page aligned, mapped, e.g.
 * from posix_memalign), read-only if readonly is non-zero. Returns the grant
 * reference (>= 0), -EINVAL for a bad page, -ENOSPC when every reference is
 * in use, -ENODEV without a grant table. */
int gnttab_grant_page(unsigned int domid, const void *va, int readonly);

/* Stop granting ref. Returns 0; -EBUSY (nothing changed) while the peer
 * still has the page mapped: try again after it unmaps; -EINVAL for a
 * reference that is not granted. Only after 0 may the page be reused. */
int gnttab_end_access(unsigned int ref);

#endif
