/*
 * lwIP's compiler and platform glue for Skiff: newlib's headers, x86-64
 * byte order, diagnostics through printk and assertions through panic
 * (net/sys_arch.c), random numbers from net/random.c.
 */
#ifndef SKIFF_LWIP_ARCH_CC_H
#define SKIFF_LWIP_ARCH_CC_H

/* newlib's fd_set (which lwIP's select uses) as large as Linux's, and
 * large enough for every lwIP socket; set before newlib's headers. */
#define FD_SETSIZE 1024

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/time.h> /* struct timeval (LWIP_TIMEVAL_PRIVATE 0) */

#define LWIP_ERRNO_STDINCLUDE 1
/* size_t and ssize_t come from newlib; SSIZE_MAX tells lwIP so. */
#ifndef SSIZE_MAX
#define SSIZE_MAX LONG_MAX
#endif

void net_lwip_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void net_lwip_assert(const char *msg, const char *file, int line)
    __attribute__((noreturn));
unsigned int net_random(void);

#define LWIP_PLATFORM_DIAG(x)                                                  \
	do {                                                                   \
		net_lwip_diag x;                                               \
	} while (0)
#define LWIP_PLATFORM_ASSERT(x) net_lwip_assert((x), __FILE__, __LINE__)
#define LWIP_RAND() ((u32_t)net_random())

#endif
