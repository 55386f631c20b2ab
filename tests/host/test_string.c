/*
 * Tests of kernel/string.c's copies and fills (8-byte steps, then the
 * rest byte by byte), under other names so that they do not replace the
 * host's: every length from 0 to 300 at every alignment of source and
 * destination, nothing written outside the target, overlapping moves
 * both ways, fills with values whose high bit is set.
 */
#define memcpy sk_memcpy
#define memmove sk_memmove
#define memset sk_memset
#define memcmp sk_memcmp
#define strlen sk_strlen
#define strcmp sk_strcmp
#define strncmp sk_strncmp
#include "../../kernel/string.c"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strcmp
#undef strncmp

#include <string.h>

#include "check.h"

#define N 300
#define PAD 16

static unsigned char src[N + 2 * PAD], dst[N + 2 * PAD], want[N + 2 * PAD];

static void pattern(unsigned char *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 131 + seed * 7 + 1);
}

static void test_memcpy(void)
{
	size_t n, so, d;

	pattern(src, sizeof(src), 1);
	for (n = 0; n <= N; n++)
		for (so = 0; so < 8; so++)
			for (d = 0; d < 8; d++) {
				pattern(dst, sizeof(dst), 2);
				memcpy(want, dst, sizeof(want));
				memcpy(want + PAD + d, src + so, n);
				if (sk_memcpy(dst + PAD + d, src + so, n) !=
				    dst + PAD + d)
					FAIL("memcpy's return value");
				if (memcmp(dst, want, sizeof(dst))) {
					FAIL(
					    "memcpy of %zu bytes, source +%zu, "
					    "destination +%zu",
					    n, so, d);
					return;
				}
			}
}

static void test_memset(void)
{
	static const int vals[] = {0, 0x5a, 0xff, 0x180, -1};
	size_t n, d, v;

	for (v = 0; v < sizeof(vals) / sizeof(vals[0]); v++)
		for (n = 0; n <= N; n++)
			for (d = 0; d < 8; d++) {
				pattern(dst, sizeof(dst), 3);
				memcpy(want, dst, sizeof(want));
				memset(want + PAD + d, vals[v], n);
				if (sk_memset(dst + PAD + d, vals[v], n) !=
				    dst + PAD + d)
					FAIL("memset's return value");
				if (memcmp(dst, want, sizeof(dst))) {
					FAIL("memset of %zu bytes to %#x at "
					     "+%zu",
					     n, vals[v], d);
					return;
				}
			}
}

/* Overlaps both ways (dst below src takes the forward copy). */
static void test_memmove(void)
{
	size_t n, off;

	for (n = 0; n <= 100; n++)
		for (off = 0; off < 20; off++) {
			pattern(dst, sizeof(dst), 4);
			memcpy(want, dst, sizeof(want));
			memmove(want + PAD + off, want + PAD, n);
			sk_memmove(dst + PAD + off, dst + PAD, n);
			CHECK_MEM(dst, want, sizeof(dst));
			pattern(dst, sizeof(dst), 5);
			memcpy(want, dst, sizeof(want));
			memmove(want + PAD, want + PAD + off, n);
			sk_memmove(dst + PAD, dst + PAD + off, n);
			CHECK_MEM(dst, want, sizeof(dst));
		}
}

CHECK_MAIN("string", CHECK_TEST(test_memcpy), CHECK_TEST(test_memset),
	   CHECK_TEST(test_memmove))
