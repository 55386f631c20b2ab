/*
 * Symbol names for backtraces. The table is generated from the linked image
 * by tools/gen-ksyms.sh and linked in a second pass (see the Makefile).
 */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <kernel/types.h>

/* Name of the function containing addr and the offset into it, or NULL. */
const char *ksyms_lookup(unsigned long addr, unsigned long *offset);

/* Print prefix, addr and "<function+offset>" when addr is in the image's
 * text, then a newline. */
void ksyms_print(const char *prefix, unsigned long addr);

/* Print rip, then up to 32 frames walking the frame-pointer chain from
 * rbp, only while it stays inside the stack [lo, hi). With the stack
 * pointer of a fault (rsp, else 0), a return address on top of the stack
 * that the chain does not have (a leaf function without a frame) is
 * printed too. */
void ksyms_backtrace(unsigned long rip, unsigned long rsp, unsigned long rbp,
		     unsigned long lo, unsigned long hi);

#endif
