/*
 * Tests of xen/console_ring.c: the PV console's ring index
 * arithmetic. The other side (the console daemon draining the output
 * ring, or the backend filling the input ring) is played here by simple
 * code that uses % instead of masks, with guard bytes around the ring to
 * catch a write outside it.
 */
#include <string.h>

#include <kernel/console_ring.h>

#include "check.h"

#define SIZE 16u
#define GUARD 0x5a

static struct {
	char before[32];
	char ring[SIZE];
	char after[32];
} mem;

static void reset(void)
{
	memset(&mem, GUARD, sizeof(mem));
}

static bool guards_intact(void)
{
	size_t i;

	for (i = 0; i < sizeof(mem.before); i++)
		if (mem.before[i] != GUARD || mem.after[i] != GUARD)
			return FAIL("guard byte %zu overwritten", i);
	return true;
}

/* The daemon's side of the output ring: take everything up to prod. */
static size_t drain(uint32_t *cons, uint32_t prod, char *to)
{
	size_t n = 0;

	while (*cons != prod)
		to[n++] = mem.ring[(*cons)++ % SIZE];
	return n;
}

static void put_plain_bytes(void)
{
	uint32_t prod = 0;

	reset();
	CHECK_EQ_U64(console_ring_put(mem.ring, SIZE, 0, &prod, "abc", 3), 3);
	CHECK_EQ_U64(prod, 3);
	CHECK_MEM(mem.ring, "abc", 3);
	CHECK_EQ_U64(mem.ring[3], GUARD);
	CHECK(guards_intact());
}

static void newline_becomes_crlf(void)
{
	uint32_t prod = 0;

	reset();
	CHECK_EQ_U64(console_ring_put(mem.ring, SIZE, 0, &prod, "a\nb\n", 4),
		     4);
	CHECK_EQ_U64(prod, 6);
	CHECK_MEM(mem.ring, "a\r\nb\r\n", 6);
}

static void full_ring_takes_nothing(void)
{
	const char *text = "0123456789abcdefghij";
	uint32_t prod = 0;

	reset();
	CHECK_EQ_U64(console_ring_put(mem.ring, SIZE, 0, &prod, text, 20), 16);
	CHECK_EQ_U64(prod, 16);
	CHECK_MEM(mem.ring, text, 16);
	CHECK_EQ_U64(console_ring_put(mem.ring, SIZE, 0, &prod, "x", 1), 0);
	CHECK_EQ_U64(prod, 16);
	CHECK_MEM(mem.ring, text, 16);
	CHECK(guards_intact());
}

/* With one byte free, "\n" (two bytes on the ring) must stay in buf. */
static void newline_needs_two_free_bytes(void)
{
	uint32_t cons = 96, prod = 111;

	reset();
	CHECK_EQ_U64(console_ring_put(mem.ring, SIZE, cons, &prod, "\n", 1), 0);
	CHECK_EQ_U64(prod, 111);
	CHECK_EQ_U64(mem.ring[111 % SIZE], GUARD);
	/* Two free: the pair fits, split across the end of the ring. */
	cons = 97;
	CHECK_EQ_U64(console_ring_put(mem.ring, SIZE, cons, &prod, "\nz", 2),
		     1);
	CHECK_EQ_U64(prod, 113);
	CHECK_EQ_U64(mem.ring[15], '\r');
	CHECK_EQ_U64(mem.ring[0], '\n');
	/* One free again: the 'a' goes in, the "\n" after it does not. */
	cons = 98;
	CHECK_EQ_U64(console_ring_put(mem.ring, SIZE, cons, &prod, "a\n", 2),
		     1);
	CHECK_EQ_U64(prod, 114);
	CHECK_EQ_U64(mem.ring[1], 'a');
	CHECK_EQ_U64(mem.ring[2], GUARD);
	CHECK(guards_intact());
}

static void ring_position_wraps(void)
{
	uint32_t cons = 10, prod = 10;
	char got[32];

	reset();
	CHECK_EQ_U64(
	    console_ring_put(mem.ring, SIZE, cons, &prod, "hello, world", 12),
	    12);
	CHECK_EQ_U64(prod, 22);
	CHECK_EQ_U64(drain(&cons, prod, got), 12);
	CHECK_MEM(got, "hello, world", 12);
	CHECK_MEM(mem.ring + 10, "hello,", 6);
	CHECK_MEM(mem.ring, " world", 6);
	CHECK(guards_intact());
}

/*
 * Stream a text with line endings through the output ring in uneven
 * pieces, from indices just below 2^32, draining in between; what comes
 * out must be the text with every "\n" turned into "\r\n".
 */
static void output_indices_wrap_at_2_32(void)
{
	static const char text[] = "first line\nsecond\n\nfourth, a longer "
				   "line than the ring\nend";
	size_t len = sizeof(text) - 1, done = 0, got = 0, i, k = 0, round = 0;
	uint32_t cons = 0xfffffff0u, prod = cons;
	char out[256], want[256];

	reset();
	for (i = 0; i < len; i++) {
		if (text[i] == '\n')
			want[k++] = '\r';
		want[k++] = text[i];
	}
	while (done < len) {
		size_t piece = 1 + (round++ * 7) % 13; /* 1, 8, 2, 9, ... */

		if (piece > len - done)
			piece = len - done;

		done += console_ring_put(mem.ring, SIZE, cons, &prod,
					 text + done, piece);
		got += drain(&cons, prod, out + got);
		if (!CHECK(got <= k))
			return;
	}
	CHECK_EQ_U64(got, k);
	CHECK_MEM(out, want, k);
	CHECK(prod < 0x100u); /* it did wrap */
	CHECK(guards_intact());
}

static void get_reads_and_advances(void)
{
	uint32_t cons = 0;
	char buf[16];

	reset();
	memcpy(mem.ring, "hello", 5);
	CHECK_EQ_U64(console_ring_get(mem.ring, SIZE, &cons, 5, buf, 3), 3);
	CHECK_MEM(buf, "hel", 3);
	CHECK_EQ_U64(cons, 3);
	CHECK_EQ_U64(console_ring_get(mem.ring, SIZE, &cons, 5, buf, 10), 2);
	CHECK_MEM(buf, "lo", 2);
	CHECK_EQ_U64(cons, 5);
	CHECK_EQ_U64(console_ring_get(mem.ring, SIZE, &cons, 5, buf, 10), 0);
	CHECK_EQ_U64(cons, 5);
}

/* The backend fills the input ring across the 2^32 wrap; we read it. */
static void input_indices_wrap_at_2_32(void)
{
	uint32_t prod = 0xfffffffau, cons = prod;
	char buf[SIZE];
	unsigned i;

	reset();
	for (i = 0; i < 10; i++)
		mem.ring[prod++ % SIZE] = (char)('A' + i);
	CHECK_EQ_U64(prod, 4);
	CHECK_EQ_U64(console_ring_get(mem.ring, SIZE, &cons, prod, buf, 4), 4);
	CHECK_MEM(buf, "ABCD", 4);
	CHECK_EQ_U64(console_ring_get(mem.ring, SIZE, &cons, prod, buf, 16), 6);
	CHECK_MEM(buf, "EFGHIJ", 6);
	CHECK_EQ_U64(cons, 4);
}

/* A prod claiming more than a ring's worth yields at most SIZE bytes. */
static void hostile_prod_is_clamped(void)
{
	char buf[64];
	uint32_t cons = 100;

	reset();
	memset(buf, 'X', sizeof(buf));
	CHECK_EQ_U64(console_ring_get(mem.ring, SIZE, &cons, 100 + 1000, buf,
				      sizeof(buf)),
		     SIZE);
	CHECK_EQ_U64(cons, 100 + SIZE);
	CHECK_EQ_U64(buf[SIZE], 'X');
	/* prod behind cons: 2^32 - 1 bytes by the arithmetic. */
	CHECK_EQ_U64(
	    console_ring_get(mem.ring, SIZE, &cons, cons - 1, buf, sizeof(buf)),
	    SIZE);
	CHECK_EQ_U64(cons, 100 + 2 * SIZE);
}

/* A cons more than a ring behind prod (or ahead of it) is nonsense:
 * nothing is written. */
static void hostile_cons_writes_nothing(void)
{
	uint32_t prod = 1000;

	reset();
	CHECK_EQ_U64(
	    console_ring_put(mem.ring, SIZE, prod - SIZE - 1, &prod, "abc", 3),
	    0);
	CHECK_EQ_U64(
	    console_ring_put(mem.ring, SIZE, prod + 5, &prod, "abc", 3), 0);
	CHECK_EQ_U64(prod, 1000);
	CHECK_EQ_U64(mem.ring[1000 % SIZE], GUARD);
	CHECK(guards_intact());
}

/* Enter ("\r"), "\r\n" and "\n" all end a line with one "\n", also when
 * a "\r\n" is split across two reads; other bytes pass unchanged. */
static void input_line_endings(void)
{
	char a[] = "one\rtwo\r\nthree\n\r", b[] = "\nfour\r\r";
	bool after_cr = false;
	size_t n;

	n = console_input_crlf(a, strlen(a), &after_cr);
	CHECK_EQ_U64(n, 15);
	CHECK_MEM(a, "one\ntwo\nthree\n\n", n);
	CHECK(after_cr);
	n = console_input_crlf(b, strlen(b), &after_cr);
	CHECK_EQ_U64(n, 6);
	CHECK_MEM(b, "four\n\n", n);
}

CHECK_MAIN(
    "console_ring", CHECK_TEST(input_line_endings), CHECK_TEST(put_plain_bytes),
    CHECK_TEST(newline_becomes_crlf), CHECK_TEST(full_ring_takes_nothing),
    CHECK_TEST(newline_needs_two_free_bytes), CHECK_TEST(ring_position_wraps),
    CHECK_TEST(output_indices_wrap_at_2_32), CHECK_TEST(get_reads_and_advances),
    CHECK_TEST(input_indices_wrap_at_2_32), CHECK_TEST(hostile_prod_is_clamped),
    CHECK_TEST(hostile_cons_writes_nothing))
