/*
 * Checksum offload between lwIP and a netdev (net/csum_offload.c): the
 * few header checks and the pseudo-header sum that netif.c needs, kept
 * pure (bytes in, bytes out) so that the host tests can check them.
 */
#ifndef NET_CSUM_OFFLOAD_H
#define NET_CSUM_OFFLOAD_H

#include <kernel/types.h>

/* Transmit: if the len bytes at frame (an Ethernet frame's first bytes,
 * enough for its headers) start an untagged IPv4 (not a fragment) or IPv6
 * (next header TCP) TCP segment whose headers lie within len, write the
 * pseudo-header's sum (folded, not complemented, as a partial checksum
 * wants it) into its checksum field and return true. Otherwise leave
 * the frame untouched and return false. */
bool net_csum_tx_partial(uint8_t *frame, size_t len);

/* Receive: whether a device's "checksum verified / partial" mark can
 * cover the frame's TCP/UDP checksum: an untagged IPv4 frame that is not
 * a fragment, or IPv6 whose next header is TCP or UDP. (A fragment's
 * checksum is checked after reassembly, so the mark cannot apply.) */
bool net_csum_rx_covered(const uint8_t *frame, size_t len);

#endif
