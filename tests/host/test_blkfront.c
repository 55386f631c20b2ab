/*
 * Tests of drivers/xen/blkfront_ring.c and drivers/blkdev_name.c:
 * blkfront's shared ring driven by a fake backend played here, honest
 * first (thousands of ring requests with wrap-around, answers in shuffled
 * order, block requests split over several ring requests that complete
 * only with their last part, the first error winning), then hostile:
 * ids out of range, not in flight or answered twice, bad statuses, an
 * operation that is not the request's, a producer index jumping ahead.
 * Every violation must give -EIO, name what was wrong, stay -EIO, and
 * let every request in flight fail with -EIO. Also: the split of a
 * transfer at page boundaries and the segment limit (direct and bounced),
 * request shapes refused, indirect requests (the list in our page, the
 * answers allowed), and the names of virtual-device numbers.
 */
#include <stdlib.h>
#include <string.h>

#include <kernel/blkfront_ring.h>
#include <kernel/errno.h>

#include "check.h"

#define MASK (BF_RING_SIZE - 1)

static struct {
	blkif_sring_t *s;
	struct bf_ring r;
	RING_IDX req_cons; /* the backend's */
	unsigned int seed;
} f;

static void setup(void)
{
	free(f.s);
	f.s = aligned_alloc(4096, 4096);
	memset(f.s, 0xee, 4096); /* garbage the init must not rely on */
	bf_ring_init(&f.r, f.s, 51712);
	f.req_cons = 0;
	f.seed = 12345;
}

static unsigned int rnd(void)
{
	f.seed = f.seed * 1103515245u + 12345u;
	return f.seed >> 16;
}

static void req_init(struct blk_req *q)
{
	memset(q, 0, sizeof(*q));
}

/* Backend: take the next request (it must be there). */
static blkif_request_t be_req(void)
{
	blkif_request_t q;

	CHECK(f.req_cons != f.s->req_prod);
	q = f.s->ring[f.req_cons++ & MASK].req;
	return q;
}

/* Backend: write a response and publish it. */
static void be_rsp(uint64_t id, uint8_t op, int16_t status)
{
	blkif_response_t *p = &f.s->ring[f.s->rsp_prod & MASK].rsp;

	p->id = id;
	p->operation = op;
	p->status = status;
	f.s->rsp_prod++;
}

static const struct bf_seg one_seg = {.gref = 7, .first = 0, .last = 7};

/* Post one single-segment read for q; returns the id. */
static int post_read(struct blk_req *q, uint64_t sector)
{
	return bf_post(&f.r, q, BLKIF_OP_READ, sector, &one_seg, 1);
}

/* Thousands of requests, up to 32 in flight, answered in shuffled
 * order: every one completes exactly once, the ring wraps many times. */
static void honest_shuffled(void)
{
	static struct blk_req q[BF_RING_SIZE];
	bool answered[BF_RING_SIZE];
	uint64_t ids[BF_RING_SIZE];
	struct bf_done d[BF_RING_SIZE];
	unsigned int round, i, n, completed = 0;

	setup();
	for (round = 0; round < 200; round++) {
		n = 1 + rnd() % BF_RING_SIZE;
		for (i = 0; i < n; i++) {
			req_init(&q[i]);
			q[i].all_posted = true;
			CHECK(post_read(&q[i], round * 100 + i) >= 0);
		}
		CHECK(!bf_ring_can_post(&f.r) || n < BF_RING_SIZE);
		bf_push(&f.r);
		for (i = 0; i < n; i++) {
			blkif_request_t rq = be_req();

			CHECK_EQ_U64(rq.sector_number, round * 100 + i);
			CHECK_EQ_U64(rq.handle, 51712);
			CHECK_EQ_U64(rq.nr_segments, 1);
			CHECK_EQ_U64(rq.seg[0].gref, 7);
			ids[i] = rq.id;
			answered[i] = false;
		}
		/* Answer in a shuffled order, in two batches. */
		for (i = 0; i < n; i++) {
			unsigned int j = rnd() % n;
			uint64_t t = ids[i];

			ids[i] = ids[j];
			ids[j] = t;
		}
		for (i = 0; i < n; i++) {
			be_rsp(ids[i], BLKIF_OP_READ, BLKIF_RSP_OKAY);
			if (i == n / 2 || i == n - 1) {
				int got = bf_reap(&f.r, d, BF_RING_SIZE);
				int k;

				CHECK(got > 0);
				for (k = 0; k < got; k++) {
					unsigned int qi =
					    (unsigned int)(d[k].req - q);

					CHECK(qi < n && !answered[qi]);
					answered[qi] = true;
					CHECK(d[k].req_done);
					CHECK_EQ_I64(d[k].status, 0);
					completed++;
				}
			}
		}
		CHECK_EQ_U64(f.r.inflight, 0);
		/* Drained: the backend is asked for an event on the next. */
		CHECK_EQ_U64(f.s->rsp_event, f.r.rsp_cons + 1);
	}
	CHECK(f.r.rsp_cons > 10 * BF_RING_SIZE);
	CHECK_EQ_U64(completed, f.r.rsp_cons);
	CHECK(!f.r.error);
}

/* A full ring refuses more; an answer makes room. */
static void ring_full(void)
{
	static struct blk_req q;
	struct bf_done d[4];
	blkif_request_t rq;
	unsigned int i;

	setup();
	req_init(&q);
	for (i = 0; i < BF_RING_SIZE; i++)
		CHECK(post_read(&q, i) >= 0);
	CHECK(!bf_ring_can_post(&f.r));
	CHECK_EQ_I64(post_read(&q, 99), -EAGAIN);
	CHECK_EQ_U64(q.pending, BF_RING_SIZE);
	bf_push(&f.r);
	rq = be_req();
	be_rsp(rq.id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	CHECK_EQ_I64(bf_reap(&f.r, d, 4), 1);
	CHECK(!d[0].req_done); /* not all posted, 31 pending */
	CHECK(post_read(&q, 99) >= 0);
}

/* Shapes refused without touching the ring. */
static void bad_shapes(void)
{
	static struct blk_req q;
	struct bf_seg segs[BF_SEGS_MAX + 1];
	unsigned int i;

	setup();
	req_init(&q);
	for (i = 0; i <= BF_SEGS_MAX; i++)
		segs[i] = one_seg;
	CHECK_EQ_I64(bf_post(&f.r, &q, BLKIF_OP_READ, 0, segs, 0), -EINVAL);
	CHECK_EQ_I64(
	    bf_post(&f.r, &q, BLKIF_OP_WRITE, 0, segs, BF_SEGS_MAX + 1),
	    -EINVAL);
	CHECK_EQ_I64(bf_post(&f.r, &q, BLKIF_OP_FLUSH_DISKCACHE, 0, segs, 1),
		     -EINVAL);
	CHECK_EQ_I64(bf_post(&f.r, &q, BLKIF_OP_DISCARD, 0, segs, 1), -EINVAL);
	segs[3].last = 8;
	CHECK_EQ_I64(bf_post(&f.r, &q, BLKIF_OP_READ, 0, segs, 4), -EINVAL);
	segs[3].last = 2;
	segs[3].first = 3;
	CHECK_EQ_I64(bf_post(&f.r, &q, BLKIF_OP_READ, 0, segs, 4), -EINVAL);
	CHECK_EQ_U64(f.r.req_prod_pvt, 0);
	CHECK_EQ_U64(q.pending, 0);
	segs[3] = one_seg;
	CHECK_EQ_I64(bf_post(&f.r, &q, BLKIF_OP_WRITE, 0, segs, BF_SEGS_MAX),
		     0);
	CHECK(bf_post(&f.r, &q, BLKIF_OP_FLUSH_DISKCACHE, 0, NULL, 0) >= 0);
	bf_push(&f.r);
	CHECK_EQ_U64(be_req().nr_segments, BF_SEGS_MAX);
	CHECK_EQ_U64(be_req().operation, BLKIF_OP_FLUSH_DISKCACHE);
}

/* Indirect requests: the segment list lands in our page, the ring slot
 * names it; shapes beyond the limits are refused; the answer may echo
 * the read/write or BLKIF_OP_INDIRECT, nothing else. */
static void indirect(void)
{
	static struct blk_req q;
	static struct blkif_request_segment page[512];
	struct bf_seg segs[BF_IND_SEGS_MAX + 1];
	struct bf_done d[4];
	blkif_request_indirect_t qi;
	blkif_request_t rq;
	unsigned int i;
	int id0, id1, id2;

	setup();
	req_init(&q);
	for (i = 0; i <= BF_IND_SEGS_MAX; i++)
		segs[i] = (struct bf_seg){
		    .gref = 100 + i, .first = (uint8_t)(i % 8), .last = 7};
	memset(page, 0xee, sizeof(page));
	CHECK_EQ_I64(bf_post_indirect(&f.r, &q, BLKIF_OP_READ, 0, segs,
				      BF_IND_SEGS_MAX + 1, page, 9),
		     -EINVAL);
	CHECK_EQ_I64(
	    bf_post_indirect(&f.r, &q, BLKIF_OP_READ, 0, segs, 0, page, 9),
	    -EINVAL);
	CHECK_EQ_I64(bf_post_indirect(&f.r, &q, BLKIF_OP_FLUSH_DISKCACHE, 0,
				      segs, 3, page, 9),
		     -EINVAL);
	CHECK_EQ_U64(f.r.req_prod_pvt, 0);
	id0 = bf_post_indirect(&f.r, &q, BLKIF_OP_READ, 4096, segs,
			       BF_IND_SEGS_MAX, page, 9);
	CHECK(id0 >= 0);
	for (i = 0; i < BF_IND_SEGS_MAX; i++) {
		CHECK_EQ_U64(page[i].gref, 100 + i);
		CHECK_EQ_U64(page[i].first_sect, i % 8);
		CHECK_EQ_U64(page[i].last_sect, 7);
	}
	id1 = bf_post_indirect(&f.r, &q, BLKIF_OP_WRITE, 8192, segs, 12, page,
			       10);
	id2 = bf_post_indirect(&f.r, &q, BLKIF_OP_READ, 0, segs, 1, page, 11);
	CHECK(id1 >= 0 && id2 >= 0);
	bf_push(&f.r);
	rq = be_req();
	memcpy(&qi, &rq, sizeof(qi));
	CHECK_EQ_U64(qi.operation, BLKIF_OP_INDIRECT);
	CHECK_EQ_U64(qi.indirect_op, BLKIF_OP_READ);
	CHECK_EQ_U64(qi.nr_segments, BF_IND_SEGS_MAX);
	CHECK_EQ_U64(qi.sector_number, 4096);
	CHECK_EQ_U64(qi.handle, 51712);
	CHECK_EQ_U64(qi.indirect_grefs[0], 9);
	CHECK_EQ_U64(qi.id, (uint64_t)id0);
	rq = be_req();
	memcpy(&qi, &rq, sizeof(qi));
	CHECK_EQ_U64(qi.indirect_op, BLKIF_OP_WRITE);
	CHECK_EQ_U64(qi.nr_segments, 12);
	be_rsp((uint64_t)id0, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	be_rsp((uint64_t)id1, BLKIF_OP_INDIRECT, BLKIF_RSP_OKAY);
	CHECK_EQ_I64(bf_reap(&f.r, d, 4), 2);
	CHECK_EQ_I64(d[0].status, 0);
	CHECK_EQ_I64(d[1].status, 0);
	/* A write's answer to a read is still a violation. */
	be_rsp((uint64_t)id2, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	CHECK_EQ_I64(bf_reap(&f.r, d, 4), -EIO);
	CHECK_STR(f.r.error, "response operation is not the request's");
	/* A plain request's answer may not say INDIRECT. */
	setup();
	id0 = post_read(&q, 0);
	bf_push(&f.r);
	be_req();
	be_rsp((uint64_t)id0, BLKIF_OP_INDIRECT, BLKIF_RSP_OKAY);
	CHECK_EQ_I64(bf_reap(&f.r, d, 4), -EIO);
}

/* Split a transfer and post it the way the driver does; returns the
 * number of ring requests and checks that the pieces tile [buf, len). */
static unsigned int split_all(uintptr_t buf, uint64_t len, bool direct,
			      unsigned int max_segs, unsigned int *pieces)
{
	struct bf_piece p[BF_SEGS_MAX];
	uint64_t pos = 0, bytes;
	unsigned int reqs = 0, i, n;

	*pieces = 0;
	while (pos < len) {
		uint64_t start = pos;

		n = bf_split(buf, len, pos, direct, max_segs, p, &bytes);
		CHECK(n >= 1 && n <= max_segs);
		for (i = 0; i < n; i++) {
			struct bf_seg s = bf_piece_seg(&p[i], 1);
			uintptr_t at =
			    direct ? p[i].page + p[i].off : p[i].page;

			CHECK_EQ_U64(at, buf + pos);
			CHECK(p[i].len > 0 && p[i].len <= BF_PAGE);
			CHECK(p[i].off + p[i].len <= BF_PAGE);
			CHECK(s.first <= s.last && s.last < 8);
			CHECK_EQ_U64((s.last - s.first + 1) * 512u, p[i].len);
			if (direct)
				CHECK_EQ_U64(p[i].page % BF_PAGE, 0);
			pos += p[i].len;
		}
		CHECK_EQ_U64(bytes, pos - start);
		*pieces += n;
		reqs++;
	}
	CHECK_EQ_U64(pos, len);
	return reqs;
}

static void split_transfers(void)
{
	unsigned int pieces;

	/* Page-aligned 64 KiB: 16 pages, 11 + 5. */
	CHECK_EQ_U64(split_all(0x10000, 65536, true, 11, &pieces), 2);
	CHECK_EQ_U64(pieces, 16);
	/* 512-aligned, not page-aligned: one more page touched. */
	CHECK_EQ_U64(split_all(0x10200, 65536, true, 11, &pieces), 2);
	CHECK_EQ_U64(pieces, 17);
	/* Bounced (odd address): whole bounce pages. */
	CHECK_EQ_U64(split_all(0x10001, 65536, false, 11, &pieces), 2);
	CHECK_EQ_U64(pieces, 16);
	/* A smaller segment limit. */
	CHECK_EQ_U64(split_all(0x10000, 65536, true, 3, &pieces), 6);
	/* One sector at the end of a page. */
	CHECK_EQ_U64(split_all(0x10e00, 512, true, 11, &pieces), 1);
	CHECK_EQ_U64(pieces, 1);
	/* 1 MiB + 1 sector bounced. */
	CHECK_EQ_U64(split_all(0x7, 1048576 + 512, false, 11, &pieces), 24);
	CHECK_EQ_U64(pieces, 257);
}

/* A block request over three ring requests completes with the last
 * answer only; the first error (ERROR before EOPNOTSUPP) wins. */
static void split_request_errors(void)
{
	static struct blk_req q;
	struct bf_seg segs[BF_SEGS_MAX];
	struct bf_done d[4];
	uint64_t id[3];
	unsigned int i;

	setup();
	req_init(&q);
	for (i = 0; i < BF_SEGS_MAX; i++)
		segs[i] = one_seg;
	for (i = 0; i < 3; i++)
		CHECK(bf_post(&f.r, &q, BLKIF_OP_WRITE, i * 88, segs,
			      BF_SEGS_MAX) >= 0);
	q.all_posted = true;
	bf_push(&f.r);
	for (i = 0; i < 3; i++)
		id[i] = be_req().id;
	be_rsp(id[1], BLKIF_OP_WRITE, BLKIF_RSP_ERROR);
	CHECK_EQ_I64(bf_reap(&f.r, d, 4), 1);
	CHECK(!d[0].req_done);
	CHECK_EQ_I64(d[0].status, -EIO);
	be_rsp(id[2], BLKIF_OP_WRITE, BLKIF_RSP_EOPNOTSUPP);
	be_rsp(id[0], BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	CHECK_EQ_I64(bf_reap(&f.r, d, 4), 2);
	CHECK_EQ_I64(d[0].status, -EOPNOTSUPP);
	CHECK(!d[0].req_done);
	CHECK(d[1].req_done);
	CHECK_EQ_I64(q.status, -EIO);
	CHECK(!f.r.error); /* errors are answers, not violations */
}

/* Two requests in flight (q0 all posted, q1 not), then response rsp
 * breaks the ring: -EIO naming what, -EIO for good, and both fail. */
static void hostile(void (*respond)(uint64_t id0, uint64_t id1),
		    const char *what)
{
	static struct blk_req q0, q1;
	struct bf_done d[8];
	uint64_t id0, id1;
	int n, k, done = 0;

	setup();
	req_init(&q0);
	req_init(&q1);
	CHECK(post_read(&q0, 0) >= 0);
	CHECK(post_read(&q1, 8) >= 0);
	q0.all_posted = true;
	bf_push(&f.r);
	id0 = be_req().id;
	id1 = be_req().id;
	respond(id0, id1);
	/* Answers before the violation come first (rsp_twice's). */
	n = bf_reap(&f.r, d, 8);
	for (k = 0; k < n; k++)
		done += d[k].req_done;
	if (CHECK(f.r.error))
		CHECK_STR(f.r.error, what);
	CHECK_EQ_I64(bf_reap(&f.r, d, 8), -EIO);
	CHECK_EQ_I64(post_read(&q1, 16), -EIO);
	CHECK(!bf_ring_can_post(&f.r));
	n = bf_fail_inflight(&f.r, d, 8);
	for (k = 0; k < n; k++) {
		CHECK_EQ_I64(d[k].status, -EIO);
		done += d[k].req_done;
	}
	/* Whatever was answered before the violation stays answered;
	 * the rest fails now. q1 is not all posted: the driver fails it.
	 * q0 completes exactly once, by its answer or by the failure. */
	CHECK_EQ_U64(f.r.inflight, 0);
	CHECK_EQ_I64(q0.pending, 0);
	CHECK_EQ_I64(q1.pending, 0);
	CHECK_EQ_I64(done, 1);
}

static void rsp_id_range(uint64_t id0, uint64_t id1)
{
	(void)id0;
	(void)id1;
	be_rsp(BF_RING_SIZE, BLKIF_OP_READ, BLKIF_RSP_OKAY);
}

static void rsp_id_huge(uint64_t id0, uint64_t id1)
{
	(void)id1;
	be_rsp(id0 | 1ull << 40, BLKIF_OP_READ, BLKIF_RSP_OKAY);
}

static void rsp_not_in_flight(uint64_t id0, uint64_t id1)
{
	(void)id1;
	/* An id that was never posted: ids go out lowest first. */
	be_rsp(id0 + 5, BLKIF_OP_READ, BLKIF_RSP_OKAY);
}

static void rsp_twice(uint64_t id0, uint64_t id1)
{
	(void)id1;
	be_rsp(id0, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	be_rsp(id0, BLKIF_OP_READ, BLKIF_RSP_OKAY);
}

static void rsp_bad_status(uint64_t id0, uint64_t id1)
{
	(void)id1;
	be_rsp(id0, BLKIF_OP_READ, -3);
}

static void rsp_positive_status(uint64_t id0, uint64_t id1)
{
	(void)id0;
	be_rsp(id1, BLKIF_OP_READ, 1);
}

static void rsp_wrong_op(uint64_t id0, uint64_t id1)
{
	(void)id1;
	be_rsp(id0, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
}

static void rsp_prod_ahead(uint64_t id0, uint64_t id1)
{
	be_rsp(id0, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	be_rsp(id1, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	f.s->rsp_prod += 1; /* claims three for two requests */
}

static void violations(void)
{
	hostile(rsp_id_range, "response id out of range");
	hostile(rsp_id_huge, "response id out of range");
	hostile(rsp_not_in_flight, "response for an id not in flight");
	hostile(rsp_twice, "response for an id not in flight");
	hostile(rsp_bad_status, "bad response status");
	hostile(rsp_positive_status, "bad response status");
	hostile(rsp_wrong_op, "response operation is not the request's");
	hostile(rsp_prod_ahead,
		"response producer index ahead of the requests");
}

/* A response for an unpublished request (written, not pushed) counts as
 * the producer running ahead. */
static void answer_before_push(void)
{
	static struct blk_req q;
	struct bf_done d[2];

	setup();
	req_init(&q);
	CHECK(post_read(&q, 0) >= 0);
	be_rsp(0, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	CHECK_EQ_I64(bf_reap(&f.r, d, 2), -EIO);
}

/* The response is read once: changing the slot after the reap changes
 * nothing, and the notify test follows req_event. */
static void notify_and_copy(void)
{
	static struct blk_req q;
	struct bf_done d[2];
	blkif_request_t rq;

	setup();
	req_init(&q);
	q.all_posted = true;
	CHECK(post_read(&q, 0) >= 0);
	CHECK(bf_push(&f.r)); /* req_event 1: notify */
	rq = be_req();
	f.s->req_event = 5;
	CHECK(post_read(&q, 8) >= 0);
	CHECK(!bf_push(&f.r)); /* 2 < 5: no notify */
	be_rsp(rq.id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	CHECK_EQ_I64(bf_reap(&f.r, d, 2), 1);
	f.s->ring[0].rsp.id = 31;
	CHECK_EQ_I64(bf_reap(&f.r, d, 2), 0);
	CHECK(!f.r.error);
}

static void vdev_names(void)
{
	char n[BLKDEV_NAME_MAX];

	CHECK_EQ_I64(blkdev_vdev_name(51712, n, sizeof(n)), 0);
	CHECK_STR(n, "xvda");
	CHECK_EQ_I64(blkdev_vdev_name(51712 + 16 + 1, n, sizeof(n)), 0);
	CHECK_STR(n, "xvdb1");
	CHECK_EQ_I64(blkdev_vdev_name(51712 + 15 * 16, n, sizeof(n)), 0);
	CHECK_STR(n, "xvdp");
	CHECK_EQ_I64(blkdev_vdev_name(1ul << 28 | 26 << 8, n, sizeof(n)), 0);
	CHECK_STR(n, "xvdaa");
	CHECK_EQ_I64(blkdev_vdev_name(1ul << 28 | 701 << 8 | 3, n, sizeof(n)),
		     0);
	CHECK_STR(n, "xvdzz3");
	CHECK_EQ_I64(blkdev_vdev_name(1ul << 28 | 702 << 8, n, sizeof(n)), 0);
	CHECK_STR(n, "xvdaaa");
	CHECK_EQ_I64(blkdev_vdev_name(8 << 8 | 16, n, sizeof(n)), 0);
	CHECK_STR(n, "sdb");
	CHECK_EQ_I64(blkdev_vdev_name(65 << 8, n, sizeof(n)), 0);
	CHECK_STR(n, "sdq");
	CHECK_EQ_I64(blkdev_vdev_name(3 << 8 | 64 | 2, n, sizeof(n)), 0);
	CHECK_STR(n, "hdb2");
	CHECK_EQ_I64(blkdev_vdev_name(22 << 8, n, sizeof(n)), 0);
	CHECK_STR(n, "hdc");
	strcpy(n, "keep");
	CHECK_EQ_I64(blkdev_vdev_name(7 << 8, n, sizeof(n)), -EINVAL);
	CHECK_EQ_I64(blkdev_vdev_name(1ul << 16, n, sizeof(n)), -EINVAL);
	CHECK_EQ_I64(blkdev_vdev_name(1ul << 29 | 1ul << 28, n, sizeof(n)),
		     -EINVAL);
	CHECK_STR(n, "keep");
	CHECK_EQ_I64(blkdev_vdev_name(51712, n, 4), -EINVAL); /* no room */
}

CHECK_MAIN("blkfront", CHECK_TEST(honest_shuffled), CHECK_TEST(ring_full),
	   CHECK_TEST(bad_shapes), CHECK_TEST(indirect),
	   CHECK_TEST(split_transfers), CHECK_TEST(split_request_errors),
	   CHECK_TEST(violations), CHECK_TEST(answer_before_push),
	   CHECK_TEST(notify_and_copy), CHECK_TEST(vdev_names))
