/*
 * Devices attached and detached while the domain runs (xl
 * network-attach / network-detach, block-attach / block-detach), for
 * every frontend of the skeleton (<kernel/xenfront.h>). Each frontend
 * gets a thread that watches device/<type>; when the watch fires, the
 * directory is listed again and compared with the frontend's devices: a
 * new entry is set up as at boot (xenfront_add()), a device whose entry
 * went is unplugged (its worker takes it down and removes it).
 *
 * The watch fires for every key below device/<type>, our own handshake
 * writes included, so events are not counted but taken as "look again":
 * a burst is drained and answered with one listing, and an event lost to
 * a full queue changes nothing, since a later listing sees its effect.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/xenfront.h>
#include <kernel/xenstore.h>
#include <skiff/xenstore.h>

#define BUSES_MAX 4	       /* frontends in one image */
#define NAMES_BUF 512	       /* a listing of device/<type> */
#define NAMES_MAX 32	       /* entries looked at in a listing */
#define NAME_LEN 16	       /* an entry's name kept ("51728") */
#define WATCH_WAIT_MS 3600000u /* a watch wait that just re-arms */
#define REMOVE_WAIT_NS (5 * NSEC_PER_SEC)
#define REMOVE_POLL_NS (10 * NSEC_PER_MSEC)

/* One frontend's view of device/<type>. */
struct hp_bus {
	const struct xenfront_driver *drv;
	char dir[24];	/* "device/vif" */
	char token[32]; /* "netfront:hotplug" */
	/* Entries that were skipped (bad number, no backend, no memory):
	 * not tried again while they stay listed. */
	char skipped[NAMES_MAX][NAME_LEN];
	unsigned int nskipped;
	char buf[NAMES_BUF];
};

static struct {
	struct hp_bus bus[BUSES_MAX];
	unsigned int n;
} hp;

static bool listed(const char *name, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

static bool was_skipped(const struct hp_bus *b, const char *name)
{
	unsigned int i;

	for (i = 0; i < b->nskipped; i++)
		if (!strcmp(b->skipped[i], name))
			return true;
	return false;
}

/* Forget skipped entries that are no longer listed (a later entry of
 * the same name is a new device). */
static void prune_skipped(struct hp_bus *b, const char *const *names, int n)
{
	unsigned int i = 0;

	while (i < b->nskipped) {
		if (listed(b->skipped[i], names, n)) {
			i++;
			continue;
		}
		memcpy(b->skipped[i], b->skipped[--b->nskipped], NAME_LEN);
	}
}

static struct hp_bus *bus_of(const struct xenfront_driver *drv)
{
	unsigned int i;

	for (i = 0; i < hp.n; i++)
		if (hp.bus[i].drv == drv)
			return &hp.bus[i];
	return NULL;
}

void xenfront_hotplug_skipped(const struct xenfront_driver *drv, const char *n)
{
	struct hp_bus *b = bus_of(drv);

	if (b && !was_skipped(b, n) && b->nskipped < NAMES_MAX &&
	    strlen(n) < NAME_LEN)
		memcpy(b->skipped[b->nskipped++], n, strlen(n) + 1);
}

/* Unplug each started device whose entry is no longer listed. */
static void remove_gone(struct hp_bus *b, const char *const *names, int n)
{
	char name[NAME_LEN];
	struct xenfront *xf = NULL;

	while ((xf = xenfront_next(b->drv, xf))) {
		snprintk(name, sizeof(name), "%lu", xf->index);
		if (xf->unplugged || listed(name, names, n))
			continue;
		printk("%s: %s: unplugged\n", b->drv->name, xf->name);
		xf->unplugged = true;
		xenfront_kick(xf);
	}
}

/* An unplugged device whose entry is back (same N) is first removed
 * by its worker: wait for that, a bounded time (its unshare's bound). */
static bool wait_removed(struct hp_bus *b, struct xenfront *xf)
{
	uint64_t end = time_monotonic_ns() + REMOVE_WAIT_NS;

	while (xenfront_find(b->drv, xf->index) == xf) {
		if (time_monotonic_ns() >= end)
			return false;
		thread_sleep_until(time_monotonic_ns() + REMOVE_POLL_NS);
	}
	return true;
}

/* Set up each listed entry that is neither started nor skipped. */
static void add_new(struct hp_bus *b, const char *const *names, int n)
{
	uint64_t deadline =
	    time_monotonic_ns() +
	    (uint64_t)b->drv->connect_timeout_ms * NSEC_PER_MSEC;
	struct xenfront *xf;
	unsigned long idx;
	int i;

	for (i = 0; i < n; i++) {
		if (was_skipped(b, names[i]))
			continue;
		xf = NULL;
		if (!xenbus_parse_ulong(names[i], &idx))
			xf = xenfront_find(b->drv, idx);
		if (xf && (!xf->unplugged || !wait_removed(b, xf)))
			continue;
		if (xenfront_add(b->drv, names[i], deadline))
			printk("%s: device/%s/%s attached\n", b->drv->name,
			       b->drv->type, names[i]);
		else
			xenfront_hotplug_skipped(b->drv, names[i]);
	}
}

/* List device/<type> again and follow it. */
static void rescan(struct hp_bus *b)
{
	const char *names[NAMES_MAX];
	int n = xs_directory(b->dir, b->buf, sizeof(b->buf), names, NAMES_MAX);

	if (n == -ENOENT)
		n = 0; /* every device gone */
	if (n < 0) {
		printk("%s: cannot list %s: error %d\n", b->drv->name, b->dir,
		       n);
		return;
	}
	n = MIN(n, NAMES_MAX);
	prune_skipped(b, names, n);
	remove_gone(b, names, n);
	add_new(b, names, n);
}

static void hotplug_main(void *arg)
{
	struct hp_bus *b = arg;
	int rc;

	if ((rc = xs_watch_level(b->dir, b->token)) < 0) {
		printk("%s: cannot watch %s (%d): devices attached later are "
		       "not seen\n",
		       b->drv->name, b->dir, rc);
		return;
	}
	for (;;) {
		rc = xs_read_watch(b->token, NULL, 0, WATCH_WAIT_MS);
		if (rc == -ETIMEDOUT)
			continue;
		if (rc < 0)
			break;
		/* The rest of a burst: one listing answers all of it. */
		while (xs_read_watch(b->token, NULL, 0, 0) >= 0)
			;
		rescan(b);
	}
	printk("%s: watch on %s lost (%d)\n", b->drv->name, b->dir, rc);
}

void xenfront_hotplug_start(const struct xenfront_driver *drv)
{
	struct hp_bus *b;
	struct thread *t;
	char name[24];

	if (bus_of(drv) || hp.n == BUSES_MAX)
		return;
	b = &hp.bus[hp.n++];
	b->drv = drv;
	snprintk(b->dir, sizeof(b->dir), "device/%s", drv->type);
	snprintk(b->token, sizeof(b->token), "%s:hotplug", drv->name);
	snprintk(name, sizeof(name), "%s-hotplug", drv->name);
	if (!(t = thread_create(name, hotplug_main, b, 0))) {
		printk("%s: no thread: devices attached later are not seen\n",
		       drv->name);
		return;
	}
	thread_detach(t);
}
