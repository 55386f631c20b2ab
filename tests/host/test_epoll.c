/*
 * Tests of runtime/epoll_set.c, epoll's choice of what to report: level
 * and edge triggering over a fake fd table (readiness bits and an event
 * counter per fd), one-shot items and their re-arming by MOD, the
 * control errors, fairness when maxevents cuts a scan short, and items
 * that change while a probe blocks. The packed event record and the bit
 * values are checked against the host's Linux <sys/epoll.h>.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/epoll.h>

#include "../../runtime/epoll_set.h"
#include "check.h"

#define NFD 16
#define CAP 8

/* The fake files: what each fd's probe reports. */
static struct {
	int ready[NFD];
	unsigned long count[NFD];
	int probes; /* probe calls */
	/* Run once, inside the probe of fd hook_fd (a blocking probe). */
	int hook_fd;
	void (*hook)(void);
} fk;

static struct epoll_set set;
static struct epoll_item items[CAP];
static struct epoll_set_event out[CAP];

static int probe(void *ctx, const void *file, int fd, unsigned long *count)
{
	void (*hook)(void) = fk.hook;

	(void)ctx;
	(void)file;
	fk.probes++;
	*count = fk.count[fd];
	if (hook && fd == fk.hook_fd) {
		fk.hook = NULL;
		hook();
	}
	return fk.ready[fd];
}

static void reset(void)
{
	memset(&fk, 0, sizeof(fk));
	memset(out, 0, sizeof(out));
	epoll_set_init(&set, items, CAP);
}

/* An event arrives on fd: new readiness bits, its counter moves. */
static void event(int fd, int ready)
{
	fk.ready[fd] = ready;
	fk.count[fd]++;
}

static int collect(int max)
{
	return epoll_set_collect(&set, out, max, probe, NULL);
}

static void abi_matches_linux(void)
{
	CHECK_EQ_U64(sizeof(struct epoll_set_event),
		     sizeof(struct epoll_event));
	CHECK_EQ_U64(offsetof(struct epoll_set_event, data),
		     offsetof(struct epoll_event, data));
	CHECK_EQ_U64(EPS_IN, EPOLLIN);
	CHECK_EQ_U64(EPS_OUT, EPOLLOUT);
	CHECK_EQ_U64(EPS_ERR, EPOLLERR);
	CHECK_EQ_U64(EPS_HUP, EPOLLHUP);
	CHECK_EQ_U64(EPS_RDHUP, EPOLLRDHUP);
	CHECK_EQ_U64(EPS_EXCLUSIVE, EPOLLEXCLUSIVE);
	CHECK_EQ_U64(EPS_WAKEUP, EPOLLWAKEUP);
	CHECK_EQ_U64(EPS_ONESHOT, EPOLLONESHOT);
	CHECK_EQ_U64(EPS_ET, (uint32_t)EPOLLET);
}

static void level_reports_while_ready(void)
{
	reset();
	CHECK_EQ_I64(epoll_set_add(&set, 3, NULL, EPS_IN, 33), 0);
	CHECK_EQ_I64(collect(CAP), 0);
	event(3, EPS_IN);
	for (int i = 0; i < 3; i++) {
		CHECK_EQ_I64(collect(CAP), 1);
		CHECK_EQ_U64(out[0].events, EPS_IN);
		CHECK_EQ_U64(out[0].data, 33);
	}
	fk.ready[3] = 0; /* read empty: no event */
	CHECK_EQ_I64(collect(CAP), 0);
}

static void only_what_is_asked_plus_err_hup(void)
{
	reset();
	epoll_set_add(&set, 1, NULL, EPS_IN, 1);
	event(1, EPS_OUT);
	CHECK_EQ_I64(collect(CAP), 0);
	event(1, EPS_OUT | EPS_IN | EPS_RDHUP);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_U64(out[0].events, EPS_IN);
	event(1, EPS_OUT | EPS_ERR | EPS_HUP);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_U64(out[0].events, EPS_ERR | EPS_HUP);
	epoll_set_mod(&set, 1, NULL, EPS_IN | EPS_RDHUP | EPS_OUT, 2);
	event(1, EPS_IN | EPS_RDHUP | EPS_OUT);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_U64(out[0].events, EPS_IN | EPS_RDHUP | EPS_OUT);
	CHECK_EQ_U64(out[0].data, 2);
}

/* Go's netpoller: IN|OUT|RDHUP|ET on a socket that stays writable. */
static void edge_writable_reported_once(void)
{
	reset();
	fk.ready[5] = EPS_OUT;
	fk.count[5] = 7;
	epoll_set_add(&set, 5, NULL, EPS_IN | EPS_OUT | EPS_RDHUP | EPS_ET, 5);
	CHECK_EQ_I64(collect(CAP), 1); /* fresh: what holds is reported */
	CHECK_EQ_U64(out[0].events, EPS_OUT);
	for (int i = 0; i < 5; i++)
		CHECK_EQ_I64(collect(CAP), 0);
	event(5, EPS_OUT | EPS_IN); /* data came */
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_U64(out[0].events, EPS_OUT | EPS_IN);
	CHECK_EQ_I64(collect(CAP), 0);
}

/* A read hit EAGAIN after the last report; new data must be reported
 * although the fd was readable at the previous scan too. */
static void edge_new_data_after_eagain(void)
{
	reset();
	epoll_set_add(&set, 2, NULL, EPS_IN | EPS_ET, 2);
	CHECK_EQ_I64(collect(CAP), 0);
	event(2, EPS_IN);
	CHECK_EQ_I64(collect(CAP), 1);
	fk.ready[2] = 0; /* drained to EAGAIN */
	CHECK_EQ_I64(collect(CAP), 0);
	event(2, EPS_IN);
	CHECK_EQ_I64(collect(CAP), 1);
	/* More data while still readable (not drained): an edge too. */
	event(2, EPS_IN);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_I64(collect(CAP), 0);
	/* Two events between scans: one report. */
	event(2, EPS_IN);
	event(2, EPS_IN);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_I64(collect(CAP), 0);
}

/* A move seen while nothing asked-for held is used up by that look. */
static void edge_move_used_up_by_a_look(void)
{
	reset();
	epoll_set_add(&set, 4, NULL, EPS_IN | EPS_ET, 4);
	collect(CAP);
	event(4, EPS_OUT); /* room, but only IN is asked for */
	CHECK_EQ_I64(collect(CAP), 0);
	fk.ready[4] = EPS_IN | EPS_OUT; /* (no move: cannot really happen) */
	CHECK_EQ_I64(collect(CAP), 0);
	event(4, EPS_IN | EPS_OUT);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_U64(out[0].events, EPS_IN);
}

static void oneshot_until_mod(void)
{
	reset();
	event(6, EPS_IN);
	epoll_set_add(&set, 6, NULL, EPS_IN | EPS_ONESHOT, 6);
	CHECK_EQ_I64(collect(CAP), 1);
	fk.probes = 0;
	CHECK_EQ_I64(collect(CAP), 0);
	event(6, EPS_IN);
	CHECK_EQ_I64(collect(CAP), 0);
	CHECK_EQ_I64(fk.probes, 0); /* a disabled item is not even probed */
	CHECK_EQ_I64(epoll_set_mod(&set, 6, NULL, EPS_IN | EPS_ONESHOT, 60), 0);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_U64(out[0].data, 60);
	CHECK_EQ_I64(collect(CAP), 0);
	/* Edge-triggered one-shot: MOD re-arms without a counter move. */
	epoll_set_mod(&set, 6, NULL, EPS_IN | EPS_ONESHOT | EPS_ET, 61);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_I64(collect(CAP), 0);
}

static void mod_rearms_edge(void)
{
	reset();
	event(7, EPS_OUT);
	epoll_set_add(&set, 7, NULL, EPS_OUT | EPS_ET, 7);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_I64(collect(CAP), 0);
	epoll_set_mod(&set, 7, NULL, EPS_OUT | EPS_ET, 70);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_U64(out[0].data, 70);
	CHECK_EQ_I64(collect(CAP), 0);
	/* MOD to level-triggered: reported every time. */
	epoll_set_mod(&set, 7, NULL, EPS_OUT, 71);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_I64(collect(CAP), 1);
}

static void ctl_errors(void)
{
	reset();
	CHECK_EQ_I64(epoll_set_add(&set, 1, NULL, EPS_IN, 0), 0);
	CHECK_EQ_I64(epoll_set_add(&set, 1, NULL, EPS_OUT, 0), -EEXIST);
	CHECK_EQ_I64(epoll_set_mod(&set, 2, NULL, EPS_IN, 0), -ENOENT);
	CHECK_EQ_I64(epoll_set_del(&set, 2, NULL), -ENOENT);
	CHECK_EQ_I64(epoll_set_del(&set, 1, NULL), 0);
	CHECK_EQ_I64(epoll_set_del(&set, 1, NULL), -ENOENT);
	CHECK_EQ_I64(epoll_set_mod(&set, 1, NULL, EPS_IN, 0), -ENOENT);
	for (int fd = 0; fd < CAP; fd++)
		CHECK_EQ_I64(epoll_set_add(&set, fd, NULL, EPS_IN, 0), 0);
	CHECK_EQ_I64(epoll_set_add(&set, CAP, NULL, EPS_IN, 0), -ENOSPC);
	CHECK_EQ_I64(epoll_set_del(&set, 3, NULL), 0);
	CHECK_EQ_I64(epoll_set_add(&set, CAP, NULL, EPS_IN, 0), 0);
	/* A deleted fd is forgotten: its readiness is not reported. */
	event(3, EPS_IN);
	event(CAP, EPS_IN);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_I64(out[0].data, 0);
}

/* Five ready items, two reported per call: every item comes once
 * before any comes again. */
static void fairness_beyond_maxevents(void)
{
	static const int order[] = {10, 11, 12, 13, 14, 10, 11, 12, 13, 14};
	int k = 0;

	reset();
	for (int fd = 10; fd < 15; fd++) {
		epoll_set_add(&set, fd, NULL, EPS_IN, (uint64_t)fd);
		event(fd, EPS_IN);
	}
	for (int call = 0; call < 5; call++) {
		CHECK_EQ_I64(collect(2), 2);
		for (int j = 0; j < 2; j++, k++)
			CHECK_EQ_U64(out[j].data, order[k]);
	}
	/* Not cut short: the next scan starts where it was. */
	CHECK_EQ_I64(collect(CAP), 5);
	/* Edge-triggered: the ones left over are still due next time. */
	reset();
	for (int fd = 10; fd < 15; fd++) {
		epoll_set_add(&set, fd, NULL, EPS_IN | EPS_ET, (uint64_t)fd);
		event(fd, EPS_IN);
	}
	CHECK_EQ_I64(collect(3), 3);
	CHECK_EQ_I64(collect(3), 2);
	CHECK_EQ_U64(out[0].data, 13);
	CHECK_EQ_U64(out[1].data, 14);
	CHECK_EQ_I64(collect(3), 0);
}

static void del_self(void)
{
	epoll_set_del(&set, 9, NULL);
}

static void del_other(void)
{
	epoll_set_del(&set, 11, NULL);
}

static void mod_self(void)
{
	epoll_set_mod(&set, 9, NULL, EPS_OUT, 99);
}

static void changed_while_probing(void)
{
	reset();
	epoll_set_add(&set, 9, NULL, EPS_IN, 9);
	epoll_set_add(&set, 11, NULL, EPS_IN, 11);
	event(9, EPS_IN);
	event(11, EPS_IN);
	fk.hook_fd = 9;
	fk.hook = del_self;
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_U64(out[0].data, 11);
	reset();
	epoll_set_add(&set, 9, NULL, EPS_IN, 9);
	epoll_set_add(&set, 11, NULL, EPS_IN, 11);
	event(9, EPS_IN);
	event(11, EPS_IN);
	fk.hook_fd = 9;
	fk.hook = del_other;
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_U64(out[0].data, 9);
	/* Modified meanwhile: skipped now, reported (fresh) next time. */
	reset();
	epoll_set_add(&set, 9, NULL, EPS_IN | EPS_ET, 9);
	event(9, EPS_IN | EPS_OUT);
	fk.hook_fd = 9;
	fk.hook = mod_self;
	CHECK_EQ_I64(collect(CAP), 0);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_U64(out[0].events, EPS_OUT);
	CHECK_EQ_U64(out[0].data, 99);
}

static void ready_peeks_without_change(void)
{
	reset();
	epoll_set_add(&set, 8, NULL, EPS_IN | EPS_ET | EPS_ONESHOT, 8);
	CHECK(!epoll_set_ready(&set, probe, NULL));
	event(8, EPS_IN);
	CHECK(epoll_set_ready(&set, probe, NULL));
	CHECK(epoll_set_ready(&set, probe, NULL));
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK(!epoll_set_ready(&set, probe, NULL)); /* one-shot fired */
}

static void probe_error_skips(void)
{
	reset();
	epoll_set_add(&set, 12, NULL, EPS_IN, 12);
	fk.ready[12] = -EBADF;
	CHECK_EQ_I64(collect(CAP), 0);
	CHECK(!epoll_set_ready(&set, probe, NULL));
}

/* Slots are taken lowest first and scans stop at the high-water mark:
 * it rises with an ADD at the top and falls back over free slots on DEL;
 * a scan cursor left above it starts again at 0. */
static void high_water_mark(void)
{
	int fd;

	reset();
	CHECK_EQ_I64(set.hi, 0);
	CHECK_EQ_I64(collect(CAP), 0);
	for (fd = 0; fd < 6; fd++) {
		epoll_set_add(&set, fd, NULL, EPS_IN, (uint64_t)fd);
		event(fd, EPS_IN);
	}
	CHECK_EQ_I64(set.hi, 6);
	CHECK_EQ_I64(collect(5), 5); /* cut short: resumes at slot 5 */
	CHECK_EQ_I64(set.next, 5);
	epoll_set_del(&set, 5, NULL);
	epoll_set_del(&set, 4, NULL);
	CHECK_EQ_I64(set.hi, 4);
	CHECK_EQ_I64(set.next, 0);
	fk.probes = 0;
	CHECK_EQ_I64(collect(CAP), 4);
	CHECK_EQ_I64(fk.probes, 4);
	epoll_set_del(&set, 1, NULL); /* a hole: hi stays */
	CHECK_EQ_I64(set.hi, 4);
	epoll_set_add(&set, 9, NULL, EPS_IN, 9); /* takes the hole */
	CHECK_EQ_I64(set.hi, 4);
	CHECK_EQ_I64(items[1].fd, 9);
	for (fd = 0; fd < 4; fd++)
		if (fd != 1)
			epoll_set_del(&set, fd, NULL);
	epoll_set_del(&set, 9, NULL);
	CHECK_EQ_I64(set.hi, 0);
	CHECK_EQ_I64(collect(CAP), 0);
	/* The full table still works to the last slot. */
	for (fd = 0; fd < CAP; fd++)
		CHECK_EQ_I64(epoll_set_add(&set, fd, NULL, EPS_IN, 0), 0);
	CHECK_EQ_I64(set.hi, CAP);
	CHECK_EQ_I64(epoll_set_add(&set, 15, NULL, EPS_IN, 0), -ENOSPC);
}

/* Items are keyed by (fd, file): one fd number may name two files in a
 * set (the old one closed, its file kept by a dup); forgetting a file
 * drops all of its items and only those. */
static void keyed_by_file(void)
{
	static const char file_a, file_b;

	reset();
	CHECK_EQ_I64(epoll_set_add(&set, 3, &file_a, EPS_IN, 1), 0);
	CHECK_EQ_I64(epoll_set_add(&set, 3, &file_a, EPS_IN, 1), -EEXIST);
	CHECK_EQ_I64(epoll_set_add(&set, 3, &file_b, EPS_IN, 2), 0);
	CHECK_EQ_I64(epoll_set_add(&set, 4, &file_a, EPS_IN, 3), 0);
	CHECK_EQ_I64(epoll_set_mod(&set, 4, &file_b, EPS_IN, 3), -ENOENT);
	event(3, EPS_IN);
	event(4, EPS_IN);
	CHECK_EQ_I64(collect(CAP), 3);
	epoll_set_forget(&set, &file_a);
	CHECK_EQ_I64(collect(CAP), 1);
	CHECK_EQ_U64(out[0].data, 2);
	CHECK_EQ_I64(epoll_set_del(&set, 3, &file_a), -ENOENT);
	CHECK_EQ_I64(epoll_set_del(&set, 3, &file_b), 0);
	CHECK_EQ_I64(set.hi, 0);
}

CHECK_MAIN("epoll", CHECK_TEST(abi_matches_linux), CHECK_TEST(high_water_mark),
	   CHECK_TEST(level_reports_while_ready),
	   CHECK_TEST(only_what_is_asked_plus_err_hup),
	   CHECK_TEST(edge_writable_reported_once),
	   CHECK_TEST(edge_new_data_after_eagain),
	   CHECK_TEST(edge_move_used_up_by_a_look),
	   CHECK_TEST(oneshot_until_mod), CHECK_TEST(mod_rearms_edge),
	   CHECK_TEST(ctl_errors), CHECK_TEST(fairness_beyond_maxevents),
	   CHECK_TEST(keyed_by_file), CHECK_TEST(changed_while_probing),
	   CHECK_TEST(ready_peeks_without_change),
	   CHECK_TEST(probe_error_skips))
