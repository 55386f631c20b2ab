/* The disk test pattern (pattern.h). */
#include <string.h>

#include "pattern.h"

static uint64_t mix(uint64_t k, uint64_t seed)
{
	uint64_t x = k * 0x9e3779b97f4a7c15ull + seed;

	return x ^ (x >> 29);
}

/* Whole words from off rounded down, then the slice wanted. */
void pattern_fill(unsigned char *buf, uint64_t seed, uint64_t off, size_t len)
{
	static uint64_t words[PATTERN_MAX / 8 + 3];
	uint64_t first = off / 8, n = (off + len + 7) / 8 - first, i;

	for (i = 0; i < n; i++)
		words[i] = mix(first + i, seed); /* x86: little-endian */
	memcpy(buf, (unsigned char *)words + off % 8, len);
}
