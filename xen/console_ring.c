/*
 * Index arithmetic of the PV console rings. Producer and consumer indices
 * run freely and wrap at 2^32; only their difference matters, and a
 * position in the ring is the index masked by size - 1 (size is a power
 * of two). Both indices of a shared ring may be written by the other side,
 * so a difference larger than the ring is treated as hostile and clamped.
 */
#include <kernel/console_ring.h>

/*
 * The output side: we produce, the console daemon consumes. "\n" becomes
 * "\r\n" here, and only as a pair, so that a reader never sees a line
 * ending cut in half by a full ring.
 */
size_t console_ring_put(char *ring, uint32_t size, uint32_t cons,
			uint32_t *prod, const char *buf, size_t len)
{
	uint32_t p = *prod, mask = size - 1;
	size_t i;

	/* A consumer index that claims more than a ring in use (or one
	 * ahead of us) is nonsense: write nothing rather than overwrite
	 * bytes not yet read. */
	if ((uint32_t)(p - cons) > size)
		return 0;
	for (i = 0; i < len; i++) {
		uint32_t space = size - (uint32_t)(p - cons);

		if (buf[i] == '\n') {
			if (space < 2)
				break;
			ring[p++ & mask] = '\r';
		} else if (space < 1) {
			break;
		}
		ring[p++ & mask] = buf[i];
	}
	*prod = p;
	return i;
}

/*
 * The input side: the backend produces, we consume. The byte count is
 * prod - cons in 32-bit arithmetic, which stays right across the wrap of
 * the indices; more than size is impossible for an honest backend.
 */
size_t console_ring_get(const char *ring, uint32_t size, uint32_t *cons,
			uint32_t prod, char *buf, size_t len)
{
	uint32_t c = *cons, mask = size - 1;
	uint32_t avail = prod - c;
	size_t i;

	if (avail > size)
		avail = size;
	for (i = 0; i < len && i < avail; i++)
		buf[i] = ring[c++ & mask];
	*cons = c;
	return i;
}

size_t console_input_crlf(char *buf, size_t n, bool *after_cr)
{
	size_t i, out = 0;

	for (i = 0; i < n; i++) {
		char c = buf[i];

		if (c == '\n' && *after_cr) {
			*after_cr = false; /* the "\n" of a "\r\n" */
			continue;
		}
		*after_cr = c == '\r';
		buf[out++] = *after_cr ? '\n' : c;
	}
	return out;
}
