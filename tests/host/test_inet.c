/*
 * Tests of runtime/inet.c: IPv4 and IPv6 text forms parsed strictly (as
 * inet_pton) and classically (as inet_aton), and printed (as inet_ntop),
 * with the malformed inputs each must refuse. The host C library's own
 * inet_pton/inet_ntop serve as a second opinion on the well-formed ones.
 */
#include <arpa/inet.h>
#include <string.h>

#include "../../runtime/inet.h"
#include "check.h"

static void parse4_strict(void)
{
	uint8_t a[4];

	CHECK_EQ_I64(inet_parse4("169.254.1.2", a), 1);
	CHECK_EQ_U64(a[0], 169);
	CHECK_EQ_U64(a[3], 2);
	CHECK_EQ_I64(inet_parse4("0.0.0.0", a), 1);
	CHECK_EQ_I64(inet_parse4("255.255.255.255", a), 1);
	CHECK_EQ_U64(a[2], 255);
	CHECK_EQ_I64(inet_parse4("256.1.1.1", a), 0);
	CHECK_EQ_I64(inet_parse4("1.2.3", a), 0);
	CHECK_EQ_I64(inet_parse4("1.2.3.4.5", a), 0);
	CHECK_EQ_I64(inet_parse4("01.2.3.4", a), 0);
	CHECK_EQ_I64(inet_parse4("1..3.4", a), 0);
	CHECK_EQ_I64(inet_parse4("1.2.3.4 ", a), 0);
	CHECK_EQ_I64(inet_parse4("", a), 0);
	CHECK_EQ_I64(inet_parse4("0x1.2.3.4", a), 0);
	CHECK_EQ_I64(inet_parse4("1.2.3.-4", a), 0);
	CHECK_EQ_I64(inet_parse4("1.2.3.4000", a), 0);
}

static void parse4_classic(void)
{
	uint8_t a[4];
	const uint8_t want[4] = {127, 0, 0, 1};

	CHECK_EQ_I64(inet_parse4_classic("127.0.0.1", a), 1);
	CHECK_MEM(a, want, 4);
	CHECK_EQ_I64(inet_parse4_classic("127.1", a), 1);
	CHECK_MEM(a, want, 4);
	CHECK_EQ_I64(inet_parse4_classic("0x7f.0.0.01", a), 1);
	CHECK_MEM(a, want, 4);
	CHECK_EQ_I64(inet_parse4_classic("2130706433", a), 1);
	CHECK_MEM(a, want, 4);
	CHECK_EQ_I64(inet_parse4_classic("0177.0.1", a), 1);
	CHECK_MEM(a, want, 4);
	CHECK_EQ_I64(inet_parse4_classic("1.2.65535", a), 1);
	CHECK_EQ_U64(a[2], 255);
	CHECK_EQ_I64(inet_parse4_classic("1.2.65536", a), 0);
	CHECK_EQ_I64(inet_parse4_classic("256.1", a), 0);
	CHECK_EQ_I64(inet_parse4_classic("4294967296", a), 0);
	CHECK_EQ_I64(inet_parse4_classic("08.1.1.1", a), 0);
	CHECK_EQ_I64(inet_parse4_classic("1.2.3.4.5", a), 0);
	CHECK_EQ_I64(inet_parse4_classic("1.2.", a), 0);
	CHECK_EQ_I64(inet_parse4_classic("0x", a), 0);
	CHECK_EQ_I64(inet_parse4_classic("abc", a), 0);
}

/* Well-formed IPv6 texts: ours must agree with the host's inet_pton. */
static const char *const good6[] = {
    "::",
    "::1",
    "fe80::1",
    "fe80::",
    "1:2:3:4:5:6:7:8",
    "1::8",
    "1:2:3:4:5:6:7::",
    "::2:3:4:5:6:7:8",
    "2001:db8::ff00:42:8329",
    "::ffff:169.254.1.2",
    "64:ff9b::192.0.2.33",
    "1:2:3:4:5:6:1.2.3.4",
    "ABCD:ef01::",
};

static const char *const bad6[] = {
    "",
    ":",
    ":::",
    "1::2::3",
    "1:2:3:4:5:6:7:8:9",
    "1:2",
    "12345::",
    "1:2:3:4:5:6:7:8::",
    ":1::2",
    "1::2:",
    "g::1",
    "::1.2.3",
    "::1.2.3.256",
    "1:2:3:4:5:6:7:1.2.3.4",
    "1.2.3.4",
    "::ffff:1.2.3.4:1",
};

static void parse6(void)
{
	size_t i;

	for (i = 0; i < sizeof(good6) / sizeof(good6[0]); i++) {
		uint8_t ours[16], theirs[16];

		if (!CHECK_EQ_I64(inet_parse6(good6[i], ours), 1)) {
			FAIL("refused '%s'", good6[i]);
			continue;
		}
		CHECK_EQ_I64(inet_pton(AF_INET6, good6[i], theirs), 1);
		if (!CHECK_MEM(ours, theirs, 16))
			FAIL("'%s' parsed differently", good6[i]);
	}
	for (i = 0; i < sizeof(bad6) / sizeof(bad6[0]); i++) {
		uint8_t a[16];

		if (!CHECK_EQ_I64(inet_parse6(bad6[i], a), 0))
			FAIL("took '%s'", bad6[i]);
	}
}

static void format4(void)
{
	const uint8_t a[4] = {169, 254, 10, 0};
	char buf[16];

	CHECK_EQ_I64(inet_format4(a, buf, sizeof(buf)), 12);
	CHECK_STR(buf, "169.254.10.0");
	CHECK_EQ_I64(inet_format4(a, buf, 12), -1);
	CHECK_EQ_I64(inet_format4(a, buf, 13), 12);
}

/* The canonical form: the host's inet_ntop agrees (glibc follows RFC
 * 5952 for these). */
static void format6(void)
{
	static const char *const texts[] = {
	    "::",
	    "::1",
	    "fe80::1",
	    "1:2:3:4:5:6:7:8",
	    "1::8",
	    "2001:db8::ff00:42:8329",
	    "::ffff:169.254.1.2",
	    "1:0:0:2::3",
	    "2001:db8:0:1:1:1:1:1",
	    "fe80::",
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		uint8_t a[16];
		char ours[INET_TEXT6_MAX], theirs[INET6_ADDRSTRLEN];

		inet_pton(AF_INET6, texts[i], a);
		if (!CHECK(inet_format6(a, ours, sizeof(ours)) > 0))
			continue;
		inet_ntop(AF_INET6, a, theirs, sizeof(theirs));
		if (!CHECK_STR(ours, theirs))
			FAIL("'%s'", texts[i]);
	}
}

static void format6_short_buffer(void)
{
	uint8_t a[16] = {0};
	char buf[4];

	a[15] = 1;
	CHECK_EQ_I64(inet_format6(a, buf, 3), -1);
	CHECK_EQ_I64(inet_format6(a, buf, 4), 3);
	CHECK_STR(buf, "::1");
}

CHECK_MAIN("inet", CHECK_TEST(parse4_strict), CHECK_TEST(parse4_classic),
	   CHECK_TEST(parse6), CHECK_TEST(format4), CHECK_TEST(format6),
	   CHECK_TEST(format6_short_buffer))
