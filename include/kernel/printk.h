/*
 * Kernel console output: printk formats without the C library (kernel code
 * is built without SSE) and writes to the PV console. panic() prints, dumps
 * a backtrace and shuts the domain down with reason crash.
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <stdarg.h>
#include <kernel/types.h>

int vsnprintk(char *buf, size_t size, const char *fmt, va_list ap);
int snprintk(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list ap);
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

#define BUG_ON(cond)                                                           \
	do {                                                                   \
		if (unlikely(cond))                                            \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__,          \
			      __LINE__);                                       \
	} while (0)

#endif
