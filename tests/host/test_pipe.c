/*
 * Tests of runtime/pipe_ring.c: the pipe's byte ring (filling, draining,
 * wrap-around against a reference stream of random-sized writes and
 * reads) and the write rule (writes of up to PIPE_BUF bytes whole or
 * not at all, longer ones as much as fits). The ring sits in a buffer of
 * its exact size, so AddressSanitizer stops any copy past the end.
 */
#include <stdlib.h>
#include <string.h>

#include "../../runtime/pipe_ring.h"
#include "check.h"

static struct pipe_ring ring;
static unsigned char *ringbuf;

static void reset(void)
{
	free(ringbuf);
	ringbuf = malloc(PIPE_RING_SIZE);
	pipe_ring_init(&ring, ringbuf);
}

static void fill_and_drain(void)
{
	static unsigned char in[PIPE_RING_SIZE + 10], back[PIPE_RING_SIZE];

	reset();
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (unsigned char)(i * 7 + 3);
	CHECK_EQ_U64(pipe_ring_room(&ring), PIPE_RING_SIZE);
	CHECK_EQ_U64(pipe_ring_get(&ring, back, 10), 0);
	CHECK_EQ_U64(pipe_ring_put(&ring, in, sizeof(in)), PIPE_RING_SIZE);
	CHECK_EQ_U64(pipe_ring_room(&ring), 0);
	CHECK_EQ_U64(pipe_ring_put(&ring, in, 1), 0);
	CHECK_EQ_U64(pipe_ring_get(&ring, back, sizeof(back)), PIPE_RING_SIZE);
	CHECK_MEM(back, in, PIPE_RING_SIZE);
	CHECK_EQ_U64(pipe_ring_room(&ring), PIPE_RING_SIZE);
	CHECK_EQ_U64(ring.count, 0);
}

/* Random puts and gets, many times round the ring: what comes out is
 * the stream that went in, byte for byte. */
static void wraparound_stream(void)
{
	static unsigned char chunk[PIPE_RING_SIZE];
	unsigned long long in = 0, out = 0;
	unsigned int seed = 12345;

	reset();
	for (int step = 0; step < 20000; step++) {
		size_t len = (size_t)rand_r(&seed) % 9000, n, i;

		if (rand_r(&seed) & 1) {
			for (i = 0; i < len; i++)
				chunk[i] = (unsigned char)((in + i) % 251);
			n = pipe_ring_put(&ring, chunk, len);
			if (!CHECK(n <= len))
				return;
			in += n;
		} else {
			n = pipe_ring_get(&ring, chunk, len);
			for (i = 0; i < n; i++)
				if (chunk[i] !=
				    (unsigned char)((out + i) % 251))
					break;
			if (!CHECK_EQ_U64(i, n))
				return;
			out += n;
		}
		if (!CHECK_EQ_U64(ring.count, in - out))
			return;
	}
	CHECK(in > 10ULL * PIPE_RING_SIZE); /* it did wrap, many times */
}

static void atomic_rule(void)
{
	/* Up to PIPE_BUF: all or nothing. */
	CHECK_EQ_U64(pipe_write_chunk(10, 10, 10), 10);
	CHECK_EQ_U64(pipe_write_chunk(9, 10, 10), 0);
	CHECK_EQ_U64(pipe_write_chunk(PIPE_RING_ATOMIC, PIPE_RING_ATOMIC,
				      PIPE_RING_ATOMIC),
		     PIPE_RING_ATOMIC);
	CHECK_EQ_U64(pipe_write_chunk(PIPE_RING_ATOMIC - 1, PIPE_RING_ATOMIC,
				      PIPE_RING_ATOMIC),
		     0);
	CHECK_EQ_U64(pipe_write_chunk(0, 1, 1), 0);
	/* Longer: as much as fits, the rest later. */
	CHECK_EQ_U64(
	    pipe_write_chunk(100, PIPE_RING_ATOMIC + 1, PIPE_RING_ATOMIC + 1),
	    100);
	CHECK_EQ_U64(pipe_write_chunk(0, 5000, 5000), 0);
	CHECK_EQ_U64(pipe_write_chunk(PIPE_RING_SIZE, 3, 100000), 3);
	CHECK_EQ_U64(pipe_write_chunk(PIPE_RING_SIZE, 100000, 100000),
		     PIPE_RING_SIZE);
}

CHECK_MAIN("pipe", CHECK_TEST(fill_and_drain), CHECK_TEST(wraparound_stream),
	   CHECK_TEST(atomic_rule))
