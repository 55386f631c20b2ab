/*
 * Ending the domain. A clean exit leaves its code where dom0 can read it
 * (the console, and data/exit-code in xenstore) before powering off; a
 * crash flushes what it printed and lets on_crash= decide. A reboot asked
 * for by the toolstack is a clean exit with reason reboot.
 */
#include <arch/hypercall.h>
#include <kernel/console.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/shutdown.h>
#include <kernel/time.h>
#include <kernel/xenstore.h>
#include <skiff/xenstore.h>

#define FLUSH_MS 2000
/* How long exit waits for the EXIT_KERNEL calls (block writes in flight
 * and their flush). */
#define DRAIN_NS (10 * NSEC_PER_SEC)

static struct {
	bool reboot; /* kernel_exit() reboots instead of powering off */
} sd;

void kernel_exit_set_reboot(bool reboot)
{
	sd.reboot = reboot;
}

static void __noreturn shutdown(unsigned int reason)
{
	struct sched_shutdown r = {.reason = reason};

	console_flush(FLUSH_MS);
	for (;;)
		HYPERVISOR_sched_op(SCHEDOP_shutdown, &r);
}

void kernel_exit(int code)
{
	char value[16];
	int rc;

	printk("exit code %d\n", code);
	/* Other threads may never run again (we may be the idle thread or
	 * the last one): xenstore requests must not wait for its reader. */
	xs_enter_polled_mode();
	/* What subsystems hold (disk writes in flight) is finished first. */
	exitcall_run(EXIT_KERNEL, time_monotonic_ns() + DRAIN_NS);
	if (xs_available()) {
		snprintk(value, sizeof(value), "%d", code);
		rc = xs_write("data/exit-code", value);
		if (rc < 0)
			printk("could not publish the exit code: error %d\n",
			       rc);
	}
	shutdown(sd.reboot ? SHUTDOWN_reboot : SHUTDOWN_poweroff);
}

void kernel_crash(void)
{
	shutdown(SHUTDOWN_crash);
}
