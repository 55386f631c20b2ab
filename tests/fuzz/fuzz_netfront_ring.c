/*
 * Fuzzer of netfront's rings alone (drivers/xen/netfront_ring.c), fast
 * where fuzz_netfront.c is thorough: the input is a script of transmit
 * posts (any slot lengths, checksum flags, GSO), receive refills,
 * publications, responses from a backend (honest: answers to the
 * requests read, packets over the posted receive buffers; or any id,
 * offset, flags and status at any producer index), reaps and takes. A
 * model of the transmit ids in flight checks every completion; every
 * received packet's slots must be receive ids inside their page, adding
 * up to its length; MAC parsing runs on the input too.
 */
#include <kernel/errno.h>
#include <kernel/netfront_ring.h>

#include "fuzz_input.h"

static struct {
	struct nf_txq tx;
	struct nf_rxq rx;
	netif_tx_sring_t *ts;
	netif_rx_sring_t *rs;
	uint32_t tgref[NF_RING_SIZE], rgref[NF_RING_SIZE];
	uint16_t off[NF_RING_SIZE];
	bool tx_busy[NF_RING_SIZE];
	RING_IDX tcons, tprod, rcons, rprod; /* the backend's */
	bool extra; /* the next transmit request is an extra-info slot */
	bool lied;
} m;

static void tx_post(struct fin *f)
{
	uint16_t len[NF_TX_SLOTS_MAX + 1], ids[NF_TX_SLOTS_MAX + 1];
	uint8_t how = fin_u8(f);
	unsigned int n = 1 + how % (NF_TX_SLOTS_MAX + 1), i;
	int rc;

	for (i = 0; i < n; i++)
		len[i] = fin_u16(f) % 4200;
	rc = nf_tx_post_frame(&m.tx, len, n, how & 0x30 ? NETTXF_csum_blank : 0,
			      how & 0x40 ? 1448 : 0, ids);
	FUZZ_ASSERT(rc == 0 || rc == -EAGAIN || rc == -EINVAL || rc == -EIO);
	if (rc)
		return;
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(ids[i] < NF_RING_SIZE && !m.tx_busy[ids[i]]);
		m.tx_busy[ids[i]] = true;
	}
}

/* Honest: answer the published transmit requests read, in order (an
 * extra-info slot gets its NULL response). */
static void tx_answer(struct fin *f)
{
	unsigned int k = fin_u8(f) % 32;

	while (k-- && m.tcons != m.ts->req_prod) {
		netif_tx_request_t q = m.ts->ring[m.tcons++ % NF_RING_SIZE].req;
		netif_tx_response_t r = {.id = q.id, .status = NETIF_RSP_OKAY};

		if (m.extra)
			r.status = NETIF_RSP_NULL;
		m.extra = !m.extra && (q.flags & NETTXF_extra_info);
		m.ts->ring[m.tprod++ % NF_RING_SIZE].rsp = r;
	}
	m.ts->rsp_prod = m.tprod;
}

static void tx_reap(struct fin *f)
{
	struct nf_tx_done d[NF_RING_SIZE];
	unsigned int max = 1 + fin_u8(f), i;
	int n = nf_tx_reap(&m.tx, d, max);

	FUZZ_ASSERT(n == -EIO || (n >= 0 && (unsigned int)n <= max));
	if (n < 0) {
		if (!m.lied)
			fprintf(stderr, "tx: %s (%ld)\n", m.tx.q.error,
				m.tx.q.error_val);
		FUZZ_ASSERT(m.lied);
		return;
	}
	for (i = 0; i < (unsigned int)n; i++) {
		FUZZ_ASSERT(d[i].id < NF_RING_SIZE && m.tx_busy[d[i].id]);
		m.tx_busy[d[i].id] = false;
	}
}

/* Honest: a packet of len bytes over the receive buffers posted. */
static void rx_packet(struct fin *f)
{
	uint32_t len = 1 + fin_u16(f);
	uint16_t off = fin_u8(f) & 1 ? fin_u16(f) % 4096 : 0;
	bool gso = m.rx.gso && m.rx.sg && len > 1514;
	uint32_t done = 0;
	unsigned int slot = 0;

	if (!m.rx.sg && len > 4096u - off) /* one slot without sg */
		len = 4096u - off;
	/* Only whole packets: enough buffers posted for every slot. */
	if ((RING_IDX)(m.rs->req_prod - m.rcons) <
	    (len + off + 4095) / 4096 + gso)
		return;
	while (done < len && m.rcons != m.rs->req_prod) {
		netif_rx_request_t q = m.rs->ring[m.rcons++ % NF_RING_SIZE].req;
		netif_rx_response_t *r =
		    &m.rs->ring[m.rprod++ % NF_RING_SIZE].rsp;
		uint32_t room = 4096 - (slot ? 0 : off);
		uint32_t n = len - done < room ? len - done : room;

		r->id = q.id;
		r->offset = slot ? 0 : off;
		r->status = (int16_t)n;
		done += n;
		r->flags = (done < len ? NETRXF_more_data : 0) |
			   (!slot && gso ? NETRXF_extra_info : 0);
		if (!slot++ && gso && m.rcons != m.rs->req_prod) {
			struct netif_extra_info *e =
			    (struct netif_extra_info *)&m.rs
				->ring[m.rprod++ % NF_RING_SIZE];

			m.rcons++;
			memset(e, 0, sizeof(*e));
			e->type = XEN_NETIF_EXTRA_TYPE_GSO;
			e->u.gso.type = XEN_NETIF_GSO_TYPE_TCPV4;
			e->u.gso.size = 1448;
		}
	}
	m.rs->rsp_prod = m.rprod;
}

static void rx_take(void)
{
	struct nf_rx_frame fr;
	unsigned int i, sum = 0;
	int rc;

	while ((rc = nf_rx_take(&m.rx, &fr)) == 1) {
		FUZZ_ASSERT(fr.nslots >= 1 && fr.nslots <= NF_RX_SLOTS_MAX);
		for (i = 0; i < fr.nslots; i++) {
			FUZZ_ASSERT(fr.slot[i].id < NF_RING_SIZE);
			FUZZ_ASSERT(!fr.slot[i].len ||
				    fr.slot[i].offset + fr.slot[i].len <= 4096);
			sum += fr.slot[i].len;
		}
		FUZZ_ASSERT(!fr.len || fr.len == sum);
		for (i = 0; i < fr.nslots; i++)
			nf_rx_release(&m.rx, fr.slot[i].id);
		sum = 0;
	}
	if (rc == -EIO && !m.lied)
		fprintf(stderr, "rx: %s (%ld)\n", m.rx.q.error,
			m.rx.q.error_val);
	FUZZ_ASSERT(rc == 0 || (rc == -EIO && m.lied));
}

static void lie(struct fin *f)
{
	uint8_t how = fin_u8(f);

	m.lied = true;
	if (how & 1) {
		if (how & 2)
			m.rs->rsp_prod += fin_u16(f);
		else
			m.ts->rsp_prod += fin_u16(f);
	} else if (how & 2) {
		netif_rx_response_t *r =
		    &m.rs->ring[m.rprod++ % NF_RING_SIZE].rsp;

		r->id = fin_u16(f);
		r->offset = fin_u16(f);
		r->flags = fin_u16(f);
		r->status = (int16_t)fin_u16(f);
		m.rs->rsp_prod = m.rprod;
	} else {
		netif_tx_response_t *r =
		    &m.ts->ring[m.tprod++ % NF_RING_SIZE].rsp;

		r->id = fin_u16(f);
		r->status = (int16_t)fin_u16(f);
		m.ts->rsp_prod = m.tprod;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fin f = {data, size};
	uint8_t how = fin_u8(&f), mac[6];
	char s[24];
	unsigned int i;

	memset(&m, 0, sizeof(m));
	m.ts = aligned_alloc(4096, 4096);
	m.rs = aligned_alloc(4096, 4096);
	for (i = 0; i < NF_RING_SIZE; i++)
		m.tgref[i] = m.rgref[i] = 100 + i;
	nf_tx_init(&m.tx, m.ts, m.tgref, m.off);
	nf_rx_init(&m.rx, m.rs, m.rgref, how & 1, how & 2);
	fin_str(&f, s, sizeof(s));
	if (!nf_parse_mac(s, mac))
		FUZZ_ASSERT(!(mac[0] & 1)); /* unicast */
	while (fin_left(&f)) {
		switch (fin_u8(&f) % 9) {
		case 0:
			tx_post(&f);
			break;
		case 1:
			nf_tx_push(&m.tx);
			break;
		case 2:
			tx_answer(&f);
			break;
		case 3:
			tx_reap(&f);
			break;
		case 4:
			nf_rx_refill(&m.rx);
			nf_rx_push(&m.rx);
			break;
		case 5:
			rx_packet(&f);
			break;
		case 6:
			rx_take();
			break;
		default:
			lie(&f);
			break;
		}
	}
	free(m.ts);
	free(m.rs);
	return 0;
}
