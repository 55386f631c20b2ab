/* SHA-256 (FIPS 180-4) for guest tests (APP_SRCS += ../common/sha256.c):
 * the checksums they print are compared with sha256sum's, in dom0 or on
 * the build machine. */
#ifndef TESTS_GUEST_SHA256_H
#define TESTS_GUEST_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len; /* bytes so far */
	unsigned char block[64];
	size_t used; /* bytes in block */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* The digest as 64 lowercase hex digits and a NUL. */
void sha256_hex(struct sha256 *s, char out[65]);

#endif
