/*
 * Fault-safe copies between kernel and user memory (usercopy.S) and
 * the exception table behind them (traps.c looks faults up in it).
 */
#ifndef ARCH_USERCOPY_H
#define ARCH_USERCOPY_H

#include <kernel/types.h>

/* Copy n bytes from src to dst, where either may be user memory that
 * was checked but may still fault (not backed and no frame free, or
 * unmapped by another thread while the caller blocked). Returns the
 * bytes not copied: 0 when all were; otherwise *err is -EFAULT or
 * -ENOMEM and the first n - return bytes were copied. */
size_t arch_user_copy(void *dst, const void *src, size_t n, int *err);

/* The fix-up address for a fault at rip, or 0 when rip is not in the
 * exception table. */
unsigned long arch_extable_fixup(unsigned long rip);

#endif
