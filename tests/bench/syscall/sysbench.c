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
 * At start it checks and prints what musl will use (the auxiliary
 * vector's AT_SYSINFO_EHDR and a defined __vdso_clock_gettime among the
 * vDSO's dynamic symbols, which musl looks up the same way, through
 * DT_HASH, or else makes the system call), and finds for each figure the
 * number of calls that takes about ROUND_NS (by doubling). Then it serves
 * TCP port PORT, one request a connection, so that dom0 can measure
 * Skiff and Linux in turns (a load on the host that changes over time
 * then weighs on both alike): a line "round" runs each figure once with
 * its count and answers
 *   syscall_ns X vdso_clock_ns X clock_syscall_ns X
 * (also printed on the console); "exit" answers "bye" and exits 0. A
 * failed call prints "sysbench: FAIL ..." and exits 1.
 *   sysbench PREFIX     (PREFIX: skiff or linux, a word of [a-z])
 */
#include <elf.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PORT 5003
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

static const struct figure {
	const char *name;
	void (*fn)(long);
} figures[] = {
    {"syscall_ns", null_calls},
    {"vdso_clock_ns", vdso_clocks},
    {"clock_syscall_ns", syscall_clocks},
};
#define NFIG (sizeof(figures) / sizeof(figures[0]))

/* Nanoseconds that n calls of fn take. */
static long long timed(void (*fn)(long), long n)
{
	long long t = now_ns();

	fn(n);
	return now_ns() - t;
}

/* The number of calls of fn that take ROUND_NS or more. */
static long calibrate(const struct figure *f)
{
	long n = 16;

	while (timed(f->fn, n) < ROUND_NS && n < MAX_CALLS)
		n *= 2;
	printf("sysbench: %s %s: %ld calls a round\n", prefix, f->name, n);
	return n;
}

static int serve(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(PORT)};
	long calls[NFIG];
	char req[64], reply[256];
	int s, c, one = 1;
	size_t i, len;
	ssize_t r;

	for (i = 0; i < NFIG; i++)
		calls[i] = calibrate(&figures[i]);
	s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0 ||
	    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(s, (struct sockaddr *)&a, sizeof(a)) || listen(s, 4))
		fail("cannot listen on the port");
	printf("sysbench: %s ready on port %d\n", prefix, PORT);
	fflush(stdout);
	for (;;) {
		c = accept(s, NULL, NULL);
		if (c < 0)
			fail("accept");
		len = 0;
		while (len < sizeof(req) - 1 && !memchr(req, '\n', len) &&
		       (r = read(c, req + len, sizeof(req) - 1 - len)) > 0)
			len += (size_t)r;
		req[len] = '\0';
		if (!strncmp(req, "exit", 4)) {
			(void)!write(c, "bye\n", 4);
			close(c);
			printf("sysbench: %s done\n", prefix);
			fflush(stdout);
			return 0;
		}
		if (strncmp(req, "round", 5)) {
			(void)!write(c, "?\n", 2);
			close(c);
			continue;
		}
		len = 0;
		for (i = 0; i < NFIG; i++)
			len += (size_t)snprintf(
			    reply + len, sizeof(reply) - len, "%s%s %.1f",
			    i ? " " : "", figures[i].name,
			    (double)timed(figures[i].fn, calls[i]) /
				(double)calls[i]);
		len += (size_t)snprintf(reply + len, sizeof(reply) - len, "\n");
		printf("sysbench: %s %s", prefix, reply);
		fflush(stdout);
		if (write(c, reply, len) != (ssize_t)len)
			printf("sysbench: %s: the answer was not sent\n",
			       prefix);
		close(c);
	}
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
	return serve();
}
