/*
 * The frontend skeleton across a save and restore or a migration
 * (<kernel/xenfront.h>, docs/saverestore.md). A cancelled suspend
 * (checkpoint) changes nothing: the backend never left. A restore puts
 * the domain in a new one: Xen closed our event channels, the grant
 * table is empty, and the toolstack made a new backend (its path names
 * the new domain id). Each device then drops its old connection without
 * telling anyone, and runs the same handshake as at boot; the driver
 * keeps what it can replay (blkfront's requests).
 */
#include <kernel/printk.h>
#include <kernel/suspend.h>
#include <kernel/time.h>
#include <kernel/xenfront.h>
#include <kernel/xenstore.h>

static struct {
	struct xenfront *devices; /* every started device not unplugged */
	bool hooked;
} xr;

/* Right after the resume, before any other thread runs (threads are
 * cooperative): nothing may use the old ring or ports from here on, so
 * the data path stops now; users' new requests queue (blkfront) or fail
 * as on a link that went down (netfront). */
static void drop(struct xenfront *xf)
{
	if (xf->phase == XF_CONNECTING || xf->phase == XF_UP) {
		xf->phase = XF_DOWN;
		xf->restore_deadline =
		    time_monotonic_ns() +
		    (uint64_t)xf->drv->connect_timeout_ms * NSEC_PER_MSEC;
		(xf->drv->lost ? xf->drv->lost : xf->drv->down)(xf);
	}
	/* The port died with the old domain and its number may already be
	 * someone else's: forgotten, never closed. (evtchn_resume() has
	 * dropped its handler.) */
	xf->port_open = false;
}

static void after_resume(const struct resume_info *ri)
{
	struct xenfront *xf;

	if (ri->cancelled)
		return;
	/* The reconnection itself runs in each device's worker, as every
	 * driver op but lost does. */
	for (xf = xr.devices; xf; xf = xf->next) {
		drop(xf);
		xf->restored = true;
		xenfront_kick(xf);
	}
}

static const struct suspend_hook hook = {.after = after_resume};

void xenfront_resume_add(struct xenfront *xf)
{
	struct xenfront *d;

	if (!xr.hooked && suspend_hook_add(&hook) == 0)
		xr.hooked = true;
	for (d = xr.devices; d; d = d->next)
		if (d == xf)
			return; /* (the host tests start devices again) */
	xf->next = xr.devices;
	xr.devices = xf;
}

struct xenfront *xenfront_find(const struct xenfront_driver *drv,
			       unsigned long index)
{
	struct xenfront *d;

	for (d = xr.devices; d; d = d->next)
		if (d->drv == drv && d->index == index)
			return d;
	return NULL;
}

struct xenfront *xenfront_next(const struct xenfront_driver *drv,
			       struct xenfront *prev)
{
	struct xenfront *d = prev ? prev->next : xr.devices;

	while (d && d->drv != drv)
		d = d->next;
	return d;
}

void xenfront_resume_del(struct xenfront *xf)
{
	struct xenfront **p;

	for (p = &xr.devices; *p; p = &(*p)->next)
		if (*p == xf) {
			*p = xf->next;
			xf->next = NULL;
			return;
		}
}

void xenfront_restored(struct xenfront *xf)
{
	char path[XENBUS_PATH_MAX + 8];
	int rc;

	xf->restored = false;
	/* Ends every grant at once: the new table holds none. */
	xf->drv->unshare(xf);
	if (xf->phase == XF_BROKEN || xenfront_probe_backend(xf) < 0)
		return;
	snprintk(path, sizeof(path), "%s/state", xf->backend);
	if ((rc = xs_watch_move(xf->token, path)) < 0)
		printk("%s: %s: cannot watch %s: error %d\n", xf->drv->name,
		       xf->name, path, rc);
	xenbus_switch_state_existing(xf->dir, XenbusStateInitialising);
	printk("%s: %s: reconnecting to %s after restore\n", xf->drv->name,
	       xf->name, xf->backend);
	xf->state_changed = true;
}
