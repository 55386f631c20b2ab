/*
 * The frontend's side of blkfront's shared ring (blkif.h), kept pure (no
 * hypercalls, no allocation) so that the host unit tests can run it
 * against a hostile fake backend. Everything the backend writes is read
 * once, copied out and checked before use; the first violation is kept
 * (error, error_val) and every call returns -EIO from then on.
 *
 * A block request (struct blk_req) is cut into ring requests of at most
 * max_segments pages each (bf_split()), listed in the request (11 at
 * most) or, with indirect descriptors, in a page of their own; ring ids 0..BF_RING_SIZE-1 come
 * from a free stack and remember their request, so that a response
 * completes its part and the request completes when its last part did,
 * with the first error of any part. Sector numbers on the ring are in
 * 512-byte units (we do not offer feature-large-sector-size), as are a
 * segment's first and last sector within its page.
 */
#ifndef KERNEL_BLKFRONT_RING_H
#define KERNEL_BLKFRONT_RING_H

#include <kernel/blkdev.h>
#include <kernel/types.h>
#include <xen/grant_table.h>
#include <xen/io/blkif.h>

/* A one-page blkif ring holds 32 entries. */
#define BF_RING_SIZE 32
_Static_assert(BF_RING_SIZE == __CONST_RING_SIZE(blkif, 4096), "ring size");
#define BF_SEGS_MAX BLKIF_MAX_SEGMENTS_PER_REQUEST
/* With indirect descriptors (feature-max-indirect-segments): at most this
 * many pages per ring request, listed in one page of ours. */
#define BF_IND_SEGS_MAX 64
_Static_assert(BF_IND_SEGS_MAX * sizeof(struct blkif_request_segment) <= 4096,
	       "one indirect page");
#define BF_PAGE 4096u
#define BF_SECTOR 512u /* the ring's unit */

/* One segment of a ring request: a granted page and the 512-byte
 * sectors [first, last] within it. */
struct bf_seg {
	uint32_t gref;
	uint8_t first, last;
};

struct bf_ring {
	blkif_sring_t *s;
	uint16_t handle;       /* the vdev, echoed in requests */
	RING_IDX req_prod_pvt; /* requests written, not all published */
	RING_IDX req_pub;      /* requests published (our req_prod) */
	RING_IDX rsp_cons;     /* responses consumed */
	unsigned int inflight; /* ring requests without a response */
	bool busy[BF_RING_SIZE];
	uint8_t op[BF_RING_SIZE];    /* BLKIF_OP_* of each id's request */
	bool indirect[BF_RING_SIZE]; /* posted as BLKIF_OP_INDIRECT */
	struct blk_req *owner[BF_RING_SIZE];
	uint16_t free_ids[BF_RING_SIZE]; /* a stack of ids not in flight */
	unsigned int nfree;
	const char *error; /* NULL: healthy */
	long error_val;
};

/* One answered ring request: id is free again (the caller ends its
 * grants first), status is its part's (0, -EIO, -EOPNOTSUPP), and
 * req_done says that req, all its parts answered, is complete with
 * req->status. */
struct bf_done {
	uint16_t id;
	int status;
	struct blk_req *req;
	bool req_done;
};

/* Set up r over the shared page s (initialised here). */
void bf_ring_init(struct bf_ring *r, blkif_sring_t *s, uint16_t handle);

/* Whether a ring request can be posted now (a free id and ring slot). */
bool bf_ring_can_post(const struct bf_ring *r);

/* Queue one ring request of op (BLKIF_OP_READ, _WRITE, _FLUSH_DISKCACHE
 * or _WRITE_BARRIER) for req at 512-byte sector sector512 over
 * segs[0..nsegs) (0 for a flush or barrier, else 1..BF_SEGS_MAX, each
 * first <= last < 8); req->pending counts it. Returns the id, -EAGAIN
 * without room, -EINVAL for a bad shape, -EIO once broken. */
int bf_post(struct bf_ring *r, struct blk_req *req, uint8_t op,
	    uint64_t sector512, const struct bf_seg *segs, unsigned int nsegs);

/* Queue one indirect ring request of op (BLKIF_OP_READ or _WRITE) over
 * segs[0..nsegs) (1..BF_IND_SEGS_MAX), whose list is written into ind, a
 * page the backend reads as grant ind_gref. Otherwise as bf_post(); the
 * answer may echo op or BLKIF_OP_INDIRECT. */
int bf_post_indirect(struct bf_ring *r, struct blk_req *req, uint8_t op,
		     uint64_t sector512, const struct bf_seg *segs,
		     unsigned int nsegs, struct blkif_request_segment *ind,
		     uint32_t ind_gref);

/* Publish the queued requests. Returns true when the backend asked to be
 * notified. */
bool bf_push(struct bf_ring *r);

/* Take up to max answered ring requests into done[]. Returns their
 * number, or -EIO on a protocol violation (error says which): a producer
 * index ahead of the requests, an id out of range or not in flight (also
 * a second answer), a status other than OKAY/ERROR/EOPNOTSUPP, an
 * operation other than the request's. Answers taken before a violation
 * are returned first (with error set); -EIO comes from the next call.
 * When nothing is left the backend is asked for an event on the next
 * response. */
int bf_reap(struct bf_ring *r, struct bf_done *done, unsigned int max);

/* Once broken: take up to max of the ring requests still in flight into
 * done[] with status -EIO, as if answered. Returns their number. */
int bf_fail_inflight(struct bf_ring *r, struct bf_done *done, unsigned int max);

/* One page piece of a transfer. Direct (the caller's buffer granted
 * itself): page is the caller's page, [off, off + len) the part of it.
 * Bounced: page is where the data lies in the caller's buffer (copied to
 * or from a whole bounce page), off is 0. */
struct bf_piece {
	uintptr_t page;
	uint16_t off, len;
};

/* The next ring request of a transfer of len bytes at buf, from byte pos
 * on: up to max_segs (1..BF_IND_SEGS_MAX) pieces into p[], split at the
 * caller's page boundaries when direct (buf must then be 512-aligned),
 * else every BF_PAGE bytes. len - pos must be a multiple of 512. Returns
 * the number of pieces; *bytes gets the bytes they cover. */
unsigned int bf_split(uintptr_t buf, uint64_t len, uint64_t pos, bool direct,
		      unsigned int max_segs, struct bf_piece *p,
		      uint64_t *bytes);

/* A piece's segment: its sectors within the page. */
struct bf_seg bf_piece_seg(const struct bf_piece *p, uint32_t gref);

#endif
