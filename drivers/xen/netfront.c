/*
 * netfront's data path: the shared pages and their grants, transmit (copy
 * the frame into one granted page per 4 KiB, post, notify), and the
 * worker's poll (reap transmit completions, hand each received frame's
 * pieces to the stack, which copies them once, refill the receive ring). The
 * ring rules and every check of the backend's responses are in
 * netfront_ring.c; a violation breaks the device for good.
 *
 * No locks: threads are cooperative on one vCPU, and nothing here sleeps
 * except the client's receive callback, after which the worker re-checks
 * that the device is still up before touching the rings again.
 */
#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/gnttab.h>
#include <kernel/page_alloc.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>

#include "netfront_priv.h"

/* How long teardown waits for the backend to unmap our pages. */
#define UNSHARE_WAIT_NS (2 * NSEC_PER_SEC)

int netfront_alloc(struct netfront *nf)
{
	unsigned int i;

	nf->tx_sring = gnttab_page_alloc();
	nf->rx_sring = gnttab_page_alloc();
	if (!nf->tx_sring || !nf->rx_sring)
		return -ENOMEM;
	for (i = 0; i < NF_RING_SIZE; i++)
		if (!(nf->tx_page[i] = gnttab_page_alloc()))
			return -ENOMEM;
	for (i = 0; i < NF_RING_SIZE; i++)
		if (!(nf->rx_page[i] = gnttab_page_alloc()))
			return -ENOMEM;
	nf->tx_ring_ref = nf->rx_ring_ref = -1;
	return 0;
}

static void free_page_of(void **p)
{
	if (*p)
		page_free(virt_to_pfn(*p), 1);
	*p = NULL;
}

void netfront_free(struct netfront *nf)
{
	unsigned int i;

	free_page_of((void **)&nf->tx_sring);
	free_page_of((void **)&nf->rx_sring);
	for (i = 0; i < NF_RING_SIZE; i++) {
		free_page_of(&nf->tx_page[i]);
		free_page_of(&nf->rx_page[i]);
	}
}

void netfront_unshare(struct netfront *nf)
{
	uint64_t deadline = time_monotonic_ns() + UNSHARE_WAIT_NS;
	unsigned int i, lost = 0;
	int ref;

	if (!nf->granted)
		return;
	lost += gnttab_end_page((void **)&nf->tx_sring, &nf->tx_ring_ref,
				deadline, nf->nd.name);
	lost += gnttab_end_page((void **)&nf->rx_sring, &nf->rx_ring_ref,
				deadline, nf->nd.name);
	for (i = 0; i < NF_RING_SIZE; i++) {
		ref = (int)nf->rx_gref[i];
		lost += gnttab_end_page(&nf->rx_page[i], &ref, deadline,
					nf->nd.name);
	}
	for (i = 0; i < NF_RING_SIZE; i++) {
		ref = (int)nf->tx_gref[i];
		lost += gnttab_end_page(&nf->tx_page[i], &ref, deadline,
					nf->nd.name);
	}
	if (lost)
		printk("netfront: %s: backend kept %u page(s) mapped; "
		       "abandoned\n",
		       nf->nd.name, lost);
	nf->granted = false;
}

/* Grant every buffer; on failure end the grants made so far. */
static int grant_buffers(struct netfront *nf, uint16_t *off)
{
	unsigned int i;
	int ref;

	nf->granted = true; /* so that unshare cleans up a partial set */
	for (i = 0; i < NF_RING_SIZE; i++)
		nf->rx_gref[i] = nf->tx_gref[i] = (uint32_t)-1;
	if (gnttab_page_fill((void **)&nf->tx_sring) ||
	    gnttab_page_fill((void **)&nf->rx_sring))
		return -ENOMEM;
	if ((nf->tx_ring_ref = gnttab_grant_page(nf->xf.backend_id,
						 nf->tx_sring, false)) < 0 ||
	    (nf->rx_ring_ref =
		 gnttab_grant_page(nf->xf.backend_id, nf->rx_sring, false)) < 0)
		return -ENOSPC;
	for (i = 0; i < NF_RING_SIZE; i++) {
		if (gnttab_page_fill(&nf->rx_page[i]) ||
		    gnttab_page_fill(&nf->tx_page[i]))
			return -ENOMEM;
		if ((ref = gnttab_grant_page(nf->xf.backend_id, nf->rx_page[i],
					     false)) < 0)
			return ref;
		nf->rx_gref[i] = (uint32_t)ref;
	}
	for (i = 0; i < NF_RING_SIZE; i++) {
		if ((ref = gnttab_grant_page(nf->xf.backend_id, nf->tx_page[i],
					     true)) < 0)
			return ref;
		nf->tx_gref[i] = (uint32_t)ref;
		off[i] = 0;
	}
	return 0;
}

int netfront_share(struct netfront *nf)
{
	uint16_t off[NF_RING_SIZE];
	int rc = grant_buffers(nf, off);

	if (rc < 0) {
		printk("netfront: %s: out of grant references (%d)\n",
		       nf->nd.name, rc);
		netfront_unshare(nf);
		return rc;
	}
	nf_tx_init(&nf->tx, nf->tx_sring, nf->tx_gref, off);
	/* We said feature-sg and feature-gso-tcpv4 (netfront_xenbus.c). */
	nf_rx_init(&nf->rx, nf->rx_sring, nf->rx_gref, true, true);
	nf_rx_refill(&nf->rx);
	nf_rx_push(&nf->rx);
	return 0;
}

void netfront_break(struct netfront *nf, const struct nf_queue *q)
{
	/* The link goes down from the worker (netfront_poll()): this may
	 * run inside the stack's transmit call, where a link callback must
	 * not come. */
	if (!xenfront_break(&nf->xf))
		return;
	printk("netfront: %s: backend broke the ring protocol: %s (%ld); "
	       "device disabled\n",
	       nf->nd.name, q->error ? q->error : "?", q->error_val);
}

static void reap_tx(struct netfront *nf)
{
	struct nf_tx_done done[32];
	int n, i;

	while ((n = nf_tx_reap(&nf->tx, done, ARRAY_SIZE(done))) > 0)
		for (i = 0; i < n; i++)
			if (done[i].status != NETIF_RSP_OKAY)
				nf->tx_errors++;
	if (n < 0)
		netfront_break(nf, &nf->tx.q);
}

/* Hand packet f to the client as pieces of its pages (the client
 * copies them once: the backend can still write the pages, so nothing
 * here looks at them), then give the buffers back. */
static void deliver(struct netfront *nf, const struct nf_rx_frame *f)
{
	struct netdev_seg segs[NF_RX_SLOTS_MAX];
	unsigned int i;

	if (f->len) { /* checked: the slots add up to len */
		for (i = 0; i < f->nslots; i++) {
			segs[i].data = (char *)nf->rx_page[f->slot[i].id] +
				       f->slot[i].offset;
			segs[i].len = f->slot[i].len;
		}
		nf->rx_frames++;
		netdev_receive(&nf->nd, segs, f->nslots, f->len,
			       f->flags ? NETDEV_RX_CSUM_OK : 0);
	}
	for (i = 0; i < f->nslots; i++)
		nf_rx_release(&nf->rx, f->slot[i].id);
}

/* Deliver received packets, at most a ring's worth per call so that the
 * transmit side and other threads get their turn. */
static void receive(struct netfront *nf)
{
	struct nf_rx_frame f;
	unsigned int budget = NF_RING_SIZE;
	int rc = 0;

	while (budget-- && nf->xf.phase == XF_UP &&
	       (rc = nf_rx_take(&nf->rx, &f)) > 0)
		deliver(nf, &f);
	if (rc < 0)
		netfront_break(nf, &nf->rx.q);
	if (budget == (unsigned int)-1)
		xenfront_kick(&nf->xf); /* more may be waiting */
}

void netfront_poll(struct netfront *nf)
{
	if (nf->xf.phase != XF_UP)
		return;
	reap_tx(nf);
	receive(nf);
	if (nf->xf.phase != XF_UP)
		return; /* broken, or taken down during a callback */
	if (nf_rx_refill(&nf->rx) > 0 && nf_rx_push(&nf->rx))
		xenfront_notify(&nf->xf);
}

static size_t frame_len(const struct netdev_seg *segs, unsigned int n)
{
	size_t len = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		len += segs[i].len;
	return len;
}

/* Copy the frame gathered from segs into the buffers of ids[0..nslots),
 * len[i] bytes into each (they add up to the frame's length). */
static void scatter(struct netfront *nf, const struct netdev_seg *segs,
		    const uint16_t *ids, const uint16_t *len,
		    unsigned int nslots)
{
	unsigned int i, s = 0;
	size_t soff = 0; /* bytes of segs[s] already copied */

	for (i = 0; i < nslots; i++) {
		char *dst = nf->tx_page[ids[i]];
		size_t want = len[i];

		while (want) {
			size_t n = segs[s].len - soff;

			if (n > want)
				n = want;
			memcpy(dst, (const char *)segs[s].data + soff, n);
			dst += n;
			want -= n;
			soff += n;
			if (soff == segs[s].len) {
				s++;
				soff = 0;
			}
		}
	}
}

/* A partial checksum is completed by the backend: blank says so, and
 * data_validated tells it the data came from memory, not a wire. */
#define TX_CSUM_FLAGS (NETTXF_csum_blank | NETTXF_data_validated)

/* Queue the frame, reaping completions once if the ring is full. */
static int post(struct netfront *nf, const uint16_t *len, unsigned int nslots,
		uint16_t txf, uint16_t mss, uint16_t *ids)
{
	int rc = nf_tx_post_frame(&nf->tx, len, nslots, txf, mss, ids);

	if (rc == -EAGAIN) {
		reap_tx(nf); /* completions may be waiting */
		if (nf->xf.phase != XF_UP)
			return nf->xf.phase == XF_BROKEN ? -EIO : -ENETDOWN;
		rc = nf_tx_post_frame(&nf->tx, len, nslots, txf, mss, ids);
	}
	return rc;
}

static int nf_transmit(struct netdev *nd, const struct netdev_seg *segs,
		       unsigned int nsegs, unsigned int flags)
{
	struct netfront *nf = container_of(nd, struct netfront, nd);
	size_t len = frame_len(segs, nsegs), max = NETDEV_FRAME_MAX;
	uint16_t txf = flags & NETDEV_TX_CSUM_PARTIAL ? TX_CSUM_FLAGS : 0;
	uint16_t mss = 0, slot_len[NF_TX_SLOTS_MAX], ids[NF_TX_SLOTS_MAX];
	unsigned int nslots, i;
	int rc;

	if (nf->xf.phase == XF_BROKEN)
		return -EIO;
	/* Restored, the new backend not there yet: the link stays up and
	 * the frame is lost as on a wire (TCP sends it again), rather than
	 * an error that would end the sender's connection. */
	if (nf->xf.phase != XF_UP && nf->xf.restore_deadline) {
		nf->tx_lost_restore++;
		return 0;
	}
	if (nf->xf.phase != XF_UP)
		return -ENETDOWN;
	if (flags & NETDEV_TX_GSO(0)) {
		if (!nf->tx_gso || !txf)
			return -EOPNOTSUPP;
		mss = (uint16_t)NETDEV_TX_GSO_MSS(flags);
		max = NETDEV_TX_GSO_FRAME_MAX;
		if (!mss)
			return -EINVAL;
	}
	if (len > max || !len)
		return -EMSGSIZE;
	nslots = (unsigned int)((len + NF_TX_BUF - 1) / NF_TX_BUF);
	for (i = 0; i < nslots; i++)
		slot_len[i] =
		    (uint16_t)(i + 1 < nslots ? NF_TX_BUF
					      : len - (nslots - 1) * NF_TX_BUF);
	if ((rc = post(nf, slot_len, nslots, txf, mss, ids)) < 0)
		return rc;
	/* The requests are written but not published: fill the buffers. */
	scatter(nf, segs, ids, slot_len, nslots);
	nf->tx_frames++;
	if (nf_tx_push(&nf->tx))
		xenfront_notify(&nf->xf);
	return 0;
}

const struct netdev_ops netfront_ops = {.transmit = nf_transmit};
