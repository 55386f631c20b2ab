/*
 * Threads: creating them on a stack of their own in the stack area,
 * freeing them, and finding the thread a stack address belongs to (for
 * the fault reporter). The scheduling itself is in sched.c.
 */
#include <arch/events.h>
#include <arch/cpu.h>
#include <arch/mm.h>
#include <kernel/printk.h>
#include <kernel/vm.h>

#include "sched_priv.h"

/* struct thread sits at the top of its stack mapping, the thread's TLS
 * block and TCB (if the image has thread-local variables) below it, then
 * the stack. */
#define THREAD_TOP ALIGN_UP(sizeof(struct thread), 64)
/* However much TLS a thread needs, the unmapped guard below its stack
 * keeps at least this size (as with the largest stack and no TLS). */
#define STACK_GUARD_MIN (60UL * 1024)

static unsigned long slot_va(unsigned long idx)
{
	return STACK_AREA_BASE + idx * STACK_SLOT;
}

/* The lowest free slot: slots (and the page tables that map them) are
 * reused, so a domain that creates and ends threads forever (a server
 * that forks per connection) keeps a bounded set of stack tables. */
static long slot_alloc(void)
{
	unsigned long w, idx;

	for (w = 0; w < NR_STACK_SLOTS / 64; w++) {
		if (sched.slot_used[w] == ~0UL)
			continue;
		idx =
		    w * 64 + (unsigned long)__builtin_ctzl(~sched.slot_used[w]);
		sched.slot_used[w] |= 1UL << (idx % 64);
		return (long)idx;
	}
	return -1;
}

static void slot_free(unsigned long idx)
{
	sched.slot_used[idx / 64] &= ~(1UL << (idx % 64));
}

void sched_init_thread(struct thread *t, const char *name,
		       unsigned long stack_lo, unsigned long stack_hi)
{
	size_t i;

	for (i = 0; i < THREAD_NAME_MAX - 1 && name[i]; i++)
		t->name[i] = name[i];
	t->name[i] = '\0';
	t->id = sched.next_id++;
	t->state = THREAD_RUNNABLE;
	t->stack_lo = stack_lo;
	t->stack_hi = stack_hi;
	t->stack_limit = stack_lo + STACK_CHECK_MARGIN;
	list_init(&t->run_link);
	list_init(&t->sleep_link);
	wq_init(&t->joiners);
	list_add_tail(&t->all_link, &sched.all);
}

/* The first frame arch_switch_to() pops: default FPU/SSE control words,
 * zeroed callee-saved registers (rbp 0 ends backtraces), the trampoline. */
static unsigned long initial_frame(unsigned long stack_hi)
{
	struct switch_frame *f = (struct switch_frame *)stack_hi - 1;

	__builtin_memset(f, 0, sizeof(*f));
	f->fpu_cw = 0x37f;
	f->mxcsr = 0x1f80;
	f->ret = (unsigned long)arch_thread_trampoline;
	return (unsigned long)f;
}

struct thread *thread_create(const char *name, void (*fn)(void *), void *arg,
			     size_t stack_size)
{
	unsigned long npages, top, lo, flags, tls = arch_tls_area_size();
	struct thread *t;
	long idx;

	/* Stacks of threads that ended go back first: a busy domain may not
	 * run its idle loop, which reaps them too, for a long time. */
	sched_reap_zombies();
	if (!stack_size)
		stack_size = THREAD_STACK_DEFAULT;
	if (stack_size > THREAD_STACK_MAX ||
	    stack_size < STACK_CHECK_MARGIN + PAGE_SIZE)
		return NULL;
	npages = DIV_ROUND_UP(stack_size + THREAD_TOP + tls, PAGE_SIZE);
	if ((npages << PAGE_SHIFT) > STACK_SLOT - STACK_GUARD_MIN)
		return NULL;
	idx = slot_alloc();
	if (idx < 0)
		return NULL;
	top = slot_va(idx) + STACK_SLOT;
	lo = top - (npages << PAGE_SHIFT);
	if (vm_map_fresh(lo, npages)) {
		slot_free(idx);
		return NULL;
	}
	t = (struct thread *)(top - THREAD_TOP);
	__builtin_memset(t, 0, sizeof(*t));
	t->fn = fn;
	t->arg = arg;
	/* The area below the struct is 16-byte aligned in size, and so is
	 * the stack top below it. */
	t->tcb = arch_tls_init((unsigned long)t);
	flags = arch_events_save_disable();
	sched_init_thread(t, name, lo, ((unsigned long)t & ~15UL) - tls);
	t->rsp = initial_frame(t->stack_hi);
	list_add_tail(&t->run_link, &sched.q.runq);
	arch_events_restore(flags);
	return t;
}

/* Release an exited thread's stack (which holds the struct itself and its
 * TLS block). */
void sched_free_thread(struct thread *t)
{
	unsigned long lo = t->stack_lo;
	unsigned long idx = (lo - STACK_AREA_BASE) / STACK_SLOT;
	unsigned long top = slot_va(idx) + STACK_SLOT;
	unsigned long flags = arch_events_save_disable();

	list_del(&t->all_link);
	list_del(&t->run_link);
	arch_events_restore(flags);
	arch_tls_release(t->tcb);
	vm_unmap_free(lo, (top - lo) >> PAGE_SHIFT);
	slot_free(idx);
}

void sched_reap_zombies(void)
{
	while (!list_empty(&sched.q.zombies))
		sched_free_thread(
		    list_first(&sched.q.zombies, struct thread, run_link));
}

struct thread *sched_thread_by_stack(unsigned long addr, bool *in_guard)
{
	unsigned long boot_guard = (unsigned long)boot_stack_guard;
	unsigned long idx;
	struct thread *t;

	*in_guard = false;
	if (addr >= boot_guard && addr < sched.idle.stack_hi) {
		*in_guard = addr < sched.idle.stack_lo;
		return &sched.idle;
	}
	if (addr < STACK_AREA_BASE || addr >= STACK_AREA_BASE + STACK_AREA_SIZE)
		return NULL;
	idx = (addr - STACK_AREA_BASE) / STACK_SLOT;
	if (!(sched.slot_used[idx / 64] & (1UL << (idx % 64))))
		return NULL;
	t = (struct thread *)(slot_va(idx) + STACK_SLOT - THREAD_TOP);
	if (!arch_va_mapped((unsigned long)t))
		return NULL;
	*in_guard = addr < t->stack_lo;
	return t;
}
