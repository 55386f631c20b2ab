/*
 * The frontend's side of a Xen shared ring's indices (io/ring.h's
 * protocol), written once for netfront_ring.c and blkfront_ring.c: pure
 * code with the fences that order it against the backend on another CPU.
 * x86 keeps loads and stores in order except a store followed by a load,
 * so the acquire and release fences are compiler barriers and only the
 * full fence costs an mfence.
 */
#ifndef KERNEL_RING_INDEX_H
#define KERNEL_RING_INDEX_H

#include <kernel/types.h>
#include <xen/io/ring.h>

#define ring_load_fence() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define ring_store_fence() __atomic_thread_fence(__ATOMIC_RELEASE)
#define ring_full_fence() __atomic_thread_fence(__ATOMIC_SEQ_CST)

/* Publish the requests written up to now in *prod; returns whether to
 * notify the backend. The release fence makes the requests (and the
 * buffers they name) visible before the index; the full fence orders the
 * index store before the load of *event
 * (RING_PUSH_REQUESTS_AND_CHECK_NOTIFY). */
static inline bool ring_publish(volatile RING_IDX *prod,
				const volatile RING_IDX *event, RING_IDX now)
{
	RING_IDX old = *prod, ev;

	ring_store_fence();
	*prod = now;
	ring_full_fence();
	ev = *event;
	return (RING_IDX)(now - ev) < (RING_IDX)(now - old);
}

/* Read the backend's response producer *prod once into *seen and check
 * its claim: never more responses past cons than the requests published
 * (pub) still waiting for one. The load fence keeps the responses'
 * contents from being read before the index. Returns whether the claim
 * holds; the number of new responses is *seen - cons. */
static inline bool ring_responses(const volatile RING_IDX *prod, RING_IDX cons,
				  RING_IDX pub, RING_IDX *seen)
{
	RING_IDX p = *prod;

	ring_load_fence();
	*seen = p;
	return (RING_IDX)(p - cons) <= (RING_IDX)(pub - cons);
}

/* Ask for an event when response want arrives; the caller then looks at
 * the producer once more, so that a response published in between is
 * not missed (RING_FINAL_CHECK_FOR_RESPONSES: the full fence orders the
 * store before that load). */
static inline void ring_ask_event(volatile RING_IDX *event, RING_IDX want)
{
	*event = want;
	ring_full_fence();
}

#endif
