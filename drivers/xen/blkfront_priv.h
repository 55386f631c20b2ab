/*
 * What blkfront's data path (blkfront.c) and its keys and features
 * (blkfront_xenbus.c) share: the per-disk struct and the calls between
 * the two files. The life cycle is the xenbus frontend skeleton's
 * (<kernel/xenfront.h>).
 */
#ifndef DRIVERS_XEN_BLKFRONT_PRIV_H
#define DRIVERS_XEN_BLKFRONT_PRIV_H

#include <kernel/xenfront.h>
#include <kernel/blkdev.h>
#include <kernel/blkfront_ring.h>

/* Bounce pages per disk, granted once per connection. Without
 * persistent grants only misaligned transfers go through them (a ring
 * request's worth is 11). With persistent grants (the backend keeps our
 * pages mapped, saving a map and an unmap per page per request) every
 * transfer does, and the pool grows to BF_POOL_MAX pages while memory is
 * plentiful, so that a 1 MiB transfer is in flight at once. */
#define BF_POOL_MIN 64
#define BF_POOL_MAX 260 /* four indirect requests with their lists */

/* What one ring id holds while in flight: its pieces, per piece either
 * the grant of the caller's page (direct) or a bounce page, and the pool
 * page that lists them for an indirect request. */
struct bf_slot {
	struct bf_piece piece[BF_IND_SEGS_MAX];
	union {
		int gref;	 /* direct: the grant to end */
		uint16_t bounce; /* bounced: the pool page */
	} seg[BF_IND_SEGS_MAX];
	uint8_t nsegs;
	bool direct, read;
	int list; /* the indirect list's pool page, or -1 */
};

struct blkfront {
	struct blkdev bd;
	struct xenfront xf; /* the life cycle: phase, backend, port */

	/* Shared memory: allocated once, granted per connection. */
	blkif_sring_t *sring;
	int ring_ref; /* -1: not granted */
	void *pool[BF_POOL_MAX];
	int pool_ref[BF_POOL_MAX];
	uint16_t pool_free[BF_POOL_MAX]; /* a stack of free pool pages */
	unsigned int npool;		 /* pages allocated */
	unsigned int npool_free;
	bool persistent; /* feature-persistent: everything bounces */
	bool granted;
	bool replaying; /* restored: requests wait for the new backend */

	struct bf_ring ring;
	struct bf_slot slot[BF_RING_SIZE];
	struct list_head queue;	   /* requests not yet fully posted */
	struct list_head finished; /* complete, done() not yet called */

	unsigned long reqs, errors, completed;
};

/* blkfront.c: the data path. */
extern const struct blkdev_ops blkfront_ops;
/* Allocate the shared pages (once per disk). Returns 0 or -ENOMEM. */
int blkfront_alloc(struct blkfront *bf);
/* Free the shared pages (none may be granted). */
void blkfront_free(struct blkfront *bf);
/* Grant the ring and pool pages and set up the ring. Returns 0 or a
 * negative errno (nothing granted). */
int blkfront_share(struct blkfront *bf);
/* The backend keeps our grants mapped: from now on every transfer
 * bounces, through a larger pool when memory allows. */
void blkfront_go_persistent(struct blkfront *bf);
/* End every grant (waiting a bounded time for the backend to unmap);
 * pages it still maps are abandoned and replaced. */
void blkfront_unshare(struct blkfront *bf);
/* Fail every queued and in-flight request with status (the ring is
 * gone or broken). */
void blkfront_fail_all(struct blkfront *bf, int status);
/* The domain was restored: every request in flight goes back to the
 * queue, whole, in front of those not yet posted, to be posted again on
 * the new connection; new requests queue up until then. */
void blkfront_requeue(struct blkfront *bf);
/* Reap completions, post queued requests, call done() of finished
 * ones. */
void blkfront_poll(struct blkfront *bf);

#endif
