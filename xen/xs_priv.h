/*
 * Shared by the xenstore client's files: xenstore.c (ring, reader thread,
 * request engine), xs_ops.c (the operations) and xs_watch.c (watches).
 */
#ifndef DRIVERS_XEN_XS_PRIV_H
#define DRIVERS_XEN_XS_PRIV_H

#include "xs_wire.h"

/* How long one request may take before it fails with -ETIMEDOUT. */
#define XS_TIMEOUT_NS (5 * NSEC_PER_SEC)

/* Send one request (header + parts) and wait for its reply, whose
 * payload goes to buf (size bytes, NUL-terminated; size 0: dropped).
 * Returns the reply's payload length or a negative errno. */
int xs_request(uint32_t type, xs_transaction_t tx, const struct xs_part *parts,
	       int n, char *buf, size_t size);

/* True when the caller must drive the ring itself (boot/idle context, no
 * reader thread yet, or the exit path): it must not block on a queue. */
bool xs_polled(void);
/* Polled mode's wait step: take what the ring holds, then yield the vCPU
 * to Xen once. */
void xs_poll(void);

/* A watch event from the store (xs_watch.c); called from the ring pump,
 * which never blocks. body is NUL-terminated at len. */
void xs_watch_deliver(const char *body, size_t len);

/* A new connection (after a restore): register every watch again. */
void xs_watch_resume(void);

#endif
