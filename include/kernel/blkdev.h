/*
 * Block devices: the kernel API between block drivers (blkfront) and
 * their users (the runtime's /dev files, the app API <skiff/blkdev.h>).
 * A driver fills in a struct blkdev per disk and registers it; users find
 * it by index or name and read, write and flush whole sectors.
 *
 * I/O is asynchronous underneath: blkdev_submit() queues a request and
 * returns, the driver splits it over its ring (many requests in flight)
 * and calls the request's completion callback in a driver thread when
 * every part is answered. blkdev_read/_write/_flush() wrap that and
 * block the calling thread until the backend answered.
 *
 * Sector numbers and counts are in the device's own sectors
 * (sector_size bytes: 512, or 4096 for a large-sector disk). Buffers may
 * lie anywhere in memory (the driver bounces misaligned ones); their
 * length is count * sector_size. Thread context only.
 *
 * Errors: -EINVAL (count 0, or past the device's end), -EROFS (a write to
 * a read-only disk), -ENXIO (the backend is not connected), -EIO (the
 * backend reported an error, or broke the protocol: the device is then
 * broken for good), -EOPNOTSUPP (a flush the backend refused).
 */
#ifndef KERNEL_BLKDEV_H
#define KERNEL_BLKDEV_H

#include <kernel/devreg.h>
#include <kernel/list.h>
#include <kernel/types.h>

#define BLKDEV_NAME_MAX 16 /* "xvda", "xvdaa15", "sdb" ... */
#define BLKDEV_MAX 16

/* What a device can do (struct blkdev's features), known once it is
 * connected. FLUSH: the backend flushes its write cache on request;
 * BARRIER: it offers write barriers (used for flushes when FLUSH is
 * missing); INDIRECT: it takes indirect descriptors (max_segments then
 * says how many per request). Without FLUSH and BARRIER a flush succeeds
 * at once: the backend offers no cache control (it writes through). */
#define BLKDEV_F_FLUSH 1u
#define BLKDEV_F_BARRIER 2u
#define BLKDEV_F_INDIRECT 4u

enum blk_op {
	BLK_READ,
	BLK_WRITE,
	BLK_FLUSH, /* every write completed before it is on stable storage */
};

struct blkdev;
struct blk_req;

/* Called once per request, in a driver thread (never upcall context),
 * with status 0 or a negative errno; may block briefly, may submit. */
typedef void (*blk_done_fn)(struct blk_req *r, int status);

/* One request. The caller owns it (and buf) until done() is called. */
struct blk_req {
	enum blk_op op;
	uint64_t sector;  /* first sector (not for BLK_FLUSH) */
	uint64_t count;	  /* sectors (not for BLK_FLUSH) */
	void *buf;	  /* count * sector_size bytes */
	blk_done_fn done; /* required */
	void *arg;	  /* for the caller */
	/* The driver's, from submit to done: */
	struct list_head link;
	uint64_t posted;      /* bytes handed to the ring so far */
	unsigned int pending; /* ring requests without a response */
	int status;	      /* the first error */
	bool all_posted;
};

struct blkdev_ops {
	/* Queue r (checked by blkdev_submit()); done() follows, possibly
	 * before this returns. Returns 0 or a negative errno (then done()
	 * never comes). */
	int (*submit)(struct blkdev *bd, struct blk_req *r);
	/* For exit (other threads may never run again): run the data path
	 * from the calling thread, without sleeping, until every request
	 * queued or in flight is done, then flush. Returns 0, -ETIMEDOUT at
	 * deadline_ns, -EIO. The device is left as it is: only exit may
	 * follow. */
	int (*drain)(struct blkdev *bd, uint64_t deadline_ns);
};

struct blkdev {
	char name[BLKDEV_NAME_MAX]; /* from the virtual-device number */
	unsigned int vdev;	    /* N of device/vbd/N */
	uint32_t sector_size;	    /* bytes: 512, 4096 ... */
	uint64_t sectors;	    /* size in sector_size units */
	bool read_only;
	unsigned int features;	   /* BLKDEV_F_* */
	unsigned int max_segments; /* pages per ring request */
	bool connected;		   /* I/O possible (kept by the driver) */
	bool broken;		   /* -EIO for good */
	const struct blkdev_ops *ops;
	void *priv; /* the driver's */
	/* The registry's: settled once the first bring-up is over
	 * (connected or not). */
	struct devreg_node node;
};

/* Drivers: add bd (name and ops set) to the registry. Returns 0, or
 * -ENOSPC beyond BLKDEV_MAX devices, -EEXIST for a name taken. */
int blkdev_register(struct blkdev *bd);

/* Drivers: bd was unplugged (xl block-detach), every request already
 * failed. It stays in memory with its index (the registry's rule,
 * <kernel/devreg.h>); lookups by name skip it, and every request on it
 * (an fd still open, a mounted file system) gets -ENXIO. */
void blkdev_unregister(struct blkdev *bd);

/* Drivers: bd's first bring-up is over (connected or given up); wakes
 * blkdev_wait_settled(). */
void blkdev_settle(struct blkdev *bd);

/* The number of registered devices; device i in registration order
 * (NULL past the end); the device named name ("xvda"), or NULL. */
unsigned int blkdev_count(void);
struct blkdev *blkdev_get(unsigned int i);
struct blkdev *blkdev_by_name(const char *name);

/* Check r against bd and queue it. Returns 0 (done() follows) or, with
 * done() never called: -EINVAL for a bad request (count 0, past the end,
 * no done), -EROFS, -ENXIO, -EIO as above. */
int blkdev_submit(struct blkdev *bd, struct blk_req *r);

/* Read or write count sectors from sector on, waiting for the backend.
 * Returns 0 or a negative errno as above. */
int blkdev_read(struct blkdev *bd, uint64_t sector, void *buf, uint64_t count);
int blkdev_write(struct blkdev *bd, uint64_t sector, const void *buf,
		 uint64_t count);
/* Flush: returns once every write that completed before the call is on
 * stable storage (the backend confirmed it). 0, -EIO, -ENXIO,
 * -EOPNOTSUPP. */
int blkdev_flush(struct blkdev *bd);

/* Exit: drain and flush every connected device (ops->drain), so that
 * no write in flight is lost; bounded by deadline_ns. Says what failed. */
void blkdev_drain_all(uint64_t deadline_ns);

/* Wait until every registered device has settled or deadline_ns
 * (monotonic) passes. Returns 0 or -ETIMEDOUT. */
int blkdev_wait_settled(uint64_t deadline_ns);

/* The name Linux gives virtual device vdev (xen-vbd-interface numbering:
 * xvd major 202, the extended 1 << 28 form, and the emulated hd and sd
 * majors), e.g. 51712 -> "xvda", 51729 -> "xvdb1", (1 << 28 | 26 << 8)
 * -> "xvdaa". Returns 0, or -EINVAL for a number that names no disk
 * (name untouched). */
int blkdev_vdev_name(unsigned long vdev, char *name, size_t len);

#endif
