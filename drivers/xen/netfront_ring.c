/*
 * netfront's shared-ring logic (see <kernel/netfront_ring.h>): indices,
 * ids in flight, and the validation of every response the backend
 * writes. Pure code: the host unit tests run it against a fake backend.
 *
 * Rules, all checked on a private copy of each response:
 *  - rsp_prod is read once per check; it may not claim more responses
 *    than we have published requests without a response;
 *  - an id must be in range and in flight (a second response for the same
 *    request is a violation);
 *  - a transmit status is OKAY, ERROR or DROPPED, except right after the
 *    response for a request that had extra-info slots: one NULL response
 *    per extra slot follows it (netback's order), and nowhere else;
 *  - a receive response has no flag that was not negotiated (more_data
 *    needs sg, extra_info gso and only on a packet's first slot,
 *    gso_prefix never), a status that is a length or ERROR/DROPPED, and
 *    offset + length within the page;
 *  - an extra-info slot is one GSO TCPv4 descriptor with no more extras;
 *  - a packet has at most NF_RX_SLOTS_MAX data slots.
 */
#include <kernel/errno.h>
#include <kernel/netdev.h>
#include <kernel/netfront_ring.h>
#include <kernel/ring_index.h>
#include <kernel/string.h>

#define RING_MASK (NF_RING_SIZE - 1)
#define BUF_PAGE 4096u

static void queue_init(struct nf_queue *q, const uint32_t *gref)
{
	unsigned int i;

	memset(q, 0, sizeof(*q));
	for (i = 0; i < NF_RING_SIZE; i++) {
		q->gref[i] = gref[i];
		/* Lowest id on top, so ids go out in order at first. */
		q->free_ids[i] = (uint16_t)(NF_RING_SIZE - 1 - i);
	}
	q->nfree = NF_RING_SIZE;
}

/* SHARED_RING_INIT's effect on the four indices of a netif sring. */
#define SRING_INIT(s)                                                          \
	do {                                                                   \
		(s)->req_prod = (s)->rsp_prod = 0;                             \
		(s)->req_event = (s)->rsp_event = 1;                           \
		memset(&(s)->pvt, 0, sizeof((s)->pvt));                        \
		memset((s)->__pad, 0, sizeof((s)->__pad));                     \
	} while (0)

void nf_tx_init(struct nf_txq *t, netif_tx_sring_t *s, const uint32_t *gref,
		const uint16_t *off)
{
	queue_init(&t->q, gref);
	memcpy(t->offset, off, sizeof(t->offset));
	memset(t->extras, 0, sizeof(t->extras));
	t->nulls_due = 0;
	t->s = s;
	SRING_INIT(s);
}

void nf_rx_init(struct nf_rxq *r, netif_rx_sring_t *s, const uint32_t *gref,
		bool sg, bool gso)
{
	queue_init(&r->q, gref);
	r->s = s;
	r->sg = sg;
	r->gso = gso && sg; /* a GSO packet needs more than one slot */
	memset(r->req_id, 0, sizeof(r->req_id));
	memset(&r->cur, 0, sizeof(r->cur));
	r->npend = 0;
	r->want_extra = r->want_more = false;
	r->dropped = r->csum_blank = 0;
	SRING_INIT(s);
}

static int violation(struct nf_queue *q, const char *what, long val)
{
	if (!q->error) {
		q->error = what;
		q->error_val = val;
	}
	return -EIO;
}

/* How many new responses the backend claims, after checking the claim
 * (ring_responses()). */
static int responses_ready(struct nf_queue *q, const volatile RING_IDX *prod)
{
	RING_IDX p;

	if (!ring_responses(prod, q->rsp_cons, q->req_pub, &p))
		return violation(q,
				 "response producer index ahead of the "
				 "requests",
				 (long)(RING_IDX)(p - q->rsp_cons));
	q->rsp_seen = p;
	return (int)(RING_IDX)(p - q->rsp_cons);
}

/* Ask for an event when the next response arrives, then look again. */
static int responses_final(struct nf_queue *q, volatile RING_IDX *event,
			   const volatile RING_IDX *prod, RING_IDX want)
{
	ring_ask_event(event, want);
	return responses_ready(q, prod);
}

static int id_take(struct nf_queue *q)
{
	uint16_t id;

	if (q->error)
		return -EIO;
	if (!q->nfree)
		return -EAGAIN;
	id = q->free_ids[--q->nfree];
	q->busy[id] = true;
	q->inflight++;
	return id;
}

/* A response names id: it must be one of ours and in flight. */
static int id_complete(struct nf_queue *q, uint16_t id)
{
	if (id >= NF_RING_SIZE)
		return violation(q, "response id out of range", id);
	if (!q->busy[id])
		return violation(q, "response for an id not in flight", id);
	q->busy[id] = false;
	q->inflight--;
	return 0;
}

static void id_free(struct nf_queue *q, uint16_t id)
{
	q->free_ids[q->nfree++] = id;
}

/* Publish requests up to req_prod_pvt; returns whether to notify. */
static bool push(struct nf_queue *q, volatile RING_IDX *prod,
		 const volatile RING_IDX *event)
{
	q->req_pub = q->req_prod_pvt;
	return ring_publish(prod, event, q->req_prod_pvt);
}

int nf_tx_post(struct nf_txq *t, uint16_t len, uint16_t flags)
{
	uint16_t id;
	int rc;

	rc = nf_tx_post_frame(t, &len, 1, flags, 0, &id);
	return rc < 0 ? rc : id;
}

/* The ring slots not holding a request or an unconsumed response. */
static unsigned int ring_room(const struct nf_queue *q)
{
	return NF_RING_SIZE -
	       (unsigned int)(RING_IDX)(q->req_prod_pvt - q->rsp_cons);
}

static void tx_put(struct nf_txq *t, uint16_t id, uint16_t size, uint16_t flags)
{
	netif_tx_request_t *req =
	    &t->s->ring[t->q.req_prod_pvt++ & RING_MASK].req;

	req->gref = t->q.gref[id];
	req->offset = t->offset[id];
	req->flags = flags;
	req->id = id;
	req->size = size;
}

int nf_tx_post_frame(struct nf_txq *t, const uint16_t *len, unsigned int nslots,
		     uint16_t flags, uint16_t gso_size, uint16_t *ids)
{
	unsigned int i, total = 0, extra = gso_size ? 1 : 0;
	uint16_t first;

	if (t->q.error)
		return -EIO;
	if (!nslots || nslots > NF_TX_SLOTS_MAX || len[0] < 14)
		return -EINVAL;
	for (i = 0; i < nslots; i++) {
		if (!len[i] || len[i] > BUF_PAGE)
			return -EINVAL;
		total += len[i];
	}
	if (total > 0xffff)
		return -EINVAL;
	if (t->q.nfree < nslots || ring_room(&t->q) < nslots + extra)
		return -EAGAIN;
	for (i = 0; i < nslots; i++)
		ids[i] = (uint16_t)id_take(&t->q); /* cannot fail: checked */
	/* Only the checksum flags are the caller's; the first slot's size
	 * is the whole frame's (netif.h). */
	first = flags & (NETTXF_csum_blank | NETTXF_data_validated);
	if (nslots > 1)
		first |= NETTXF_more_data;
	if (extra)
		first |= NETTXF_extra_info;
	tx_put(t, ids[0], (uint16_t)total, first);
	t->extras[ids[0]] = (uint8_t)extra;
	if (extra) {
		struct netif_extra_info *e =
		    (struct netif_extra_info *)&t->s
			->ring[t->q.req_prod_pvt++ & RING_MASK]
			.req;

		memset(e, 0, sizeof(*e));
		e->type = XEN_NETIF_EXTRA_TYPE_GSO;
		e->u.gso.size = gso_size;
		e->u.gso.type = XEN_NETIF_GSO_TYPE_TCPV4;
	}
	for (i = 1; i < nslots; i++) {
		t->extras[ids[i]] = 0;
		tx_put(t, ids[i], len[i],
		       i + 1 < nslots ? NETTXF_more_data : 0);
	}
	return 0;
}

bool nf_tx_push(struct nf_txq *t)
{
	return push(&t->q, &t->s->req_prod, &t->s->req_event);
}

bool nf_rx_push(struct nf_rxq *r)
{
	return push(&r->q, &r->s->req_prod, &r->s->req_event);
}

/* Copy the response at rsp_cons out of the ring, field by field from
 * the volatile slot, so each field is read exactly once. */
static netif_tx_response_t tx_copy(struct nf_txq *t)
{
	volatile netif_tx_response_t *v =
	    &t->s->ring[t->q.rsp_cons & RING_MASK].rsp;
	netif_tx_response_t r;

	r.id = v->id;
	r.status = v->status;
	return r;
}

static int tx_check(struct nf_txq *t, const netif_tx_response_t *r)
{
	if (r->status != NETIF_RSP_OKAY && r->status != NETIF_RSP_ERROR &&
	    r->status != NETIF_RSP_DROPPED)
		return violation(&t->q, "bad transmit status", r->status);
	return id_complete(&t->q, r->id);
}

int nf_tx_reap(struct nf_txq *t, struct nf_tx_done *done, unsigned int max)
{
	unsigned int n = 0;
	int avail;

	if (t->q.error)
		return -EIO;
	avail = responses_ready(&t->q, &t->s->rsp_prod);
	while (avail >= 0 && n < max) {
		netif_tx_response_t r;

		if (!avail && (avail = responses_final(&t->q, &t->s->rsp_event,
						       &t->s->rsp_prod,
						       t->q.rsp_cons + 1)) <= 0)
			break;
		r = tx_copy(t);
		if (t->nulls_due) {
			/* The answer to an extra-info slot: no id. */
			if (r.status != NETIF_RSP_NULL)
				return violation(&t->q,
						 "extra-info slot without "
						 "its NULL response",
						 r.status);
			t->nulls_due--;
		} else {
			if (tx_check(t, &r) < 0)
				return -EIO;
			t->nulls_due = t->extras[r.id];
			id_free(&t->q, r.id);
			done[n].id = r.id;
			done[n++].status = r.status;
		}
		t->q.rsp_cons++;
		avail--;
	}
	return avail < 0 ? -EIO : (int)n;
}

int nf_rx_refill(struct nf_rxq *r)
{
	int n = 0, id;

	while ((id = id_take(&r->q)) >= 0) {
		netif_rx_request_t *req =
		    &r->s->ring[r->q.req_prod_pvt++ & RING_MASK].req;

		req->id = (uint16_t)id;
		req->gref = r->q.gref[id];
		r->req_id[(r->q.req_prod_pvt - 1) & RING_MASK] = (uint16_t)id;
		n++;
	}
	return id == -EIO ? -EIO : n;
}

/* Copy the response at ring index i out of the ring, each field read
 * once from the volatile slot. */
static netif_rx_response_t rx_copy(struct nf_rxq *r, RING_IDX i)
{
	volatile netif_rx_response_t *v = &r->s->ring[i & RING_MASK].rsp;
	netif_rx_response_t c;

	c.id = v->id;
	c.offset = v->offset;
	c.flags = v->flags;
	c.status = v->status;
	return c;
}

/* The same slot read as an extra-info descriptor (the fields we use). */
static struct netif_extra_info rx_copy_extra(struct nf_rxq *r, RING_IDX i)
{
	volatile struct netif_extra_info *v =
	    (volatile struct netif_extra_info *)&r->s->ring[i & RING_MASK];
	struct netif_extra_info e;

	memset(&e, 0, sizeof(e));
	e.type = v->type;
	e.flags = v->flags;
	e.u.gso.size = v->u.gso.size;
	e.u.gso.type = v->u.gso.type;
	return e;
}

/* Check data slot c (the packet's first when first) and add it to cur. */
static int rx_check_data(struct nf_rxq *r, const netif_rx_response_t *c,
			 bool first)
{
	uint16_t banned = NETRXF_gso_prefix;
	struct nf_rx_frame *f = &r->cur;
	struct nf_rx_slot *sl;

	if (!r->sg)
		banned |= NETRXF_more_data;
	if (!r->gso || !first)
		banned |= NETRXF_extra_info;
	if (c->flags & banned)
		return violation(&r->q, "receive flags not negotiated",
				 c->flags);
	if (c->status < 0 && c->status != NETIF_RSP_ERROR &&
	    c->status != NETIF_RSP_DROPPED)
		return violation(&r->q, "bad receive status", c->status);
	if (c->status > 0 && (c->offset >= BUF_PAGE ||
			      c->offset + (unsigned int)c->status > BUF_PAGE))
		return violation(&r->q, "receive offset + length past the page",
				 (long)c->offset + c->status);
	if (f->nslots == NF_RX_SLOTS_MAX)
		return violation(&r->q, "receive chain too long",
				 NF_RX_SLOTS_MAX + 1);
	if (id_complete(&r->q, c->id) < 0)
		return -EIO;
	sl = &f->slot[f->nslots++];
	sl->id = c->id;
	sl->offset = c->offset;
	sl->len = c->status > 0 ? (uint16_t)c->status : 0;
	if (first) {
		/* Checksum offload: a blank (partial) checksum comes from
		 * dom0's own memory, a validated one was checked by dom0;
		 * the caller tells the stack. Only these two pass on. */
		f->flags =
		    c->flags & (NETRXF_csum_blank | NETRXF_data_validated);
		r->want_extra = c->flags & NETRXF_extra_info;
		if (!sl->len) /* an error, or an empty first slot */
			f->len = NF_RX_LEN_MAX + 1;
	}
	if (c->status < 0)
		f->len = NF_RX_LEN_MAX + 1; /* the packet is dropped */
	else if (f->len <= NF_RX_LEN_MAX)
		f->len += sl->len;
	r->want_more = c->flags & NETRXF_more_data;
	return 0;
}

/* Check the extra-info slot at ring index i: exactly one GSO TCPv4
 * descriptor. It carries no id but used up the request posted there,
 * whose buffer (never written) is free again at once. */
static int rx_check_extra(struct nf_rxq *r, RING_IDX i)
{
	struct netif_extra_info e = rx_copy_extra(r, i);
	uint16_t id = r->req_id[i & RING_MASK];

	if (e.type != XEN_NETIF_EXTRA_TYPE_GSO ||
	    (e.flags & XEN_NETIF_EXTRA_FLAG_MORE))
		return violation(&r->q, "receive extra info not negotiated",
				 e.type);
	if (e.u.gso.type != XEN_NETIF_GSO_TYPE_TCPV4)
		return violation(&r->q, "receive GSO type not negotiated",
				 e.u.gso.type);
	if (id_complete(&r->q, id) < 0)
		return -EIO;
	id_free(&r->q, id);
	r->cur.gso_size = e.u.gso.size;
	if (!e.u.gso.size) /* no MSS: nothing to do with it */
		r->cur.len = NF_RX_LEN_MAX + 1;
	r->want_extra = false;
	return 0;
}

/* Take and check the next response of the packet being collected.
 * Returns 1 when the packet is complete, 0 when more must follow,
 * -EIO on a violation. */
static int rx_step(struct nf_rxq *r)
{
	RING_IDX i = r->q.rsp_cons + r->npend;
	netif_rx_response_t c;
	int rc;

	if (r->npend == 1 && r->want_extra) {
		rc = rx_check_extra(r, i);
	} else {
		c = rx_copy(r, i);
		rc = rx_check_data(r, &c, r->npend == 0);
	}
	if (rc < 0)
		return rc;
	r->npend++;
	return !r->want_extra && !r->want_more;
}

/* The finished packet in cur goes to *f; its slots are consumed. */
static void rx_finish(struct nf_rxq *r, struct nf_rx_frame *f)
{
	*f = r->cur;
	/* Unusable: an error slot, an empty first slot, a zero MSS, over
	 * 64 KiB, or a single frame over the MTU. */
	if (f->len > NF_RX_LEN_MAX || !f->len ||
	    (f->len > NETDEV_FRAME_MAX && !f->gso_size)) {
		r->dropped++;
		f->len = 0;
	} else if (f->flags & NETRXF_csum_blank) {
		r->csum_blank++;
	}
	r->q.rsp_cons += r->npend;
	r->npend = 0;
	memset(&r->cur, 0, sizeof(r->cur));
}

int nf_rx_take(struct nf_rxq *r, struct nf_rx_frame *f)
{
	int avail, rc;

	if (r->q.error)
		return -EIO;
	for (;;) {
		RING_IDX next = r->q.rsp_cons + r->npend;

		if (next == r->q.rsp_seen &&
		    (avail = responses_ready(&r->q, &r->s->rsp_prod)) <=
			(int)r->npend) {
			if (avail < 0 ||
			    (avail = responses_final(
				 &r->q, &r->s->rsp_event, &r->s->rsp_prod,
				 next + 1)) <= (int)r->npend)
				return avail < 0 ? -EIO : 0;
		}
		if ((rc = rx_step(r)) != 0)
			break;
	}
	if (rc < 0)
		return -EIO;
	rx_finish(r, f);
	return 1;
}

void nf_rx_release(struct nf_rxq *r, uint16_t id)
{
	if (id < NF_RING_SIZE && !r->q.busy[id])
		id_free(&r->q, id);
}

int nf_parse_mac(const char *s, uint8_t mac[6])
{
	uint8_t m[6];
	unsigned int i;

	for (i = 0; i < 6; i++, s += 3) {
		int hi = hex_digit_value(s[0]),
		    lo = hi < 0 ? -1 : hex_digit_value(s[1]);

		if (lo < 0 || s[2] != (i == 5 ? '\0' : ':'))
			return -EINVAL;
		m[i] = (uint8_t)(hi << 4 | lo);
	}
	/* A group (multicast) address cannot be a station's. */
	if (m[0] & 1)
		return -EINVAL;
	memcpy(mac, m, 6);
	return 0;
}
