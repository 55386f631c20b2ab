/*
 * The small interface between network drivers (netfront) and the network
 * stack (net/, the lwIP port). A driver fills in a struct netdev per device
 * and registers it; the stack attaches a client to each device it uses.
 *
 * Frames are whole Ethernet frames (destination MAC first, no FCS), at
 * most NETDEV_FRAME_MAX bytes. Both directions copy once: a received
 * frame comes as pieces that may lie in memory a backend can still write
 * (the client copies them once and only looks at its copy), valid during
 * the receive callback only; transmit has copied the frame before it
 * returns.
 */
#ifndef KERNEL_NETDEV_H
#define KERNEL_NETDEV_H
#include <kernel/devreg.h>
#include <kernel/types.h>

#define NETDEV_NAME_MAX 8
#define NETDEV_MAX 8
#define NETDEV_FRAME_MAX 1514 /* 14-byte header + 1500 MTU */
/* A received frame may be longer, up to this: one TCP segment that the
 * backend merged from several (GSO), its IP length covering it all. */
#define NETDEV_RX_FRAME_MAX 65535
/* The most pieces a received frame comes in. */
#define NETDEV_RX_SEGS_MAX 18
/* The backend's "ip" key as written by the toolstack (xl's vif ip=):
 * "ADDR", "ADDR NETMASK" or "ADDR NETMASK GATEWAY", blank-separated. */
#define NETDEV_IPCONF_MAX 96

struct netdev;

/* Offloads a device can do (struct netdev's features), set before it is
 * registered. NETDEV_F_TX_CSUM: transmit takes a TCP frame (IPv4 or IPv6)
 * whose checksum field holds only the pseudo-header's sum (folded, not
 * complemented), flagged NETDEV_TX_CSUM_PARTIAL, and the device or its
 * backend completes it. NETDEV_F_RX_CSUM: receive may flag a frame
 * NETDEV_RX_CSUM_OK: its TCP/UDP checksum was verified by the device,
 * or the frame never crossed a wire and its checksum field may hold a
 * partial sum only; either way the stack must not check it. */
#define NETDEV_F_TX_CSUM 1u
#define NETDEV_F_RX_CSUM 2u
#define NETDEV_TX_CSUM_PARTIAL 1u
#define NETDEV_RX_CSUM_OK 1u

/* NETDEV_F_TX_GSO: transmit also takes a merged TCPv4 segment of up to
 * NETDEV_TX_GSO_FRAME_MAX bytes (untagged IPv4 without options, TCP
 * without options, a partial checksum as above), flagged
 * NETDEV_TX_CSUM_PARTIAL | NETDEV_TX_GSO(mss): the device or its backend
 * cuts it into segments of mss payload bytes, the headers copied and
 * fixed up for each (Linux's GSO). The driver sets or clears this
 * feature while the link is down, as the backend offers it; a GSO frame
 * it can no longer take is refused with -EOPNOTSUPP. */
#define NETDEV_F_TX_GSO 4u
#define NETDEV_TX_GSO(mss) (2u | (unsigned int)(uint16_t)(mss) << 16)
#define NETDEV_TX_GSO_MSS(flags) ((flags) >> 16)
#define NETDEV_TX_GSO_FRAME_MAX 65535

/* One piece of a frame to transmit, or of a received one. */
struct netdev_seg {
	const void *data;
	size_t len;
};

struct netdev_ops {
	/* Copy the frame gathered from segs[0..nsegs) to the device, with
	 * flags (NETDEV_TX_*; only with the matching feature). Thread
	 * context only. Returns 0; -EAGAIN when the device has no room now
	 * (retry after a receive or link callback, or drop); -EMSGSIZE for a
	 * frame over NETDEV_FRAME_MAX (NETDEV_TX_GSO_FRAME_MAX for a GSO
	 * one); -ENETDOWN while the link is down; -EIO once the device is
	 * broken. Never blocks. */
	int (*transmit)(struct netdev *nd, const struct netdev_seg *segs,
			unsigned int nsegs, unsigned int flags);
};

/* What the stack hands the driver in netdev_attach(). Callbacks run in a
 * thread of the driver (never in upcall context) and may block briefly
 * (take a mutex), but must not call transmit on the same device from
 * link_changed. */
struct netdev_client {
	/* One received frame of len bytes (at most NETDEV_RX_FRAME_MAX)
	 * in segs[0..nsegs) (their lengths add up to len; at most
	 * NETDEV_RX_SEGS_MAX of them), valid during the call only and
	 * possibly still written by a backend: copy, then look at the
	 * copy. With flags (NETDEV_RX_*). */
	void (*receive)(void *arg, const struct netdev_seg *segs,
			unsigned int nsegs, size_t len, unsigned int flags);
	/* The link came up (backend connected) or went down (disconnected,
	 * or broken for good). */
	void (*link_changed)(void *arg, bool up);
	/* The device was unplugged (xl network-detach), its link already
	 * down: stop using it. No callback follows; transmit gets -ENODEV.
	 * Optional. */
	void (*removed)(void *arg);
	void *arg;
};

struct netdev {
	char name[NETDEV_NAME_MAX]; /* "vif0", from device/vif/0 */
	unsigned int index;	    /* N of device/vif/N */
	uint8_t mac[6];
	unsigned int mtu;      /* IP MTU: 1500 */
	unsigned int features; /* NETDEV_F_* */
	bool link_up;	       /* kept by the driver */
	bool reserved; /* for the app's raw-frame API (<skiff/netdev.h>) */
	/* The backend's "ip" key ("" if none). */
	char ipconf[NETDEV_IPCONF_MAX];
	const struct netdev_ops *ops;
	void *priv;		     /* the driver's */
	struct netdev_client client; /* zero until netdev_attach() */
	/* The registry's: settled once the first bring-up is over (link up,
	 * or given up). */
	struct devreg_node node;
};

/* Drivers: add nd (filled in, ops set) to the list of devices. Returns 0,
 * or -ENOSPC beyond NETDEV_MAX devices. */
int netdev_register(struct netdev *nd);

/* Drivers: nd was unplugged. Its link goes down, the client is told
 * (removed) and detached, and nd leaves the devices present (its index
 * and memory stay: the registry's rule, <kernel/devreg.h>). */
void netdev_unregister(struct netdev *nd);

/* The stack: have fn called for each device registered from now on (one
 * attached at run time, xl network-attach), in the driver's thread
 * after registration; fn may block. One hook; NULL removes it. */
void netdev_set_added_hook(void (*fn)(struct netdev *nd));

/* The stack: the number of registrations, and device i of them in
 * registration order (NULL past the end; removed ones have
 * node.removed set). */
unsigned int netdev_count(void);
struct netdev *netdev_get(unsigned int i);

/* The stack: deliver nd's frames and link changes to c from now on (a
 * copy of *c is kept). If the link is already up, link_changed(arg, true)
 * follows right away. Returns 0, or -EBUSY if a client is attached. */
int netdev_attach(struct netdev *nd, const struct netdev_client *c);

/* Drivers: the link went up or down. Sets nd->link_up, tells the client
 * (if any, and only on a change) and marks nd settled. */
void netdev_link_changed(struct netdev *nd, bool up);

/* Drivers: nd's first bring-up is over without a link (the backend never
 * connected within the driver's bound); it may still come up later. */
void netdev_settle(struct netdev *nd);

/* Drivers: hand a received frame to the client (dropped without one). */
void netdev_receive(struct netdev *nd, const struct netdev_seg *segs,
		    unsigned int nsegs, size_t len, unsigned int flags);

/* Copy len bytes from offset off of the frame in segs[0..nsegs) to dst
 * (each piece read once); returns the bytes copied (fewer past the
 * frame's end). */
size_t netdev_segs_copy(const struct netdev_seg *segs, unsigned int nsegs,
			size_t off, void *dst, size_t len);

/* The stack: wait until every registered device has settled (link up or
 * given up) or deadline_ns (monotonic) passes, so that address
 * configuration starts on links that are up. Thread context. Returns 0
 * or -ETIMEDOUT. */
int netdev_wait_settled(uint64_t deadline_ns);

/* The raw-frame API for apps: as netdev_attach(), but also for a device
 * reserved for the app (netdev_attach() refuses those with -EBUSY, so the
 * stack leaves them alone). */
int netdev_claim(struct netdev *nd, const struct netdev_client *c);

/* nd->ops->transmit(), or -ENODEV for a device without ops. */
int netdev_transmit(struct netdev *nd, const struct netdev_seg *segs,
		    unsigned int nsegs, unsigned int flags);

#endif
