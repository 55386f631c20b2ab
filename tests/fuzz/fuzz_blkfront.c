/*
 * Fuzzer of blkfront whole: the xenbus skeleton (drivers/xen/xenfront*.c,
 * xen/xenbus.c), blkfront's keys and geometry (blkfront_xenbus.c), its
 * data path (blkfront.c) and ring (blkfront_ring.c), over the fake
 * platform of fake_xen.c. The input is a script: the backend changes
 * state or any of its keys (sector size, sectors, features) at any
 * point, or its directory goes; users submit reads, writes and flushes
 * with aligned and misaligned buffers; the backend answers honestly
 * (mapping every page through the grant table, reading and writing a
 * disk pattern), keeps pages mapped, or writes responses with any id,
 * operation and status; time jumps; the domain is restored.
 *
 * Checked, besides AddressSanitizer and UBSan: every page the backend is
 * sent was granted to it (writable for reads), segment shapes are legal,
 * every done() comes once with 0 or an errno, data read or written
 * through an honest backend is the disk's, and once the backend has
 * closed and every deadline has passed, no request is left waiting.
 */
#include "../../drivers/xen/blkfront_priv.h"

#include <arch/barrier.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/time.h>

#include "fake_store.h"
#include "fake_xen.h"
#include "fuzz_input.h"

#define BE "/be/1"
#define FE "device/vbd/51712"
#define MAX_UREQS 12

/* The driver, from its XENFRONT_REGISTER() entry (renamed section). */
extern const struct initcall __start_fuzz_initcall[];

/* A user's request and its buffer (an exact heap block). */
struct ureq {
	struct blk_req r;
	void *block;
	bool used, done;
	int status;
	uint32_t ss;	    /* the sector size at submit */
	unsigned int epoch; /* of the geometry at submit */
};

static struct {
	struct blkfront *bf;
	struct ureq u[MAX_UREQS];
	/* The backend's side of the ring. */
	blkif_back_ring_t back;
	bool attached;
	uint32_t ring_ref;
	bool keep_mapped; /* the backend keeps what it maps */
	bool hostile;	  /* data checks are off */
	unsigned int epoch;
} h;

/* The block-device registry, as far as blkfront uses it. */
int blkdev_register(struct blkdev *bd)
{
	(void)bd;
	return 0;
}

void blkdev_settle(struct blkdev *bd)
{
	bd->node.settled = true;
}

void blkdev_unregister(struct blkdev *bd)
{
	(void)bd;
}

/* The disk's byte at 512-byte sector s, offset b. */
static uint8_t disk(uint64_t s, unsigned int b)
{
	return (uint8_t)(s * 7 + b * 13 + 1);
}

/* One round of the device's worker thread (xenfront_boot.c). */
static void work(void)
{
	if (h.bf->xf.restored)
		xenfront_restored(&h.bf->xf);
	xenfront_work(&h.bf->xf);
}

static void backend_state(const char *st)
{
	store_put(BE "/state", st);
	h.bf->xf.state_changed = true;
	work();
	/* A backend maps the ring once we say Initialised, and lets it go
	 * once it closes. */
	if (!strcmp(st, "5") || !strcmp(st, "6")) {
		if (h.attached)
			fx_unmap(h.ring_ref);
		h.attached = false;
	}
}

/* InitWait: if the frontend answered with its keys, attach the ring. */
static void backend_attach(void)
{
	unsigned long ref;
	const char *st = store_get(FE "/state"), *r = store_get(FE "/ring-ref");
	void *s;

	if (h.attached || !st || strcmp(st, "3") || !r)
		return;
	ref = strtoul(r, NULL, 10);
	if (!(s = fx_map((uint32_t)ref, true)))
		return; /* stale keys: Xen refuses the map */
	/* From where the ring is: a backend that comes back to a live ring
	 * goes on from its responses (what is in between is not checked). */
	BACK_RING_ATTACH(&h.back, (blkif_sring_t *)s,
			 ((blkif_sring_t *)s)->rsp_prod, PAGE_SIZE);
	if (h.back.sring->req_prod != h.back.req_cons)
		h.hostile = true;
	h.ring_ref = (uint32_t)ref;
	h.attached = true;
}

/* Whether the request being served must be mapped whole: it is in
 * flight on a device that is up (else its grants may be gone). */
static bool strict;

/* One segment: map it, move its sectors at disk sector *pos. Returns
 * false when Xen refuses the map. */
static bool do_seg(uint32_t gref, uint8_t first, uint8_t last, bool read,
		   uint64_t *pos)
{
	uint8_t *page;
	unsigned int s, b;

	if (!(first <= last && last < PAGE_SIZE / 512)) {
		FUZZ_ASSERT(h.hostile);
		return false;
	}
	page = fx_map(gref, read);
	if (!page) {
		FUZZ_ASSERT(!strict);
		return false;
	}
	for (s = first; s <= last; s++, (*pos)++)
		for (b = 0; b < 512; b++) {
			if (read)
				page[s * 512 + b] = disk(*pos, b);
			else if (!h.hostile)
				FUZZ_ASSERT(page[s * 512 + b] == disk(*pos, b));
		}
	if (!h.keep_mapped)
		fx_unmap(gref);
	return true;
}

/* Carry out one request as blkback would; returns its operation, and
 * in *ok whether every page could be mapped. */
static uint8_t serve(const blkif_request_t *req, bool *ok)
{
	uint8_t op = req->operation;
	uint64_t pos = req->sector_number;
	struct blkif_request_segment *ind;
	unsigned int i, n;

	/* A backend that wrote lies into the ring may have written over
	 * requests it had not read: then nothing is asserted about them. */
	strict = !h.hostile && h.bf->xf.phase == XF_UP &&
		 req->id < BF_RING_SIZE && h.bf->ring.busy[req->id];
	*ok = true;
#define REQ_CHECK(cond)                                                        \
	if (!(cond)) {                                                         \
		FUZZ_ASSERT(h.hostile);                                        \
		*ok = false;                                                   \
		return op;                                                     \
	}
	if (op == BLKIF_OP_FLUSH_DISKCACHE || op == BLKIF_OP_WRITE_BARRIER) {
		REQ_CHECK(req->nr_segments == 0);
		return op;
	}
	if (op == BLKIF_OP_INDIRECT) {
		const struct blkif_request_indirect *in =
		    (const struct blkif_request_indirect *)req;

		n = in->nr_segments;
		REQ_CHECK(n >= 1 && n <= BF_IND_SEGS_MAX);
		REQ_CHECK(in->indirect_op == BLKIF_OP_READ ||
			  in->indirect_op == BLKIF_OP_WRITE);
		ind = fx_map(in->indirect_grefs[0], false);
		FUZZ_ASSERT(ind || !strict);
		pos = in->sector_number;
		for (i = 0; ind && *ok && i < n; i++)
			*ok = do_seg(ind[i].gref, ind[i].first_sect,
				     ind[i].last_sect,
				     in->indirect_op == BLKIF_OP_READ, &pos);
		*ok = *ok && ind;
		if (!h.keep_mapped)
			fx_unmap(in->indirect_grefs[0]);
		return op;
	}
	REQ_CHECK(op == BLKIF_OP_READ || op == BLKIF_OP_WRITE);
	n = req->nr_segments;
	REQ_CHECK(n >= 1 && n <= BLKIF_MAX_SEGMENTS_PER_REQUEST);
	for (i = 0; *ok && i < n; i++)
		*ok = do_seg(req->seg[i].gref, req->seg[i].first_sect,
			     req->seg[i].last_sect, op == BLKIF_OP_READ, &pos);
	return op;
}

/* The backend takes up to k requests and answers each. */
static void backend_serve(struct fin *f, unsigned int k)
{
	uint8_t how = fin_u8(f);
	blkif_request_t req;
	blkif_response_t *rsp;
	int notify;
	bool ok;

	if (!h.attached)
		return;
	h.keep_mapped = how & 1;
	while (k-- && h.back.req_cons != h.back.sring->req_prod) {
		FUZZ_ASSERT(h.hostile ||
			    h.back.sring->req_prod - h.back.req_cons <=
				BF_RING_SIZE);
		req = *RING_GET_REQUEST(&h.back, h.back.req_cons);
		h.back.req_cons++;
		printk("fuzz: backend serves id %llu op %u\n",
		       (unsigned long long)req.id, req.operation);
		rsp = RING_GET_RESPONSE(&h.back, h.back.rsp_prod_pvt);
		rsp->id = req.id;
		rsp->operation = serve(&req, &ok);
		rsp->status =
		    (how & 2) || !ok ? BLKIF_RSP_ERROR : BLKIF_RSP_OKAY;
		if (how & 2)
			h.hostile = true;
		h.back.rsp_prod_pvt++;
	}
	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&h.back, notify);
	/* (how & 8: the event comes late, with the next one) */
	if ((notify && !(how & 8)) || (how & 4))
		work();
}

/* A response with any id, operation and status; or a producer index
 * anywhere. */
static void backend_lie(struct fin *f)
{
	blkif_response_t *rsp;

	if (!h.attached)
		return;
	h.hostile = true;
	if (fin_u8(f) & 1) {
		h.back.sring->rsp_prod += fin_u16(f);
	} else {
		rsp = RING_GET_RESPONSE(&h.back, h.back.rsp_prod_pvt);
		rsp->id = fin_u64(f) % 40;
		rsp->operation = fin_u8(f);
		rsp->status = (int16_t)fin_u16(f);
		h.back.rsp_prod_pvt++;
		RING_PUSH_RESPONSES(&h.back);
	}
	work();
}

/* --- Users ------------------------------------------------------------------ */

static void done(struct blk_req *r, int status)
{
	struct ureq *u = r->arg;
	uint64_t pos, i;

	printk("fuzz: done op %d sector %llu count %llu: %d\n", r->op,
	       (unsigned long long)r->sector, (unsigned long long)r->count,
	       status);
	FUZZ_ASSERT(!u->done);
	FUZZ_ASSERT(status <= 0 && status >= -4095);
	u->done = true;
	u->status = status;
	if (status || r->op != BLK_READ || h.hostile || u->epoch != h.epoch)
		return;
	pos = r->sector * (u->ss / 512);
	for (i = 0; i < r->count * u->ss; i++)
		FUZZ_ASSERT(((uint8_t *)r->buf)[i] ==
			    disk(pos + i / 512, i % 512));
}

static void submit(struct fin *f)
{
	struct blkdev *bd = &h.bf->bd;
	uint8_t how = fin_u8(f);
	struct ureq *u = NULL;
	uint64_t i, len;
	unsigned int k;
	int rc;

	for (k = 0; k < MAX_UREQS && !u; k++)
		if (!h.u[k].used)
			u = &h.u[k];
	if (!u || !bd->ops)
		return;
	memset(u, 0, sizeof(*u));
	u->r.op = (how & 3) % 3;
	u->r.sector = fin_u16(f) % (bd->sectors + 2);
	/* Up to 80 KiB: indirect requests, and fast inputs. */
	u->r.count = u->r.op == BLK_FLUSH
			 ? 0
			 : 1 + fin_u8(f) % (81920 / bd->sector_size);
	u->r.done = done;
	u->r.arg = u;
	u->ss = bd->sector_size;
	u->epoch = h.epoch;
	/* The checks of blkdev_submit(). */
	if (u->r.op != BLK_FLUSH && (u->r.sector >= bd->sectors ||
				     u->r.count > bd->sectors - u->r.sector ||
				     (u->r.op == BLK_WRITE && bd->read_only)))
		return;
	if (bd->broken || !bd->connected)
		return;
	len = u->r.count * u->ss;
	if (len) {
		/* Aligned to the sector size (granted as it is), or one
		 * byte off (bounced); either way ending at the block's end. */
		u->block =
		    how & 8 ? malloc(len + 1) : aligned_alloc(u->ss, len);
		u->r.buf = (uint8_t *)u->block + (how & 8 ? 1 : 0);
		for (i = 0; i < len; i++)
			((uint8_t *)u->r.buf)[i] =
			    u->r.op == BLK_WRITE
				? disk(u->r.sector * (u->ss / 512) + i / 512,
				       i % 512)
				: 0xee;
	}
	u->used = true;
	rc = bd->ops->submit(bd, &u->r);
	printk("fuzz: submit op %d sector %llu count %llu%s: %d\n", u->r.op,
	       (unsigned long long)u->r.sector, (unsigned long long)u->r.count,
	       how & 8 ? " misaligned" : "", rc);
	if (rc) {
		FUZZ_ASSERT(rc == -EIO || rc == -ENXIO);
		free(u->block);
		u->used = false;
	}
}

/* Done requests give their buffers back. */
static void reap_users(void)
{
	unsigned int k;

	for (k = 0; k < MAX_UREQS; k++)
		if (h.u[k].used && h.u[k].done) {
			free(h.u[k].block);
			h.u[k].used = false;
		}
}

/* --- The store ------------------------------------------------------------- */

static const char *const keys[] = {"sector-size",
				   "sectors",
				   "info",
				   "mode",
				   "feature-flush-cache",
				   "feature-barrier",
				   "feature-max-indirect-segments",
				   "feature-persistent"};
static const char *const values[] = {"512", "4096", "1024", "0", "1",
				     "8",   "64",   "r",    "w", "x"};

static void backend_key(struct fin *f)
{
	uint8_t k = fin_u8(f), v = fin_u8(f);
	char path[96], num[24];

	snprintf(path, sizeof(path), BE "/%s", keys[k % 8]);
	if (v & 0x80) {
		snprintf(num, sizeof(num), "%u", fin_u32(f));
		store_put(path, num);
	} else {
		store_put(path, values[v % 10]);
	}
	h.epoch++;
}

/* The usual handshake, to get far quickly: InitWait, keys, Connected. */
static void backend_connect(struct fin *f)
{
	uint8_t how = fin_u8(f);
	char num[24];

	backend_state("2");
	backend_attach();
	store_put(BE "/sector-size", how & 1 ? "4096" : "512");
	snprintf(num, sizeof(num), "%u", (how & 1 ? 8 : 1) * (1 + fin_u8(f)));
	store_put(BE "/sectors", num);
	store_put(BE "/feature-max-indirect-segments", how & 2 ? "64" : "0");
	store_put(BE "/feature-persistent", how & 4 ? "1" : "0");
	store_put(BE "/feature-flush-cache", how & 8 ? "1" : "0");
	h.epoch++;
	backend_state("4");
}

static void step(struct fin *f)
{
	switch (fin_u8(f) % 14) {
	case 0:
		backend_state((const char *[]){"1", "2", "3", "4", "5", "6",
					       "7", "8", "9",
					       "x"}[fin_u8(f) % 10]);
		backend_attach();
		break;
	case 1:
		backend_key(f);
		break;
	case 2: /* the backend's directory goes, and the backend with it */
		h.attached = false;
		store_rm(BE);
		h.bf->xf.state_changed = true;
		work();
		break;
	case 3:
		backend_connect(f);
		break;
	case 4:
	case 5:
		submit(f);
		break;
	case 6:
	case 7:
		backend_serve(f, 1 + fin_u8(f) % 40);
		break;
	case 8:
		backend_lie(f);
		break;
	case 9:
		work();
		break;
	case 10:
		fx.now += (uint64_t)fin_u16(f) * NSEC_PER_MSEC;
		work();
		break;
	case 11:
		fx_restore();
		h.attached = false;
		h.epoch++;
		work();
		break;
	case 12: /* the backend lets every page go, its ring too */
		fx_unmap_all();
		h.attached = false;
		break;
	default:
		fx.grant_fail = fin_u8(f) % 4;
		fx.page_fail = fin_u8(f) % 2;
		break;
	}
	reap_users();
}

/* The backend closes; every deadline passes: nothing may be left. */
static void teardown(void)
{
	unsigned int k;

	fx.grant_fail = fx.page_fail = 0;
	fx_unmap_all();
	h.attached = false;
	backend_state("6");
	fx.now += 3600 * NSEC_PER_SEC;
	work();
	work();
	for (k = 0; k < MAX_UREQS; k++)
		FUZZ_ASSERT(!h.u[k].used || h.u[k].done);
	reap_users();
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
	store_put(BE "/state", "1");
	__start_fuzz_initcall[0].fn(NULL);
	FUZZ_ASSERT(fx.worker_arg);
	h.bf =
	    container_of((struct xenfront *)fx.worker_arg, struct blkfront, xf);
	while (fin_left(&f) && steps++ < 400)
		step(&f);
	teardown();
	return 0;
}
