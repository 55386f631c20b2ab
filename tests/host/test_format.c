/*
 * Tests of kernel/format.c (vsnprintk, snprintk). Each expected string is
 * written out by hand and also checked against the host C library's
 * snprintf, which serves as an independent reference wherever the two
 * are meant to agree (everything but %p and unknown conversions).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <kernel/printk.h>

#include "check.h"

static char out[512], ref[512];

/* out and ref must both read want, and the return value be its length. */
static void expect(const char *file, int line, const char *want, int n,
		   int nref)
{
	check_str(out, want, "snprintk", "expected", file, line);
	check_str(ref, want, "snprintf (reference)", "expected", file, line);
	check_eq_i64(n, (int64_t)strlen(want), "snprintk's return",
		     "strlen(expected)", file, line);
	check_eq_i64(nref, n, "snprintf's return", "snprintk's return", file,
		     line);
}

#define EXPECT_FMT(want, ...)                                                  \
	expect(__FILE__, __LINE__, want,                                       \
	       snprintk(out, sizeof(out), __VA_ARGS__),                        \
	       snprintf(ref, sizeof(ref), __VA_ARGS__))

/* Through vsnprintk and without the compiler's format checking, for
 * flag combinations gcc warns about and formats printf does not define. */
static int unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintk(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static int unchecked_ref(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#define EXPECT_FMT_UNCHECKED(want, ...)                                        \
	expect(__FILE__, __LINE__, want,                                       \
	       unchecked(out, sizeof(out), __VA_ARGS__),                       \
	       unchecked_ref(ref, sizeof(ref), __VA_ARGS__))

static void text_and_percent(void)
{
	EXPECT_FMT("", "%s", "");
	EXPECT_FMT("hello, world", "hello, world");
	EXPECT_FMT("100%", "100%%");
	EXPECT_FMT("%d", "%%d");
}

static void signed_decimal(void)
{
	EXPECT_FMT("0 42 -42", "%d %d %d", 0, 42, -42);
	EXPECT_FMT("2147483647 -2147483648", "%d %i", INT_MAX, INT_MIN);
	EXPECT_FMT("-9223372036854775808", "%ld", LONG_MIN);
	EXPECT_FMT("9223372036854775807", "%ld", LONG_MAX);
	EXPECT_FMT("-9223372036854775808", "%lld", LLONG_MIN);
	EXPECT_FMT("-7", "%i", -7);
}

static void unsigned_and_hex(void)
{
	EXPECT_FMT("4294967295", "%u", UINT_MAX);
	EXPECT_FMT("18446744073709551615", "%llu", ULLONG_MAX);
	EXPECT_FMT("18446744073709551615", "%lu", ULONG_MAX);
	EXPECT_FMT("deadbeef DEADBEEF", "%x %X", 0xdeadbeefU, 0xdeadbeefU);
	EXPECT_FMT("ffffffffffffffff", "%llx", ULLONG_MAX);
	EXPECT_FMT("123456789ABCDEF0", "%lX", 0x123456789abcdef0UL);
	EXPECT_FMT("0 0", "%x %u", 0U, 0U);
}

static void short_and_char_lengths(void)
{
	EXPECT_FMT("-1 1", "%hhd %hhu", 255, 257);
	EXPECT_FMT("-1 1", "%hd %hu", 65535, 65537);
	EXPECT_FMT("ff 7fff", "%hhx %hx", 0x1ff, 0x17fff);
	EXPECT_FMT("-128 -32768", "%hhi %hi", 128, 32768);
}

static void size_t_length(void)
{
	EXPECT_FMT("18446744073709551615", "%zu", (size_t)-1);
	EXPECT_FMT("-5 ffff", "%zd %zx", (ssize_t)-5, (size_t)0xffff);
}

/* Arguments of different sizes in one call: a conversion that takes the
 * wrong size would shift every argument after it. */
static void mixed_arguments_stay_in_step(void)
{
	EXPECT_FMT("-1|-9223372036854775807|7|x|12|str|ff",
		   "%hhd|%lld|%hu|%c|%zu|%s|%lx", -1, -LLONG_MAX, 7, 'x',
		   (size_t)12, "str", 255UL);
}

static void width_and_flags(void)
{
	EXPECT_FMT("   42|42   |00042", "%5d|%-5d|%05d", 42, 42, 42);
	EXPECT_FMT("-0042|  -42", "%05d|%5d", -42, -42);
	/* '-' wins over '0'. */
	EXPECT_FMT_UNCHECKED("-42  |7    |", "%-05d|%0-5u|", -42, 7U);
	EXPECT_FMT("12345", "%2d", 12345);
	EXPECT_FMT("000000ff|      FF", "%08x|%8X", 255, 255);
	EXPECT_FMT("0000000000000000000018446744073709551615", "%040llu",
		   ULLONG_MAX);
}

static void integer_precision(void)
{
	EXPECT_FMT("005|-005", "%.3d|%.3d", 5, -5);
	/* With a precision, '0' is ignored. */
	EXPECT_FMT_UNCHECKED("     005|  -05", "%08.3d|%05.2d", 5, -5);
	/* A zero with precision 0 has no digits at all. */
	EXPECT_FMT("|0|7|", "%.0d|%d|%.0u|%.0x", 0, 0, 7U, 0U);
	EXPECT_FMT("12345", "%.2d", 12345);
}

static void star_width_and_precision(void)
{
	EXPECT_FMT("   42|42   |42   ", "%*d|%-*d|%*d", 5, 42, 5, 42, -5, 42);
	EXPECT_FMT("abc|abcdef", "%.*s|%.*s", 3, "abcdef", -1, "abcdef");
}

static void strings(void)
{
	const char *volatile null = NULL; /* hidden from -Wformat */

	EXPECT_FMT("hi", "%s", "hi");
	EXPECT_FMT("        hi|hi        |", "%10s|%-10s|", "hi", "hi");
	EXPECT_FMT("he|    h|", "%.2s|%5.1s|", "hello", "hello");
	EXPECT_FMT("(null)", "%s", null);
	EXPECT_FMT("ab", "%.5s", "ab"); /* precision past the end */
}

static void chars(void)
{
	EXPECT_FMT("A", "%c", 'A');
	EXPECT_FMT("  A|A  |", "%3c|%-3c|", 'A', 'A');
	EXPECT_FMT("a b", "%c%c%c", 'a', ' ', 'b');
	/* A NUL character is output and counted like any other. */
	CHECK_EQ_I64(snprintk(out, sizeof(out), "a%cb", 0), 3);
	CHECK_MEM(out, "a\0b", 4);
}

static void pointers(void)
{
	CHECK_EQ_I64(snprintk(out, sizeof(out), "%p", (void *)0x1234), 18);
	CHECK_STR(out, "0x0000000000001234");
	snprintk(out, sizeof(out), "%p", NULL);
	CHECK_STR(out, "0x0000000000000000");
	snprintk(out, sizeof(out), "%p", (void *)~0UL);
	CHECK_STR(out, "0xffffffffffffffff");
	snprintk(out, sizeof(out), "%p", (void *)0xffffffff80001000UL);
	CHECK_STR(out, "0xffffffff80001000");
	snprintk(out, sizeof(out), "[%20p|%-20p]", (void *)1, (void *)2);
	CHECK_STR(out, "[  0x0000000000000001|0x0000000000000002  ]");
}

static void truncation_returns_full_length(void)
{
	memset(out, 'X', sizeof(out));
	CHECK_EQ_I64(snprintk(out, 5, "hello world"), 11);
	CHECK_STR(out, "hell");
	CHECK_EQ_I64(out[5], 'X'); /* nothing written past size */
	CHECK_EQ_I64(snprintk(out, 4, "%d", -123456), 7);
	CHECK_STR(out, "-12");
	CHECK_EQ_I64(snprintk(out, 1, "%s", "abc"), 3);
	CHECK_STR(out, "");
	CHECK_EQ_I64(snprintk(out, 6, "%-8s|", "ab"), 9);
	CHECK_STR(out, "ab   ");
	CHECK_EQ_I64(snprintk(out, 8, "%p", NULL), 18);
	CHECK_STR(out, "0x00000");
}

static void size_zero_writes_nothing(void)
{
	memset(out, 'X', sizeof(out));
	CHECK_EQ_I64(snprintk(out, 0, "%d-%s", 12345, "abc"), 9);
	CHECK_EQ_I64(out[0], 'X');
	CHECK_EQ_I64(snprintk(NULL, 0, "%lu", ULONG_MAX), 20);
}

static void exact_fit(void)
{
	memset(out, 'X', sizeof(out));
	CHECK_EQ_I64(snprintk(out, 6, "%s", "hello"), 5);
	CHECK_STR(out, "hello");
	CHECK_EQ_I64(snprintk(out, 5, "%s", "hello"), 5);
	CHECK_STR(out, "hell");
}

static void unknown_conversion_printed_as_is(void)
{
	CHECK_EQ_I64(unchecked(out, sizeof(out), "a%qb"), 4);
	CHECK_STR(out, "a%qb");
	CHECK_EQ_I64(unchecked(out, sizeof(out), "end%"), 4);
	CHECK_STR(out, "end%");
	CHECK_EQ_I64(unchecked(out, sizeof(out), "%d%q%d", 1, 2), 4);
	CHECK_STR(out, "1%q2");
}

/* Absurd widths and precisions are capped at 2^20 instead of
 * overflowing int arithmetic (UBSan would stop the test). */
static void absurd_fields_are_capped(void)
{
	CHECK_EQ_I64(unchecked(NULL, 0, "%*d", INT_MIN, 1), 1 << 20);
	CHECK_EQ_I64(unchecked(NULL, 0, "%.*d", INT_MAX, -1), (1 << 20) + 1);
	CHECK_EQ_I64(unchecked(NULL, 0, "%99999999999d", 1), 1 << 20);
	CHECK_EQ_I64(unchecked(out, 8, "%-*d|", INT_MIN, 7), (1 << 20) + 1);
	CHECK_STR(out, "7      ");
}

CHECK_MAIN("format", CHECK_TEST(text_and_percent), CHECK_TEST(signed_decimal),
	   CHECK_TEST(unsigned_and_hex), CHECK_TEST(short_and_char_lengths),
	   CHECK_TEST(size_t_length), CHECK_TEST(mixed_arguments_stay_in_step),
	   CHECK_TEST(width_and_flags), CHECK_TEST(integer_precision),
	   CHECK_TEST(star_width_and_precision), CHECK_TEST(strings),
	   CHECK_TEST(chars), CHECK_TEST(pointers),
	   CHECK_TEST(truncation_returns_full_length),
	   CHECK_TEST(size_zero_writes_nothing), CHECK_TEST(exact_fit),
	   CHECK_TEST(unknown_conversion_printed_as_is),
	   CHECK_TEST(absurd_fields_are_capped))
