/*
 * blkfront's handshake and life cycle: discovery of every device/vbd/N,
 * the xenbus handshake with each backend, and teardown.
 *
 * Per disk there are two threads, as for netfront: the watcher waits on
 * a xenstore watch of the backend's state and only posts the worker's
 * semaphore; the worker does everything else (handshake steps, the data
 * path on every event, done() callbacks).
 *
 * States, ours -> backend's: Initialising; backend InitWait -> we share
 * the ring and say Initialised; backend Connected -> we read the disk's
 * geometry and features, say Connected, and the disk is usable. Backend
 * Closing or Closed -> requests fail with -EIO, the ring is unshared and
 * we say Closed; if our directory still exists we then say Initialising
 * for a backend that comes back.
 */
#include <arch/mm.h>
#include <kernel/blkfront.h>
#include <kernel/page_alloc.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/xenstore.h>
#include <skiff/xenstore.h>
#include <xen/io/protocols.h>

#include "blkfront_priv.h"

#define VBD_NAMES_BUF 512
#define WATCH_WAIT_MS 3600000u /* a watch wait that just re-arms */

static struct {
	struct blkfront *dev[BLKDEV_MAX];
	unsigned int count;
	uint64_t connect_deadline; /* the first handshakes' bound */
} bfs;

static int open_port(struct blkfront *bf)
{
	int port = evtchn_alloc_unbound(bf->backend_id);

	if (port < 0)
		return port;
	bf->port = (evtchn_port_t)port;
	bf->port_open = true;
	evtchn_bind(bf->port, blkfront_event, bf);
	evtchn_unmask(bf->port);
	return 0;
}

static void disconnect(struct blkfront *bf)
{
	if (bf->port_open) {
		evtchn_close(bf->port);
		bf->port_open = false;
	}
	blkfront_unshare(bf);
}

/* The backend's number key, or dflt when missing or not a number. */
static unsigned long backend_ulong(const struct blkfront *bf, const char *key,
				   unsigned long dflt)
{
	char path[XENBUS_PATH_MAX + 40];
	unsigned long v;

	snprintk(path, sizeof(path), "%s/%s", bf->backend, key);
	return xenbus_read_ulong(path, &v) < 0 ? dflt : v;
}

/* Our keys: one ring page, its event channel, the native protocol, that
 * we keep granted pages for reuse (feature-persistent: Linux's backend
 * says whether it does too only when it connects), then state
 * Initialised, in one transaction. */
static int write_keys(struct blkfront *bf)
{
	struct xenbus_key k[5];
	unsigned int n = 0;

	xenbus_key_ulong(&k[n++], "ring-ref", (unsigned long)bf->ring_ref);
	xenbus_key_ulong(&k[n++], "event-channel", bf->port);
	k[n].name = "protocol";
	memcpy(k[n++].value, XEN_IO_PROTO_ABI_NATIVE,
	       sizeof(XEN_IO_PROTO_ABI_NATIVE));
	xenbus_key_ulong(&k[n++], "feature-persistent", 1);
	xenbus_key_ulong(&k[n++], "state", XenbusStateInitialised);
	return xenbus_write_keys(bf->dir, k, n);
}

/* Backend InitWait: share the ring and say Initialised. */
static void connect(struct blkfront *bf)
{
	int rc;

	bf->persistent = false; /* until the backend says so */
	if ((rc = blkfront_share(bf)) < 0)
		return;
	if ((rc = open_port(bf)) < 0 || (rc = write_keys(bf)) < 0) {
		printk("blkfront: %s: handshake failed: error %d\n",
		       bf->bd.name, rc);
		disconnect(bf);
		return;
	}
	bf->phase = BF_CONNECTING;
}

/* Read and check the disk's geometry and features (all untrusted). */
static int read_disk(struct blkfront *bf)
{
	struct blkdev *bd = &bf->bd;
	unsigned long ss, sectors, info, ind;
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
	    (!xenbus_read_key(bf->backend, "mode", mode, sizeof(mode)) &&
	     strcmp(mode, "w") != 0);
	bd->sector_size = (uint32_t)ss;
	bd->sectors = sectors;
	bd->features = 0;
	if (backend_ulong(bf, "feature-flush-cache", 0))
		bd->features |= BLKDEV_F_FLUSH;
	if (backend_ulong(bf, "feature-barrier", 0))
		bd->features |= BLKDEV_F_BARRIER;
	/* Indirect descriptors: up to BF_IND_SEGS_MAX pages per request
	 * instead of 11, when the backend takes more than 11. */
	ind = backend_ulong(bf, "feature-max-indirect-segments", 0);
	bd->max_segments = BF_SEGS_MAX;
	if (ind > BF_SEGS_MAX) {
		bd->features |= BLKDEV_F_INDIRECT;
		bd->max_segments =
		    ind < BF_IND_SEGS_MAX ? (unsigned int)ind : BF_IND_SEGS_MAX;
	}
	return 0;
}

/* Backend Connected: the disk is usable. */
static void go_up(struct blkfront *bf)
{
	struct blkdev *bd = &bf->bd;
	int rc;

	if (read_disk(bf) < 0 ||
	    (rc = xenbus_switch_state(bf->dir, XenbusStateConnected)) < 0) {
		printk("blkfront: %s: disk unusable\n", bd->name);
		return;
	}
	if (backend_ulong(bf, "feature-persistent", 0))
		blkfront_go_persistent(bf);
	bf->phase = BF_UP;
	bd->connected = true;
	printk("blkfront: %s: connected, %llu sectors of %u bytes (%llu "
	       "MiB)%s%s%s%s, %u pages per request\n",
	       bd->name, (unsigned long long)bd->sectors, bd->sector_size,
	       (unsigned long long)(bd->sectors * bd->sector_size >> 20),
	       bd->read_only ? ", read-only" : "",
	       bd->features & BLKDEV_F_FLUSH ? ", flush" : "",
	       bd->features & BLKDEV_F_BARRIER ? ", barrier" : "",
	       bf->persistent ? ", persistent grants" : "", bd->max_segments);
	blkdev_settle(bd);
}

/* Backend Closing/Closed or gone: fail everything, say Closed. */
static void shut(struct blkfront *bf)
{
	if (bf->phase != BF_DOWN) {
		printk("blkfront: %s: backend closing; disk gone\n",
		       bf->bd.name);
		if (bf->phase != BF_BROKEN)
			bf->phase = BF_DOWN;
		bf->bd.connected = false;
		blkfront_fail_all(bf, -EIO);
	}
	xenbus_switch_state_existing(bf->dir, XenbusStateClosed);
	disconnect(bf);
}

static void backend_changed(struct blkfront *bf)
{
	int st = xenbus_read_state(bf->backend);

	if (st == -EACCES) /* the toolstack is recreating the directory */
		return;
	if (st < 0) {
		printk("blkfront: %s: bad backend state (%d)\n", bf->bd.name,
		       st);
		return;
	}
	switch (st) {
	case XenbusStateInitWait:
		if (bf->phase == BF_DOWN)
			connect(bf);
		break;
	case XenbusStateConnected:
		if (bf->phase == BF_CONNECTING)
			go_up(bf);
		break;
	case XenbusStateClosing:
		shut(bf);
		break;
	case XenbusStateClosed:
		shut(bf);
		if (bf->phase == BF_DOWN)
			xenbus_switch_state_existing(bf->dir,
						     XenbusStateInitialising);
		break;
	default:
		break;
	}
}

static void watcher_main(void *arg)
{
	struct blkfront *bf = arg;
	char path[XENBUS_PATH_MAX], ev[8];
	int rc;

	snprintk(path, sizeof(path), "%s/state", bf->backend);
	if ((rc = xs_watch(path, bf->token)) < 0) {
		printk("blkfront: %s: cannot watch %s: error %d\n", bf->bd.name,
		       path, rc);
		return;
	}
	for (;;) {
		rc = xs_read_watch(bf->token, ev, sizeof(ev), WATCH_WAIT_MS);
		if (rc == -ETIMEDOUT)
			continue;
		if (rc < 0)
			break;
		bf->state_changed = true;
		ksem_post(&bf->kick);
	}
	printk("blkfront: %s: watch lost: error %d\n", bf->bd.name, rc);
}

/* The first handshake's bound: after it, report and let boot go on
 * without this disk (it may still connect later). */
static void check_deadline(struct blkfront *bf)
{
	if (bf->bd.settled || time_monotonic_ns() < bfs.connect_deadline)
		return;
	printk("blkfront: %s: backend did not connect within %u ms; "
	       "continuing without it\n",
	       bf->bd.name, BLKFRONT_CONNECT_TIMEOUT_MS);
	blkdev_settle(&bf->bd);
}

static void worker_main(void *arg)
{
	struct blkfront *bf = arg;

	for (;;) {
		if (bf->state_changed) {
			bf->state_changed = false;
			backend_changed(bf);
		}
		blkfront_poll(bf);
		check_deadline(bf);
		ksem_wait_until(&bf->kick,
				bf->bd.settled ? 0 : bfs.connect_deadline);
	}
}

/* Read and check what device/vbd/N says; fill in bf. */
static int probe(struct blkfront *bf)
{
	char path[XENBUS_PATH_MAX];
	int rc, id;

	if ((rc = xenbus_read_key(bf->dir, "backend", bf->backend,
				  sizeof(bf->backend) - 40)) < 0 ||
	    bf->backend[0] != '/') {
		printk("blkfront: %s: no usable backend path (%d); skipped\n",
		       bf->bd.name, rc);
		return -EINVAL;
	}
	snprintk(path, sizeof(path), "%s/backend-id", bf->dir);
	if ((rc = xenbus_read_int(path, &id)) < 0 || id < 0 ||
	    id >= (int)DOMID_FIRST_RESERVED) {
		printk("blkfront: %s: bad backend-id (%d); skipped\n",
		       bf->bd.name, rc);
		return -EINVAL;
	}
	bf->backend_id = (unsigned int)id;
	return 0;
}

/* Start the disk's threads; without them it never connects. */
static void start(struct blkfront *bf)
{
	bf->worker = thread_create("blkfront", worker_main, bf, 0);
	bf->watcher = bf->worker
			  ? thread_create("blkfront-watch", watcher_main, bf, 0)
			  : NULL;
	if (!bf->watcher) {
		printk("blkfront: %s: no threads; disk unusable\n",
		       bf->bd.name);
		blkdev_settle(&bf->bd);
		return;
	}
	thread_detach(bf->worker);
	thread_detach(bf->watcher);
}

/* A zeroed struct blkfront in pages of its own (about 9 KiB). */
static struct blkfront *dev_new(void)
{
	unsigned long n = (sizeof(struct blkfront) + PAGE_SIZE - 1) / PAGE_SIZE;
	pfn_t pfn = page_alloc(n);

	if (!pfn)
		return NULL;
	memset(pfn_to_virt(pfn), 0, n * PAGE_SIZE);
	return pfn_to_virt(pfn);
}

/* Set up device/vbd/<n>. */
static void add_vbd(const char *n)
{
	struct blkfront *bf;
	unsigned long vdev;

	if (xenbus_parse_ulong(n, &vdev) || vdev > 0xfffffffful) {
		printk("blkfront: device/vbd/%s: not a vbd number; skipped\n",
		       n);
		return;
	}
	if (!(bf = dev_new())) {
		printk("blkfront: device/vbd/%s: out of memory\n", n);
		return;
	}
	bf->bd.vdev = (unsigned int)vdev;
	if (blkdev_vdev_name(vdev, bf->bd.name, sizeof(bf->bd.name)) < 0)
		snprintk(bf->bd.name, sizeof(bf->bd.name), "vbd%lu", vdev);
	snprintk(bf->dir, sizeof(bf->dir), "device/vbd/%lu", vdev);
	snprintk(bf->token, sizeof(bf->token), "blkfront:%lu", vdev);
	bf->bd.ops = &blkfront_ops;
	bf->bd.priv = bf;
	bf->bd.sector_size = 512;
	if (probe(bf) < 0 || blkfront_alloc(bf) < 0 ||
	    blkdev_register(&bf->bd) < 0) {
		printk("blkfront: %s: not set up\n", bf->bd.name);
		return; /* its memory stays taken */
	}
	bfs.dev[bfs.count++] = bf;
	start(bf);
}

static void blkfront_init(const struct boot_info *bi)
{
	static char buf[VBD_NAMES_BUF];
	const char *names[BLKDEV_MAX];
	int n, i;

	(void)bi;
	if (!xs_available())
		return;
	n = xs_directory("device/vbd", buf, sizeof(buf), names, BLKDEV_MAX);
	if (n == -ENOENT || n == 0)
		return;
	if (n < 0) {
		printk("blkfront: cannot list device/vbd: error %d\n", n);
		return;
	}
	if (n > BLKDEV_MAX) {
		printk("blkfront: %d vbds, using the first %d\n", n,
		       BLKDEV_MAX);
		n = BLKDEV_MAX;
	}
	bfs.connect_deadline =
	    time_monotonic_ns() + BLKFRONT_CONNECT_TIMEOUT_MS * NSEC_PER_MSEC;
	for (i = 0; i < n; i++)
		add_vbd(names[i]);
}
INITCALL(INIT_DRIVER, blkfront_init);
