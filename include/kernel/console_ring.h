/*
 * Index arithmetic of the PV console rings (xencons_interface), kept pure
 * so that the host unit tests exercise it: free-running 32-bit producer
 * and consumer indices, a power-of-two ring, wrap-around, and the "\n" to
 * "\r\n" translation done once on the way out.
 */
#ifndef KERNEL_CONSOLE_RING_H
#define KERNEL_CONSOLE_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Copy as much of buf as fits into the output ring (size a power of two)
 * between cons and *prod, turning each "\n" into "\r\n" (a "\n" is only
 * consumed when both bytes fit). Advances *prod (the caller publishes it
 * after a write barrier). Returns the number of bytes of buf consumed. */
size_t console_ring_put(char *ring, uint32_t size, uint32_t cons,
			uint32_t *prod, const char *buf, size_t len);

/* Copy up to len bytes from the input ring between *cons and prod into
 * buf; advances *cons. A prod that claims more than size bytes is clamped
 * to size (a broken or hostile backend). Returns the count copied. */
size_t console_ring_get(const char *ring, uint32_t size, uint32_t *cons,
			uint32_t prod, char *buf, size_t len);

/* Input line endings, in place, as a terminal's ICRNL does for a reader:
 * the Enter key sends "\r" (xl console) and a pipe may send "\r\n"; both
 * become one "\n". *after_cr carries a "\r" that ended the previous chunk
 * into the next one. Returns the new length (<= n). */
size_t console_input_crlf(char *buf, size_t n, bool *after_cr);

#endif
