/*
 * Tests of <arch/tls_layout.h>: where a thread's TLS block and TCB go in
 * the area reserved for them. For every block size (a multiple of its
 * alignment, as the linker script makes it), alignment and position of
 * the area, the thread pointer must be aligned for both the block's
 * strictest variable and the TCB, the TCB must end inside the area, the
 * block must start inside it, and the area must keep the stack below it
 * 16-byte aligned. Areas are real memory, so that AddressSanitizer sees
 * any byte placed outside them.
 */
#include <stdlib.h>
#include <string.h>

#include <arch/tls_layout.h>

#include "check.h"

/* Place a block of size bytes aligned to align in an area ending hi_off
 * bytes into a fresh buffer, and fill block and TCB. */
static bool place_one(unsigned long size, unsigned long align,
		      unsigned long hi_off)
{
	unsigned long area = tls_layout_area(size, align);
	unsigned char *buf = malloc(area + hi_off + 8192);
	unsigned long hi, lo, tp;
	bool ok = true;

	if (!buf)
		return FAIL("no memory");
	/* The area's top at some 16-byte boundary hi_off above a page
	 * boundary (threads' areas end below a 64-byte aligned struct). */
	hi = (((unsigned long)buf + area + 4095) & ~4095UL) + hi_off;
	lo = hi - area;
	tp = tls_layout_place(hi, align);
	ok &= CHECK(area % 16 == 0);
	ok &= CHECK(tp % align == 0);
	ok &= CHECK(tp % ARCH_TCB_ALIGN == 0);
	ok &= CHECK(tp + ARCH_TCB_SIZE <= hi);
	ok &= CHECK(tp - size >= lo);
	/* No slack beyond one alignment gap. */
	ok &= CHECK(hi - (tp - size) <= area);
	if (ok) {
		memset((void *)(tp - size), 0xaa, size);
		memset((void *)tp, 0x55, ARCH_TCB_SIZE);
	}
	free(buf);
	return ok;
}

static void all_sizes_and_alignments(void)
{
	static const unsigned long aligns[] = {1, 8, 16, 64, 128, 4096};
	unsigned long a, n, off;

	for (a = 0; a < sizeof(aligns) / sizeof(aligns[0]); a++)
		for (n = 0; n <= 5; n++)
			for (off = 0; off < 128; off += 16)
				if (!place_one(n * aligns[a] * 3, aligns[a],
					       off))
					return;
}

/* Over-aligned variables: a 4096-aligned block puts the TCB on the page
 * boundary below the top, wasting most of a page, all inside the area. */
static void page_aligned_block(void)
{
	unsigned long area = tls_layout_area(8192, 4096);
	unsigned long hi = 0x100000 + 4096 - 64; /* below a struct thread */
	unsigned long tp = tls_layout_place(hi, 4096);

	CHECK_EQ_U64(tp, 0x100000);
	CHECK(tp - 8192 >= hi - area);
}

/* A small block: the TCB sits right below the top, 64-byte aligned. */
static void small_block(void)
{
	unsigned long hi = 0x200000 - 64;

	CHECK_EQ_U64(tls_layout_place(hi, 8), hi - ARCH_TCB_SIZE);
	CHECK_EQ_U64(tls_layout_area(0x100, 64), 0x100 + 128 + 64);
	CHECK_EQ_U64(tls_layout_area(8, 8), 208);
}

CHECK_MAIN("tls_layout", CHECK_TEST(all_sizes_and_alignments),
	   CHECK_TEST(page_aligned_block), CHECK_TEST(small_block))
