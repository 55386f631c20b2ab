/*
 * Transmit GSO (net/tx_gso.c): which TCPv4 segments leaving lwIP can be
 * merged into one large segment that the backend cuts up again, and the
 * headers of the merged segment. Pure code (bytes in, bytes out), so that
 * the host tests can check it; netif.c does the merging.
 */
#ifndef NET_TX_GSO_H
#define NET_TX_GSO_H

#include <kernel/types.h>

/* Ethernet + IPv4 + TCP, neither with options: a mergeable segment's. */
#define NET_GSO_HDR_LEN 54

/* A TCPv4 segment's headers, as merging needs them. */
struct net_gso_seg {
	size_t payload;	  /* TCP payload bytes */
	uint8_t flow[12]; /* IPv4 source, destination, TCP ports */
	uint32_t seq, ack;
	uint16_t win;
	uint8_t flags; /* TCP flags */
};

/* Whether a frame of frame_len bytes, whose first len bytes are at
 * frame, is a TCPv4 segment fit to merge: untagged IPv4 without options,
 * not a fragment, its IP length frame_len - 14; TCP without options,
 * flags ACK or ACK|PSH, some payload; the NET_GSO_HDR_LEN bytes of
 * headers within len. If so fills *s. */
bool net_gso_parse(const uint8_t *frame, size_t len, size_t frame_len,
		   struct net_gso_seg *s);

/* Whether s continues the stream right after last: the same flow, the
 * next sequence number, the same acknowledgement and window. */
bool net_gso_follows(const struct net_gso_seg *last,
		     const struct net_gso_seg *s);

/* Turn hdr (NET_GSO_HDR_LEN bytes: the first merged segment's headers)
 * into the headers of a segment of payload bytes (at most 65495) with
 * TCP flags tcp_flags: IP total length and header checksum, the flags,
 * and the partial TCP checksum (pseudo-header sum) that the backend
 * completes. */
void net_gso_header(uint8_t *hdr, size_t payload, uint8_t tcp_flags);

#endif
