/*
 * Random bytes for C apps: getentropy() (newlib declares it in
 * <unistd.h>, and its arc4random() draws its seed from it) and Linux's
 * getrandom() (<sys/random.h>), both from the kernel's generator
 * (<kernel/random.h>, docs/random.md). In a file of its own so that an
 * app that never asks carries no generator.
 */
#include <kernel/random.h>

#include <errno.h>
#include <stddef.h>
#include <sys/random.h>
#include <unistd.h>

#include "runtime_priv.h"

/* POSIX's limit on one getentropy() call. */
#define GETENTROPY_MAX 256
/* Linux's cap on one call (MAX_RW_COUNT). */
#define GETRANDOM_MAX 0x7ffff000u

int getentropy(void *buf, size_t len)
{
	if (len > GETENTROPY_MAX)
		return runtime_set_errno(EIO);
	if (!buf && len)
		return runtime_set_errno(EFAULT);
	random_bytes(buf, len);
	return 0;
}

/* As Linux's system call: the flags never block (the generator is
 * always seeded); unknown flags and GRND_RANDOM with GRND_INSECURE are
 * EINVAL. */
ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	if (flags &
	    ~(unsigned int)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return runtime_set_errno(EINVAL);
	if ((flags & (GRND_RANDOM | GRND_INSECURE)) ==
	    (GRND_RANDOM | GRND_INSECURE))
		return runtime_set_errno(EINVAL);
	if (!buf && len)
		return runtime_set_errno(EFAULT);
	if (len > GETRANDOM_MAX)
		len = GETRANDOM_MAX;
	random_bytes(buf, len);
	return (ssize_t)len;
}
