/*
 * Fuzzer of netfront whole: the xenbus skeleton (drivers/xen/xenfront*.c,
 * xen/xenbus.c), netfront's keys and features (netfront_xenbus.c,
 * included here: the harness starts its driver),
 * its data path (netfront.c) and rings (netfront_ring.c), over the fake
 * platform of fake_xen.c. The input is a script: the backend changes
 * state, features or its directory at any point, the vif's MAC changes;
 * the stack transmits frames (several pieces, checksum offload, merged
 * TCPv4 segments); the backend takes transmit requests honestly
 * (mapping each buffer through the grant table and reassembling the
 * frame) or answers with anything, sends packets honestly (one or more
 * slots, a GSO extra slot) or writes receive responses with any id,
 * offset, flags and status, or moves its indexes; time jumps; the domain
 * is restored.
 *
 * Checked, besides AddressSanitizer and UBSan (every page is a heap
 * block of its own): a buffer the backend is sent was granted to it,
 * slot shapes are legal, frames arrive whole and unchanged both ways
 * through an honest backend, and every piece handed to the stack lies
 * inside a receive page.
 */
#include "../../drivers/xen/netfront_xenbus.c"

#include <arch/barrier.h>
#include <kernel/time.h>

#include "fake_store.h"
#include "fake_xen.h"
#include "fuzz_input.h"

#define BE "/be/1"
#define FE "device/vif/0"
#define FIFO 64

/* Frames in flight one way, by sequence number and length. */
struct fifo {
	uint32_t seq[FIFO], len[FIFO];
	unsigned int head, n;
};

static struct {
	struct netfront *nf;
	netif_tx_back_ring_t tx;
	netif_rx_back_ring_t rx;
	uint32_t tx_ref, rx_ref;
	bool attached, keep_mapped, hostile;
	uint32_t seq;
	struct fifo out, in; /* transmitted, sent by the backend */
	uint8_t frame[70000];
} h;

static uint8_t pat(uint32_t seq, size_t i)
{
	return (uint8_t)(seq * 31 + i * 7 + (i >> 8));
}

static void fifo_push(struct fifo *q, uint32_t seq, uint32_t len)
{
	if (q->n == FIFO)
		return;
	q->seq[(q->head + q->n) % FIFO] = seq;
	q->len[(q->head + q->n++) % FIFO] = len;
}

/* The oldest frame, which must be seq/len; false if none is known. */
static bool fifo_pop(struct fifo *q, uint32_t *seq, uint32_t *len)
{
	if (!q->n)
		return false;
	*seq = q->seq[q->head];
	*len = q->len[q->head];
	q->head = (q->head + 1) % FIFO;
	q->n--;
	return true;
}

/* --- The stack above netfront ----------------------------------------------- */

int netdev_register(struct netdev *nd)
{
	(void)nd;
	return 0;
}

void netdev_unregister(struct netdev *nd)
{
	(void)nd;
}

void netdev_link_changed(struct netdev *nd, bool up)
{
	nd->link_up = up;
}

void netdev_receive(struct netdev *nd, const struct netdev_seg *segs,
		    unsigned int nsegs, size_t len, unsigned int flags)
{
	static uint8_t copy[70000];
	uint32_t seq, want;
	size_t off = 0, i;

	(void)nd;
	(void)flags;
	FUZZ_ASSERT(nsegs >= 1 && nsegs <= NF_RX_SLOTS_MAX);
	for (i = 0; i < nsegs; i++) {
		FUZZ_ASSERT(off + segs[i].len <= sizeof(copy));
		memcpy(copy + off, segs[i].data, segs[i].len); /* ASan */
		off += segs[i].len;
	}
	FUZZ_ASSERT(off == len);
	if (h.hostile || !fifo_pop(&h.in, &seq, &want))
		return;
	FUZZ_ASSERT(len == want);
	for (i = 0; i < len; i++)
		FUZZ_ASSERT(copy[i] == pat(seq, i));
	printk("fuzz: received frame %u (%zu bytes, %u pieces) checked\n", seq,
	       len, nsegs);
}

/* --- The backend -------------------------------------------------------------- */

/* One round of the device's worker thread (xenfront_boot.c). */
static void work(void)
{
	if (h.nf->xf.restored)
		xenfront_restored(&h.nf->xf);
	xenfront_work(&h.nf->xf);
}

static void detach(void)
{
	if (h.attached) {
		fx_unmap(h.tx_ref);
		fx_unmap(h.rx_ref);
	}
	h.attached = false;
	h.out.n = h.in.n = 0;
}

static void backend_state(const char *st)
{
	store_put(BE "/state", st);
	h.nf->xf.state_changed = true;
	work();
	if (!strcmp(st, "5") || !strcmp(st, "6"))
		detach();
}

/* The frontend wrote its keys and said Connected: map both rings. */
static void backend_attach(void)
{
	const char *s = store_get(FE "/state"),
		   *t = store_get(FE "/tx-ring-ref"),
		   *r = store_get(FE "/rx-ring-ref");
	void *tx, *rx;

	if (h.attached || !s || strcmp(s, "4") || !t || !r)
		return;
	h.tx_ref = (uint32_t)strtoul(t, NULL, 10);
	h.rx_ref = (uint32_t)strtoul(r, NULL, 10);
	tx = fx_map(h.tx_ref, true);
	rx = fx_map(h.rx_ref, true);
	/* Stale keys (a device broken before a restore keeps them): Xen
	 * refuses the maps, and the backend gives up. */
	FUZZ_ASSERT((tx && rx) || h.nf->xf.phase == XF_BROKEN);
	if (!tx || !rx) {
		if (tx)
			fx_unmap(h.tx_ref);
		if (rx)
			fx_unmap(h.rx_ref);
		return;
	}
	/* From where the rings are: a backend that comes back to live
	 * rings goes on from their responses (the frames in between are
	 * not checked). */
	BACK_RING_ATTACH(&h.tx, (netif_tx_sring_t *)tx,
			 ((netif_tx_sring_t *)tx)->rsp_prod, PAGE_SIZE);
	BACK_RING_ATTACH(&h.rx, (netif_rx_sring_t *)rx,
			 ((netif_rx_sring_t *)rx)->rsp_prod, PAGE_SIZE);
	if (h.tx.sring->req_prod != h.tx.req_cons)
		h.hostile = true;
	/* Packets the old backend sent that the frontend has not taken yet
	 * arrive after this one's, unknown to the checks. */
	if (h.rx.rsp_prod_pvt != h.nf->rx.q.rsp_cons)
		h.hostile = true;
	h.attached = true;
	h.out.n = h.in.n = 0;
	printk("fuzz: backend attached\n");
}

static void tx_respond(uint16_t id, int16_t status)
{
	netif_tx_response_t *rsp =
	    RING_GET_RESPONSE(&h.tx, h.tx.rsp_prod_pvt++);

	rsp->id = id;
	rsp->status = status;
}

/* Take one transmitted frame (its slots, an extra-info slot) as
 * netback does, check it, answer every slot. */
static void tx_frame(bool fail)
{
	netif_tx_request_t req[NF_TX_SLOTS_MAX + 2];
	unsigned int n = 0, i, extra = 0;
	size_t total, rest = 0, off = 0;
	uint32_t seq, len;
	bool strict = !h.hostile && h.nf->xf.phase == XF_UP, ok = true;
	uint8_t *page;

	do {
		if (h.tx.req_cons == h.tx.sring->req_prod ||
		    n == NF_TX_SLOTS_MAX)
			break;
		req[n] = *RING_GET_REQUEST(&h.tx, h.tx.req_cons++);
		if (n == 0 && (req[0].flags & NETTXF_extra_info)) {
			h.tx.req_cons++; /* the GSO descriptor */
			extra = 1;
		}
	} while (req[n++].flags & NETTXF_more_data);
	if (!n)
		return;
	total = req[0].size;
	for (i = 1; i < n; i++)
		rest += req[i].size;
	if (strict)
		FUZZ_ASSERT(!(req[n - 1].flags & NETTXF_more_data) &&
			    rest < total);
	for (i = 0; ok && i < n; i++) {
		size_t bytes = i ? req[i].size : total - rest;

		page = fx_map(req[i].gref, false);
		FUZZ_ASSERT(page || !strict);
		if (!page || req[i].offset + bytes > PAGE_SIZE) {
			FUZZ_ASSERT(!strict);
			ok = false;
			break;
		}
		memcpy(h.frame + off, page + req[i].offset, bytes);
		off += bytes;
		if (!h.keep_mapped)
			fx_unmap(req[i].gref);
	}
	if (ok && strict && fifo_pop(&h.out, &seq, &len)) {
		if (off != len)
			printk(
			    "fuzz: got %zu bytes (slots %u, size %u) for frame "
			    "%u of %u\n",
			    off, n, req[0].size, seq, len);
		FUZZ_ASSERT(off == len);
		for (i = 0; i < off; i++)
			FUZZ_ASSERT(h.frame[i] == pat(seq, i));
		printk("fuzz: transmitted frame %u (%zu bytes, %u slots) "
		       "checked\n",
		       seq, off, n);
	}
	tx_respond(req[0].id, fail || !ok ? NETIF_RSP_ERROR : NETIF_RSP_OKAY);
	if (extra)
		tx_respond(0, NETIF_RSP_NULL);
	for (i = 1; i < n; i++)
		tx_respond(req[i].id,
			   fail || !ok ? NETIF_RSP_ERROR : NETIF_RSP_OKAY);
}

static void backend_tx(struct fin *f)
{
	uint8_t how = fin_u8(f), k = 1 + fin_u8(f) % 8;
	int notify;

	if (!h.attached)
		return;
	h.keep_mapped = how & 1;
	if (how & 2)
		h.hostile = true;
	while (k-- && h.tx.req_cons != h.tx.sring->req_prod) {
		if (h.tx.sring->req_prod - h.tx.req_cons > NF_RING_SIZE) {
			FUZZ_ASSERT(h.hostile);
			break;
		}
		tx_frame(how & 2);
	}
	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&h.tx, notify);
	if (notify || (how & 4))
		work();
}

/* The backend sends a packet of len bytes (seq's pattern) into the
 * posted receive buffers, at offset off in the first, with a GSO extra
 * slot when gso. */
static void rx_packet(uint32_t len, uint16_t off, bool gso)
{
	unsigned int slots = 0, i;
	size_t done = 0;
	uint32_t seq = h.seq++;

	/* As netback: a packet goes only when the buffers for all of its
	 * slots are posted. */
	if (h.rx.sring->req_prod - h.rx.req_cons <
	    (off + len + PAGE_SIZE - 1) / PAGE_SIZE + gso)
		return;
	while (done < len || !slots) {
		netif_rx_request_t req;
		netif_rx_response_t *rsp;
		size_t room = PAGE_SIZE - (slots ? 0 : off), n;
		uint8_t *page;

		req = *RING_GET_REQUEST(&h.rx, h.rx.req_cons++);
		page = fx_map(req.gref, true);
		FUZZ_ASSERT(page || h.hostile);
		n = len - done < room ? len - done : room;
		if (page)
			for (i = 0; i < n; i++)
				page[(slots ? 0 : off) + i] =
				    pat(seq, done + i);
		if (page && !h.keep_mapped)
			fx_unmap(req.gref);
		rsp = RING_GET_RESPONSE(&h.rx, h.rx.rsp_prod_pvt++);
		rsp->id = req.id;
		rsp->offset = slots ? 0 : off;
		rsp->status = (int16_t)n;
		done += n;
		rsp->flags = (done < len ? NETRXF_more_data : 0) |
			     (!slots && gso ? NETRXF_extra_info : 0);
		if (!slots++ && gso) {
			struct netif_extra_info *e;

			h.rx.req_cons++;
			e = (struct netif_extra_info *)RING_GET_RESPONSE(
			    &h.rx, h.rx.rsp_prod_pvt++);
			memset(e, 0, sizeof(*e));
			e->type = XEN_NETIF_EXTRA_TYPE_GSO;
			e->u.gso.type = XEN_NETIF_GSO_TYPE_TCPV4;
			e->u.gso.size = 1448;
		}
	}
	fifo_push(&h.in, seq, len);
}

static void backend_rx(struct fin *f)
{
	uint8_t how = fin_u8(f);
	bool gso = how & 1;
	uint32_t len = gso ? 14 + fin_u16(f) % 65000 : 14 + fin_u16(f) % 1501;
	int notify;

	if (!h.attached)
		return;
	h.keep_mapped = how & 2;
	rx_packet(len, how & 4 ? fin_u16(f) % 64 : 0, gso);
	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&h.rx, notify);
	if (notify || (how & 8))
		work();
}

/* Any response, on either ring, or a producer index anywhere. */
static void backend_lie(struct fin *f)
{
	uint8_t how = fin_u8(f);

	if (!h.attached)
		return;
	h.hostile = true;
	if (how & 1) {
		if (how & 2)
			h.rx.sring->rsp_prod += fin_u16(f);
		else
			h.tx.sring->rsp_prod += fin_u16(f);
	} else if (how & 2) {
		netif_rx_response_t *rsp =
		    RING_GET_RESPONSE(&h.rx, h.rx.rsp_prod_pvt++);

		rsp->id = fin_u16(f);
		rsp->offset = fin_u16(f);
		rsp->flags = fin_u16(f);
		rsp->status = (int16_t)fin_u16(f);
		RING_PUSH_RESPONSES(&h.rx);
	} else {
		tx_respond(fin_u16(f), (int16_t)fin_u16(f));
		RING_PUSH_RESPONSES(&h.tx);
	}
	work();
}

/* --- The stack's transmits ------------------------------------------------------ */

static void transmit(struct fin *f)
{
	uint8_t how = fin_u8(f);
	size_t len =
	    how & 1 ? fin_u16(f) + (size_t)fin_u8(f) * 256 : fin_u16(f) % 1600;
	struct netdev_seg segs[3];
	unsigned int nsegs = 1 + how / 2 % 3, i, flags = 0;
	size_t cut[4] = {0, len / 3, len / 2, len};
	uint8_t *buf[3] = {NULL, NULL, NULL};
	uint32_t seq = h.seq++;
	size_t j;
	int rc;

	if (len > 70000)
		len = 70000;
	cut[3] = len;
	if (nsegs == 1)
		cut[1] = len;
	else if (nsegs == 2)
		cut[2] = len;
	for (i = 0; i < nsegs; i++) {
		size_t n = cut[i + 1] - cut[i];

		buf[i] = malloc(n ? n : 1);
		for (j = 0; j < n; j++)
			buf[i][j] = pat(seq, cut[i] + j);
		segs[i].data = buf[i];
		segs[i].len = n;
	}
	if (how & 8)
		flags |= NETDEV_TX_CSUM_PARTIAL;
	if (how & 16)
		flags |= NETDEV_TX_GSO(how & 32 ? 0 : 1448);
	rc = h.nf->nd.ops->transmit(&h.nf->nd, segs, nsegs, flags);
	printk("fuzz: transmit %zu bytes in %u pieces, flags %x: %d (phase "
	       "%d)\n",
	       len, nsegs, flags, rc, h.nf->xf.phase);
	FUZZ_ASSERT(rc <= 0 && rc >= -4095);
	if (!rc && h.nf->xf.phase == XF_UP)
		fifo_push(&h.out, seq, (uint32_t)len);
	for (i = 0; i < nsegs; i++)
		free(buf[i]); /* netfront copied the frame */
}

/* --- The store -------------------------------------------------------------------- */

static void backend_key(struct fin *f)
{
	static const char *const keys[] = {
	    BE "/feature-sg", BE "/feature-gso-tcpv4", BE "/feature-rx-copy",
	    BE "/ip", FE "/mac"};
	static const char *const values[] = {"0",
					     "1",
					     "00:16:3e:00:00:02",
					     "01:00:00:00:00:00",
					     "zz",
					     "10.0.0.2 255.255.255.0 10.0.0.1"};
	uint8_t k = fin_u8(f), v = fin_u8(f);

	store_put(keys[k % 5], values[v % 6]);
}

static void backend_connect(struct fin *f)
{
	uint8_t how = fin_u8(f);

	store_put(BE "/feature-sg", how & 1 ? "0" : "1");
	store_put(BE "/feature-gso-tcpv4", how & 2 ? "0" : "1");
	backend_state("2");
	backend_attach();
	backend_state("4");
}

static void step(struct fin *f)
{
	static const char *const states[] = {"1", "2", "3", "4", "5",
					     "6", "7", "8", "9", "x"};
	uint8_t op = fin_u8(f) % 15;

	printk("fuzz: step %u\n", op);
	switch (op) {
	case 0:
		backend_state(states[fin_u8(f) % 10]);
		backend_attach();
		break;
	case 1:
		backend_key(f);
		break;
	case 2: /* the backend's directory goes, and the backend with it */
		detach();
		store_rm(BE);
		h.nf->xf.state_changed = true;
		work();
		break;
	case 3:
		backend_connect(f);
		break;
	case 4:
	case 5:
		transmit(f);
		break;
	case 6:
		backend_tx(f);
		break;
	case 7:
	case 8:
		backend_rx(f);
		break;
	case 9:
		backend_lie(f);
		break;
	case 10:
		work();
		break;
	case 11:
		fx.now += (uint64_t)fin_u16(f) * NSEC_PER_MSEC;
		work();
		break;
	case 12:
		fx_restore();
		detach();
		work();
		break;
	case 13: /* the backend lets every page go, its rings too */
		fx_unmap_all();
		detach();
		break;
	default:
		fx.grant_fail = fin_u8(f) % 4;
		fx.page_fail = fin_u8(f) % 2;
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fin f = {data, size};
	int steps = 0;

	fx_reset();
	memset(&h, 0, sizeof(h));
	store_put(FE "/state", "1");
	store_put(FE "/backend", BE);
	store_put(FE "/backend-id", "7");
	store_put(FE "/mac", "00:16:3e:00:00:01");
	store_put(BE "/state", "1");
	store_put(BE "/feature-rx-copy", "1");
	xenfront_start(&netfront_driver);
	FUZZ_ASSERT(fx.worker_arg);
	h.nf =
	    container_of((struct xenfront *)fx.worker_arg, struct netfront, xf);
	while (fin_left(&f) && steps++ < 400)
		step(&f);
	/* The backend closes and every deadline passes: the link is down. */
	fx.grant_fail = fx.page_fail = 0;
	fx_unmap_all();
	detach();
	backend_state("6");
	fx.now += 3600 * NSEC_PER_SEC;
	work();
	FUZZ_ASSERT(!h.nf->nd.link_up);
	return 0;
}
