/*
 * Tests of runtime/linux/sigqueue.c: standard signals merge while one
 * waits, real-time ones queue with their own siginfo in the order sent,
 * up to the limit (EAGAIN for user-sent instances past it, kill() and
 * the kernel's pass), draining one signal's instances, a fault's
 * instance replacing one that waits, the delivery order (synchronous
 * signals first, then the lowest number; a thread's own set before its
 * process's) and masks.
 */
#include <stdlib.h>

#include "../../include/kernel/errno.h"
#include "../../runtime/linux/sigqueue.h"
#include "check.h"

#define RT(n) (L_SIGRTMIN + (n))

static struct linux_sigpend val(int32_t code, uint64_t v)
{
	struct linux_sigpend p = {.code = code, .pid = 1, .value = v};

	return p;
}

static struct sigq_count counter(unsigned long limit)
{
	struct sigq_count c = {0, limit};

	return c;
}

static void test_standard_merge(void)
{
	struct sig_pending sp = {0};
	struct sigq_count c = counter(8);
	struct linux_sigpend p = val(-1, 1), got;

	CHECK_EQ_I64(sigq_put(&sp, L_SIGUSR1, &p, &c), 0);
	p.value = 2;
	CHECK_EQ_I64(sigq_put(&sp, L_SIGUSR1, &p, &c), 1); /* merged */
	CHECK_EQ_U64(sp.set, L_SIGBIT(L_SIGUSR1));
	CHECK_EQ_U64(c.queued, 0); /* only real-time ones count */
	CHECK(sigq_take(&sp, L_SIGUSR1, &got, &c));
	CHECK_EQ_U64(got.value, 1); /* the first one's siginfo */
	CHECK_EQ_U64(sp.set, 0);
	CHECK(!sigq_take(&sp, L_SIGUSR1, &got, &c));
	CHECK_EQ_I64(got.code, 0);
}

static void test_rt_queue(void)
{
	struct sig_pending sp = {0};
	struct sigq_count c = counter(8);
	struct linux_sigpend p, got;
	uint64_t v;

	for (v = 1; v <= 3; v++) {
		p = val(-1, v);
		CHECK_EQ_I64(sigq_put(&sp, RT(2), &p, &c), 0);
	}
	CHECK_EQ_U64(c.queued, 3);
	for (v = 1; v <= 3; v++) {
		CHECK(sp.set & L_SIGBIT(RT(2)));
		CHECK(sigq_take(&sp, RT(2), &got, &c));
		CHECK_EQ_U64(got.value, v);
	}
	CHECK_EQ_U64(sp.set, 0);
	CHECK_EQ_U64(c.queued, 0);
	CHECK(sp.more == NULL);
}

/* Instances of two real-time signals, interleaved: each keeps its own
 * order. */
static void test_rt_interleaved(void)
{
	struct sig_pending sp = {0};
	struct sigq_count c = counter(8);
	struct linux_sigpend p, got;
	static const int sigs[] = {RT(0), RT(1), RT(0), RT(1), RT(0)};
	size_t i;

	for (i = 0; i < 5; i++) {
		p = val(-1, 10 + i);
		CHECK_EQ_I64(sigq_put(&sp, sigs[i], &p, &c), 0);
	}
	CHECK(sigq_take(&sp, RT(1), &got, &c));
	CHECK_EQ_U64(got.value, 11);
	CHECK(sigq_take(&sp, RT(0), &got, &c));
	CHECK_EQ_U64(got.value, 10);
	CHECK(sigq_take(&sp, RT(0), &got, &c));
	CHECK_EQ_U64(got.value, 12);
	CHECK(sigq_take(&sp, RT(1), &got, &c));
	CHECK_EQ_U64(got.value, 13);
	CHECK_EQ_U64(sp.set, L_SIGBIT(RT(0)));
	CHECK(sigq_take(&sp, RT(0), &got, &c));
	CHECK_EQ_U64(got.value, 14);
	CHECK_EQ_U64(sp.set, 0);
	CHECK_EQ_U64(c.queued, 0);
}

static void test_rt_limit(void)
{
	struct sig_pending sp = {0}, other = {0};
	struct sigq_count c = counter(2);
	struct linux_sigpend p = val(-1, 0), got;

	CHECK_EQ_I64(sigq_put(&sp, RT(1), &p, &c), 0);
	/* The limit is the process's: counted across sets. */
	CHECK_EQ_I64(sigq_put(&other, RT(3), &p, &c), 0);
	CHECK_EQ_I64(sigq_put(&sp, RT(1), &p, &c), -EAGAIN);
	CHECK_EQ_I64(sigq_put(&sp, RT(5), &p, &c), -EAGAIN);
	CHECK_EQ_U64(sp.set, L_SIGBIT(RT(1)));
	/* kill() (SI_USER) and the kernel's (SI_KERNEL) go past it. */
	p = val(L_SI_USER, 7);
	CHECK_EQ_I64(sigq_put(&sp, RT(1), &p, &c), 0);
	p = val(L_SI_KERNEL, 8);
	CHECK_EQ_I64(sigq_put(&sp, RT(5), &p, &c), 0);
	CHECK_EQ_U64(c.queued, 4);
	/* Standard signals never count against it. */
	p = val(-1, 0);
	CHECK_EQ_I64(sigq_put(&sp, L_SIGUSR2, &p, &c), 0);
	/* Taking one makes room again. */
	CHECK(sigq_take(&other, RT(3), &got, &c));
	CHECK_EQ_U64(c.queued, 3);
	c.limit = 4;
	CHECK_EQ_I64(sigq_put(&sp, RT(1), &p, &c), 0);
	CHECK(sigq_take(&sp, RT(1), &got, &c));
	CHECK_EQ_U64(got.value, 0);
	CHECK(sigq_take(&sp, RT(1), &got, &c));
	CHECK_EQ_U64(got.value, 7);
	CHECK_EQ_I64(got.code, L_SI_USER);
}

/* Taking every instance of one signal leaves the others' in order. */
static void test_drain(void)
{
	struct sig_pending sp = {0};
	struct sigq_count c = counter(16);
	struct linux_sigpend p, got;
	int i;

	for (i = 0; i < 6; i++) {
		p = val(-1, (uint64_t)i);
		CHECK_EQ_I64(sigq_put(&sp, i % 2 ? RT(4) : RT(6), &p, &c), 0);
	}
	CHECK_EQ_I64(sigq_put(&sp, L_SIGHUP, &p, &c), 0);
	for (i = 0; i < 6; i += 2) {
		CHECK(sigq_take(&sp, RT(6), &got, &c));
		CHECK_EQ_U64(got.value, (uint64_t)i);
	}
	CHECK(!sigq_take(&sp, RT(6), &got, &c));
	CHECK_EQ_U64(sp.set, L_SIGBIT(RT(4)) | L_SIGBIT(L_SIGHUP));
	CHECK_EQ_U64(c.queued, 3);
	for (i = 1; i < 6; i += 2) {
		CHECK(sigq_take(&sp, RT(4), &got, &c));
		CHECK_EQ_U64(got.value, (uint64_t)i);
	}
	CHECK(sigq_take(&sp, L_SIGHUP, &got, &c));
	CHECK_EQ_U64(sp.set, 0);
	CHECK_EQ_U64(c.queued, 0);
	CHECK(sp.more == NULL);
}

/* A fault's signal replaces an instance that waits. */
static void test_put_first(void)
{
	struct sig_pending sp = {0};
	struct sigq_count c = counter(4);
	struct linux_sigpend p = val(L_SI_USER, 0), got;

	CHECK_EQ_I64(sigq_put(&sp, L_SIGSEGV, &p, &c), 0);
	p = val(L_SEGV_MAPERR, 0x1000);
	sigq_put_first(&sp, L_SIGSEGV, &p);
	CHECK(sigq_take(&sp, L_SIGSEGV, &got, &c));
	CHECK_EQ_I64(got.code, L_SEGV_MAPERR);
	CHECK_EQ_U64(got.value, 0x1000);
	CHECK_EQ_U64(sp.set, 0);
}

static void test_order(void)
{
	struct sig_pending th = {0}, pr = {0};
	struct sigq_count c = counter(8);
	struct linux_sigpend p, got;

	p = val(L_SI_TKILL, 1);
	sigq_put(&th, L_SIGUSR2, &p, &c);
	sigq_put(&th, RT(0), &p, &c);
	p = val(L_SI_USER, 2);
	sigq_put(&pr, L_SIGUSR1, &p, &c);
	sigq_put(&pr, L_SIGSEGV, &p, &c);
	sigq_put(&pr, RT(0), &p, &c);
	CHECK_EQ_U64(sigq_deliverable(&th, &pr, 0),
		     L_SIGBIT(L_SIGUSR1) | L_SIGBIT(L_SIGUSR2) |
			 L_SIGBIT(L_SIGSEGV) | L_SIGBIT(RT(0)));
	CHECK_EQ_U64(
	    sigq_deliverable(&th, &pr, L_SIGBIT(L_SIGUSR1) | L_SIGBIT(RT(0))),
	    L_SIGBIT(L_SIGUSR2) | L_SIGBIT(L_SIGSEGV));
	/* The synchronous signal first, though it has a higher number. */
	CHECK_EQ_I64(sigq_next(&th, &pr, ~0ull, &got, &c), L_SIGSEGV);
	/* Then the lowest, wherever it waits. */
	CHECK_EQ_I64(sigq_next(&th, &pr, ~0ull, &got, &c), L_SIGUSR1);
	CHECK_EQ_I64(got.code, L_SI_USER);
	/* Masked (not wanted): skipped, left pending. */
	CHECK_EQ_I64(sigq_next(&th, &pr, ~L_SIGBIT(L_SIGUSR2), &got, &c),
		     RT(0));
	/* The thread's own instance before the process's. */
	CHECK_EQ_I64(got.code, L_SI_TKILL);
	CHECK_EQ_I64(sigq_next(&th, &pr, ~L_SIGBIT(L_SIGUSR2), &got, &c),
		     RT(0));
	CHECK_EQ_I64(got.code, L_SI_USER);
	CHECK_EQ_I64(sigq_next(&th, &pr, ~L_SIGBIT(L_SIGUSR2), &got, &c), 0);
	CHECK_EQ_U64(th.set, L_SIGBIT(L_SIGUSR2));
	CHECK_EQ_U64(pr.set, 0);
	CHECK_EQ_I64(sigq_next(&th, &pr, ~0ull, &got, &c), L_SIGUSR2);
	CHECK_EQ_U64(c.queued, 0);
}

CHECK_MAIN("sigqueue", CHECK_TEST(test_standard_merge),
	   CHECK_TEST(test_rt_queue), CHECK_TEST(test_rt_interleaved),
	   CHECK_TEST(test_rt_limit), CHECK_TEST(test_drain),
	   CHECK_TEST(test_put_first), CHECK_TEST(test_order))
