/*
 * Random bytes for everyone: a cryptographic generator (ChaCha20 with
 * fast key erasure, kernel/random_gen.c) seeded on first use from every
 * source the guest has (kernel/random.c): RDSEED and RDRAND when Xen
 * offers them, CPU timing jitter, Xen's clocks and a seed the host may
 * pass on the command line (seed=HEX), and reseeded as it goes.
 * docs/random.md describes it.
 */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include <kernel/types.h>

/* Fill buf with n unpredictable bytes. Never blocks and never fails: the
 * first call seeds the generator (a few milliseconds of CPU work). Not
 * for upcall context. */
void random_bytes(void *buf, size_t n);

/* Fold n bytes someone supplies (a write to /dev/urandom) into the
 * generator's key. They cannot weaken it: they are hashed together with
 * the key, never used instead of it. */
void random_add(const void *buf, size_t n);

#endif
