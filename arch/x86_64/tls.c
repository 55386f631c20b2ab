/*
 * The per-CPU area, thread-local storage and thread control blocks
 * (x86-64 TLS variant II). The kernel GS base points at the per-CPU area,
 * whose word at 0x70 the split-stack checks read. The linker script
 * gathers every object's .tdata and .tbss into one template (skiff.lds);
 * each thread gets a copy of it just below its own TCB, and in an image
 * that has such variables %fs points at the running thread's TCB.
 */
#include <arch/cpu.h>
#include <arch/hypercall.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/string.h>

/* From the linker script: the template's start, the size of its
 * initialised part, its size and alignment (absolute symbols). */
extern char __tdata_start[], __tdata_size[], __tls_size[], __tls_align[];

struct arch_cpu arch_cpu;
unsigned long arch_fs_base;
unsigned long arch_fs_loads;

/* __tls_size is an absolute symbol, 0 in an image without thread-local
 * variables; GCC assumes no array lies at address 0 and would fold a test
 * of it to "has TLS", so the empty asm hides where the value comes from. */
static unsigned long tls_size(void)
{
	unsigned long size = (unsigned long)__tls_size;

	__asm__("" : "+r"(size));
	return size;
}

static unsigned long tls_align(void)
{
	return (unsigned long)__tls_align;
}

bool arch_kernel_tls(void)
{
	return tls_size() != 0;
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

void arch_load_fs(unsigned long base)
{
	arch_fs_base = base;
	arch_fs_loads++;
	if (HYPERVISOR_set_segment_base(SEGBASE_FS, base))
		panic("cannot load the FS base %lx", base);
}

/* No split-stack code may run before this, and nothing here has a
 * split-stack prologue (kernel code). SEGBASE_GS_KERNEL sets the base
 * kernel mode runs with; Xen keeps it across user mode. */
void arch_tls_boot(unsigned long stack_limit)
{
	arch_cpu.self = (unsigned long)&arch_cpu;
	arch_cpu.stack_limit = stack_limit;
	if (HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL,
					(unsigned long)&arch_cpu))
		panic("cannot load the kernel GS base");
	tls_fill(&arch_boot_tcb);
	arch_load_fs((unsigned long)&arch_boot_tcb);
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
	if ((unsigned long)tcb == arch_fs_base && tcb != &arch_boot_tcb)
		arch_load_fs((unsigned long)&arch_boot_tcb);
}

void arch_switch_fs(const struct thread *t)
{
	unsigned long base;

	if (tls_size())
		base = (unsigned long)t->tcb;
	else if (t->user_state)
		base = t->user_fs_base;
	else
		return; /* nothing it runs reads FS */
	if (base != arch_fs_base)
		arch_load_fs(base);
}
