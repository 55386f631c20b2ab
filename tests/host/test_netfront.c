/*
 * Tests of drivers/xen/netfront_ring.c: netfront's shared rings driven by
 * a fake backend played here, honest first (many frames, wrap-around,
 * event requests), then hostile: bad and duplicate ids, ids not in
 * flight, bad statuses, offset + length past the page, flags that were
 * not negotiated, a producer index jumping ahead; merged transmit frames
 * (GSO: extra-info slot, NULL responses, ring room apart from ids, shapes
 * refused); then receive chains
 * (scatter-gather + GSO): a whole GSO packet published in two parts,
 * chains that are dropped (over 64 KiB, an error slot, over the MTU
 * without GSO) and hostile ones (too long, an extra-info slot where none
 * may be, a GSO type or extra not negotiated). Every violation must give
 * -EIO, name what was wrong, and stay -EIO.
 */
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/netfront_ring.h>

#include "check.h"

#define MASK (NF_RING_SIZE - 1)

static struct {
	netif_tx_sring_t *txs;
	netif_rx_sring_t *rxs;
	struct nf_txq tx;
	struct nf_rxq rx;
	uint32_t gref[NF_RING_SIZE];
	uint16_t off[NF_RING_SIZE];
	/* The backend's own consumer indices. */
	RING_IDX tx_req_cons, rx_req_cons;
} f;

static void setup_with(bool sg, bool gso)
{
	unsigned int i;

	free(f.txs);
	free(f.rxs);
	f.txs = aligned_alloc(4096, 4096);
	f.rxs = aligned_alloc(4096, 4096);
	memset(f.txs, 0xee, 4096); /* garbage the init must not rely on */
	memset(f.rxs, 0xee, 4096);
	for (i = 0; i < NF_RING_SIZE; i++) {
		f.gref[i] = 1000 + i;
		f.off[i] = (uint16_t)((i & 1) * 2048);
	}
	nf_tx_init(&f.tx, f.txs, f.gref, f.off);
	nf_rx_init(&f.rx, f.rxs, f.gref, sg, gso);
	f.tx_req_cons = f.rx_req_cons = 0;
}

static void setup(void)
{
	setup_with(false, false);
}

/* Backend: take the next transmit request (it must be there). */
static netif_tx_request_t be_tx_req(void)
{
	netif_tx_request_t r;

	CHECK(f.tx_req_cons != f.txs->req_prod);
	r = f.txs->ring[f.tx_req_cons++ & MASK].req;
	return r;
}

/* Backend: write a transmit response and publish it. */
static void be_tx_rsp(uint16_t id, int16_t status)
{
	netif_tx_response_t *r = &f.txs->ring[f.txs->rsp_prod & MASK].rsp;

	r->id = id;
	r->status = status;
	f.txs->rsp_prod++;
}

static netif_rx_request_t be_rx_req(void)
{
	CHECK(f.rx_req_cons != f.rxs->req_prod);
	return f.rxs->ring[f.rx_req_cons++ & MASK].req;
}

static void be_rx_rsp(uint16_t id, uint16_t offset, uint16_t flags,
		      int16_t status)
{
	netif_rx_response_t *r = &f.rxs->ring[f.rxs->rsp_prod & MASK].rsp;

	r->id = id;
	r->offset = offset;
	r->flags = flags;
	r->status = status;
	f.rxs->rsp_prod++;
}

/* Post one transmit of len bytes and publish it; returns its id. */
static int send_one(uint16_t len)
{
	int id = nf_tx_post(&f.tx, len, 0);

	if (id >= 0)
		nf_tx_push(&f.tx);
	return id;
}

static void test_tx_normal_wraparound(void)
{
	struct nf_tx_done done[NF_RING_SIZE];
	unsigned int round, total = 0;

	setup();
	/* 40 rounds of 100 frames: the indices wrap the ring 15 times. */
	for (round = 0; round < 40; round++) {
		unsigned int i, n;
		int got;

		for (i = 0; i < 100; i++) {
			int id = send_one((uint16_t)(60 + i));
			netif_tx_request_t q;

			if (!CHECK(id >= 0 && id < NF_RING_SIZE))
				return;
			q = be_tx_req();
			CHECK_EQ_U64(q.id, id);
			CHECK_EQ_U64(q.size, 60 + i);
			CHECK_EQ_U64(q.gref, 1000 + id);
			CHECK_EQ_U64(q.offset, (id & 1) * 2048);
			CHECK_EQ_U64(q.flags, 0);
			be_tx_rsp(q.id,
				  i % 7 ? NETIF_RSP_OKAY : NETIF_RSP_DROPPED);
		}
		for (n = 0; n < 100; n += (unsigned int)got) {
			got = nf_tx_reap(&f.tx, done, 30);
			if (!CHECK(got > 0))
				return;
			total += (unsigned int)got;
		}
		CHECK_EQ_I64(nf_tx_reap(&f.tx, done, 30), 0);
	}
	CHECK_EQ_U64(total, 4000);
	CHECK_EQ_U64(f.tx.q.inflight, 0);
	CHECK_EQ_U64(f.tx.q.nfree, NF_RING_SIZE);
	CHECK(f.tx.q.error == NULL);
	/* After an empty reap the backend is asked for the next response. */
	CHECK_EQ_U64(f.txs->rsp_event, f.tx.q.rsp_cons + 1);
}

static void test_tx_full_ring(void)
{
	struct nf_tx_done done[NF_RING_SIZE];
	unsigned int i;

	setup();
	for (i = 0; i < NF_RING_SIZE; i++)
		if (!CHECK(nf_tx_post(&f.tx, 100, 0) >= 0))
			return;
	CHECK_EQ_I64(nf_tx_post(&f.tx, 100, 0), -EAGAIN);
	nf_tx_push(&f.tx);
	for (i = 0; i < NF_RING_SIZE; i++) {
		netif_tx_request_t q = be_tx_req();

		be_tx_rsp(q.id, NETIF_RSP_OKAY);
	}
	CHECK_EQ_I64(nf_tx_reap(&f.tx, done, NF_RING_SIZE), NF_RING_SIZE);
	CHECK(nf_tx_post(&f.tx, 100, 0) >= 0);
}

/* Notification: the first push after the backend asked (req_event) says
 * notify; a push the backend did not ask for does not. */
static void test_tx_notify(void)
{
	setup();
	CHECK(nf_tx_post(&f.tx, 60, 0) >= 0);
	CHECK(nf_tx_push(&f.tx)); /* req_event starts at 1 */
	CHECK(nf_tx_post(&f.tx, 60, 0) >= 0);
	CHECK(!nf_tx_push(&f.tx)); /* backend has not asked again */
	f.txs->req_event = 3;	   /* asks to hear of request 3 */
	CHECK(nf_tx_post(&f.tx, 60, 0) >= 0);
	CHECK(nf_tx_push(&f.tx));
}

/* Every hostile transmit response, one per fresh setup. */
static void tx_hostile(uint16_t id, int16_t status, const char *what)
{
	struct nf_tx_done done[4];

	setup();
	if (!CHECK(send_one(60) == 0))
		return;
	be_tx_req();
	be_tx_rsp(id, status);
	CHECK_EQ_I64(nf_tx_reap(&f.tx, done, 4), -EIO);
	if (CHECK(f.tx.q.error != NULL))
		CHECK_STR(f.tx.q.error, what);
	/* Broken for good: nothing works any more. */
	CHECK_EQ_I64(nf_tx_post(&f.tx, 60, 0), -EIO);
	CHECK_EQ_I64(nf_tx_reap(&f.tx, done, 4), -EIO);
}

static void test_tx_bad_id(void)
{
	tx_hostile(NF_RING_SIZE, NETIF_RSP_OKAY, "response id out of range");
	tx_hostile(0xffff, NETIF_RSP_OKAY, "response id out of range");
}

static void test_tx_id_not_in_flight(void)
{
	tx_hostile(5, NETIF_RSP_OKAY, "response for an id not in flight");
}

static void test_tx_bad_status(void)
{
	tx_hostile(0, NETIF_RSP_NULL, "bad transmit status");
	tx_hostile(0, -7, "bad transmit status");
}

static void test_tx_duplicate(void)
{
	struct nf_tx_done done[4];

	setup();
	send_one(60);
	send_one(60);
	be_tx_req();
	be_tx_req();
	be_tx_rsp(0, NETIF_RSP_OKAY);
	be_tx_rsp(0, NETIF_RSP_OKAY); /* id 0 again, instead of 1 */
	CHECK_EQ_I64(nf_tx_reap(&f.tx, done, 4), -EIO);
	CHECK_STR(f.tx.q.error, "response for an id not in flight");
	CHECK_EQ_I64(f.tx.q.error_val, 0);
}

static void test_tx_prod_jumps_ahead(void)
{
	struct nf_tx_done done[4];

	setup();
	send_one(60);
	be_tx_req();
	be_tx_rsp(0, NETIF_RSP_OKAY);
	/* One request out, but the backend claims a whole ring more. */
	f.txs->rsp_prod += NF_RING_SIZE;
	CHECK_EQ_I64(nf_tx_reap(&f.tx, done, 4), -EIO);
	CHECK_STR(f.tx.q.error,
		  "response producer index ahead of the requests");
	CHECK_EQ_I64(f.tx.q.error_val, NF_RING_SIZE + 1);
}

/* Responses to requests posted but not yet pushed are also ahead. */
static void test_tx_prod_ahead_of_published(void)
{
	struct nf_tx_done done[4];

	setup();
	CHECK(nf_tx_post(&f.tx, 60, 0) == 0); /* not pushed */
	be_tx_rsp(0, NETIF_RSP_OKAY);
	CHECK_EQ_I64(nf_tx_reap(&f.tx, done, 4), -EIO);
}

/* Backend: the NULL response to an extra-info slot (netback writes only
 * the status; the id field keeps whatever was there). */
static void be_tx_null(void)
{
	netif_tx_response_t *r = &f.txs->ring[f.txs->rsp_prod & MASK].rsp;

	r->id = 0xeeee;
	r->status = NETIF_RSP_NULL;
	f.txs->rsp_prod++;
}

/* A merged TCPv4 segment over three pages: the first slot carries the
 * whole length and the checksum flags, an extra-info slot with the MSS
 * follows it, then the other data slots with more_data on all but the
 * last. The backend answers out of order and publishes the NULL response
 * of the extra slot late; everything completes once, nothing leaks. */
static void test_tx_gso_frame(void)
{
	const uint16_t len[3] = {4096, 4096, 1000};
	const uint16_t csum = NETTXF_csum_blank | NETTXF_data_validated;
	struct nf_tx_done done[8];
	struct netif_extra_info e;
	netif_tx_request_t q[3];
	uint16_t ids[3];

	setup();
	CHECK_EQ_I64(
	    nf_tx_post_frame(&f.tx, len, 3, csum | NETTXF_more_data, 1448, ids),
	    0);
	CHECK(nf_tx_push(&f.tx));
	CHECK_EQ_U64(f.txs->req_prod, 4); /* 3 data slots + 1 extra */
	q[0] = be_tx_req();
	memcpy(&e, &f.txs->ring[f.tx_req_cons++ & MASK], sizeof(e));
	q[1] = be_tx_req();
	q[2] = be_tx_req();
	CHECK_EQ_U64(q[0].flags, csum | NETTXF_more_data | NETTXF_extra_info);
	CHECK_EQ_U64(q[0].size, 9192);
	CHECK_EQ_U64(q[0].id, ids[0]);
	CHECK_EQ_U64(q[0].gref, 1000 + ids[0]);
	CHECK_EQ_U64(e.type, XEN_NETIF_EXTRA_TYPE_GSO);
	CHECK_EQ_U64(e.flags, 0);
	CHECK_EQ_U64(e.u.gso.size, 1448);
	CHECK_EQ_U64(e.u.gso.type, XEN_NETIF_GSO_TYPE_TCPV4);
	CHECK_EQ_U64(e.u.gso.features, 0);
	CHECK_EQ_U64(q[1].flags, NETTXF_more_data);
	CHECK_EQ_U64(q[1].size, 4096);
	CHECK_EQ_U64(q[1].id, ids[1]);
	CHECK_EQ_U64(q[2].flags, 0);
	CHECK_EQ_U64(q[2].size, 1000);
	CHECK_EQ_U64(q[2].id, ids[2]);
	CHECK(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2]);

	be_tx_rsp(q[2].id, NETIF_RSP_OKAY); /* the last slot's first */
	be_tx_rsp(q[0].id, NETIF_RSP_OKAY); /* its NULL not yet published */
	CHECK_EQ_I64(nf_tx_reap(&f.tx, done, 8), 2);
	CHECK_EQ_U64(f.tx.nulls_due, 1);
	be_tx_null();
	be_tx_rsp(q[1].id, NETIF_RSP_OKAY);
	CHECK_EQ_I64(nf_tx_reap(&f.tx, done, 8), 1);
	CHECK_EQ_U64(done[0].id, q[1].id);
	CHECK(f.tx.q.error == NULL);
	CHECK_EQ_U64(f.tx.q.nfree, NF_RING_SIZE);
	CHECK_EQ_U64(f.tx.q.inflight, 0);
	CHECK_EQ_U64(f.tx.q.rsp_cons, 4);
}

/* Ring slots are counted apart from ids: 85 frames of two data slots
 * and an extra each fill 255 of the 256 slots with 170 ids in flight;
 * one more one-slot frame fits, then nothing does, though 85 ids are
 * still free. */
static void test_tx_gso_ring_room(void)
{
	const uint16_t len[2] = {4096, 100};
	struct nf_tx_done done[NF_RING_SIZE];
	uint16_t ids[2];
	unsigned int i;
	int n = 0, got;

	setup();
	for (i = 0; i < 85; i++)
		if (!CHECK_EQ_I64(nf_tx_post_frame(&f.tx, len, 2, 0, 1460, ids),
				  0))
			return;
	CHECK_EQ_I64(nf_tx_post_frame(&f.tx, len, 2, 0, 1460, ids), -EAGAIN);
	CHECK_EQ_I64(nf_tx_post_frame(&f.tx, len, 2, 0, 0, ids), -EAGAIN);
	CHECK(nf_tx_post(&f.tx, 60, 0) >= 0);
	CHECK_EQ_I64(nf_tx_post(&f.tx, 60, 0), -EAGAIN);
	CHECK_EQ_U64(f.tx.q.nfree, NF_RING_SIZE - 171);
	nf_tx_push(&f.tx);
	/* The backend answers each frame: first slot, NULL, second. */
	for (i = 0; i < 85; i++) {
		netif_tx_request_t a = be_tx_req(), b;

		f.tx_req_cons++; /* the extra slot */
		b = be_tx_req();
		be_tx_rsp(a.id, NETIF_RSP_OKAY);
		be_tx_null();
		be_tx_rsp(b.id, NETIF_RSP_OKAY);
	}
	be_tx_rsp(be_tx_req().id, NETIF_RSP_OKAY);
	while ((got = nf_tx_reap(&f.tx, done, 64)) > 0)
		n += got;
	CHECK_EQ_I64(got, 0);
	CHECK_EQ_I64(n, 171);
	CHECK_EQ_U64(f.tx.q.nfree, NF_RING_SIZE);
	CHECK(nf_tx_post_frame(&f.tx, len, 2, 0, 1460, ids) == 0);
}

/* Shapes the ring must refuse, leaving nothing behind. */
static void test_tx_frame_shapes(void)
{
	uint16_t len[NF_TX_SLOTS_MAX + 1], ids[NF_TX_SLOTS_MAX + 1];
	unsigned int i;

	setup();
	for (i = 0; i <= NF_TX_SLOTS_MAX; i++)
		len[i] = 3000;
	CHECK_EQ_I64(nf_tx_post_frame(&f.tx, len, 0, 0, 0, ids), -EINVAL);
	CHECK_EQ_I64(
	    nf_tx_post_frame(&f.tx, len, NF_TX_SLOTS_MAX + 1, 0, 1460, ids),
	    -EINVAL);
	/* 17 slots of 3000 bytes: a frame that fits */
	CHECK_EQ_I64(nf_tx_post_frame(&f.tx, len, NF_TX_SLOTS_MAX, 0, 0, ids),
		     0);
	len[1] = 4097;
	CHECK_EQ_I64(nf_tx_post_frame(&f.tx, len, 2, 0, 0, ids), -EINVAL);
	len[1] = 0;
	CHECK_EQ_I64(nf_tx_post_frame(&f.tx, len, 2, 0, 0, ids), -EINVAL);
	len[0] = 13; /* shorter than an Ethernet header */
	len[1] = 100;
	CHECK_EQ_I64(nf_tx_post_frame(&f.tx, len, 2, 0, 0, ids), -EINVAL);
	CHECK_EQ_U64(f.tx.q.nfree, NF_RING_SIZE - NF_TX_SLOTS_MAX);
	CHECK_EQ_U64(f.tx.q.req_prod_pvt, NF_TX_SLOTS_MAX);
	for (i = 0; i < NF_TX_SLOTS_MAX; i++)
		len[i] = 4000;
	CHECK_EQ_I64(nf_tx_post_frame(&f.tx, len, NF_TX_SLOTS_MAX, 0, 0, ids),
		     -EINVAL); /* 68000 bytes */
}

/* Where the NULL response of an extra slot is due, an id response is a
 * violation; a NULL anywhere else is a bad status (test_tx_bad_status). */
static void test_tx_null_missing(void)
{
	const uint16_t len[2] = {1514, 1000};
	struct nf_tx_done done[4];
	uint16_t ids[2];

	setup();
	CHECK_EQ_I64(nf_tx_post_frame(&f.tx, len, 2, 0, 1460, ids), 0);
	nf_tx_push(&f.tx);
	be_tx_rsp(ids[0], NETIF_RSP_OKAY);
	be_tx_rsp(ids[1], NETIF_RSP_OKAY); /* where the NULL belongs */
	CHECK_EQ_I64(nf_tx_reap(&f.tx, done, 4), -EIO);
	CHECK_STR(f.tx.q.error, "extra-info slot without its NULL response");
	CHECK_EQ_I64(nf_tx_post(&f.tx, 60, 0), -EIO);
}

/* The backend fills every posted buffer; checks the frames come back. */
static void test_rx_normal_wraparound(void)
{
	unsigned int i, frames = 0;
	struct nf_rx_frame fr;

	setup();
	CHECK_EQ_I64(nf_rx_refill(&f.rx), NF_RING_SIZE);
	nf_rx_push(&f.rx);
	CHECK_EQ_I64(nf_rx_refill(&f.rx), 0); /* all posted */
	for (i = 0; i < 5000; i++) {
		netif_rx_request_t q = be_rx_req();

		CHECK_EQ_U64(q.gref, 1000 + q.id);
		be_rx_rsp(q.id, (uint16_t)(i % 64), NETRXF_data_validated,
			  (int16_t)(60 + i % 1400));
		if (!CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 1))
			return;
		CHECK_EQ_U64(fr.nslots, 1);
		CHECK_EQ_U64(fr.slot[0].id, q.id);
		CHECK_EQ_U64(fr.slot[0].offset, i % 64);
		CHECK_EQ_U64(fr.slot[0].len, 60 + i % 1400);
		CHECK_EQ_U64(fr.len, 60 + i % 1400);
		CHECK_EQ_U64(fr.gso_size, 0);
		nf_rx_release(&f.rx, fr.slot[0].id);
		frames++;
		if (i % 10 == 9) {
			CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 0);
			CHECK_EQ_I64(nf_rx_refill(&f.rx), 10);
			nf_rx_push(&f.rx);
		}
	}
	CHECK_EQ_U64(frames, 5000);
	CHECK_EQ_U64(f.rx.dropped, 0);
	CHECK(f.rx.q.error == NULL);
}

/* Error statuses, empty and over-long frames are dropped (len 0), not
 * violations, and their buffers come back. */
static void test_rx_dropped_frames(void)
{
	struct nf_rx_frame fr;
	int16_t st[] = {NETIF_RSP_ERROR, NETIF_RSP_DROPPED, 0, 1515};
	uint16_t fl[] = {0, 0, 0, NETRXF_csum_blank};
	unsigned int i;

	setup();
	nf_rx_refill(&f.rx);
	nf_rx_push(&f.rx);
	for (i = 0; i < ARRAY_SIZE(st); i++) {
		netif_rx_request_t q = be_rx_req();

		be_rx_rsp(q.id, 0, fl[i], st[i]);
		CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 1);
		CHECK_EQ_U64(fr.len, 0);
		nf_rx_release(&f.rx, fr.slot[0].id);
	}
	CHECK_EQ_U64(f.rx.dropped, ARRAY_SIZE(st));
	CHECK(f.rx.q.error == NULL);
	CHECK_EQ_I64(nf_rx_refill(&f.rx), ARRAY_SIZE(st));
}

/* Checksum offload: the request carries only the checksum flags asked
 * for; a received frame's csum_blank / data_validated pass on to the
 * caller and the frame is delivered. */
static void test_csum_flags(void)
{
	struct nf_rx_frame fr;
	netif_tx_request_t q;
	uint16_t fl[] = {NETRXF_csum_blank | NETRXF_data_validated,
			 NETRXF_data_validated, 0};
	unsigned int i;

	setup();
	CHECK(nf_tx_post(&f.tx, 60,
			 NETTXF_csum_blank | NETTXF_data_validated |
			     NETTXF_more_data | NETTXF_extra_info) == 0);
	nf_tx_push(&f.tx);
	q = be_tx_req();
	CHECK_EQ_U64(q.flags, NETTXF_csum_blank | NETTXF_data_validated);
	nf_rx_refill(&f.rx);
	nf_rx_push(&f.rx);
	for (i = 0; i < ARRAY_SIZE(fl); i++) {
		netif_rx_request_t r = be_rx_req();

		be_rx_rsp(r.id, 0, fl[i], 100);
		CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 1);
		CHECK_EQ_U64(fr.len, 100);
		CHECK_EQ_U64(fr.flags, fl[i]);
		nf_rx_release(&f.rx, fr.slot[0].id);
	}
	CHECK_EQ_U64(f.rx.csum_blank, 1);
	CHECK_EQ_U64(f.rx.dropped, 0);
}

static void rx_hostile(uint16_t id, uint16_t offset, uint16_t flags,
		       int16_t status, const char *what)
{
	struct nf_rx_frame fr;

	setup();
	nf_rx_refill(&f.rx);
	nf_rx_push(&f.rx);
	be_rx_req();
	be_rx_rsp(id, offset, flags, status);
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), -EIO);
	if (CHECK(f.rx.q.error != NULL))
		CHECK_STR(f.rx.q.error, what);
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), -EIO);
	CHECK_EQ_I64(nf_rx_refill(&f.rx), -EIO);
}

static void test_rx_bad_id(void)
{
	rx_hostile(NF_RING_SIZE, 0, 0, 60, "response id out of range");
}

static void test_rx_past_page(void)
{
	rx_hostile(0, 4000, 0, 97, "receive offset + length past the page");
	rx_hostile(0, 4096, 0, 1, "receive offset + length past the page");
	rx_hostile(0, 0, 0, 0x7fff, "receive offset + length past the page");
}

static void test_rx_negative_status(void)
{
	rx_hostile(0, 0, 0, -3, "bad receive status");
	rx_hostile(0, 0, 0, -32768, "bad receive status");
}

static void test_rx_flags_not_negotiated(void)
{
	rx_hostile(0, 0, NETRXF_more_data, 60, "receive flags not negotiated");
	rx_hostile(0, 0, NETRXF_extra_info, 60, "receive flags not negotiated");
}

static void test_rx_duplicate(void)
{
	struct nf_rx_frame fr;

	setup();
	nf_rx_refill(&f.rx);
	nf_rx_push(&f.rx);
	be_rx_req();
	be_rx_req();
	be_rx_rsp(3, 0, 0, 60);
	be_rx_rsp(3, 0, 0, 60);
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 1);
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), -EIO);
	CHECK_STR(f.rx.q.error, "response for an id not in flight");
}

/* A response for a buffer we hold (taken, not yet released) is a
 * duplicate too, even after a refill posted the others again. */
static void test_rx_id_held_by_us(void)
{
	struct nf_rx_frame fr;

	setup();
	nf_rx_refill(&f.rx);
	nf_rx_push(&f.rx);
	be_rx_req();
	be_rx_rsp(7, 0, 0, 60);
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 1);
	be_rx_rsp(7, 0, 0, 60);
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), -EIO);
}

static void test_rx_prod_jumps_ahead(void)
{
	struct nf_rx_frame fr;

	setup();
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 0); /* nothing posted */
	f.rxs->rsp_prod = 1;			 /* answers nothing */
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), -EIO);
	CHECK_STR(f.rx.q.error,
		  "response producer index ahead of the requests");
	setup();
	nf_rx_refill(&f.rx);
	nf_rx_push(&f.rx);
	f.rxs->rsp_prod = NF_RING_SIZE + 1;
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), -EIO);
	setup();
	nf_rx_refill(&f.rx);
	nf_rx_push(&f.rx);
	f.rxs->rsp_prod = (RING_IDX)-1; /* "behind": a huge difference */
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), -EIO);
}

/* A response published after the empty check is not missed: the
 * final check asks for an event and looks again. */
static void test_rx_event_request(void)
{
	struct nf_rx_frame fr;

	setup();
	nf_rx_refill(&f.rx);
	nf_rx_push(&f.rx);
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 0);
	CHECK_EQ_U64(f.rxs->rsp_event, 1);
	be_rx_req();
	be_rx_rsp(0, 0, 0, 60);
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 1);
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 0);
	CHECK_EQ_U64(f.rxs->rsp_event, 2);
}

/* --- Scatter-gather and GSO on receive ----------------------------------- */

/* Backend: a data slot for the next request; returns its id. */
static uint16_t be_rx_data(uint16_t flags, int16_t status)
{
	netif_rx_request_t q = be_rx_req();

	be_rx_rsp(q.id, 0, flags, status);
	return q.id;
}

/* Backend: an extra-info slot (it uses up the next request). */
static void be_rx_extra(uint8_t type, uint8_t flags, uint8_t gso_type,
			uint16_t size)
{
	struct netif_extra_info *e =
	    (struct netif_extra_info *)&f.rxs->ring[f.rxs->rsp_prod & MASK];

	be_rx_req();
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->flags = flags;
	e->u.gso.type = gso_type;
	e->u.gso.size = size;
	f.rxs->rsp_prod++;
}

static void rx_start(bool sg, bool gso)
{
	setup_with(sg, gso);
	nf_rx_refill(&f.rx);
	nf_rx_push(&f.rx);
}

static void release_all(const struct nf_rx_frame *fr)
{
	unsigned int i;

	for (i = 0; i < fr->nslots; i++)
		nf_rx_release(&f.rx, fr->slot[i].id);
}

/* A 62440-byte GSO packet: a first slot, the GSO extra, 15 more data
 * slots; published in two parts, taken only once it is whole. */
static void test_rx_gso_packet(void)
{
	struct nf_rx_frame fr;
	uint16_t ids[16];
	unsigned int i;

	rx_start(true, true);
	ids[0] = be_rx_data(NETRXF_extra_info | NETRXF_more_data |
				NETRXF_csum_blank | NETRXF_data_validated,
			    4096);
	be_rx_extra(XEN_NETIF_EXTRA_TYPE_GSO, 0, XEN_NETIF_GSO_TYPE_TCPV4,
		    1460);
	for (i = 1; i < 6; i++)
		ids[i] = be_rx_data(NETRXF_more_data, 4096);
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 0); /* not whole yet */
	CHECK_EQ_U64(f.rxs->rsp_event, 8);	 /* wake on the 8th */
	for (; i < 15; i++)
		ids[i] = be_rx_data(NETRXF_more_data, 4096);
	ids[15] = be_rx_data(0, 1000);
	if (!CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 1))
		return;
	CHECK_EQ_U64(fr.nslots, 16);
	CHECK_EQ_U64(fr.len, 15 * 4096 + 1000);
	CHECK_EQ_U64(fr.gso_size, 1460);
	CHECK_EQ_U64(fr.flags, NETRXF_csum_blank | NETRXF_data_validated);
	for (i = 0; i < 16; i++)
		CHECK_EQ_U64(fr.slot[i].id, ids[i]);
	release_all(&fr);
	/* 16 data buffers and the extra slot's request come back. */
	CHECK_EQ_I64(nf_rx_refill(&f.rx), 17);
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 0);
	CHECK(f.rx.q.error == NULL);
	CHECK_EQ_U64(f.rx.dropped, 0);
}

/* Over 64 KiB in all, an error slot in the chain, or a frame over the
 * MTU without GSO: dropped, every buffer back, the ring still healthy. */
static void test_rx_chain_dropped(void)
{
	struct nf_rx_frame fr;
	unsigned int i;

	rx_start(true, true);
	be_rx_data(NETRXF_extra_info | NETRXF_more_data, 4096);
	be_rx_extra(XEN_NETIF_EXTRA_TYPE_GSO, 0, XEN_NETIF_GSO_TYPE_TCPV4,
		    1460);
	for (i = 1; i < 16; i++)
		be_rx_data(NETRXF_more_data, 4096);
	be_rx_data(0, 4096); /* 17 * 4096 = 69632 bytes */
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 1);
	CHECK_EQ_U64(fr.len, 0);
	CHECK_EQ_U64(fr.nslots, 17);
	release_all(&fr);
	be_rx_data(NETRXF_more_data, 1000);
	be_rx_data(NETRXF_more_data, NETIF_RSP_ERROR);
	be_rx_data(0, 1000);
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 1);
	CHECK_EQ_U64(fr.len, 0);
	CHECK_EQ_U64(fr.nslots, 3);
	release_all(&fr);
	be_rx_data(NETRXF_more_data, 1000);
	be_rx_data(0, 1000); /* 2000 bytes, no GSO */
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 1);
	CHECK_EQ_U64(fr.len, 0);
	release_all(&fr);
	be_rx_data(NETRXF_extra_info | NETRXF_more_data, 1000);
	be_rx_extra(XEN_NETIF_EXTRA_TYPE_GSO, 0, XEN_NETIF_GSO_TYPE_TCPV4, 0);
	be_rx_data(0, 1000); /* GSO without an MSS */
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), 1);
	CHECK_EQ_U64(fr.len, 0);
	release_all(&fr);
	CHECK_EQ_U64(f.rx.dropped, 4);
	CHECK(f.rx.q.error == NULL);
	CHECK_EQ_I64(nf_rx_refill(&f.rx), 17 + 1 + 3 + 2 + 3);
}

/* Run a hostile chain (built by fn after rx_start(sg, gso)) and expect
 * the violation what. */
static void rx_chain_hostile(bool sg, bool gso, void (*fn)(void),
			     const char *what)
{
	struct nf_rx_frame fr;

	rx_start(sg, gso);
	fn();
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), -EIO);
	if (CHECK(f.rx.q.error != NULL))
		CHECK_STR(f.rx.q.error, what);
	CHECK_EQ_I64(nf_rx_take(&f.rx, &fr), -EIO);
	CHECK_EQ_I64(nf_rx_refill(&f.rx), -EIO);
}

static void chain_19(void)
{
	unsigned int i;

	for (i = 0; i < NF_RX_SLOTS_MAX + 1; i++)
		be_rx_data(NETRXF_more_data, 100);
}

static void extra_on_second(void)
{
	be_rx_data(NETRXF_more_data, 100);
	be_rx_data(NETRXF_extra_info | NETRXF_more_data, 100);
	be_rx_extra(XEN_NETIF_EXTRA_TYPE_GSO, 0, XEN_NETIF_GSO_TYPE_TCPV4,
		    1460);
	be_rx_data(0, 100);
}

static void extra_first(void)
{
	be_rx_data(NETRXF_extra_info | NETRXF_more_data, 100);
	be_rx_extra(XEN_NETIF_EXTRA_TYPE_GSO, 0, XEN_NETIF_GSO_TYPE_TCPV4,
		    1460);
	be_rx_data(0, 100);
}

static void gso_tcpv6(void)
{
	be_rx_data(NETRXF_extra_info | NETRXF_more_data, 100);
	be_rx_extra(XEN_NETIF_EXTRA_TYPE_GSO, 0, XEN_NETIF_GSO_TYPE_TCPV6,
		    1440);
	be_rx_data(0, 100);
}

static void extra_mcast(void)
{
	be_rx_data(NETRXF_extra_info | NETRXF_more_data, 100);
	be_rx_extra(XEN_NETIF_EXTRA_TYPE_MCAST_ADD, 0, 0, 0);
	be_rx_data(0, 100);
}

static void extra_more(void)
{
	be_rx_data(NETRXF_extra_info | NETRXF_more_data, 100);
	be_rx_extra(XEN_NETIF_EXTRA_TYPE_GSO, XEN_NETIF_EXTRA_FLAG_MORE,
		    XEN_NETIF_GSO_TYPE_TCPV4, 1460);
	be_rx_extra(XEN_NETIF_EXTRA_TYPE_HASH, 0, 0, 0);
	be_rx_data(0, 100);
}

static void gso_prefix(void)
{
	be_rx_data(NETRXF_gso_prefix, 100);
}

static void test_rx_chain_hostile(void)
{
	rx_chain_hostile(true, true, chain_19, "receive chain too long");
	rx_chain_hostile(true, true, extra_on_second,
			 "receive flags not negotiated");
	rx_chain_hostile(true, false, extra_first,
			 "receive flags not negotiated");
	rx_chain_hostile(false, false, chain_19,
			 "receive flags not negotiated");
	rx_chain_hostile(true, true, gso_tcpv6,
			 "receive GSO type not negotiated");
	rx_chain_hostile(true, true, extra_mcast,
			 "receive extra info not negotiated");
	rx_chain_hostile(true, true, extra_more,
			 "receive extra info not negotiated");
	rx_chain_hostile(true, true, gso_prefix,
			 "receive flags not negotiated");
}

static void test_mac_parse(void)
{
	static const char *const bad[] = {
	    "",
	    "00:16:3e:12:34",
	    "00:16:3e:12:34:5",
	    "00:16:3e:12:34:567",
	    "00:16:3e:12:34:56:",
	    "00:16:3e:12:34:56 ",
	    "00-16-3e-12-34-56",
	    "00:16:3g:12:34:56",
	    " 0:16:3e:12:34:56",
	    "0:16:3e:12:34:56",
	    "01:16:3e:12:34:56", /* multicast */
	    "ff:ff:ff:ff:ff:ff",
	    "not a mac",
	};
	uint8_t mac[6] = {9, 9, 9, 9, 9, 9};
	const uint8_t want[6] = {0x00, 0x16, 0x3e, 0xAb, 0x0c, 0xfF};
	unsigned int i;

	CHECK_EQ_I64(nf_parse_mac("00:16:3e:aB:0c:Ff", mac), 0);
	CHECK_MEM(mac, want, 6);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		uint8_t m[6] = {7, 7, 7, 7, 7, 7};

		if (!CHECK_EQ_I64(nf_parse_mac(bad[i], m), -EINVAL))
			FAIL("accepted '%s'", bad[i]);
		CHECK_EQ_U64(m[0], 7);
	}
}

CHECK_MAIN("netfront", CHECK_TEST(test_mac_parse),
	   CHECK_TEST(test_tx_normal_wraparound), CHECK_TEST(test_tx_full_ring),
	   CHECK_TEST(test_tx_notify), CHECK_TEST(test_tx_bad_id),
	   CHECK_TEST(test_tx_id_not_in_flight), CHECK_TEST(test_tx_bad_status),
	   CHECK_TEST(test_tx_duplicate), CHECK_TEST(test_tx_prod_jumps_ahead),
	   CHECK_TEST(test_tx_prod_ahead_of_published),
	   CHECK_TEST(test_tx_gso_frame), CHECK_TEST(test_tx_gso_ring_room),
	   CHECK_TEST(test_tx_frame_shapes), CHECK_TEST(test_tx_null_missing),
	   CHECK_TEST(test_rx_normal_wraparound),
	   CHECK_TEST(test_rx_dropped_frames), CHECK_TEST(test_csum_flags),
	   CHECK_TEST(test_rx_bad_id), CHECK_TEST(test_rx_past_page),
	   CHECK_TEST(test_rx_negative_status),
	   CHECK_TEST(test_rx_flags_not_negotiated),
	   CHECK_TEST(test_rx_duplicate), CHECK_TEST(test_rx_id_held_by_us),
	   CHECK_TEST(test_rx_prod_jumps_ahead),
	   CHECK_TEST(test_rx_event_request), CHECK_TEST(test_rx_gso_packet),
	   CHECK_TEST(test_rx_chain_dropped), CHECK_TEST(test_rx_chain_hostile))
