/*
 * The frontend's side of netfront's two shared rings (netif.h), kept pure
 * (no hypercalls, no allocation) so that the host unit tests can run it
 * against a hostile fake backend. Everything the backend writes is read
 * once, copied out and checked before use; the first violation is kept in
 * the queue (error, error_val) and every call returns -EIO from then on.
 *
 * Transmit: a frame takes one request per data slot, ids 0..NF_RING_SIZE-1
 * taken from a free stack, each id owning a fixed granted buffer; a
 * merged TCPv4 segment (GSO) adds one extra-info slot after its first,
 * whose response (status NULL, no id) must follow the first slot's. Receive: rx-copy, request id == buffer index, every
 * free buffer posted so that the ring stays full; with scatter-gather
 * and GSO negotiated (nf_rxq.sg, .gso) a packet may span several slots
 * (more_data) plus one GSO extra-info slot after the first.
 */
#ifndef KERNEL_NETFRONT_RING_H
#define KERNEL_NETFRONT_RING_H

#include <kernel/types.h>
#include <xen/io/netif.h>

/* Both rings of a one-page netif ring hold 256 entries. */
#define NF_RING_SIZE 256
_Static_assert(NF_RING_SIZE == __CONST_RING_SIZE(netif_tx, 4096),
	       "tx ring size");
_Static_assert(NF_RING_SIZE == __CONST_RING_SIZE(netif_rx, 4096),
	       "rx ring size");

/* What every queue has: indices, ids in flight, the first violation. */
struct nf_queue {
	RING_IDX req_prod_pvt; /* requests written, not all published */
	RING_IDX req_pub;      /* requests published (our req_prod) */
	RING_IDX rsp_cons;     /* responses consumed */
	RING_IDX rsp_seen;     /* the backend's rsp_prod as last checked */
	unsigned int inflight; /* requests without a response */
	bool busy[NF_RING_SIZE];
	uint32_t gref[NF_RING_SIZE];	 /* the buffer grant of each id */
	uint16_t free_ids[NF_RING_SIZE]; /* a stack of ids not in flight */
	unsigned int nfree;
	const char *error; /* NULL: healthy */
	long error_val;
};

struct nf_txq {
	struct nf_queue q;
	netif_tx_sring_t *s;
	uint16_t offset[NF_RING_SIZE]; /* where id's buffer starts */
	/* Extra-info slots that followed id's request: as many NULL
	 * responses must follow its response. */
	uint8_t extras[NF_RING_SIZE];
	unsigned int nulls_due; /* NULL responses still to come */
};

/* A transmitted frame spans at most this many data slots: Linux netback
 * drops a packet of more than 18 (XEN_NETBK_LEGACY_SLOTS_MAX) and
 * disables the interface beyond 20; 17 pages hold 64 KiB. */
#define NF_TX_SLOTS_MAX 17

/* A received packet spans at most this many data slots: 64 KiB in
 * whole pages plus a partial one at each end (Linux's
 * XEN_NETIF_NR_SLOTS_MIN); a longer chain is a violation. */
#define NF_RX_SLOTS_MAX 18
/* The longest packet delivered (a merged GSO segment); longer ones are
 * dropped. */
#define NF_RX_LEN_MAX 65535u

struct nf_rx_slot {
	uint16_t id;
	uint16_t offset;
	uint16_t len;
};

/* A received packet: its data in slot[0..nslots) (id's buffer at
 * [offset, offset + len)), in order. len == 0: the backend reported an
 * error or the packet is unusable; the buffers still go back with
 * nf_rx_release(). */
struct nf_rx_frame {
	struct nf_rx_slot slot[NF_RX_SLOTS_MAX];
	unsigned int nslots;
	unsigned int len;
	uint16_t flags;	   /* NETRXF_csum_blank, NETRXF_data_validated */
	uint16_t gso_size; /* the MSS of a merged TCPv4 segment, or 0 */
};

struct nf_rxq {
	struct nf_queue q;
	netif_rx_sring_t *s;
	bool sg, gso; /* negotiated: more_data chains, GSO TCPv4 extras */
	/* The request id posted at each ring position: an extra-info
	 * response carries no id, yet it uses up that request. */
	uint16_t req_id[NF_RING_SIZE];
	/* The packet being collected: its slots from rsp_cons on (npend of
	 * them copied and checked), and whether more must follow. */
	struct nf_rx_frame cur;
	unsigned int npend;
	bool want_extra, want_more;
	unsigned long dropped;	  /* error statuses, bad flags, too long */
	unsigned long csum_blank; /* frames with NETRXF_csum_blank */
};

/* A completed transmit: the id is free again. */
struct nf_tx_done {
	uint16_t id;
	int16_t status; /* NETIF_RSP_OKAY, _ERROR or _DROPPED */
};

/* Set up the queue over a zeroed or reused shared page s (initialised
 * here), with the buffer grant gref[i] and, for transmit, the buffer
 * offset off[i] of each id; for receive, whether scatter-gather and GSO
 * (TCPv4) were negotiated. */
void nf_tx_init(struct nf_txq *t, netif_tx_sring_t *s, const uint32_t *gref,
		const uint16_t *off);
void nf_rx_init(struct nf_rxq *r, netif_rx_sring_t *s, const uint32_t *gref,
		bool sg, bool gso);

/* Queue a request for a frame of len bytes with flags (only
 * NETTXF_csum_blank and NETTXF_data_validated are kept); the caller fills
 * the buffer of the returned id before nf_tx_push(). Returns the id,
 * -EAGAIN when every id is in flight, or -EIO once broken. */
int nf_tx_post(struct nf_txq *t, uint16_t len, uint16_t flags);
/* Queue a frame of nslots data slots (1..NF_TX_SLOTS_MAX), slot i
 * holding len[i] bytes (1..4096, the first at least 14), with flags as
 * above; gso_size != 0 marks a merged TCPv4 segment to be cut into
 * gso_size-byte segments (an extra-info slot follows the first). The
 * whole frame is queued or nothing: ids[i] gets slot i's id, whose buffer
 * the caller fills before nf_tx_push(). Returns 0, -EAGAIN when the ring
 * or the ids lack room, -EINVAL for a bad shape (over 65535 bytes, a
 * slot of 0 or over 4096), or -EIO once broken. */
int nf_tx_post_frame(struct nf_txq *t, const uint16_t *len, unsigned int nslots,
		     uint16_t flags, uint16_t gso_size, uint16_t *ids);

/* Publish the queued requests. Returns true when the backend asked to be
 * notified (its req_event lies within the new requests). */
bool nf_tx_push(struct nf_txq *t);
bool nf_rx_push(struct nf_rxq *r);

/* Take up to max completed transmits into done[]. Returns their number,
 * or -EIO on a protocol violation (q.error says which). */
int nf_tx_reap(struct nf_txq *t, struct nf_tx_done *done, unsigned int max);

/* Post a request for every free receive buffer. Returns the number
 * posted, or -EIO once broken. */
int nf_rx_refill(struct nf_rxq *r);

/* Take the next received packet into *f once all its slots are there.
 * Returns 1, 0 when there is none yet (the backend is then asked for an
 * event on the next response), or -EIO on a protocol violation. */
int nf_rx_take(struct nf_rxq *r, struct nf_rx_frame *f);

/* Hand id's buffer back for the next refill. */
void nf_rx_release(struct nf_rxq *r, uint16_t id);

/* Parse a MAC address written as xenstore's "mac" key has it: exactly
 * "xx:xx:xx:xx:xx:xx" in hex digits, a unicast address. Returns 0 (mac
 * filled in) or -EINVAL (mac untouched). */
int nf_parse_mac(const char *s, uint8_t mac[6]);

#endif
