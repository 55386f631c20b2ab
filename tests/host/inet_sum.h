/*
 * The Internet checksum done the plain way, as a reference for the tests
 * of net/'s checksum code (test_csum_offload.c, test_tx_gso.c).
 */
#ifndef TESTS_HOST_INET_SUM_H
#define TESTS_HOST_INET_SUM_H

#include <stddef.h>
#include <stdint.h>

/* s plus the 16-bit big-endian words of p[0..n) (an odd last byte is
 * padded with a zero), not folded. */
static inline uint32_t add(const uint8_t *p, size_t n, uint32_t s)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	return s;
}

/* s folded to 16 bits, one's complement style. */
static inline uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

#endif
