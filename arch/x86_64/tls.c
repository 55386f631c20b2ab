/*
 * Thread-local storage and thread control blocks (x86-64 TLS variant II).
 * The linker script gathers every object's .tdata and .tbss into one
 * template (skiff.lds); each thread gets a copy of it just below its own
 * TCB, and %fs points at the running thread's TCB.
 */
#include <arch/cpu.h>
#include <arch/hypercall.h>
#include <kernel/printk.h>
#include <kernel/string.h>

/* From the linker script: the template's start, the size of its
 * initialised part, its size and alignment (absolute symbols). */
extern char __tdata_start[], __tdata_size[], __tls_size[], __tls_align[];

struct arch_tcb *arch_fs_tcb;
unsigned long arch_fs_loads;

static unsigned long tls_size(void)
{
	return (unsigned long)__tls_size;
}

static unsigned long tls_align(void)
{
	return (unsigned long)__tls_align;
}

/* A fresh copy of the template below tcb, and the TCB pointing at
 * itself. */
static void tls_fill(struct arch_tcb *tcb)
{
	char *block = (char *)tcb - tls_size();
	unsigned long init = (unsigned long)__tdata_size;

	memcpy(block, __tdata_start, init);
	memset(block + init, 0, tls_size() - init);
	memset(tcb, 0, sizeof(*tcb));
	tcb->self = (unsigned long)tcb;
}

void arch_load_fs_tcb(struct arch_tcb *tcb)
{
	arch_fs_tcb = tcb;
	arch_fs_loads++;
	if (HYPERVISOR_set_segment_base(SEGBASE_FS, (unsigned long)tcb))
		panic("cannot load the FS base %p", tcb);
}

/* No split-stack code may run before this, and nothing here has a
 * split-stack prologue (kernel code). */
void arch_tls_boot(unsigned long stack_limit)
{
	tls_fill(&arch_boot_tcb);
	arch_boot_tcb.stack_limit = stack_limit;
	arch_load_fs_tcb(&arch_boot_tcb);
}

unsigned long arch_tls_area_size(void)
{
	return tls_size() ? tls_layout_area(tls_size(), tls_align()) : 0;
}

struct arch_tcb *arch_tls_init(unsigned long hi)
{
	struct arch_tcb *tcb;

	if (!tls_size())
		return &arch_boot_tcb;
	tcb = (struct arch_tcb *)tls_layout_place(hi, tls_align());
	tls_fill(tcb);
	return tcb;
}

void arch_tls_release(struct arch_tcb *tcb)
{
	if (tcb == arch_fs_tcb && tcb != &arch_boot_tcb)
		arch_load_fs_tcb(&arch_boot_tcb);
}
