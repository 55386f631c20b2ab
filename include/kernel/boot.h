/*
 * What the kernel learns at boot. arch_setup() fills one of these from
 * Xen's start_info and passes it down; nothing keeps a global copy.
 */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include <kernel/types.h>

#define BOOT_CMDLINE_MAX 1024

struct boot_info {
	unsigned long nr_pages;	    /* guest pseudo-physical pages */
	unsigned long max_pages;    /* p2m entries: frames [nr_pages, max_pages)
				     * start ballooned out (arch_mm_init()) */
	unsigned long *p2m;	    /* pfn -> mfn, max_pages entries */
	pfn_t first_free_pfn;	    /* first pfn not used by the boot image */
	unsigned long pt_base;	    /* VA of the boot L4 table */
	unsigned long nr_pt_frames; /* boot page-table frames after pt_base */
	mfn_t store_mfn;	    /* xenstore ring */
	uint32_t store_evtchn;
	mfn_t console_mfn; /* PV console ring (domU) */
	uint32_t console_evtchn;
	bool is_dom0;
	unsigned long mod_start; /* initial ramdisk VA (0: none) */
	unsigned long mod_len;
	unsigned long start_info; /* VA of Xen's start_info (boot mapping) */
	char cmdline[BOOT_CMDLINE_MAX];
};

/* The kernel proper, entered by arch_setup() on the boot stack. */
void kernel_main(struct boot_info *bi) __attribute__((noreturn));

#endif
