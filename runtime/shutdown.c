/*
 * The C world's side of a shutdown the toolstack asked for (see
 * xen/control.c): the app's hooks from skiff_on_shutdown(), newest
 * first, then exit(0), which runs the atexit handlers and destructors,
 * flushes stdio and ends in kernel_exit(). All of it runs in a thread of
 * its own with a C-sized stack, never in the control thread, which keeps
 * serving xenstore events meanwhile. The app's resume hooks
 * (skiff_on_resume()) run the same way after each resume.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/shutdown.h>
#include <kernel/suspend.h>

#include <skiff/shutdown.h>
#include <stdlib.h>

#include "runtime_priv.h"

#define HOOK_MAX 16
#define SHUTDOWN_STACK_SIZE (256UL * 1024)

static struct {
	struct {
		skiff_shutdown_fn fn;
		void *arg;
	} hook[HOOK_MAX];
	int n;
	bool started; /* one shutdown only */
} sd;

int skiff_on_shutdown(skiff_shutdown_fn fn, void *arg)
{
	if (sd.n == HOOK_MAX)
		return -ENOSPC;
	sd.hook[sd.n].fn = fn;
	sd.hook[sd.n].arg = arg;
	sd.n++;
	return 0;
}

static struct {
	struct {
		skiff_resume_fn fn;
		void *arg;
	} hook[HOOK_MAX];
	int n;
	bool hooked; /* our suspend hook is registered */
} rs;

static void resume_thread(void *arg)
{
	int how = (int)(long)arg, i;

	for (i = 0; i < rs.n; i++)
		rs.hook[i].fn(how, rs.hook[i].arg);
}

static void after_resume(const struct resume_info *ri)
{
	long how =
	    ri->cancelled ? SKIFF_RESUME_IN_PLACE : SKIFF_RESUME_RESTORED;
	struct thread *t = thread_create("resume", resume_thread, (void *)how,
					 SHUTDOWN_STACK_SIZE);

	if (t)
		thread_detach(t);
	else
		printk("resume: no thread for the app's resume hooks\n");
}

static const struct suspend_hook resume_hook = {.after = after_resume};

int skiff_on_resume(skiff_resume_fn fn, void *arg)
{
	if (rs.n == HOOK_MAX)
		return -ENOSPC;
	if (!rs.hooked) {
		if (suspend_hook_add(&resume_hook) < 0)
			return -ENOSPC;
		rs.hooked = true;
	}
	rs.hook[rs.n].fn = fn;
	rs.hook[rs.n].arg = arg;
	rs.n++;
	return 0;
}

static void shutdown_thread(void *arg)
{
	int reason = (int)(long)arg;

	/* A hook registered by a hook runs too (sd.n is re-read). */
	while (sd.n > 0) {
		sd.n--;
		sd.hook[sd.n].fn(reason, sd.hook[sd.n].arg);
	}
	exit(0);
}

int runtime_shutdown_request(bool reboot)
{
	long reason = reboot ? SKIFF_SHUTDOWN_REBOOT : SKIFF_SHUTDOWN_POWEROFF;
	struct thread *t;

	if (sd.started)
		return -EALREADY;
	sd.started = true;
	kernel_exit_set_reboot(reboot);
	t = thread_create("shutdown", shutdown_thread, (void *)reason,
			  SHUTDOWN_STACK_SIZE);
	if (!t)
		return -ENOMEM;
	thread_detach(t);
	return 0;
}
