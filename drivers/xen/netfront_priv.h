/*
 * What netfront's data path (netfront.c) and handshake
 * (netfront_xenbus.c) share: the per-device struct and the calls between
 * the two files.
 */
#ifndef DRIVERS_XEN_NETFRONT_PRIV_H
#define DRIVERS_XEN_NETFRONT_PRIV_H

#include <kernel/evtchn.h>
#include <kernel/netdev.h>
#include <kernel/netfront_ring.h>
#include <kernel/sync.h>
#include <kernel/xenbus.h>

_Static_assert(NF_RX_SLOTS_MAX <= NETDEV_RX_SEGS_MAX, "rx pieces");
/* Each transmit id owns a whole page, so that a merged (GSO) frame of
 * 64 KiB fits in the slots netback takes for one packet. */
#define NF_TX_BUF 4096u
_Static_assert(NF_TX_SLOTS_MAX *NF_TX_BUF > NETDEV_TX_GSO_FRAME_MAX,
	       "tx GSO frame");

enum nf_phase {
	NF_DOWN,       /* no rings shared */
	NF_CONNECTING, /* rings shared, waiting for the backend */
	NF_UP,	       /* data flows */
	NF_BROKEN,     /* the backend broke the protocol: -EIO for good */
};

struct netfront {
	struct netdev nd;
	char dir[24];		       /* "device/vif/N" */
	char backend[XENBUS_PATH_MAX]; /* the backend's directory */
	unsigned int backend_id;       /* its domain */
	char token[24];		       /* our watch on backend/state */
	enum nf_phase phase;
	bool state_changed; /* the watcher saw backend/state move */
	struct ksem kick;   /* events, state changes */
	struct thread *worker, *watcher;

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
	evtchn_port_t port;
	bool port_open;

	struct nf_txq tx;
	struct nf_rxq rx;

	unsigned long rx_frames, tx_frames, tx_errors;
};

/* netfront.c: the data path. */
extern const struct netdev_ops netfront_ops;
/* Allocate the shared pages (once per device). Returns 0 or -ENOMEM. */
int netfront_alloc(struct netfront *nf);
/* Grant the pages to the backend, set up both rings and post every
 * receive buffer. Returns 0 or a negative errno (nothing granted). */
int netfront_share(struct netfront *nf);
/* End every grant (waiting a bounded time for the backend to unmap);
 * pages it still maps are abandoned and replaced. */
void netfront_unshare(struct netfront *nf);
/* Reap transmit completions, deliver received frames, refill. */
void netfront_poll(struct netfront *nf);
/* The event handler: wake the worker (upcall context). */
void netfront_event(evtchn_port_t port, void *data);
/* A protocol violation: log it, -EIO from now on; the worker then takes
 * the link down. */
void netfront_break(struct netfront *nf, const struct nf_queue *q);

#endif
