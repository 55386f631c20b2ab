/*
 * Tests of net/csum_offload.c: a partial TCP checksum that a backend
 * completes (sum over the segment, complement) must give a checksum the
 * receiver accepts, for IPv4 and IPv6; fragments, other protocols and
 * truncated headers are left alone; the receive-side coverage rule.
 */
#include <string.h>

#include "../../net/csum_offload.h"
#include "check.h"
#include "inet_sum.h"

static uint8_t fr[200];

/* An IPv4 (v6 = false) or IPv6 TCP frame with l4 bytes of TCP segment. */
static size_t build(bool v6, unsigned int l4, uint8_t proto)
{
	size_t ip = v6 ? 40 : 20, i;

	memset(fr, 0, sizeof(fr));
	fr[12] = v6 ? 0x86 : 0x08;
	fr[13] = v6 ? 0xdd : 0x00;
	if (v6) {
		fr[14] = 0x60;
		fr[18] = (uint8_t)(l4 >> 8), fr[19] = (uint8_t)l4;
		fr[20] = proto;
		for (i = 0; i < 32; i++)
			fr[22 + i] = (uint8_t)(0xf0 + i * 7);
	} else {
		fr[14] = 0x45;
		fr[16] = (uint8_t)((20 + l4) >> 8), fr[17] = (uint8_t)(20 + l4);
		fr[23] = proto;
		memcpy(fr + 26, "\xa9\xfe\x01\x02\xa9\xfe\xff\xfe", 8);
	}
	for (i = 14 + ip; i < 14 + ip + l4; i++)
		fr[i] = (uint8_t)(i * 31 + 5);
	fr[14 + ip + 16] = fr[14 + ip + 17] = 0; /* lwIP leaves it zero */
	return 14 + ip + l4;
}

/* What the backend does, then what the receiver checks. */
static void complete_and_verify(bool v6, unsigned int l4)
{
	size_t ip = v6 ? 40 : 20, off = 14 + ip;
	uint16_t c = (uint16_t)~fold(add(fr + off, l4, 0));
	uint32_t s;

	fr[off + 16] = (uint8_t)(c >> 8), fr[off + 17] = (uint8_t)c;
	s = add(fr + off, l4, 0) + 6 + l4;
	s = v6 ? add(fr + 22, 32, s) : add(fr + 26, 8, s);
	CHECK_EQ_U64(fold(s), 0xffff);
}

static void test_tx_partial_ipv4_ipv6(void)
{
	unsigned int l4;

	for (l4 = 20; l4 < 120; l4 += 7) {
		size_t n = build(false, l4, 6);

		CHECK(net_csum_tx_partial(fr, n));
		complete_and_verify(false, l4);
		n = build(true, l4, 6);
		CHECK(net_csum_tx_partial(fr, n));
		complete_and_verify(true, l4);
	}
}

static void test_tx_left_alone(void)
{
	uint8_t copy[sizeof(fr)];
	size_t n = build(false, 40, 17); /* UDP */

	memcpy(copy, fr, sizeof(fr));
	CHECK(!net_csum_tx_partial(fr, n));
	n = build(false, 40, 6);
	fr[20] = 0x20; /* more fragments */
	memcpy(copy, fr, sizeof(fr));
	CHECK(!net_csum_tx_partial(fr, n));
	CHECK_MEM(fr, copy, sizeof(fr));
	n = build(false, 40, 6);
	CHECK(!net_csum_tx_partial(fr, 14 + 20 + 19)); /* TCP header cut */
	fr[14] = 0x44;				       /* IHL 16 */
	CHECK(!net_csum_tx_partial(fr, n));
	n = build(false, 10, 6); /* too short for a TCP header */
	CHECK(!net_csum_tx_partial(fr, sizeof(fr)));
	n = build(true, 40, 6);
	fr[12] = 0x81, fr[13] = 0x00; /* VLAN tag */
	CHECK(!net_csum_tx_partial(fr, n));
	CHECK(!net_csum_tx_partial(fr, 10));
}

static void test_rx_covered(void)
{
	size_t n = build(false, 40, 6);

	CHECK(net_csum_rx_covered(fr, n));
	build(false, 40, 17);
	CHECK(net_csum_rx_covered(fr, n));
	build(false, 40, 1); /* ICMP: lwIP checks it anyway */
	CHECK(!net_csum_rx_covered(fr, n));
	build(false, 40, 17);
	fr[21] = 1; /* fragment offset 8 */
	CHECK(!net_csum_rx_covered(fr, n));
	n = build(true, 40, 17);
	CHECK(net_csum_rx_covered(fr, n));
	build(true, 40, 44); /* a fragment header */
	CHECK(!net_csum_rx_covered(fr, n));
	CHECK(!net_csum_rx_covered(fr, 20));
}

CHECK_MAIN("csum_offload", CHECK_TEST(test_tx_partial_ipv4_ipv6),
	   CHECK_TEST(test_tx_left_alone), CHECK_TEST(test_rx_covered))
