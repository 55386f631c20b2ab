/*
 * Fuzzer of blkfront's ring alone (drivers/xen/blkfront_ring.c), fast
 * where fuzz_blkfront.c is thorough: the input is a script of posts
 * (plain and indirect, any legal shape), publications, responses from a
 * backend (honest: one per request read, in order; or any id, operation
 * and status at any producer index), reaps with any bound, failing
 * everything in flight, and bf_split() on any buffer. A model of the
 * ids in flight checks every completion: its id was in flight for that
 * request, each once, and a request is done exactly when its last part
 * is answered.
 */
#include <kernel/blkfront_ring.h>
#include <kernel/errno.h>

#include "fuzz_input.h"

#define NREQ 4

static struct {
	struct bf_ring r;
	blkif_sring_t *s;
	struct blkif_request_segment *ind;
	struct blk_req req[NREQ];
	int owner[BF_RING_SIZE]; /* -1, or the request of an id in flight */
	RING_IDX back_cons, back_prod; /* the backend's indices */
	bool lied;
} m;

static void post(struct fin *f, bool indirect)
{
	struct bf_seg segs[BF_IND_SEGS_MAX];
	uint8_t how = fin_u8(f);
	unsigned int k = how % NREQ, n, i, max;
	uint8_t op = how & 4 ? BLKIF_OP_WRITE : BLKIF_OP_READ;
	int id;

	if (how & 8 && !indirect)
		op = how & 16 ? BLKIF_OP_FLUSH_DISKCACHE
			      : BLKIF_OP_WRITE_BARRIER;
	max = indirect ? BF_IND_SEGS_MAX : BF_SEGS_MAX;
	n = op == BLKIF_OP_READ || op == BLKIF_OP_WRITE ? 1 + fin_u8(f) % max
							: 0;
	for (i = 0; i < n; i++) {
		uint8_t a = fin_u8(f) % 8, b = fin_u8(f) % 8;

		segs[i].gref = fin_u32(f);
		segs[i].first = a < b ? a : b;
		segs[i].last = a < b ? b : a;
	}
	m.req[k].all_posted = how & 32;
	id = indirect ? bf_post_indirect(&m.r, &m.req[k], op, fin_u64(f), segs,
					 n, m.ind, fin_u32(f))
		      : bf_post(&m.r, &m.req[k], op, fin_u64(f), segs, n);
	if (id < 0) {
		FUZZ_ASSERT(id == -EAGAIN || id == -EIO);
		FUZZ_ASSERT(id != -EAGAIN || !bf_ring_can_post(&m.r));
		return;
	}
	FUZZ_ASSERT(id < BF_RING_SIZE && m.owner[id] < 0);
	m.owner[id] = (int)k;
}

/* Honest: answer the next published requests, in order. */
static void answer(struct fin *f)
{
	unsigned int k = fin_u8(f) % 8;

	while (k-- && m.back_cons != m.s->req_prod) {
		blkif_request_t *q =
		    &m.s->ring[m.back_cons++ % BF_RING_SIZE].req;
		blkif_response_t rsp = {.id = q->id, .operation = q->operation};

		rsp.status = fin_u8(f) & 1 ? BLKIF_RSP_ERROR : BLKIF_RSP_OKAY;
		m.s->ring[m.back_prod++ % BF_RING_SIZE].rsp = rsp;
	}
	m.s->rsp_prod = m.back_prod;
}

static void lie(struct fin *f)
{
	blkif_response_t rsp;

	m.lied = true;
	if (fin_u8(f) & 1) {
		m.s->rsp_prod += fin_u16(f);
		return;
	}
	rsp.id = fin_u64(f) % 40;
	rsp.operation = fin_u8(f);
	rsp.status = (int16_t)fin_u16(f);
	m.s->ring[m.back_prod++ % BF_RING_SIZE].rsp = rsp;
	m.s->rsp_prod = m.back_prod;
}

static void done(const struct bf_done *d, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		int k = m.owner[d[i].id];

		unsigned int id, left = 0;

		FUZZ_ASSERT(d[i].id < BF_RING_SIZE && k >= 0);
		FUZZ_ASSERT(d[i].req == &m.req[k]);
		m.owner[d[i].id] = -1;
		for (id = 0; id < BF_RING_SIZE; id++)
			left += m.owner[id] == k;
		/* Done when its last part is answered (and all are posted). */
		FUZZ_ASSERT(d[i].req_done == (m.req[k].all_posted && !left));
	}
}

static void reap(struct fin *f)
{
	struct bf_done d[BF_RING_SIZE];
	unsigned int max = 1 + fin_u8(f) % BF_RING_SIZE;
	int n = bf_reap(&m.r, d, max);

	FUZZ_ASSERT(n == -EIO || (n >= 0 && (unsigned int)n <= max));
	if (n == -EIO) {
		if (!m.lied)
			fprintf(stderr, "%s (%ld)\n", m.r.error, m.r.error_val);
		FUZZ_ASSERT(m.lied && m.r.error);
		return;
	}
	done(d, n);
	/* No answer is lost: an id the model has in flight still is. */
	for (max = 0; max < BF_RING_SIZE; max++)
		FUZZ_ASSERT(m.owner[max] < 0 || m.r.busy[max]);
}

static void split(struct fin *f)
{
	struct bf_piece p[BF_IND_SEGS_MAX];
	bool direct = fin_u8(f) & 1;
	uintptr_t buf = (uintptr_t)fin_u64(f) & ~(uintptr_t)(direct ? 511 : 0);
	uint64_t len = (uint64_t)fin_u32(f) * 512, pos = fin_u16(f) * 512ull;
	unsigned int max = 1 + fin_u8(f) % BF_IND_SEGS_MAX, n, i;
	uint64_t bytes, sum = 0;

	if (pos > len)
		pos = len;
	n = bf_split(buf, len, pos, direct, max, p, &bytes);
	FUZZ_ASSERT(n <= max && bytes <= len - pos);
	FUZZ_ASSERT(n == max || bytes == len - pos);
	for (i = 0; i < n; i++) {
		struct bf_seg s = bf_piece_seg(&p[i], 1);

		FUZZ_ASSERT(p[i].len && p[i].off + p[i].len <= BF_PAGE);
		if (direct)
			FUZZ_ASSERT(s.first <= s.last && s.last < 8);
		sum += p[i].len;
	}
	FUZZ_ASSERT(sum == bytes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fin f = {data, size};
	struct bf_done d[BF_RING_SIZE];
	unsigned int i;

	memset(&m, 0, sizeof(m));
	m.s = aligned_alloc(4096, 4096);
	m.ind = aligned_alloc(4096, 4096);
	for (i = 0; i < BF_RING_SIZE; i++)
		m.owner[i] = -1;
	bf_ring_init(&m.r, m.s, 51712);
	while (fin_left(&f)) {
		switch (fin_u8(&f) % 8) {
		case 0:
			post(&f, false);
			break;
		case 1:
			post(&f, true);
			break;
		case 2:
			bf_push(&m.r);
			break;
		case 3:
			answer(&f);
			break;
		case 4:
			lie(&f);
			break;
		case 5:
			reap(&f);
			break;
		case 6:
			done(d, bf_fail_inflight(&m.r, d, BF_RING_SIZE));
			for (i = 0; i < BF_RING_SIZE; i++)
				FUZZ_ASSERT(m.owner[i] < 0);
			m.lied = true; /* answers may still come: violations */
			break;
		default:
			split(&f);
			break;
		}
	}
	free(m.s);
	free(m.ind);
	return 0;
}
