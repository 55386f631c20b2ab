/*
 * Save, restore and migration (`xl save`, `xl restore`, `xl save -c`,
 * `xl migrate`): the domain suspends itself when the toolstack asks
 * (control/shutdown = suspend) and carries on after Xen resumes it,
 * either in place (the suspend was cancelled: a checkpoint, or a failed
 * migration) or in a new domain (a restore or a migration: every machine
 * frame, event channel and grant changed, and xenstored sees a new
 * connection). docs/saverestore.md has the whole sequence.
 */
#ifndef KERNEL_SUSPEND_H
#define KERNEL_SUSPEND_H

#include <kernel/types.h>

/* What the kernel needs after the suspend hypercall returns. */
struct resume_info {
	bool cancelled;	 /* resumed in place, connections intact */
	mfn_t store_mfn; /* xenstore ring (a new domain: new values) */
	uint32_t store_evtchn;
	mfn_t console_mfn; /* PV console ring */
	uint32_t console_evtchn;
};

/* Suspend the domain for the toolstack and resume it: quiesce xenstore,
 * suspend, then bring back the clock, event channels, grant table,
 * console, xenstore and (through SUSPEND_HOOK) the frontends and the
 * app's hooks. Runs in a kernel thread (the control thread). Returns 0
 * after a resume (cancelled or not) or a negative errno when the domain
 * could not suspend (it then runs on as before). */
int kernel_suspend(void);

/* What a subsystem above the core (the frontend skeleton, the
 * runtime's app hooks, the balloon) does around a suspend. before()
 * runs in the suspending thread before the domain suspends (it may block
 * briefly); last() just before the hypercall, xenstore quiet, events
 * still on: it must neither block nor yield, so that no other thread
 * runs between it and the suspend; after() once the domain resumed,
 * before any other thread runs: events are on, channels and grant table
 * back; it must not block (xenstore requests made now wait until
 * xenstore has reconnected, just after the hooks). after() runs even
 * when the suspend failed (last() then may not have run). Any may be
 * NULL. */
struct suspend_hook {
	void (*before)(void);
	void (*last)(void);
	void (*after)(const struct resume_info *ri);
};

/* Register h (static storage) when the subsystem starts, so that only
 * an image that links it carries its resume code; after() hooks run in
 * the order registered. Returns 0 or -ENOSPC (8 at most). */
int suspend_hook_add(const struct suspend_hook *h);

/* The arch part (arch/x86_64/suspend.c). */
struct boot_info;
/* Boot, after the page allocator: publish the p2m's frame lists in
 * shared_info, which the toolstack's save walks. */
void arch_suspend_init(const struct boot_info *bi);
/* With events masked: hand Xen the suspend hypercall (start_info
 * canonicalised, no mapping outside the p2m left), return after resume
 * with shared_info mapped again and ri filled. -EOPNOTSUPP when the
 * frame lists could not be published at boot. */
int arch_suspend(struct resume_info *ri);

#endif
