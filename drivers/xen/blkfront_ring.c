/*
 * blkfront's shared-ring logic (see <kernel/blkfront_ring.h>): ids in
 * flight, the split of a transfer into ring requests, completion
 * matching, and the validation of every response the backend writes.
 * Pure code: the host unit tests run it against a fake backend.
 *
 * Rules, all checked on a private copy of each response:
 *  - rsp_prod is read once per check; it may not claim more responses
 *    than we have published requests without a response;
 *  - an id must be in range and in flight (a second response for the
 *    same request is a violation);
 *  - the status is OKAY, ERROR or EOPNOTSUPP;
 *  - the operation echoes the request's (for an indirect request, its
 *    read or write, as Linux's backend answers, or BLKIF_OP_INDIRECT).
 */
#include <kernel/blkfront_ring.h>
#include <kernel/errno.h>
#include <kernel/ring_index.h>
#include <kernel/string.h>

#define RING_MASK (BF_RING_SIZE - 1)

void bf_ring_init(struct bf_ring *r, blkif_sring_t *s, uint16_t handle)
{
	unsigned int i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < BF_RING_SIZE; i++)
		r->free_ids[i] = (uint16_t)(BF_RING_SIZE - 1 - i);
	r->nfree = BF_RING_SIZE;
	r->handle = handle;
	r->s = s;
	/* SHARED_RING_INIT's effect. */
	s->req_prod = s->rsp_prod = 0;
	s->req_event = s->rsp_event = 1;
	memset(&s->pvt, 0, sizeof(s->pvt));
	memset(s->__pad, 0, sizeof(s->__pad));
}

static int violation(struct bf_ring *r, const char *what, long val)
{
	if (!r->error) {
		r->error = what;
		r->error_val = val;
	}
	return -EIO;
}

bool bf_ring_can_post(const struct bf_ring *r)
{
	return !r->error && r->nfree &&
	       (RING_IDX)(r->req_prod_pvt - r->rsp_cons) < BF_RING_SIZE;
}

static bool op_valid(uint8_t op, unsigned int nsegs)
{
	if (op == BLKIF_OP_READ || op == BLKIF_OP_WRITE)
		return nsegs >= 1 && nsegs <= BF_SEGS_MAX;
	if (op == BLKIF_OP_FLUSH_DISKCACHE || op == BLKIF_OP_WRITE_BARRIER)
		return nsegs == 0;
	return false;
}

static bool segs_valid(const struct bf_seg *segs, unsigned int nsegs)
{
	unsigned int i;

	for (i = 0; i < nsegs; i++)
		if (segs[i].first > segs[i].last ||
		    segs[i].last >= BF_PAGE / BF_SECTOR)
			return false;
	return true;
}

/* Take a free id for req's ring request of op; returns the ring slot to
 * fill (room was checked). */
static blkif_request_t *claim(struct bf_ring *r, struct blk_req *req,
			      uint8_t op, bool indirect, uint16_t *idp)
{
	uint16_t id = r->free_ids[--r->nfree];

	r->busy[id] = true;
	r->op[id] = op;
	r->indirect[id] = indirect;
	r->owner[id] = req;
	r->inflight++;
	req->pending++;
	*idp = id;
	return &r->s->ring[r->req_prod_pvt++ & RING_MASK].req;
}

int bf_post(struct bf_ring *r, struct blk_req *req, uint8_t op,
	    uint64_t sector512, const struct bf_seg *segs, unsigned int nsegs)
{
	blkif_request_t *q;
	unsigned int i;
	uint16_t id;

	if (r->error)
		return -EIO;
	if (!op_valid(op, nsegs) || !segs_valid(segs, nsegs))
		return -EINVAL;
	if (!bf_ring_can_post(r))
		return -EAGAIN;
	q = claim(r, req, op, false, &id);
	q->operation = op;
	q->nr_segments = (uint8_t)nsegs;
	q->handle = r->handle;
	q->id = id;
	q->sector_number = sector512;
	for (i = 0; i < nsegs; i++) {
		q->seg[i].gref = segs[i].gref;
		q->seg[i].first_sect = segs[i].first;
		q->seg[i].last_sect = segs[i].last;
	}
	return id;
}

int bf_post_indirect(struct bf_ring *r, struct blk_req *req, uint8_t op,
		     uint64_t sector512, const struct bf_seg *segs,
		     unsigned int nsegs, struct blkif_request_segment *ind,
		     uint32_t ind_gref)
{
	blkif_request_indirect_t *q;
	unsigned int i;
	uint16_t id;

	if (r->error)
		return -EIO;
	if ((op != BLKIF_OP_READ && op != BLKIF_OP_WRITE) || !nsegs ||
	    nsegs > BF_IND_SEGS_MAX || !segs_valid(segs, nsegs))
		return -EINVAL;
	if (!bf_ring_can_post(r))
		return -EAGAIN;
	for (i = 0; i < nsegs; i++) {
		ind[i].gref = segs[i].gref;
		ind[i].first_sect = segs[i].first;
		ind[i].last_sect = segs[i].last;
	}
	q = (blkif_request_indirect_t *)claim(r, req, op, true, &id);
	_Static_assert(sizeof(*q) <= sizeof(blkif_request_t), "ring slot");
	memset(q, 0, sizeof(*q));
	q->operation = BLKIF_OP_INDIRECT;
	q->indirect_op = op;
	q->nr_segments = (uint16_t)nsegs;
	q->handle = r->handle;
	q->id = id;
	q->sector_number = sector512;
	q->indirect_grefs[0] = ind_gref;
	return id;
}

/* Publish requests up to req_prod_pvt; returns whether to notify. */
bool bf_push(struct bf_ring *r)
{
	r->req_pub = r->req_prod_pvt;
	return ring_publish(&r->s->req_prod, &r->s->req_event, r->req_prod_pvt);
}

/* How many new responses the backend claims, after checking the claim
 * (ring_responses()). */
static int responses_ready(struct bf_ring *r)
{
	RING_IDX p;

	if (!ring_responses(&r->s->rsp_prod, r->rsp_cons, r->req_pub, &p))
		return violation(r,
				 "response producer index ahead of the "
				 "requests",
				 (long)(RING_IDX)(p - r->rsp_cons));
	return (int)(RING_IDX)(p - r->rsp_cons);
}

/* Copy the response at rsp_cons out of the ring, each field read once
 * from the volatile slot. */
static blkif_response_t rsp_copy(struct bf_ring *r)
{
	volatile blkif_response_t *v = &r->s->ring[r->rsp_cons & RING_MASK].rsp;
	blkif_response_t c;

	c.id = v->id;
	c.operation = v->operation;
	c.status = v->status;
	return c;
}

static int status_errno(int16_t st)
{
	return st == BLKIF_RSP_OKAY	    ? 0
	       : st == BLKIF_RSP_EOPNOTSUPP ? -EOPNOTSUPP
					    : -EIO;
}

/* Retire id with status st: its part of the request is answered. */
static void retire(struct bf_ring *r, uint16_t id, int st, struct bf_done *d)
{
	struct blk_req *req = r->owner[id];

	r->busy[id] = false;
	r->indirect[id] = false;
	r->owner[id] = NULL;
	r->inflight--;
	r->free_ids[r->nfree++] = id;
	req->pending--;
	if (st && !req->status)
		req->status = st; /* the first error wins */
	d->id = id;
	d->status = st;
	d->req = req;
	d->req_done = req->all_posted && !req->pending;
}

/* Check response c; on success retire its id into *d. */
static int check(struct bf_ring *r, const blkif_response_t *c,
		 struct bf_done *d)
{
	uint16_t id;

	if (c->id >= BF_RING_SIZE)
		return violation(r, "response id out of range", (long)c->id);
	id = (uint16_t)c->id;
	if (!r->busy[id])
		return violation(r, "response for an id not in flight", id);
	if (c->status != BLKIF_RSP_OKAY && c->status != BLKIF_RSP_ERROR &&
	    c->status != BLKIF_RSP_EOPNOTSUPP)
		return violation(r, "bad response status", c->status);
	if (c->operation != r->op[id] &&
	    !(r->indirect[id] && c->operation == BLKIF_OP_INDIRECT))
		return violation(r, "response operation is not the request's",
				 c->operation);
	retire(r, id, status_errno(c->status), d);
	return 0;
}

int bf_reap(struct bf_ring *r, struct bf_done *done, unsigned int max)
{
	unsigned int n = 0;
	int avail;

	if (r->error)
		return -EIO;
	avail = responses_ready(r);
	while (avail >= 0 && n < max) {
		blkif_response_t c;

		if (!avail) {
			/* Ask for an event on the next response, then look
			 * again. */
			ring_ask_event(&r->s->rsp_event, r->rsp_cons + 1);
			if ((avail = responses_ready(r)) <= 0)
				break;
		}
		c = rsp_copy(r);
		if (check(r, &c, &done[n]) < 0)
			break;
		n++;
		r->rsp_cons++;
		avail--;
	}
	/* After a violation, the answers taken before it still count: their
	 * ids are free again and only the caller can end their grants and
	 * complete their requests (error says the ring is broken). */
	return r->error && !n ? -EIO : (int)n;
}

int bf_fail_inflight(struct bf_ring *r, struct bf_done *done, unsigned int max)
{
	unsigned int n = 0;
	uint16_t id;

	for (id = 0; id < BF_RING_SIZE && n < max; id++)
		if (r->busy[id])
			retire(r, id, -EIO, &done[n++]);
	return (int)n;
}

unsigned int bf_split(uintptr_t buf, uint64_t len, uint64_t pos, bool direct,
		      unsigned int max_segs, struct bf_piece *p,
		      uint64_t *bytes)
{
	unsigned int n = 0;
	uint64_t start = pos;

	while (pos < len && n < max_segs) {
		uintptr_t at = buf + (uintptr_t)pos;
		uint64_t room = BF_PAGE, left = len - pos;

		if (direct) {
			p[n].page = at & ~(uintptr_t)(BF_PAGE - 1);
			p[n].off = (uint16_t)(at & (BF_PAGE - 1));
			room = BF_PAGE - p[n].off;
		} else {
			p[n].page = at;
			p[n].off = 0;
		}
		p[n].len = (uint16_t)(left < room ? left : room);
		pos += p[n++].len;
	}
	*bytes = pos - start;
	return n;
}

struct bf_seg bf_piece_seg(const struct bf_piece *p, uint32_t gref)
{
	struct bf_seg s;

	s.gref = gref;
	s.first = (uint8_t)(p->off / BF_SECTOR);
	s.last = (uint8_t)((p->off + p->len) / BF_SECTOR - 1);
	return s;
}
