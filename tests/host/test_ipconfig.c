/*
 * Tests of net/ipconfig_parse.c: dotted quads, the command line's
 * ip=ADDR/PREFIX[,GW], the backend's "ADDR [NETMASK [GATEWAY]]" key, and
 * the splitting of Skiff's leading options (ip=, dns=, --) from argv.
 */
#include <string.h>

#include <kernel/errno.h>

#include "../../net/ipconfig.h"
#include "check.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))

static void test_addr_good(void)
{
	const char *end;
	uint32_t a;

	CHECK_EQ_I64(ipconf_parse_addr("169.254.1.2", &end, &a), 0);
	CHECK_EQ_U64(a, A(169, 254, 1, 2));
	CHECK_EQ_I64(*end, '\0');
	CHECK_EQ_I64(ipconf_parse_addr("0.0.0.0/8", &end, &a), 0);
	CHECK_EQ_U64(a, 0);
	CHECK_STR(end, "/8");
	CHECK_EQ_I64(ipconf_parse_addr("255.255.255.255", &end, &a), 0);
	CHECK_EQ_U64(a, 0xffffffffu);
}

static void test_addr_bad(void)
{
	static const char *const bad[] = {
	    "",		  "1.2.3",    "1.2.3.",	 "256.1.1.1", "1.2.3.256",
	    "1.2.3.1000", "01.2.3.4", "1..2.3",	 "a.b.c.d",   " 1.2.3.4",
	    "1.2.3.-4",	  "1.2.3.+4", "1,2,3,4", ".1.2.3.4",
	};
	const char *end;
	uint32_t a;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		if (ipconf_parse_addr(bad[i], &end, &a) != -EINVAL)
			FAIL("\"%s\" was accepted", bad[i]);
}

static void test_mask_prefix(void)
{
	CHECK_EQ_I64(ipconf_mask_prefix(0), 0);
	CHECK_EQ_I64(ipconf_mask_prefix(0xffff0000u), 16);
	CHECK_EQ_I64(ipconf_mask_prefix(0xffffffffu), 32);
	CHECK_EQ_I64(ipconf_mask_prefix(0xfffffffeu), 31);
	CHECK_EQ_I64(ipconf_mask_prefix(0xff00ff00u), -1);
	CHECK_EQ_I64(ipconf_mask_prefix(0x00ffffffu), -1);
	CHECK_EQ_U64(ipconf_classful_mask(A(10, 1, 2, 3)), 0xff000000u);
	CHECK_EQ_U64(ipconf_classful_mask(A(169, 254, 1, 2)), 0xffff0000u);
	CHECK_EQ_U64(ipconf_classful_mask(A(192, 168, 0, 9)), 0xffffff00u);
}

static void test_cmdline_good(void)
{
	struct ipconf c;
	const char *why = NULL;

	CHECK_EQ_I64(ipconf_parse_cmdline("169.254.1.2/16", &c, &why), 0);
	CHECK_EQ_U64(c.addr, A(169, 254, 1, 2));
	CHECK_EQ_U64(c.mask, 0xffff0000u);
	CHECK_EQ_U64(c.gw, 0);
	CHECK_EQ_I64(ipconf_parse_cmdline("10.0.0.5/24,10.0.0.1", &c, &why), 0);
	CHECK_EQ_U64(c.mask, 0xffffff00u);
	CHECK_EQ_U64(c.gw, A(10, 0, 0, 1));
	CHECK_EQ_I64(ipconf_parse_cmdline("10.0.0.5/32", &c, &why), 0);
	CHECK_EQ_I64(ipconf_parse_cmdline("10.0.0.4/31", &c, &why), 0);
}

static void test_cmdline_bad(void)
{
	static const char *const bad[] = {
	    "",
	    "169.254.1.2",
	    "169.254.1.2/",
	    "169.254.1.2/33",
	    "169.254.1.2/0",
	    "169.254.1.2/016",
	    "169.254.1.2/16x",
	    "169.254.1.2/16,",
	    "169.254.1.2/16,1.2.3",
	    "256.254.1.2/16",
	    " 169.254.1.2/16",
	    "169.254.1.2/16 ",
	    "169.254.1.2 /16",
	    "10.0.0.0/24",
	    "10.0.0.255/24",
	    "127.0.0.1/8",
	    "224.0.0.1/24",
	    "0.1.2.3/8",
	    "10.0.0.5/24,10.0.1.1",
	    "10.0.0.5/24,10.0.0.5",
	    "10.0.0.5/24,10.0.0.255",
	};
	struct ipconf c;
	const char *why;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		why = NULL;
		if (ipconf_parse_cmdline(bad[i], &c, &why) != -EINVAL)
			FAIL("\"%s\" was accepted", bad[i]);
		else if (!why || !*why)
			FAIL("\"%s\": no reason given", bad[i]);
	}
}

static void test_backend_good(void)
{
	struct ipconf c;
	const char *why;

	CHECK_EQ_I64(ipconf_parse_backend("169.254.1.2", &c, &why), 0);
	CHECK_EQ_U64(c.addr, A(169, 254, 1, 2));
	CHECK_EQ_U64(c.mask, 0xffff0000u); /* classful: B */
	CHECK_EQ_U64(c.gw, 0);
	CHECK_EQ_I64(
	    ipconf_parse_backend(" 10.1.2.3\t255.255.255.0 ", &c, &why), 0);
	CHECK_EQ_U64(c.mask, 0xffffff00u);
	CHECK_EQ_I64(
	    ipconf_parse_backend("10.1.2.3 255.255.0.0 10.1.0.1", &c, &why), 0);
	CHECK_EQ_U64(c.mask, 0xffff0000u);
	CHECK_EQ_U64(c.gw, A(10, 1, 0, 1));
	/* xl's list of several addresses: the first one, classful. */
	CHECK_EQ_I64(ipconf_parse_backend("192.168.5.7 192.168.5.8", &c, &why),
		     0);
	CHECK_EQ_U64(c.addr, A(192, 168, 5, 7));
	CHECK_EQ_U64(c.mask, 0xffffff00u);
}

static void test_backend_bad(void)
{
	static const char *const bad[] = {
	    "",
	    "   ",
	    "169.254.1.256",
	    "169.254.1.2x",
	    "169.254.1.2 255.255.0",
	    "169.254.1.2 0.0.0.0",
	    "10.1.2.3 255.255.255.0 10.1.3.1",
	    "10.1.2.3 255.255.255.0 10.1.2.1 junk",
	    "10.1.2.3 255.255.255.0 gw",
	    "10.0.0.0",
	    "127.0.0.1",
	};
	struct ipconf c;
	const char *why;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		why = NULL;
		if (ipconf_parse_backend(bad[i], &c, &why) != -EINVAL)
			FAIL("\"%s\" was accepted", bad[i]);
		else if (!why || !*why)
			FAIL("\"%s\": no reason given", bad[i]);
	}
}

/* An option's value is kept whole up to NET_OPT_MAX - 1 characters. */
static void test_option_set(void)
{
	char dst[NET_OPT_MAX], long_value[200];

	net_option_set(dst, "10.0.0.2/24");
	CHECK_STR(dst, "10.0.0.2/24");
	net_option_set(dst, "");
	CHECK_STR(dst, "");
	memset(long_value, 'x', sizeof(long_value) - 1);
	long_value[sizeof(long_value) - 1] = '\0';
	net_option_set(dst, long_value);
	CHECK_EQ_U64(strlen(dst), NET_OPT_MAX - 1);
}

CHECK_MAIN("ipconfig", CHECK_TEST(test_addr_good), CHECK_TEST(test_addr_bad),
	   CHECK_TEST(test_mask_prefix), CHECK_TEST(test_cmdline_good),
	   CHECK_TEST(test_cmdline_bad), CHECK_TEST(test_backend_good),
	   CHECK_TEST(test_backend_bad), CHECK_TEST(test_option_set))
