/*
 * The kernel's random generator (<kernel/random.h>): where its seed
 * comes from and when it is renewed. The generator itself (ChaCha20 and
 * BLAKE2s) is in random_gen.c. Nothing here runs at boot: the first
 * random_bytes() seeds it, so an image whose app never asks for random
 * bytes carries none of this (only the seed= option's few bytes).
 * docs/random.md explains the choices.
 */
#include <arch/hypercall.h>
#include <arch/pvclock.h>
#include <arch/rand.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/random.h>
#include <kernel/random_gen.h>
#include <kernel/string.h>
#include <kernel/time.h>

/* The host's seed= value: 16 to 64 bytes as 32 to 128 hex digits. */
#define HOST_SEED_MIN 16
#define HOST_SEED_MAX 64
/* Timing samples at the first seeding and at each reseed. */
#define JITTER_SEED 2048
#define JITTER_RESEED 128
/* Output per generator call: the key changes at least this often. */
#define CHUNK 4096
/* Tries per RDRAND (Intel advises 10) and per RDSEED read. */
#define RDRAND_TRIES 10
#define RDSEED_TRIES 100

static struct {
	struct rng gen;
	bool probed;	 /* the CPU's instructions were checked */
	unsigned int hw; /* ARCH_RAND_ bits that passed the check */
	uint8_t host_seed[HOST_SEED_MAX];
	size_t host_seed_len; /* 0 once mixed in: it is used once */
	bool had_host_seed;
	uint8_t scratch[4096]; /* memory the jitter loop walks */
} rnd;

/* --- The host's seed ------------------------------------------------------- */

static void take_seed(const char *value)
{
	size_t n = strlen(value), i;
	char *v = (char *)value;
	int hi, lo;

	rnd.host_seed_len = 0;
	rnd.had_host_seed = false;
	if (n % 2 || n < 2 * HOST_SEED_MIN || n > 2 * HOST_SEED_MAX) {
		printk("random: seed= ignored: give %d to %d hexadecimal "
		       "digits, an even number\n",
		       2 * HOST_SEED_MIN, 2 * HOST_SEED_MAX);
		return;
	}
	for (i = 0; i < n / 2; i++) {
		hi = hex_digit_value(value[2 * i]);
		lo = hex_digit_value(value[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			printk("random: seed= ignored: not hexadecimal\n");
			rng_wipe(rnd.host_seed, sizeof(rnd.host_seed));
			return;
		}
		rnd.host_seed[i] = (uint8_t)(hi << 4 | lo);
	}
	rnd.host_seed_len = n / 2;
	rnd.had_host_seed = true;
	/* The value lives in the runtime's writable copy of the command
	 * line: blank it, so that nothing reading that copy later sees the
	 * seed (xl still shows the configuration to dom0). */
	memset(v, '0', n);
}
BOOT_OPTION_SECRET("seed", take_seed);

/* --- The CPU's generator ------------------------------------------------- */

static bool hw_read(unsigned int which, uint64_t *v)
{
	int i;

	for (i = 0;
	     i < (which == ARCH_RAND_RDSEED ? RDSEED_TRIES : RDRAND_TRIES);
	     i++) {
		if (which == ARCH_RAND_RDSEED ? arch_rdseed(v) : arch_rdrand(v))
			return true;
		arch_cpu_relax();
	}
	return false;
}

/* Some CPUs (AMD families 15h/16h after a resume, some Zen 2 firmware)
 * report success while returning the same value, all ones, every time.
 * Eight reads that all succeed and are not all equal pass. */
static bool hw_sane(unsigned int which)
{
	uint64_t first, v;
	bool differs = false;
	int i;

	if (!hw_read(which, &first))
		return false;
	for (i = 0; i < 7; i++) {
		if (!hw_read(which, &v))
			return false;
		differs |= v != first;
	}
	return differs;
}

static void hw_probe(void)
{
	unsigned int f = arch_rand_features();

	rnd.probed = true;
	if ((f & ARCH_RAND_RDRAND) && hw_sane(ARCH_RAND_RDRAND))
		rnd.hw |= ARCH_RAND_RDRAND;
	if ((f & ARCH_RAND_RDSEED) && hw_sane(ARCH_RAND_RDSEED))
		rnd.hw |= ARCH_RAND_RDSEED;
	if (f && f != rnd.hw)
		printk("random: the CPU's %s%s%s failed its check: not used\n",
		       (f & ~rnd.hw & ARCH_RAND_RDRAND) ? "RDRAND" : "",
		       (f & ~rnd.hw) == (ARCH_RAND_RDRAND | ARCH_RAND_RDSEED)
			   ? " and "
			   : "",
		       (f & ~rnd.hw & ARCH_RAND_RDSEED) ? "RDSEED" : "");
}

/* words 64-bit reads of each usable instruction into s. A read that
 * fails after its retries is skipped: the other sources carry on. */
static void mix_hw(struct blake2s *s, int words)
{
	uint64_t v;
	int i;

	for (i = 0; i < words; i++) {
		if ((rnd.hw & ARCH_RAND_RDSEED) &&
		    hw_read(ARCH_RAND_RDSEED, &v))
			blake2s_update(s, &v, sizeof(v));
		if ((rnd.hw & ARCH_RAND_RDRAND) &&
		    hw_read(ARCH_RAND_RDRAND, &v))
			blake2s_update(s, &v, sizeof(v));
	}
	rng_wipe(&v, sizeof(v));
}

/* --- Timing jitter and Xen's clocks ---------------------------------------- */

/* samples TSC readings around work whose length varies with the state
 * of caches, TLBs, branch predictors, interrupts and the hypervisor's
 * scheduling (and, under emulation, the host's): a data-dependent walk
 * over memory, and every eighth time a hypercall. Each delta goes into
 * the hash whole; no estimate of its entropy is trusted. */
static void mix_jitter(struct blake2s *s, int samples)
{
	uint64_t t0, t1, acc = 0;
	unsigned int idx = 0;
	int i, j;

	for (i = 0; i < samples; i++) {
		t0 = arch_rdtsc();
		for (j = 0; j < 16; j++) {
			idx = (idx * 33 + (unsigned int)t0 + j) %
			      sizeof(rnd.scratch);
			rnd.scratch[idx] += (uint8_t)(t0 >> j);
			acc += rnd.scratch[(idx * 7) % sizeof(rnd.scratch)];
		}
		if (i % 8 == 0)
			acc += (uint64_t)HYPERVISOR_xen_version(0, NULL);
		t1 = arch_rdtsc();
		t1 = (t1 - t0) ^ (t1 << 24) ^ acc;
		blake2s_update(s, &t1, sizeof(t1));
	}
}

/* Xen's wall clock and system time, the TSC and the domain's place in
 * memory: they differ from boot to boot, though partly guessable. */
static void mix_time(struct blake2s *s)
{
	uint64_t v[4] = {time_wall_ns(), time_monotonic_ns(), arch_rdtsc(),
			 (uint64_t)(unsigned long)&v};

	blake2s_update(s, v, sizeof(v));
}

/* --- Seeding --------------------------------------------------------------- */

static void seed(void)
{
	bool first = !rnd.gen.seeded;
	struct blake2s s;

	if (!rnd.probed)
		hw_probe();
	rng_mix_begin(&rnd.gen, &s);
	mix_time(&s);
	mix_hw(&s, first ? 8 : 2);
	if (rnd.host_seed_len) {
		blake2s_update(&s, rnd.host_seed, rnd.host_seed_len);
		rng_wipe(rnd.host_seed, sizeof(rnd.host_seed));
		rnd.host_seed_len = 0;
	}
	mix_jitter(&s, first ? JITTER_SEED : JITTER_RESEED);
	mix_time(&s);
	rng_mix_end(&rnd.gen, &s, time_monotonic_ns());
	if (first)
		printk("random: seeded from %s%s%sCPU jitter, Xen's clocks%s\n",
		       (rnd.hw & ARCH_RAND_RDSEED) ? "RDSEED, " : "",
		       (rnd.hw & ARCH_RAND_RDRAND) ? "RDRAND, " : "",
		       rnd.hw ? "" : "(no RDRAND/RDSEED) ",
		       rnd.had_host_seed ? ", the host's seed" : "");
}

void random_bytes(void *buf, size_t n)
{
	uint8_t *p = buf;
	size_t take;

	while (n) {
		if (rng_needs_seed(&rnd.gen, time_monotonic_ns()))
			seed();
		take = n < CHUNK ? n : CHUNK;
		rng_generate(&rnd.gen, p, take);
		p += take;
		n -= take;
	}
}

void random_add(const void *buf, size_t n)
{
	struct blake2s s;

	if (rng_needs_seed(&rnd.gen, time_monotonic_ns()))
		seed();
	rng_mix_begin(&rnd.gen, &s);
	blake2s_update(&s, buf, n);
	mix_time(&s);
	/* Not a reseed: the schedule of fresh material stays as it was. */
	blake2s_final(&s, rnd.gen.key);
}
