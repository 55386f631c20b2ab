/*
 * kernel_main: the boot order, one step per line. Entered from
 * arch_setup() on the boot stack, which then becomes the idle thread.
 * The core (memory, events, grants, console, threads, xenstore, domain
 * control, ballooning) starts here by name; what lies above it (device
 * frontends, the runtime and the app) registered its start-up with
 * INITCALL() in the objects the image links (<kernel/init.h>).
 */
#include <arch/cpu.h>
#include <arch/mm.h>
#include <kernel/balloon.h>
#include <kernel/boot.h>
#include <kernel/console.h>
#include <kernel/control.h>
#include <kernel/evtchn.h>
#include <kernel/gnttab.h>
#include <kernel/heap.h>
#include <kernel/init.h>
#include <kernel/page_alloc.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/suspend.h>
#include <kernel/time.h>
#include <kernel/xenstore.h>

static void banner(const struct boot_info *bi)
{
	/* Static: the boot stack is small. Secret options' values (seed=)
	 * are not shown. */
	static char shown[BOOT_CMDLINE_MAX];

	boot_cmdline_shown(bi->cmdline, shown, sizeof(shown));
	printk("Skiff: %lu MiB, %lu pages free, command line \"%s\"\n",
	       bi->nr_pages >> (20 - PAGE_SHIFT), page_alloc_free_pages(),
	       shown);
}

void kernel_main(struct boot_info *bi)
{
	arch_mm_init(bi);
	page_alloc_init(bi);
	heap_init();
	arch_suspend_init(bi);
	arch_time_init();
	evtchn_init();
	gnttab_init();
	console_init(bi);
	banner(bi);
	sched_init((unsigned long)boot_stack, (unsigned long)boot_stack_top);
	xs_init(bi);
	control_init();
	balloon_init();
	initcall_run(INIT_DRIVER, bi);
	initcall_run(INIT_APP, bi);
	sched_run_idle();
}
