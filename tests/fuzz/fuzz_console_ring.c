/*
 * Fuzzer of the PV console rings' index arithmetic (xen/console_ring.c)
 * against a console daemon that may lie: the input is a script of
 * operations on an output ring (2048 bytes) and an input ring (1024
 * bytes), as struct xencons_interface has them, each ring in a heap
 * block of exactly its size so that AddressSanitizer sees any access
 * outside it. The daemon's indices are either honest (it consumes or
 * produces within bounds) or arbitrary 32-bit values. While it is
 * honest, what it reads from the output ring must be exactly what was
 * written with "\n" turned into "\r\n".
 */
#include <stdbool.h>

#include <kernel/console_ring.h>

#include "fuzz_input.h"

#define OUT_SIZE 2048u
#define IN_SIZE 1024u
#define REF_MAX 8192u

static struct {
	char *out, *in;
	uint32_t out_prod, out_cons; /* ours, the daemon's */
	uint32_t in_prod, in_cons;   /* the daemon's, ours */
	bool honest;		     /* ref below is valid */
	char ref[REF_MAX];	     /* bytes the daemon has not read yet */
	size_t ref_len;
	bool after_cr;
} c;

/* Write up to 64 input bytes to the output ring. */
static void op_put(struct fin *f)
{
	char buf[64];
	size_t len = fin_u8(f) % sizeof(buf), n, i;
	uint32_t before = c.out_prod;

	len = fin_bytes(f, buf, len);
	n = console_ring_put(c.out, OUT_SIZE, c.out_cons, &c.out_prod, buf,
			     len);
	FUZZ_ASSERT(n <= len);
	FUZZ_ASSERT((uint32_t)(c.out_prod - before) <= OUT_SIZE);
	if (!c.honest)
		return;
	FUZZ_ASSERT((uint32_t)(c.out_prod - c.out_cons) <= OUT_SIZE);
	for (i = 0; i < n; i++) {
		if (buf[i] == '\n')
			c.ref[c.ref_len++] = '\r';
		c.ref[c.ref_len++] = buf[i];
	}
	FUZZ_ASSERT(c.ref_len == (uint32_t)(c.out_prod - c.out_cons));
}

/* The daemon reads k bytes of the output ring, honestly. */
static void op_drain(struct fin *f)
{
	uint32_t used = c.out_prod - c.out_cons, k, i;

	if (!c.honest || used > OUT_SIZE)
		return;
	k = used ? fin_u16(f) % (used + 1) : 0;
	for (i = 0; i < k; i++)
		FUZZ_ASSERT(c.out[(c.out_cons + i) & (OUT_SIZE - 1)] ==
			    c.ref[i]);
	memmove(c.ref, c.ref + k, c.ref_len - k);
	c.ref_len -= k;
	c.out_cons += k;
}

/* The daemon writes k bytes into the input ring and moves its index,
 * honestly or to any value. */
static void op_feed(struct fin *f, bool lie)
{
	uint32_t k = fin_u16(f) % (IN_SIZE + 1), i;

	if (lie) {
		c.in_prod = fin_u32(f);
		return;
	}
	if ((uint32_t)(c.in_prod - c.in_cons) > IN_SIZE)
		return;
	k = k < IN_SIZE - (c.in_prod - c.in_cons)
		? k
		: IN_SIZE - (c.in_prod - c.in_cons);
	for (i = 0; i < k; i++)
		c.in[(c.in_prod + i) & (IN_SIZE - 1)] = (char)fin_u8(f);
	c.in_prod += k;
}

/* A reader takes up to len bytes of input and fixes its line ends. */
static void op_get(struct fin *f)
{
	size_t len = fin_u16(f) % (2 * IN_SIZE), n, m;
	char *buf = malloc(len ? len : 1);
	uint32_t before = c.in_cons;

	n = console_ring_get(c.in, IN_SIZE, &c.in_cons, c.in_prod, buf, len);
	FUZZ_ASSERT(n <= len && n <= IN_SIZE);
	FUZZ_ASSERT((uint32_t)(c.in_cons - before) == n);
	m = console_input_crlf(buf, n, &c.after_cr);
	FUZZ_ASSERT(m <= n);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fin f = {data, size};

	memset(&c, 0, sizeof(c));
	c.out = malloc(OUT_SIZE);
	c.in = calloc(1, IN_SIZE);
	c.out_prod = c.out_cons = fin_u32(&f);
	c.in_prod = c.in_cons = fin_u32(&f);
	c.honest = true;
	while (fin_left(&f)) {
		switch (fin_u8(&f) % 6) {
		case 0:
			op_put(&f);
			break;
		case 1:
			op_drain(&f);
			break;
		case 2:
			op_feed(&f, false);
			break;
		case 3:
			op_feed(&f, true);
			break;
		case 4:
			op_get(&f);
			break;
		default: /* the daemon's output index goes anywhere */
			c.out_cons = fin_u32(&f);
			c.honest = false;
		}
	}
	free(c.out);
	free(c.in);
	return 0;
}
