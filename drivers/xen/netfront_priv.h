/*
 * What netfront's data path (netfront.c) and its keys and features
 * (netfront_xenbus.c) share: the per-device struct and the calls between
 * the two files. The life cycle is the xenbus frontend skeleton's
 * (<kernel/xenfront.h>).
 */
#ifndef DRIVERS_XEN_NETFRONT_PRIV_H
#define DRIVERS_XEN_NETFRONT_PRIV_H

#include <kernel/xenfront.h>
#include <kernel/netdev.h>
#include <kernel/netfront_ring.h>

_Static_assert(NF_RX_SLOTS_MAX <= NETDEV_RX_SEGS_MAX, "rx pieces");
/* Each transmit id owns a whole page, so that a merged (GSO) frame of
 * 64 KiB fits in the slots netback takes for one packet. */
#define NF_TX_BUF 4096u
_Static_assert(NF_TX_SLOTS_MAX *NF_TX_BUF > NETDEV_TX_GSO_FRAME_MAX,
	       "tx GSO frame");

struct netfront {
	struct netdev nd;
	struct xenfront xf; /* the life cycle: phase, backend, port */

	/* Shared memory: allocated once, granted per connection. */
	netif_tx_sring_t *tx_sring;
	netif_rx_sring_t *rx_sring;
	void *tx_page[NF_RING_SIZE];
	void *rx_page[NF_RING_SIZE];
	int tx_ring_ref, rx_ring_ref;	/* -1: not granted */
	uint32_t tx_gref[NF_RING_SIZE]; /* per buffer id */
	bool tx_gso; /* the backend takes merged TCPv4 segments */
	uint32_t rx_gref[NF_RING_SIZE];
	bool granted;

	struct nf_txq tx;
	struct nf_rxq rx;

	unsigned long rx_frames, tx_frames, tx_errors;
	unsigned long tx_lost_restore; /* dropped while reconnecting */
};

/* netfront.c: the data path. */
extern const struct netdev_ops netfront_ops;
/* Allocate the shared pages (once per device). Returns 0 or -ENOMEM. */
int netfront_alloc(struct netfront *nf);
/* Free the shared pages netfront_alloc() took (none may be granted). */
void netfront_free(struct netfront *nf);
/* Grant the pages to the backend, set up both rings and post every
 * receive buffer. Returns 0 or a negative errno (nothing granted). */
int netfront_share(struct netfront *nf);
/* End every grant (waiting a bounded time for the backend to unmap);
 * pages it still maps are abandoned and replaced. */
void netfront_unshare(struct netfront *nf);
/* Reap transmit completions, deliver received frames, refill. */
void netfront_poll(struct netfront *nf);
/* A protocol violation: log it, -EIO from now on; the worker then takes
 * the link down. */
void netfront_break(struct netfront *nf, const struct nf_queue *q);

#endif
