/*
 * Checksum offload helpers (see csum_offload.h). Frames are read and
 * written as bytes in network order; nothing here trusts a length it has
 * not checked against len.
 */
#include "csum_offload.h"

#define ETH_HLEN 14
#define ETHTYPE_IP 0x0800
#define ETHTYPE_IPV6 0x86dd
#define PROTO_TCP 6
#define PROTO_UDP 17
#define TCP_HLEN 20
#define TCP_CSUM_OFF 16
#define IP6_HLEN 40

static unsigned int be16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

/* The 16-bit one's complement sum of n bytes (n even) added to sum. */
static uint32_t sum16(const uint8_t *p, size_t n, uint32_t sum)
{
	size_t i;

	for (i = 0; i < n; i += 2)
		sum += be16(p + i);
	return sum;
}

static unsigned int fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

/* Where the IPv4 payload starts (its protocol and length in *proto and
 * *l4len); 0 if frame is not a whole (unfragmented) IPv4 packet whose
 * header lies within len. */
static size_t ip4_l4(const uint8_t *frame, size_t len, unsigned int *proto,
		     unsigned int *l4len)
{
	const uint8_t *ip = frame + ETH_HLEN;
	unsigned int ihl, tot;

	if (len < ETH_HLEN + 20 || (ip[0] >> 4) != 4)
		return 0;
	ihl = (ip[0] & 15u) * 4;
	tot = be16(ip + 2);
	if (ihl < 20 || tot < ihl || len < ETH_HLEN + ihl)
		return 0;
	if (be16(ip + 6) & 0x3fff) /* more fragments, or an offset */
		return 0;
	*proto = ip[9];
	*l4len = tot - ihl;
	return ETH_HLEN + ihl;
}

bool net_csum_tx_partial(uint8_t *frame, size_t len)
{
	unsigned int proto, l4len, type;
	uint32_t sum;
	size_t l4;

	if (len < ETH_HLEN)
		return false;
	type = be16(frame + 12);
	if (type == ETHTYPE_IP) {
		if (!(l4 = ip4_l4(frame, len, &proto, &l4len)))
			return false;
		sum = sum16(frame + ETH_HLEN + 12, 8, 0); /* src, dst */
	} else if (type == ETHTYPE_IPV6) {
		if (len < ETH_HLEN + IP6_HLEN)
			return false;
		proto = frame[ETH_HLEN + 6];
		l4len = be16(frame + ETH_HLEN + 4);
		l4 = ETH_HLEN + IP6_HLEN;
		sum = sum16(frame + ETH_HLEN + 8, 32, 0); /* src, dst */
	} else {
		return false;
	}
	if (proto != PROTO_TCP || l4len < TCP_HLEN || len < l4 + TCP_HLEN)
		return false;
	sum += proto + l4len; /* l4len < 64 KiB: one word */
	sum = fold(sum);
	frame[l4 + TCP_CSUM_OFF] = (uint8_t)(sum >> 8);
	frame[l4 + TCP_CSUM_OFF + 1] = (uint8_t)sum;
	return true;
}

bool net_csum_rx_covered(const uint8_t *frame, size_t len)
{
	unsigned int proto, l4len, type;

	if (len < ETH_HLEN)
		return false;
	type = be16(frame + 12);
	if (type == ETHTYPE_IP) {
		if (!ip4_l4(frame, len, &proto, &l4len))
			return false;
	} else if (type == ETHTYPE_IPV6) {
		if (len < ETH_HLEN + IP6_HLEN)
			return false;
		proto = frame[ETH_HLEN + 6];
	} else {
		return false;
	}
	return proto == PROTO_TCP || proto == PROTO_UDP;
}
