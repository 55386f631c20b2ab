/* SHA-256 for blkraw (sha256.c). */
#ifndef BLKRAW_SHA256_H
#define BLKRAW_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	uint8_t buf[64];
	size_t fill;
};

void sha256_init(struct sha256 *s);
void sha256_add(struct sha256 *s, const void *data, size_t n);
/* Finish and write the digest as 64 hex digits. */
void sha256_hex(struct sha256 *s, char out[65]);

#endif
