/*
 * Tests of arch/x86_64/usercopy.S: arch_user_copy() moves every byte of
 * any length and alignment, and a copy that runs into a page it cannot
 * touch stops at the exact first byte of that page, whether the fault
 * comes in the 8-byte bulk or in the bytes after it, with the error
 * the fault handler gave. Here the fault handler is a SIGSEGV handler
 * that does what traps.c's does: finds the faulting rip in the
 * exception table (__ex_table) and resumes at its fix-up with the
 * error in rax (the lookup is the kernel's own, arch/x86_64/extable.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <arch/usercopy.h>

#include "check.h"

#define PG 4096

static int fault_error = -EFAULT;
static unsigned int faults;

static void on_segv(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	unsigned long fix = arch_extable_fixup(uc->uc_mcontext.gregs[REG_RIP]);

	(void)si;
	if (!fix) { /* not a copy: die as the kernel would */
		signal(sig, SIG_DFL);
		return;
	}
	faults++;
	uc->uc_mcontext.gregs[REG_RAX] = fault_error;
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)fix;
}

/* Three pages: two readable and writable, then one that is not. */
static char *area;

static void setup(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	if (!area) {
		area = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		CHECK(area != MAP_FAILED);
		CHECK(!mprotect(area + 2 * PG, PG, PROT_NONE));
	}
}

static void fill(char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (char)(seed + i * 7);
}

/* Every length from 0 to 80 and some long ones, at every alignment of
 * source and destination: all bytes land, nothing beyond them. */
static void copies_every_length_and_alignment(void)
{
	static const size_t longs[] = {127, 128, 129, 1000, 4095, 4096, 4097};
	char src[PG + 64], dst[PG + 80];

	setup();
	fill(src, sizeof(src), 3);
	for (size_t k = 0; k < 81 + 7; k++) {
		size_t n = k < 81 ? k : longs[k - 81];

		for (size_t so = 0; so < 8; so++)
			for (size_t d_o = 0; d_o < 8; d_o++) {
				int err = 1;

				memset(dst, 0x5a, sizeof(dst));
				if (!CHECK_EQ_U64(arch_user_copy(dst + d_o,
								 src + so, n,
								 &err),
						  0))
					return;
				CHECK_EQ_I64(err, 1); /* untouched */
				CHECK_MEM(dst + d_o, src + so, n);
				CHECK(dst[d_o + n] == 0x5a);
				if (d_o)
					CHECK(dst[d_o - 1] == 0x5a);
			}
	}
}

/* A copy into the pages before the inaccessible one, ending past it by
 * over: the bytes up to the page go, the count left is exact. */
static void check_cut(size_t start_off, size_t over, bool to_user, int error)
{
	char src[2 * PG + 64], dst[2 * PG + 64];
	size_t n = 2 * PG - start_off + over;
	size_t can = 2 * PG - start_off;
	size_t left;
	int err = 0;

	fault_error = error;
	fill(src, sizeof(src), (unsigned int)start_off);
	memset(area, 0, 2 * PG);
	memset(dst, 0, sizeof(dst));
	if (to_user) /* to the area, up to its closed page */
		left = arch_user_copy(area + start_off, src, n, &err);
	else { /* from the area */
		fill(area, 2 * PG, 9);
		left = arch_user_copy(dst, area + start_off, n, &err);
	}
	CHECK_EQ_U64(left, n - can);
	CHECK_EQ_I64(err, error);
	if (to_user)
		CHECK_MEM(area + start_off, src, can);
	else
		CHECK_MEM(dst, area + start_off, can);
}

static void stops_at_the_exact_byte(void)
{
	setup();
	faults = 0;
	/* The fault in the bulk (a quadword across the page, or at its
	 * start) and in the tail bytes; both directions. */
	for (size_t off = 0; off < 16; off++)
		for (size_t over = 1; over < 40; over += 3) {
			check_cut(off, over, true, -EFAULT);
			check_cut(off, over, false, -EFAULT);
		}
	check_cut(PG + 100, 4096, true, -EFAULT);
	check_cut(2 * PG - 3, 2, false, -EFAULT);
	CHECK(faults > 0);
}

static void passes_the_handlers_error(void)
{
	setup();
	check_cut(5, 100, true, -ENOMEM);
	check_cut(2 * PG - 1, 1, false, -ENOMEM);
	fault_error = -EFAULT;
}

/* Nothing copied when the first byte faults: all of n is left. */
static void nothing_from_a_closed_page(void)
{
	char buf[64];
	int err = 0;

	setup();
	fault_error = -EFAULT;
	CHECK_EQ_U64(arch_user_copy(buf, area + 2 * PG, sizeof(buf), &err),
		     sizeof(buf));
	CHECK_EQ_I64(err, -EFAULT);
	err = 0;
	CHECK_EQ_U64(arch_user_copy(area + 2 * PG, buf, 5, &err), 5);
	CHECK_EQ_I64(err, -EFAULT);
}

CHECK_MAIN("usercopy", CHECK_TEST(copies_every_length_and_alignment),
	   CHECK_TEST(stops_at_the_exact_byte),
	   CHECK_TEST(passes_the_handlers_error),
	   CHECK_TEST(nothing_from_a_closed_page))
