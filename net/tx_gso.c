/*
 * Transmit GSO helpers (see tx_gso.h). Frames are read as bytes in
 * network order, nothing past len.
 */
#include "tx_gso.h"

#include "csum_offload.h"

#define ETH_HLEN 14
#define IP_HLEN 20
#define TCP_OFF (ETH_HLEN + IP_HLEN)
#define TCP_ACK 0x10
#define TCP_PSH 0x08

static unsigned int be16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void put16(uint8_t *p, unsigned int v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

bool net_gso_parse(const uint8_t *frame, size_t len, size_t frame_len,
		   struct net_gso_seg *s)
{
	const uint8_t *ip = frame + ETH_HLEN, *tcp = frame + TCP_OFF;
	unsigned int flags;

	if (len < NET_GSO_HDR_LEN || be16(frame + 12) != 0x0800)
		return false;
	if (ip[0] != 0x45 || ip[9] != 6 || (be16(ip + 6) & 0x3fff) ||
	    be16(ip + 2) != frame_len - ETH_HLEN)
		return false;
	flags = tcp[13];
	if ((tcp[12] >> 4) != 5 || (flags & ~(TCP_ACK | TCP_PSH)) ||
	    !(flags & TCP_ACK) || frame_len <= NET_GSO_HDR_LEN)
		return false;
	s->payload = frame_len - NET_GSO_HDR_LEN;
	__builtin_memcpy(s->flow, ip + 12, 8);
	__builtin_memcpy(s->flow + 8, tcp, 4);
	s->seq = be32(tcp + 4);
	s->ack = be32(tcp + 8);
	s->win = (uint16_t)be16(tcp + 14);
	s->flags = (uint8_t)flags;
	return true;
}

bool net_gso_follows(const struct net_gso_seg *last,
		     const struct net_gso_seg *s)
{
	return !__builtin_memcmp(last->flow, s->flow, sizeof(s->flow)) &&
	       s->seq == (uint32_t)(last->seq + last->payload) &&
	       s->ack == last->ack && s->win == last->win;
}

void net_gso_header(uint8_t *hdr, size_t payload, uint8_t tcp_flags)
{
	uint8_t *ip = hdr + ETH_HLEN;
	uint32_t sum = 0;
	unsigned int i;

	put16(ip + 2, (unsigned int)(IP_HLEN + 20 + payload));
	put16(ip + 10, 0);
	for (i = 0; i < IP_HLEN; i += 2)
		sum += be16(ip + i);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	put16(ip + 10, ~sum & 0xffff);
	hdr[TCP_OFF + 13] = tcp_flags;
	net_csum_tx_partial(hdr, NET_GSO_HDR_LEN);
}
