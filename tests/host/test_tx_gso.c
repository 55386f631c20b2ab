/*
 * Tests of net/tx_gso.c: which frames transmit GSO may merge (TCPv4 data
 * segments with plain headers, ACK or ACK|PSH) and which not (options,
 * fragments, SYN/FIN/RST/URG, no payload, a length that disagrees, other
 * protocols), when one segment follows another, and the merged segment's
 * headers: a valid IP header checksum, the flags, and a partial TCP
 * checksum that, completed over the merged data as a backend does, gives
 * a segment the receiver accepts.
 */
#include <string.h>

#include "../../net/tx_gso.h"
#include "check.h"
#include "inet_sum.h"

static uint8_t fr[NET_GSO_HDR_LEN + 4000];

/* A TCPv4 data segment (ACK|PSH) of payload bytes, seq and port given. */
static size_t build(size_t payload, uint32_t seq, uint16_t sport)
{
	static const uint8_t ipsrc[4] = {10, 0, 0, 2}, ipdst[4] = {10, 0, 0, 1};
	uint8_t *ip = fr + 14, *tcp = fr + 34;
	size_t i, tot = 40 + payload;

	memset(fr, 0, sizeof(fr));
	fr[12] = 0x08;
	ip[0] = 0x45;
	ip[2] = (uint8_t)(tot >> 8);
	ip[3] = (uint8_t)tot;
	ip[6] = 0x40; /* DF */
	ip[8] = 64;
	ip[9] = 6;
	memcpy(ip + 12, ipsrc, 4);
	memcpy(ip + 16, ipdst, 4);
	tcp[0] = (uint8_t)(sport >> 8);
	tcp[1] = (uint8_t)sport;
	tcp[2] = 0x13;
	tcp[3] = 0x89;
	tcp[4] = (uint8_t)(seq >> 24);
	tcp[5] = (uint8_t)(seq >> 16);
	tcp[6] = (uint8_t)(seq >> 8);
	tcp[7] = (uint8_t)seq;
	tcp[11] = 77; /* ack */
	tcp[12] = 0x50;
	tcp[13] = 0x18; /* ACK|PSH */
	tcp[14] = 0x20; /* window */
	for (i = 0; i < payload; i++)
		fr[54 + i] = (uint8_t)(i * 7 + 3);
	return 14 + tot;
}

static void test_parse_data_segment(void)
{
	struct net_gso_seg s;
	size_t n = build(1460, 0x01020304, 40000);

	if (!CHECK(net_gso_parse(fr, n, n, &s)))
		return;
	CHECK_EQ_U64(s.payload, 1460);
	CHECK_EQ_U64(s.seq, 0x01020304);
	CHECK_EQ_U64(s.ack, 77);
	CHECK_EQ_U64(s.win, 0x2000);
	CHECK_EQ_U64(s.flags, 0x18);
	/* The headers alone in the first piece are enough. */
	CHECK(net_gso_parse(fr, NET_GSO_HDR_LEN, n, &s));
	CHECK(!net_gso_parse(fr, NET_GSO_HDR_LEN - 1, n, &s));
}

/* One change to a good segment that makes it unfit. */
struct unfit {
	const char *what;
	size_t off;
	uint8_t val;
};

static void test_parse_unfit(void)
{
	static const struct unfit u[] = {
	    {"VLAN tag", 12, 0x81},
	    {"IPv6", 12, 0x86},
	    {"IP options", 14, 0x46},
	    {"IP version 6", 14, 0x65},
	    {"more fragments", 20, 0x20},
	    {"fragment offset", 21, 0x01},
	    {"UDP", 23, 17},
	    {"TCP options", 46, 0x60},
	    {"SYN", 47, 0x12},
	    {"FIN", 47, 0x11},
	    {"RST", 47, 0x14},
	    {"URG", 47, 0x30},
	    {"no ACK", 47, 0x08},
	    {"ECE", 47, 0x50},
	    {"IP length", 17, 0x00},
	};
	struct net_gso_seg s;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(u); i++) {
		size_t n = build(1000, 1, 40000);

		fr[u[i].off] = u[i].val;
		if (!CHECK(!net_gso_parse(fr, n, n, &s)))
			FAIL("merged a frame with %s", u[i].what);
	}
	/* A pure ACK has nothing to merge. */
	CHECK(!net_gso_parse(fr, build(0, 1, 40000), build(0, 1, 40000), &s));
	/* The frame is longer than its IP length says (padding). */
	CHECK(!net_gso_parse(fr, build(10, 1, 40000) + 6,
			     build(10, 1, 40000) + 6, &s));
}

static void test_follows(void)
{
	struct net_gso_seg a, b;
	size_t n = build(1460, 0xfffffb00, 40000);

	CHECK(net_gso_parse(fr, n, n, &a));
	/* The next sequence number wraps past 2^32. */
	n = build(1460, 0xfffffb00 + 1460, 40000);
	CHECK(net_gso_parse(fr, n, n, &b));
	CHECK(net_gso_follows(&a, &b));
	CHECK(!net_gso_follows(&b, &a));
	b.seq++; /* a gap */
	CHECK(!net_gso_follows(&a, &b));
	b.seq--;
	b.ack++;
	CHECK(!net_gso_follows(&a, &b));
	b.ack--;
	b.win++;
	CHECK(!net_gso_follows(&a, &b));
	b.win--;
	n = build(1460, 0xfffffb00 + 1460, 40001); /* another connection */
	CHECK(net_gso_parse(fr, n, n, &b));
	CHECK(!net_gso_follows(&a, &b));
}

/* The merged headers over 2 x 1460 + 1000 bytes of payload: the IP
 * header sums to 0xffff, the lengths and flags are the merged ones, and
 * the backend's completion of the partial checksum (sum of the TCP
 * header and data, complemented) is one the receiver accepts. */
static void test_header(void)
{
	const size_t payload = 3920;
	uint8_t hdr[NET_GSO_HDR_LEN];
	uint8_t *ip = fr + 14, *tcp = fr + 34;
	uint32_t pseudo;
	uint16_t done;

	build(payload, 5000, 40000);
	memcpy(hdr, fr, sizeof(hdr));
	hdr[47] = 0x10; /* the first segment had ACK only */
	hdr[24] = 0x12; /* and lwIP's IP checksum of its own length */
	hdr[25] = 0x34;
	net_gso_header(hdr, payload, 0x18);
	memcpy(fr, hdr, sizeof(hdr));
	CHECK_EQ_U64(fold(add(ip, 20, 0)), 0xffff);
	CHECK_EQ_U64((unsigned int)ip[2] << 8 | ip[3], 40 + payload);
	CHECK_EQ_U64(tcp[13], 0x18);
	/* The backend: checksum over the TCP segment, partial sum in place. */
	done = (uint16_t)~fold(add(tcp, 20 + payload, 0));
	tcp[16] = (uint8_t)(done >> 8);
	tcp[17] = (uint8_t)done;
	/* The receiver: pseudo-header + segment must sum to 0xffff. */
	pseudo = add(ip + 12, 8, 0) + 6 + 20 + payload;
	CHECK_EQ_U64(fold(add(tcp, 20 + payload, pseudo)), 0xffff);
}

CHECK_MAIN("tx_gso", CHECK_TEST(test_parse_data_segment),
	   CHECK_TEST(test_parse_unfit), CHECK_TEST(test_follows),
	   CHECK_TEST(test_header))
