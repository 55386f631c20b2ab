/*
 * CPU memory barriers. Shared rings need them between the data and the
 * index that publishes it (and the other way round when consuming).
 */
#ifndef ARCH_BARRIER_H
#define ARCH_BARRIER_H

#define mb() __asm__ __volatile__("mfence" ::: "memory")
#define rmb() __asm__ __volatile__("lfence" ::: "memory")
#define wmb() __asm__ __volatile__("sfence" ::: "memory")

/* x86 is TSO: ordinary loads/stores are ordered among themselves. */
#define smp_rmb() __asm__ __volatile__("" ::: "memory")
#define smp_wmb() __asm__ __volatile__("" ::: "memory")
#define smp_mb() mb()

static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

#endif
