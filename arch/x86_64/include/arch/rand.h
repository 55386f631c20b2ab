/*
 * The CPU's random-number instructions, for the kernel's generator
 * (kernel/random.c): whether Xen offers them to this guest, and one
 * read of each.
 */
#ifndef ARCH_RAND_H
#define ARCH_RAND_H

#include <kernel/types.h>

/* CPUID as Xen's policy for this guest has it: the "forced emulation"
 * prefix makes Xen answer instead of the processor, so a feature that
 * Xen hides from the guest is not used behind its back. */
static inline void arch_xen_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ __volatile__("ud2a; .ascii \"xen\"; cpuid"
			     : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			     : "0"(leaf), "2"(sub));
}

#define ARCH_RAND_RDRAND 1u
#define ARCH_RAND_RDSEED 2u

/* The ARCH_RAND_ bits this guest may use. */
static inline unsigned int arch_rand_features(void)
{
	uint32_t r[4];
	unsigned int f = 0;
	uint32_t max;

	arch_xen_cpuid(0, 0, r);
	max = r[0];
	arch_xen_cpuid(1, 0, r);
	if (r[2] & (1u << 30))
		f |= ARCH_RAND_RDRAND;
	if (max >= 7) {
		arch_xen_cpuid(7, 0, r);
		if (r[1] & (1u << 18))
			f |= ARCH_RAND_RDSEED;
	}
	return f;
}

/* One RDRAND: true with *v set when the CPU had a value (carry set). */
static inline bool arch_rdrand(uint64_t *v)
{
	bool ok;

	__asm__ __volatile__("rdrand %0; setc %1"
			     : "=r"(*v), "=qm"(ok)
			     :
			     : "cc");
	return ok;
}

/* One RDSEED, likewise; it fails more often (the conditioner is slow). */
static inline bool arch_rdseed(uint64_t *v)
{
	bool ok;

	__asm__ __volatile__("rdseed %0; setc %1"
			     : "=r"(*v), "=qm"(ok)
			     :
			     : "cc");
	return ok;
}

static inline void arch_cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

#endif
