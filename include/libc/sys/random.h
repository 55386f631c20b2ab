/*
 * getrandom() as on Linux (runtime/entropy.c): bytes from the kernel's
 * cryptographic generator. The flags are accepted and never make it
 * block: the generator is seeded on first use.
 */
#ifndef _SKIFF_SYS_RANDOM_H
#define _SKIFF_SYS_RANDOM_H

#include <stddef.h>
#include <sys/cdefs.h>
#include <sys/types.h>

#define GRND_NONBLOCK 0x01
#define GRND_RANDOM 0x02
#define GRND_INSECURE 0x04

__BEGIN_DECLS
ssize_t getrandom(void *buf, size_t len, unsigned int flags);
int getentropy(void *buf, size_t len);
__END_DECLS

#endif
