/*
 * Tests of xen/evtchn_fair.c: the demultiplexer's choice of the
 * next port over a fake 2-level pending bitmap. Order within and across
 * words, masked ports skipped, empty words dropped from the selector,
 * wrap-around, and no starvation when one port fires all the time.
 */
#include <string.h>

#include <kernel/evtchn_fair.h>

#include "check.h"

#define W EVTCHN_WORD_BITS

static unsigned long pending[W], mask[W], sel;

static void set_pending(unsigned int port)
{
	pending[port / W] |= 1UL << (port % W);
	sel |= 1UL << (port / W);
}

static void reset(struct evtchn_fair *f)
{
	memset(pending, 0, sizeof(pending));
	memset(mask, 0, sizeof(mask));
	sel = 0;
	f->last = EVTCHN_NR_PORTS - 1; /* as evtchn_init() starts */
}

/* What the upcall does: pick a port and clear its pending bit. */
static int take(struct evtchn_fair *f)
{
	int port = evtchn_fair_next(f, &sel, pending, mask);

	if (port >= 0)
		pending[port / W] &= ~(1UL << (port % W));
	return port;
}

static void nothing_pending(void)
{
	struct evtchn_fair f;

	reset(&f);
	CHECK_EQ_I64(take(&f), -1);
	sel = ~0UL; /* selector bits for words with nothing in them */
	CHECK_EQ_I64(take(&f), -1);
	CHECK_EQ_U64(sel, 0);
}

static void ascending_order_across_words(void)
{
	struct evtchn_fair f;

	reset(&f);
	set_pending(700);
	set_pending(3);
	set_pending(64);
	set_pending(4095);
	CHECK_EQ_I64(take(&f), 3);
	CHECK_EQ_I64(take(&f), 64);
	CHECK_EQ_I64(take(&f), 700);
	CHECK_EQ_I64(take(&f), 4095);
	CHECK_EQ_I64(take(&f), -1);
	CHECK_EQ_U64(sel, 0);
}

static void masked_ports_skipped(void)
{
	struct evtchn_fair f;

	reset(&f);
	set_pending(5);
	set_pending(6);
	mask[0] = 1UL << 5;
	CHECK_EQ_I64(take(&f), 6);
	CHECK_EQ_I64(take(&f), -1);
	CHECK(pending[0] & (1UL << 5)); /* still pending for an unmask */
}

static void resumes_after_last_port(void)
{
	struct evtchn_fair f;

	reset(&f);
	f.last = 100;
	set_pending(10);
	set_pending(101);
	set_pending(100);
	CHECK_EQ_I64(take(&f), 101); /* after 100 ... */
	CHECK_EQ_I64(take(&f), 10);  /* ... wrapping around ... */
	CHECK_EQ_I64(take(&f), 100); /* ... to 100 itself last */
	CHECK_EQ_I64(take(&f), -1);
}

static void wrap_within_start_word(void)
{
	struct evtchn_fair f;

	reset(&f);
	f.last = 70; /* word 1 */
	set_pending(65);
	set_pending(80);
	CHECK_EQ_I64(take(&f), 80);
	CHECK_EQ_I64(take(&f), 65); /* revisited after the full circle */
	CHECK_EQ_I64(take(&f), -1);
}

/* Port 1 fires again after every event handled: every other pending port
 * is still handled within one round, and port 1 once per round. */
static void busy_port_does_not_starve_others(void)
{
	struct evtchn_fair f;
	unsigned int others[] = {2, 63, 64, 900, 4000};
	unsigned int i, handled = 0, ones = 0;
	int port;

	reset(&f);
	set_pending(1);
	for (i = 0; i < ARRAY_SIZE(others); i++)
		set_pending(others[i]);
	for (i = 0; i < 2 * ARRAY_SIZE(others) && handled < 5; i++) {
		port = take(&f);
		if (port == 1)
			ones++;
		else
			handled++;
		set_pending(1);
	}
	CHECK_EQ_U64(handled, ARRAY_SIZE(others));
	CHECK(ones <= 1);
}

/* Two ports that both fire continuously alternate. */
static void two_busy_ports_alternate(void)
{
	struct evtchn_fair f;
	int prev = -1, port, i;

	reset(&f);
	for (i = 0; i < 100; i++) {
		set_pending(7);
		set_pending(3000);
		port = take(&f);
		if (!CHECK(port == 7 || port == 3000) || !CHECK(port != prev))
			return;
		prev = port;
	}
}

/* A selector bit for a word that is (now) empty goes, others stay. */
static void selector_bits_of_empty_words_cleared(void)
{
	struct evtchn_fair f;

	reset(&f);
	set_pending(130); /* word 2 */
	sel |= 1UL << 5;  /* word 5: nothing there */
	CHECK_EQ_I64(take(&f), 130);
	CHECK_EQ_I64(take(&f), -1);
	CHECK_EQ_U64(sel, 0);
}

CHECK_MAIN("evtchn_fair", CHECK_TEST(nothing_pending),
	   CHECK_TEST(ascending_order_across_words),
	   CHECK_TEST(masked_ports_skipped),
	   CHECK_TEST(resumes_after_last_port),
	   CHECK_TEST(wrap_within_start_word),
	   CHECK_TEST(busy_port_does_not_starve_others),
	   CHECK_TEST(two_busy_ports_alternate),
	   CHECK_TEST(selector_bits_of_empty_words_cleared))
