/*
 * The byte ring of a pipe and the rule for how much of a write goes in
 * at a time (Linux's: writes of up to PIPE_RING_ATOMIC bytes are never
 * split). Pure code, host-tested (tests/host/test_pipe.c); pipe.c adds
 * the fds, blocking and wake-ups.
 */
#ifndef RUNTIME_PIPE_RING_H
#define RUNTIME_PIPE_RING_H

#include <stddef.h>

/* Bytes a pipe holds: Linux's default, 16 pages. */
#define PIPE_RING_SIZE (64 * 1024)
/* Linux's PIPE_BUF: a write of at most this many bytes goes in whole or
 * not at all, never interleaved with another writer's bytes. */
#define PIPE_RING_ATOMIC 4096

struct pipe_ring {
	unsigned char *buf; /* PIPE_RING_SIZE bytes, the caller's */
	size_t head;	    /* index of the oldest byte */
	size_t count;	    /* bytes held */
};

/* An empty ring over buf (PIPE_RING_SIZE bytes). */
void pipe_ring_init(struct pipe_ring *r, unsigned char *buf);

/* Bytes that can be put now. */
size_t pipe_ring_room(const struct pipe_ring *r);

/* Copy min(len, room) bytes in; returns how many. */
size_t pipe_ring_put(struct pipe_ring *r, const void *src, size_t len);

/* Copy min(len, count) bytes out, oldest first; returns how many. */
size_t pipe_ring_get(struct pipe_ring *r, void *dst, size_t len);

/*
 * How many bytes a write of total bytes, of which left are still to
 * go, may put now into room free bytes: all of a write of at most
 * PIPE_RING_ATOMIC bytes or nothing (it waits for room for all of it);
 * of a longer one as much as fits. 0: wait (or EAGAIN).
 */
size_t pipe_write_chunk(size_t room, size_t left, size_t total);

#endif
