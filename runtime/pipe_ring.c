/*
 * A pipe's byte ring: a fixed buffer with a head index and a count,
 * copied in and out in at most two pieces (before and after the wrap),
 * and the atomic-write rule. Pure code (tests/host/test_pipe.c).
 */
#include <string.h>

#include "pipe_ring.h"

void pipe_ring_init(struct pipe_ring *r, unsigned char *buf)
{
	r->buf = buf;
	r->head = 0;
	r->count = 0;
}

size_t pipe_ring_room(const struct pipe_ring *r)
{
	return PIPE_RING_SIZE - r->count;
}

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

size_t pipe_ring_put(struct pipe_ring *r, const void *src, size_t len)
{
	size_t n = min_size(len, pipe_ring_room(r));
	size_t tail = (r->head + r->count) % PIPE_RING_SIZE;
	size_t first = min_size(n, PIPE_RING_SIZE - tail);

	memcpy(r->buf + tail, src, first);
	memcpy(r->buf, (const unsigned char *)src + first, n - first);
	r->count += n;
	return n;
}

size_t pipe_ring_get(struct pipe_ring *r, void *dst, size_t len)
{
	size_t n = min_size(len, r->count);
	size_t first = min_size(n, PIPE_RING_SIZE - r->head);

	memcpy(dst, r->buf + r->head, first);
	memcpy((unsigned char *)dst + first, r->buf, n - first);
	r->head = (r->head + n) % PIPE_RING_SIZE;
	r->count -= n;
	return n;
}

size_t pipe_write_chunk(size_t room, size_t left, size_t total)
{
	if (total <= PIPE_RING_ATOMIC)
		return room >= left ? left : 0;
	return min_size(room, left);
}
