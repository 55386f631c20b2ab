/*
 * blkfront as a xenbus frontend: its devices (device/vbd/N, named from
 * the virtual-device number), its keys, the disk's geometry and features,
 * and what up and down mean for a blkdev. The life cycle (enumeration,
 * the backend watch, the state machine, the first handshake's deadline,
 * reconnects) is the skeleton's (<kernel/xenfront.h>); the data path is
 * blkfront.c.
 *
 * Backend InitWait: we share the ring and say Initialised; backend
 * Connected: we read the disk's geometry and features, say Connected,
 * and the disk is usable. Closing or Closed: every request fails with
 * -EIO and the ring is unshared.
 */
#include <arch/mm.h>
#include <kernel/blkfront.h>
#include <kernel/errno.h>
#include <kernel/page_alloc.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <xen/io/protocols.h>

#include "blkfront_priv.h"

static struct blkfront *to_bf(struct xenfront *xf)
{
	return container_of(xf, struct blkfront, xf);
}

/* The backend's number key, or dflt when missing or not a number. */
static unsigned long backend_ulong(const struct blkfront *bf, const char *key,
				   unsigned long dflt)
{
	char path[XENBUS_PATH_MAX + 40];
	unsigned long v;

	snprintk(path, sizeof(path), "%s/%s", bf->xf.backend, key);
	return xenbus_read_ulong(path, &v) < 0 ? dflt : v;
}

/* Our keys: one ring page, its event channel, the native protocol, that
 * we keep granted pages for reuse (feature-persistent: Linux's backend
 * says whether it does too only when it connects), then state
 * Initialised, in one transaction. */
static int write_keys(struct blkfront *bf)
{
	struct xenfront *xf = &bf->xf;
	struct xenbus_key k[5];
	unsigned int n = 0;

	xenbus_key_ulong(&k[n++], "ring-ref", (unsigned long)bf->ring_ref);
	xenbus_key_ulong(&k[n++], "event-channel", xf->port);
	k[n].name = "protocol";
	memcpy(k[n++].value, XEN_IO_PROTO_ABI_NATIVE,
	       sizeof(XEN_IO_PROTO_ABI_NATIVE));
	xenbus_key_ulong(&k[n++], "feature-persistent", 1);
	xenbus_key_ulong(&k[n++], "state", XenbusStateInitialised);
	return xenbus_write_keys(xf->dir, k, n);
}

/* Backend InitWait: share the ring (persistent grants only once the
 * backend says so, when it connects), write our keys. */
static int bf_connect(struct xenfront *xf)
{
	struct blkfront *bf = to_bf(xf);
	int rc;

	bf->persistent = false;
	if ((rc = blkfront_share(bf)) < 0)
		return rc;
	return write_keys(bf);
}

/* Indirect descriptors: up to BF_IND_SEGS_MAX pages per request instead
 * of 11, when the backend takes more than 11. */
static void read_features(struct blkfront *bf)
{
	struct blkdev *bd = &bf->bd;
	unsigned long ind;

	bd->features = 0;
	if (backend_ulong(bf, "feature-flush-cache", 0))
		bd->features |= BLKDEV_F_FLUSH;
	if (backend_ulong(bf, "feature-barrier", 0))
		bd->features |= BLKDEV_F_BARRIER;
	ind = backend_ulong(bf, "feature-max-indirect-segments", 0);
	bd->max_segments = BF_SEGS_MAX;
	if (ind > BF_SEGS_MAX) {
		bd->features |= BLKDEV_F_INDIRECT;
		bd->max_segments =
		    ind < BF_IND_SEGS_MAX ? (unsigned int)ind : BF_IND_SEGS_MAX;
	}
}

/* Read and check the disk's geometry and features (all untrusted). */
static int read_disk(struct blkfront *bf)
{
	struct blkdev *bd = &bf->bd;
	unsigned long ss, sectors, info;
	char mode[8];

	ss = backend_ulong(bf, "sector-size", 512);
	sectors = backend_ulong(bf, "sectors", ~0ul);
	if (ss < 512 || ss > BF_PAGE || (ss & (ss - 1))) {
		printk("blkfront: %s: sector size %lu not supported (512 .. "
		       "4096, a power of two)\n",
		       bd->name, ss);
		return -EINVAL;
	}
	/* Without feature-large-sector-size (we do not offer it) every
	 * sector quantity on the ring and in "sectors" is in 512-byte units
	 * (Linux's blkback writes its disk size so): convert to the disk's
	 * own sectors. */
	if (sectors == ~0ul || sectors % (ss / BF_SECTOR)) {
		printk("blkfront: %s: no usable sector count\n", bd->name);
		return -EINVAL;
	}
	sectors /= ss / BF_SECTOR;
	info = backend_ulong(bf, "info", 0);
	bd->read_only =
	    (info & VDISK_READONLY) ||
	    (!xenbus_read_key(bf->xf.backend, "mode", mode, sizeof(mode)) &&
	     strcmp(mode, "w") != 0);
	bd->sector_size = (uint32_t)ss;
	bd->sectors = sectors;
	read_features(bf);
	return 0;
}

/* Requests queued for the new backend after a restore count sectors of
 * the size the disk had: with another size they would mean other bytes,
 * and overrun their buffers. They fail instead. */
static void check_replay_geometry(struct blkfront *bf, uint32_t was)
{
	if (!bf->replaying || bf->bd.sector_size == was)
		return;
	printk("blkfront: %s: sector size %u after the restore, %u before; "
	       "queued requests fail\n",
	       bf->bd.name, bf->bd.sector_size, was);
	blkfront_fail_all(bf, -EIO);
}

/* Backend Connected: the disk is usable. */
static int bf_up(struct xenfront *xf)
{
	struct blkfront *bf = to_bf(xf);
	struct blkdev *bd = &bf->bd;
	uint32_t was = bd->sector_size;
	int rc;

	if ((rc = read_disk(bf)) == 0)
		check_replay_geometry(bf, was);
	if (rc < 0 ||
	    (rc = xenbus_switch_state(xf->dir, XenbusStateConnected)) < 0) {
		printk("blkfront: %s: disk unusable\n", bd->name);
		return rc;
	}
	if (backend_ulong(bf, "feature-persistent", 0))
		blkfront_go_persistent(bf);
	bd->connected = true;
	bf->replaying = false;
	xenfront_kick(xf); /* post what waited for the new backend */
	printk("blkfront: %s: connected, %llu sectors of %u bytes (%llu "
	       "MiB)%s%s%s%s, %u pages per request\n",
	       bd->name, (unsigned long long)bd->sectors, bd->sector_size,
	       (unsigned long long)(bd->sectors * bd->sector_size >> 20),
	       bd->read_only ? ", read-only" : "",
	       bd->features & BLKDEV_F_FLUSH ? ", flush" : "",
	       bd->features & BLKDEV_F_BARRIER ? ", barrier" : "",
	       bf->persistent ? ", persistent grants" : "", bd->max_segments);
	blkdev_settle(bd);
	return 0;
}

/* Backend Closing/Closed: every queued and in-flight request fails. */
static void bf_down(struct xenfront *xf)
{
	struct blkfront *bf = to_bf(xf);

	bf->bd.connected = false;
	bf->replaying = false;
	blkfront_fail_all(bf, -EIO);
}

static void bf_lost(struct xenfront *xf)
{
	struct blkfront *bf = to_bf(xf);

	/* The disk stays "connected" for its users: their requests queue
	 * for the new backend (bf_submit). */
	bf->persistent = false; /* the new backend says again */
	blkfront_requeue(bf);
}

static void bf_unshare(struct xenfront *xf)
{
	blkfront_unshare(to_bf(xf));
}

static void bf_poll(struct xenfront *xf)
{
	blkfront_poll(to_bf(xf));
}

/* Unplugged: every request has failed (down); new ones get -ENXIO from
 * the class, and the shared pages go back (none is granted any more). */
static void bf_remove(struct xenfront *xf)
{
	struct blkfront *bf = to_bf(xf);

	blkdev_unregister(&bf->bd);
	blkfront_free(bf);
}

/* A zeroed struct blkfront in pages of its own (about 45 KiB), named
 * after its virtual-device number. */
static struct xenfront *bf_create(unsigned long vdev)
{
	unsigned long n = (sizeof(struct blkfront) + PAGE_SIZE - 1) / PAGE_SIZE;
	pfn_t pfn = page_alloc(n);
	struct blkfront *bf;

	if (!pfn) {
		printk("blkfront: device/vbd/%lu: out of memory\n", vdev);
		return NULL;
	}
	bf = pfn_to_virt(pfn);
	memset(bf, 0, n * PAGE_SIZE);
	bf->bd.vdev = (unsigned int)vdev;
	if (blkdev_vdev_name(vdev, bf->bd.name, sizeof(bf->bd.name)) < 0)
		snprintk(bf->bd.name, sizeof(bf->bd.name), "vbd%lu", vdev);
	bf->bd.ops = &blkfront_ops;
	bf->bd.priv = bf;
	bf->bd.sector_size = 512;
	bf->xf.name = bf->bd.name;
	bf->xf.node = &bf->bd.node;
	return &bf->xf;
}

/* The disk's pages and its blkdev. */
static int bf_probe(struct xenfront *xf)
{
	struct blkfront *bf = to_bf(xf);
	int rc;

	if ((rc = blkfront_alloc(bf)) < 0 ||
	    (rc = blkdev_register(&bf->bd)) < 0) {
		printk("blkfront: %s: not set up\n", bf->bd.name);
		return rc; /* its memory stays taken */
	}
	return 0;
}

static const struct xenfront_driver blkfront_driver = {
    .name = "blkfront",
    .type = "vbd",
    .max = BLKDEV_MAX,
    .index_max = 0xfffffffful,
    .connect_timeout_ms = BLKFRONT_CONNECT_TIMEOUT_MS,
    .down_msg = "disk gone",
    .create = bf_create,
    .probe = bf_probe,
    .connect = bf_connect,
    .up = bf_up,
    .down = bf_down,
    .unshare = bf_unshare,
    .poll = bf_poll,
    .remove = bf_remove,
    .lost = bf_lost};
XENFRONT_REGISTER(blkfront_driver);
