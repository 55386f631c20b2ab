/*
 * Random numbers for lwIP (LWIP_RAND: initial sequence numbers, ports,
 * DHCP transaction ids, DNS ids). RDRAND when the CPU has it; otherwise a
 * splitmix64 generator stirred with the TSC on every call, seeded with
 * the TSC and the PV clock. Not for cryptography.
 */
#include <kernel/time.h>
#include <kernel/types.h>

#include "lwip/arch.h"

static struct {
	int have_rdrand; /* 0: not checked yet, 1: yes, -1: no */
	uint64_t state;
} rnd;

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static bool cpu_has_rdrand(void)
{
	uint32_t a = 1, b, c = 0, d;

	__asm__ __volatile__("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return c & (1u << 30);
}

/* One RDRAND value; false if the CPU had none ready (retry a few
 * times, as Intel advises). */
static bool rdrand(uint64_t *v)
{
	unsigned char ok;
	int i;

	for (i = 0; i < 10; i++) {
		__asm__ __volatile__("rdrand %0; setc %1"
				     : "=r"(*v), "=qm"(ok)::"cc");
		if (ok)
			return true;
	}
	return false;
}

static uint64_t splitmix64(void)
{
	uint64_t z;

	rnd.state += 0x9e3779b97f4a7c15ull ^ rdtsc();
	z = rnd.state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

unsigned int net_random(void)
{
	uint64_t v;

	if (!rnd.have_rdrand) {
		rnd.have_rdrand = cpu_has_rdrand() ? 1 : -1;
		rnd.state = rdtsc() ^ (time_monotonic_ns() << 17);
	}
	if (rnd.have_rdrand > 0 && rdrand(&v))
		return (unsigned int)v;
	return (unsigned int)splitmix64();
}
