/*
 * The frontend skeleton's state machine (<kernel/xenfront.h>): what the
 * worker does when the backend's state moves, the event channel, and the
 * first handshake's deadline. Every frontend's life cycle is this file;
 * the drivers only say what their keys and rings are. Enumeration and
 * the threads are in xenfront_boot.c.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <kernel/xenfront.h>
#include <skiff/xenstore.h>

const char *xenfront_state_name(int st)
{
	static const char *const names[] = {
	    "Unknown",	   "Initialising",  "InitWait",
	    "Initialised", "Connected",	    "Closing",
	    "Closed",	   "Reconfiguring", "Reconfigured"};

	return st >= 0 && st < (int)ARRAY_SIZE(names) ? names[st] : "?";
}

/* Upcall context: wake the worker, nothing more. */
static void on_event(evtchn_port_t port __unused, void *data)
{
	xenfront_kick(data);
}

/* Open an event channel to the backend and route it to the worker. */
static int open_port(struct xenfront *xf)
{
	int port = evtchn_alloc_unbound(xf->backend_id);

	if (port < 0)
		return port;
	xf->port = (evtchn_port_t)port;
	xf->port_open = true;
	evtchn_bind(xf->port, on_event, xf);
	evtchn_unmask(xf->port);
	return 0;
}

void xenfront_notify(struct xenfront *xf)
{
	if (xf->port_open)
		evtchn_notify(xf->port);
}

bool xenfront_break(struct xenfront *xf)
{
	if (xf->phase == XF_BROKEN)
		return false;
	xf->phase = XF_BROKEN;
	/* Users are told by the worker: this may run inside a user's call
	 * (a transmit), where their callbacks must not come. */
	xenfront_kick(xf);
	return true;
}

/* Close the event channel and end the grants. */
static void disconnect(struct xenfront *xf)
{
	if (xf->port_open) {
		evtchn_close(xf->port);
		xf->port_open = false;
	}
	xf->drv->unshare(xf);
}

/* Backend InitWait: an event channel, then the driver shares its rings
 * and writes our keys. */
static void connect(struct xenfront *xf)
{
	int rc;

	if ((rc = open_port(xf)) < 0 || (rc = xf->drv->connect(xf)) < 0) {
		printk("%s: %s: handshake failed: error %d\n", xf->drv->name,
		       xf->name, rc);
		disconnect(xf);
		return;
	}
	xf->phase = XF_CONNECTING;
}

/* Backend Connected after our keys: start the data path. */
static void go_up(struct xenfront *xf)
{
	xf->phase = XF_UP;
	xf->restore_deadline = 0;
	if (xf->drv->up(xf) < 0 && xf->phase == XF_UP)
		xf->phase = XF_CONNECTING;
}

/* Backend Closing/Closed or gone: stop everything, say Closed. */
static void shut(struct xenfront *xf, int st)
{
	if (xf->phase != XF_DOWN) {
		printk("%s: %s: backend %s; %s\n", xf->drv->name, xf->name,
		       xenfront_state_name(st), xf->drv->down_msg);
		if (xf->phase != XF_BROKEN)
			xf->phase = XF_DOWN;
		xf->drv->down(xf);
	}
	/* Closed first: the backend unmaps our pages only once it sees it,
	 * and the unshare waits (bounded) for that. Only an existing state
	 * is switched: a directory the toolstack removes (an unplug) is
	 * never created again by a late write. */
	xenbus_switch_state_existing(xf->dir, XenbusStateClosed);
	disconnect(xf);
}

static void backend_changed(struct xenfront *xf)
{
	int st = xenbus_read_state(xf->backend);

	if (st == -EACCES) /* the toolstack is recreating the directory */
		return;
	if (st < 0) {
		printk("%s: %s: bad backend state (%d)\n", xf->drv->name,
		       xf->name, st);
		return;
	}
	switch (st) {
	case XenbusStateInitWait:
		if (xf->phase == XF_DOWN)
			connect(xf);
		break;
	case XenbusStateConnected:
		if (xf->phase == XF_CONNECTING)
			go_up(xf);
		break;
	case XenbusStateClosing:
		shut(xf, st);
		break;
	case XenbusStateClosed:
		shut(xf, st);
		/* Ready for a backend that comes back, if the device is
		 * still there. */
		if (xf->phase == XF_DOWN)
			xenbus_switch_state_existing(xf->dir,
						     XenbusStateInitialising);
		break;
	default:
		break;
	}
}

void xenfront_unplug(struct xenfront *xf)
{
	char path[XENBUS_PATH_MAX + 8];

	/* The toolstack removes the directory once our Closed let the
	 * backend close (xl ... -detach); a forced detach or a dead backend
	 * finds the device still up. */
	if (xf->phase != XF_DOWN) {
		printk("%s: %s: removed while connected; %s\n", xf->drv->name,
		       xf->name, xf->drv->down_msg);
		if (xf->phase != XF_BROKEN)
			xf->phase = XF_DOWN;
		xf->drv->down(xf);
	}
	disconnect(xf);
	snprintk(path, sizeof(path), "%s/state", xf->backend);
	xs_unwatch(path, xf->token); /* the watcher ends */
	xenfront_resume_del(xf);
	xf->drv->remove(xf);
	devreg_settle(xf->node);
	printk("%s: %s: removed\n", xf->drv->name, xf->name);
}

/* The first handshake's bound: after it, report and let the device's
 * users go on without it (it may still connect later). */
static void check_deadline(struct xenfront *xf)
{
	if (xf->node->settled || time_monotonic_ns() < xf->connect_deadline)
		return;
	printk("%s: %s: backend did not connect within %u ms; continuing "
	       "without it\n",
	       xf->drv->name, xf->name, xf->drv->connect_timeout_ms);
	devreg_settle(xf->node);
}

/* After a restore, what waits for the new backend (blkfront's replayed
 * requests) waits a bounded time: then down fails it, as if the
 * backend had closed. The device may still connect later. */
static void check_restore_deadline(struct xenfront *xf)
{
	if (!xf->restore_deadline || time_monotonic_ns() < xf->restore_deadline)
		return;
	xf->restore_deadline = 0;
	if (xf->phase == XF_UP || xf->phase == XF_BROKEN)
		return;
	printk("%s: %s: backend did not come back within %u ms of the "
	       "restore; %s\n",
	       xf->drv->name, xf->name, xf->drv->connect_timeout_ms,
	       xf->drv->down_msg);
	xf->drv->down(xf);
}

void xenfront_work(struct xenfront *xf)
{
	if (xf->state_changed) {
		xf->state_changed = false;
		backend_changed(xf);
	}
	xf->drv->poll(xf);
	check_deadline(xf);
	check_restore_deadline(xf);
}

uint64_t xenfront_sleep_deadline(const struct xenfront *xf)
{
	uint64_t d = xf->node->settled ? 0 : xf->connect_deadline;

	if (xf->restore_deadline && (!d || xf->restore_deadline < d))
		d = xf->restore_deadline;
	return d;
}
