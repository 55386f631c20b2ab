/*
 * The runtime's fatal reports: a stack overflow caught by the split-stack
 * prologue (entered from morestack.S on the report stack), a fatal
 * signal the process sent itself (abort()) and a failed assert(). Each says what happened in
 * which thread, prints a symbolized backtrace and crashes the domain.
 *
 * Only kernel code is called from here: it does not use the C library,
 * so a report cannot trip over a C library lock the dying thread holds.
 */
#include <kernel/ksyms.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/shutdown.h>

#include <assert.h>
#include <signal.h>

#include "runtime_priv.h"

/*
 * Runs on the report stack with the split-stack limit cleared (see
 * morestack.S); no_split_stack (on its declaration) in addition keeps its
 * own prologue from checking. The thread's stack is left as the overflow
 * found it, for the backtrace.
 */
void runtime_stack_overflow(unsigned long rip, unsigned long rbp,
			    unsigned long rsp, unsigned long need)
{
	struct thread *t = thread_current();

	printk("stack overflow in thread '%s' (rsp=0x%lx, stack 0x%lx-0x%lx)\n",
	       t->name, rsp, t->stack_lo, t->stack_hi);
	printk(" the next frame or stack allocation (%lu bytes) would pass "
	       "the limit 0x%lx\n",
	       need, t->stack_limit);
	ksyms_backtrace(rip, 0, rbp, t->stack_lo, t->stack_hi);
	kernel_crash();
}

/* Default action of a fatal signal: no stdio flush (abort() must not
 * flush, and the thread may hold a stream's lock), a report, a crash. */
void runtime_fatal_signal(int sig)
{
	struct thread *t = thread_current();

	if (sig == SIGABRT)
		printk("abort() called in thread '%s'\n", t->name);
	else
		printk("killed by signal %d in thread '%s'\n", sig, t->name);
	ksyms_backtrace(0, 0, (unsigned long)__builtin_frame_address(0),
			t->stack_lo, t->stack_hi);
	kernel_crash();
}

/* assert()'s failure (newlib's <assert.h> calls it; lwIP's checks too):
 * newlib's own would format with fiprintf, whose integer-only printf
 * engine would then be in every image just for this line. */
void __assert_func(const char *file, int line, const char *func,
		   const char *expr)
{
	struct thread *t = thread_current();

	printk("assertion \"%s\" failed: file \"%s\", line %d%s%s, in thread "
	       "'%s'\n",
	       expr, file, line, func ? ", function: " : "", func ? func : "",
	       t->name);
	ksyms_backtrace(0, 0, (unsigned long)__builtin_frame_address(0),
			t->stack_lo, t->stack_hi);
	kernel_crash();
}
