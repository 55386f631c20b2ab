/*
 * printk and panic. Formatting is kernel/format.c (no C library, no SSE);
 * output goes to the PV console in one place, console_write().
 */
#include <arch/cpu.h>
#include <kernel/console.h>
#include <kernel/ksyms.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/shutdown.h>

void vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintk(buf, sizeof(buf), fmt, ap);

	if (n >= (int)sizeof(buf)) {
		/* Truncated: say so rather than lose it silently. */
		n = sizeof(buf) - 1;
		buf[n - 1] = '\n';
		buf[n - 2] = buf[n - 3] = buf[n - 4] = '.';
	}
	if (n > 0)
		console_write(buf, (size_t)n);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	struct thread *t = thread_current();
	va_list ap;

	printk("\n*** Skiff panic in thread '%s': ", t ? t->name : "boot");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	if (t)
		ksyms_backtrace(0, 0, arch_read_rbp(), t->stack_lo,
				t->stack_hi);
	kernel_crash();
}
