/*
 * Suspend and resume for save, restore and migration (<kernel/suspend.h>,
 * docs/saverestore.md): the order of what is taken down before the
 * suspend hypercall and brought back after it, one call per line, as
 * kernel_main() is the order of boot. The arch part (the hypercall, the
 * p2m's frame lists, shared_info and start_info) is arch_suspend().
 */
#include <arch/events.h>
#include <kernel/console.h>
#include <kernel/errno.h>
#include <kernel/evtchn.h>
#include <kernel/gnttab.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/suspend.h>
#include <kernel/time.h>
#include <kernel/uvm.h>
#include <kernel/xenstore.h>

#define HOOKS_MAX 8

static struct {
	const struct suspend_hook *hook[HOOKS_MAX];
	unsigned int nhooks;
	bool busy; /* a suspend is under way */
	unsigned long count;
} sus;

int suspend_hook_add(const struct suspend_hook *h)
{
	if (sus.nhooks == HOOKS_MAX)
		return -ENOSPC;
	sus.hook[sus.nhooks++] = h;
	return 0;
}

/* The suspend itself, events masked from before the first mapping goes
 * until every channel is bound again: no handler may run on a port or
 * page that is not back yet. */
static int suspend_masked(struct resume_info *ri)
{
	unsigned long flags = arch_events_save_disable();
	int rc;

	time_suspend();
	gnttab_suspend();
	uvm_suspend();
	rc = arch_suspend(ri);
	time_resume();
	evtchn_resume(ri->cancelled);
	sched_resume(ri->cancelled);
	console_resume(ri);
	gnttab_resume(ri->cancelled);
	uvm_resume();
	arch_events_restore(flags);
	return rc;
}

int kernel_suspend(void)
{
	struct resume_info ri = {.cancelled = true};
	unsigned int i;
	int rc;

	if (sus.busy)
		return -EBUSY;
	sus.busy = true;
	printk("suspend: saving the domain\n");
	for (i = 0; i < sus.nhooks; i++)
		if (sus.hook[i]->before)
			sus.hook[i]->before();
	rc = xs_suspend();
	for (i = 0; !rc && i < sus.nhooks; i++)
		if (sus.hook[i]->last)
			sus.hook[i]->last();
	if (!rc)
		rc = suspend_masked(&ri);
	if (rc < 0)
		printk("suspend: not suspended (error %d); running on\n", rc);
	else
		printk("suspend: resumed %s\n",
		       ri.cancelled ? "in place (checkpoint or cancelled)"
				    : "in a new domain");
	/* Before any other thread runs (this one has not blocked since the
	 * hypercall): no frontend may touch its old ring or ports once the
	 * app's threads run again. Xenstore requests wait for xs_resume(). */
	for (i = 0; i < sus.nhooks; i++)
		if (sus.hook[i]->after)
			sus.hook[i]->after(&ri);
	xs_resume(&ri);
	sus.count++;
	sus.busy = false;
	return rc;
}
