/*
 * First C code: runs on the boot stack with Xen's initial page tables.
 * Sets up the boot thread's TCB and TLS block, registers the trap table
 * and event callbacks, maps shared_info, sets up the FPU, turns
 * start_info into a boot_info and enters kernel_main().
 */
#include <arch/cpu.h>
#include <arch/hypercall.h>
#include <arch/mm.h>
#include <kernel/boot.h>
#include <kernel/sched.h>

shared_info_t *HYPERVISOR_shared_info;

/* A page of .bss whose mapping is replaced by Xen's shared_info frame. */
static char shared_info_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
/* Its machine frame (the vDSO maps it for user code too). */
static mfn_t shared_info_mfn;

mfn_t arch_shared_info_mfn(void)
{
	return shared_info_mfn;
}

#define TRAP_NAME(n) extern char trap_##n[]
TRAP_NAME(divide_error);
TRAP_NAME(debug);
TRAP_NAME(int3);
TRAP_NAME(overflow);
TRAP_NAME(bounds);
TRAP_NAME(invalid_op);
TRAP_NAME(device_not_available);
TRAP_NAME(coprocessor_segment_overrun);
TRAP_NAME(invalid_tss);
TRAP_NAME(segment_not_present);
TRAP_NAME(stack_segment);
TRAP_NAME(general_protection);
TRAP_NAME(page_fault);
TRAP_NAME(spurious_interrupt_bug);
TRAP_NAME(coprocessor_error);
TRAP_NAME(alignment_check);
TRAP_NAME(machine_check);
TRAP_NAME(simd_coprocessor_error);
extern char hypervisor_callback[], failsafe_callback[], user_syscall_entry[];

/* Flag 4: mask events while the handler runs (an "interrupt gate"). */
#define T(vec, dpl, name)                                                      \
	{                                                                      \
		vec, 4 | (dpl), FLAT_KERNEL_CS, (unsigned long)trap_##name     \
	}
static const struct trap_info trap_table[] = {
    T(0, 0, divide_error),
    T(1, 0, debug),
    T(3, 3, int3),
    T(4, 3, overflow),
    T(5, 3, bounds),
    T(6, 0, invalid_op),
    T(7, 0, device_not_available),
    T(9, 0, coprocessor_segment_overrun),
    T(10, 0, invalid_tss),
    T(11, 0, segment_not_present),
    T(12, 0, stack_segment),
    T(13, 0, general_protection),
    T(14, 0, page_fault),
    T(15, 0, spurious_interrupt_bug),
    T(16, 0, coprocessor_error),
    T(17, 0, alignment_check),
    T(18, 0, machine_check),
    T(19, 0, simd_coprocessor_error),
    {0, 0, 0, 0},
};

static void early_die(const char *msg)
{
	int len = 0;

	while (msg[len])
		len++;
	HYPERVISOR_console_io(CONSOLEIO_write, len, msg);
	struct sched_shutdown r = {.reason = SHUTDOWN_crash};
	for (;;)
		HYPERVISOR_sched_op(SCHEDOP_shutdown, &r);
}

static void setup_callbacks(void)
{
	struct callback_register ev = {
	    .type = CALLBACKTYPE_event,
	    .address = (unsigned long)hypervisor_callback,
	};
	struct callback_register fs = {
	    .type = CALLBACKTYPE_failsafe,
	    .address = (unsigned long)failsafe_callback,
	};
	/* System calls from PV user mode (arch/x86_64/user_entry.S), with
	 * events masked until the FS base is Skiff's again. */
	struct callback_register sc = {
	    .type = CALLBACKTYPE_syscall,
	    .flags = CALLBACKF_mask_events,
	    .address = (unsigned long)user_syscall_entry,
	};

	if (HYPERVISOR_set_trap_table(trap_table) ||
	    HYPERVISOR_callback_op(CALLBACKOP_register, &ev) ||
	    HYPERVISOR_callback_op(CALLBACKOP_register, &fs) ||
	    HYPERVISOR_callback_op(CALLBACKOP_register, &sc))
		early_die("skiff: cannot register trap table or callbacks\n");
}

/* Point the shared_info page at Xen's frame maddr. */
static long remap_shared_info(unsigned long maddr)
{
	unsigned long pte =
	    maddr | 0x67; /* present, rw, user, accessed, dirty */

	shared_info_mfn = maddr >> PAGE_SHIFT;
	return HYPERVISOR_update_va_mapping((unsigned long)shared_info_page,
					    pte, UVMF_INVLPG);
}

static void map_shared_info(unsigned long maddr)
{
	if (remap_shared_info(maddr))
		early_die("skiff: cannot map shared_info\n");
	HYPERVISOR_shared_info = (shared_info_t *)shared_info_page;
}

int arch_shared_info_unmap(void)
{
	/* Back to the page's own guest frame: a save accepts no mapping
	 * of a frame outside the p2m. */
	pfn_t pfn =
	    ((unsigned long)shared_info_page - KERNEL_BASE) >> PAGE_SHIFT;

	return (int)HYPERVISOR_update_va_mapping(
	    (unsigned long)shared_info_page,
	    (pfn_to_mfn(pfn) << PAGE_SHIFT) | 0x67, UVMF_INVLPG);
}

int arch_shared_info_map(unsigned long maddr)
{
	return (int)remap_shared_info(maddr);
}

/* Clean x87 and SSE state for application code: default control words. */
static void setup_fpu(void)
{
	uint32_t mxcsr = 0x1f80;

	__asm__ __volatile__("fninit; ldmxcsr %0" : : "m"(mxcsr));
}

static pfn_t va_to_boot_pfn(unsigned long va)
{
	return (va - KERNEL_BASE) >> PAGE_SHIFT;
}

/* The first frame the domain builder did not use: it placed the kernel,
 * ramdisk, p2m list, start_info, the xenstore and console pages, the boot
 * page tables and a boot stack, in that order, from pfn 0 upwards. */
static pfn_t first_free_pfn(const start_info_t *si)
{
	pfn_t end = va_to_boot_pfn(si->pt_base) + si->nr_pt_frames + 1;

	end = MAX(end, va_to_boot_pfn((unsigned long)si) + 1);
	end = MAX(end, va_to_boot_pfn(si->mfn_list) +
			   DIV_ROUND_UP(si->nr_pages * 8, PAGE_SIZE));
	if (si->mod_start)
		end = MAX(end, va_to_boot_pfn(si->mod_start + si->mod_len) + 1);
	return end;
}

static void fill_boot_info(struct boot_info *bi, const start_info_t *si)
{
	size_t i;

	bi->nr_pages = si->nr_pages;
	bi->max_pages = si->nr_pages;
	bi->p2m = (unsigned long *)si->mfn_list;
	bi->pt_base = si->pt_base;
	bi->nr_pt_frames = si->nr_pt_frames;
	bi->first_free_pfn = first_free_pfn(si);
	bi->is_dom0 = si->flags & SIF_INITDOMAIN;
	bi->store_mfn = si->store_mfn;
	bi->store_evtchn = si->store_evtchn;
	bi->console_mfn = bi->is_dom0 ? 0 : si->console.domU.mfn;
	bi->console_evtchn = bi->is_dom0 ? 0 : si->console.domU.evtchn;
	bi->mod_start = si->mod_start;
	bi->mod_len = si->mod_len;
	bi->start_info = (unsigned long)si;
	for (i = 0; i < sizeof(bi->cmdline) - 1 && i < MAX_GUEST_CMDLINE &&
		    si->cmd_line[i];
	     i++)
		bi->cmdline[i] = (char)si->cmd_line[i];
	bi->cmdline[i] = '\0';
}

void arch_setup(start_info_t *si) __noreturn;
void arch_setup(start_info_t *si)
{
	struct boot_info bi = {0};

	/* Before any split-stack code (C library, runtime) can run. */
	arch_tls_boot((unsigned long)boot_stack + STACK_CHECK_MARGIN);
	setup_fpu();
	setup_callbacks();
	map_shared_info(si->shared_info);
	fill_boot_info(&bi, si);
	kernel_main(&bi);
}
