/* The disk test pattern (tools/testhost/helpers/pattern.c writes the same
 * bytes in dom0): byte i is byte i % 8 (little-endian) of mix(i / 8,
 * seed). For guest tests: APP_SRCS += ../common/pattern.c. */
#ifndef TESTS_GUEST_PATTERN_H
#define TESTS_GUEST_PATTERN_H

#include <stddef.h>
#include <stdint.h>

/* pattern_fill() takes len up to PATTERN_MAX + 8. */
#define PATTERN_MAX (1u << 20)

/* Bytes [off, off + len) of the pattern of seed into buf. */
void pattern_fill(unsigned char *buf, uint64_t seed, uint64_t off, size_t len);

#endif
