/*
 * sysbench: the cost of a null system call and of clock_gettime through
 * the vDSO, measured by one static musl program that runs unchanged on
 * Skiff (this benchmark's image) and in the Linux PV domU (job.sh), so
 * that the two figures come from the very same instructions.
 *   - syscall_ns: syscall(SYS_getppid), a call the kernel answers at once
 *     (musl's getppid() is the same call; syscall() keeps the compiler
 *     from assuming anything about it);
 *   - vdso_clock_ns: clock_gettime(CLOCK_MONOTONIC), which musl sends to
 *     the vDSO's __vdso_clock_gettime when AT_SYSINFO_EHDR names one;
 *   - clock_syscall_ns: the same clock read through syscall(), for
 *     comparison: a vDSO read much cheaper than this one never entered
 *     the kernel.
 * Each figure is the best of ROUNDS rounds, each round as many calls as
 * take about ROUND_NS (found by doubling). Before measuring it checks and
 * prints what musl will use: the auxiliary vector's AT_SYSINFO_EHDR and a
 * defined __vdso_clock_gettime in the vDSO's dynamic symbols (musl looks
 * it up the same way, through DT_HASH, or falls back to the system call).
 * Prints "BENCH PREFIX_NAME NS ns" lines for tools/bench.sh and then
 * "sysbench: PREFIX done"; exit 0, or 1 with "sysbench: FAIL ..." when a
 * call fails.
 *   sysbench PREFIX     (PREFIX: skiff or linux, a word of [a-z])
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 7
#define ROUND_NS 100000000LL /* 0.1 s */
#define MAX_CALLS (1L << 26)

static const char *prefix = "test";

static void fail(const char *what)
{
	printf("sysbench: FAIL %s: %s\n", prefix, what);
	exit(1);
}

static long long now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		fail("clock_gettime");
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Whether the vDSO at base exports a defined __vdso_clock_gettime: its
 * dynamic symbol table walked through DT_HASH's chain count, as musl's
 * lookup does. */
static int vdso_has_clock(uintptr_t base)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(base + eh->e_phoff);
	const Elf64_Dyn *dyn = NULL;
	const Elf64_Sym *sym = NULL;
	const Elf64_Word *hash = NULL;
	const char *str = NULL;
	uintptr_t bias = 0;
	int i, loads = 0;
	Elf64_Word n;

	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_machine != EM_X86_64)
		return 0;
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !loads++)
			bias = base + ph[i].p_offset - ph[i].p_vaddr;
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const Elf64_Dyn *)(base + ph[i].p_offset);
	}
	if (!loads || !dyn)
		return 0;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		uintptr_t p = bias + dyn->d_un.d_ptr;

		if (dyn->d_tag == DT_SYMTAB)
			sym = (const Elf64_Sym *)p;
		else if (dyn->d_tag == DT_STRTAB)
			str = (const char *)p;
		else if (dyn->d_tag == DT_HASH)
			hash = (const Elf64_Word *)p;
	}
	if (!sym || !str || !hash)
		return 0;
	for (n = 0; n < hash[1]; n++)
		if (sym[n].st_shndx != SHN_UNDEF &&
		    ELF64_ST_TYPE(sym[n].st_info) == STT_FUNC &&
		    !strcmp(str + sym[n].st_name, "__vdso_clock_gettime"))
			return 1;
	return 0;
}

static void null_calls(long n)
{
	for (long i = 0; i < n; i++)
		if (syscall(SYS_getppid) < 0)
			fail("getppid");
}

static void vdso_clocks(long n)
{
	struct timespec ts;

	for (long i = 0; i < n; i++)
		if (clock_gettime(CLOCK_MONOTONIC, &ts))
			fail("clock_gettime");
}

static void syscall_clocks(long n)
{
	struct timespec ts;

	for (long i = 0; i < n; i++)
		if (syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts))
			fail("clock_gettime system call");
}

/* Nanoseconds per call of fn, best of ROUNDS rounds of the same count. */
static double measure(const char *name, void (*fn)(long))
{
	long long t, best = 0;
	long n = 16;
	int r;

	for (;;) {
		t = now_ns();
		fn(n);
		t = now_ns() - t;
		if (t >= ROUND_NS || n >= MAX_CALLS)
			break;
		n *= 2;
	}
	for (r = 0; r < ROUNDS; r++) {
		t = now_ns();
		fn(n);
		t = now_ns() - t;
		if (!r || t < best)
			best = t;
	}
	printf("sysbench: %s %s: %ld calls a round, best of %d %.1f ms\n",
	       prefix, name, n, ROUNDS, best / 1e6);
	return (double)best / (double)n;
}

int main(int argc, char **argv)
{
	uintptr_t ehdr = (uintptr_t)getauxval(AT_SYSINFO_EHDR);
	int has;

	if (argc != 2 || !argv[1][0] ||
	    strspn(argv[1], "abcdefghijklmnopqrstuvwxyz") != strlen(argv[1])) {
		printf("usage: sysbench PREFIX (a lower-case word)\n");
		return 2;
	}
	prefix = argv[1];
	has = ehdr && vdso_has_clock(ehdr);
	printf("sysbench: %s: AT_SYSINFO_EHDR %#lx, __vdso_clock_gettime %s: "
	       "clock_gettime goes %s\n",
	       prefix, (unsigned long)ehdr, has ? "defined" : "missing",
	       has ? "through the vDSO" : "to the system call");
	printf("BENCH %s_syscall_ns %.1f ns\n", prefix,
	       measure("getppid", null_calls));
	printf("BENCH %s_vdso_clock_ns %.1f ns\n", prefix,
	       measure("clock_gettime", vdso_clocks));
	printf("BENCH %s_clock_syscall_ns %.1f ns\n", prefix,
	       measure("clock_gettime system call", syscall_clocks));
	printf("sysbench: %s done\n", prefix);
	fflush(stdout);
	return 0;
}
