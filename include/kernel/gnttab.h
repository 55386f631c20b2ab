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

/* Grant domid access to machine frame mfn. Returns the reference, or
 * -ENOSPC / -ENODEV. */
int gnttab_grant_access(uint16_t domid, mfn_t mfn, bool readonly);

#endif
