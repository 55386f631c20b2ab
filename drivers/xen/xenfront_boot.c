/*
 * The frontend skeleton at boot (<kernel/xenfront.h>): enumeration of
 * device/<type>/N, the keys every device has (backend, backend-id), and
 * each device's two threads: the watcher on the backend's state and the
 * worker that runs the state machine (xenfront.c) and the data path.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/xenfront.h>
#include <kernel/xenstore.h>
#include <skiff/xenstore.h>
#include <xen/xen.h>

#define NAMES_BUF 512	       /* the listing of device/<type> */
#define NAMES_MAX 32	       /* devices listed at most */
#define WATCH_WAIT_MS 3600000u /* a watch wait that just re-arms */
#define BACKEND_KEY_ROOM 40    /* for "/<key>" after a backend path */

/* Wait for the backend's state to move; tell the worker, nothing more. */
static void watcher_main(void *arg)
{
	struct xenfront *xf = arg;
	char path[XENBUS_PATH_MAX], ev[8];
	int rc;

	snprintk(path, sizeof(path), "%s/state", xf->backend);
	if ((rc = xs_watch(path, xf->token)) < 0) {
		printk("%s: %s: cannot watch %s: error %d\n", xf->drv->name,
		       xf->name, path, rc);
		return;
	}
	for (;;) {
		rc = xs_read_watch(xf->token, ev, sizeof(ev), WATCH_WAIT_MS);
		if (rc == -ETIMEDOUT)
			continue;
		if (rc < 0)
			break;
		xf->state_changed = true;
		xenfront_kick(xf);
	}
	if (!xf->unplugged) /* an unplug ends the watch on purpose */
		printk("%s: %s: watch lost: error %d\n", xf->drv->name,
		       xf->name, rc);
}

static void worker_main(void *arg)
{
	struct xenfront *xf = arg;

	for (;;) {
		if (xf->unplugged) {
			xenfront_unplug(xf);
			return; /* the struct stays: users may hold it */
		}
		if (xf->restored)
			xenfront_restored(xf);
		xenfront_work(xf);
		ksem_wait_until(&xf->kick, xenfront_sleep_deadline(xf));
	}
}

/* Read and check the backend's path and domain. */
int xenfront_probe_backend(struct xenfront *xf)
{
	char path[XENBUS_PATH_MAX];
	int rc, id;

	if ((rc = xenbus_read_key(xf->dir, "backend", xf->backend,
				  sizeof(xf->backend) - BACKEND_KEY_ROOM)) <
		0 ||
	    xf->backend[0] != '/') {
		printk("%s: %s: no usable backend path (%d); skipped\n",
		       xf->drv->name, xf->name, rc);
		return -EINVAL;
	}
	snprintk(path, sizeof(path), "%s/backend-id", xf->dir);
	if ((rc = xenbus_read_int(path, &id)) < 0 || id < 0 ||
	    id >= (int)DOMID_FIRST_RESERVED) {
		printk("%s: %s: bad backend-id (%d); skipped\n", xf->drv->name,
		       xf->name, rc);
		return -EINVAL;
	}
	xf->backend_id = (unsigned int)id;
	return 0;
}

/* Start the device's threads; without them it never connects. */
static void start_threads(struct xenfront *xf)
{
	char name[24];

	xf->worker = thread_create(xf->drv->name, worker_main, xf, 0);
	snprintk(name, sizeof(name), "%s-watch", xf->drv->name);
	xf->watcher =
	    xf->worker ? thread_create(name, watcher_main, xf, 0) : NULL;
	if (!xf->watcher) {
		/* Registered but never connecting: users skip it. */
		printk("%s: %s: no threads; device unusable\n", xf->drv->name,
		       xf->name);
		devreg_settle(xf->node);
		return;
	}
	thread_detach(xf->worker);
	thread_detach(xf->watcher);
}

struct xenfront *xenfront_add(const struct xenfront_driver *drv, const char *n,
			      uint64_t deadline)
{
	struct xenfront *xf;
	unsigned long idx;

	if (xenbus_parse_ulong(n, &idx) || idx > drv->index_max) {
		printk("%s: device/%s/%s: not a %s number; skipped\n",
		       drv->name, drv->type, n, drv->type);
		return NULL;
	}
	if (!(xf = drv->create(idx)))
		return NULL;
	xf->drv = drv;
	xf->index = idx;
	xf->connect_deadline = deadline;
	snprintk(xf->dir, sizeof(xf->dir), "device/%s/%lu", drv->type, idx);
	snprintk(xf->token, sizeof(xf->token), "%s:%lu", drv->name, idx);
	if (xenfront_probe_backend(xf) < 0 || drv->probe(xf) < 0)
		return NULL; /* the memory taken so far stays taken */
	start_threads(xf);
	xenfront_resume_add(xf);
	return xf;
}

void xenfront_start(const struct xenfront_driver *drv)
{
	static char buf[NAMES_BUF];
	const char *names[NAMES_MAX];
	char dir[32];
	unsigned int max = MIN(drv->max, NAMES_MAX);
	uint64_t deadline;
	int n, i;

	if (!xs_available())
		return;
	/* Devices attached later too; this one's first listing is after
	 * ours, so none falls between the two. */
	xenfront_hotplug_start(drv);
	snprintk(dir, sizeof(dir), "device/%s", drv->type);
	n = xs_directory(dir, buf, sizeof(buf), names, max);
	if (n == -ENOENT || n == 0)
		return;
	if (n < 0) {
		printk("%s: cannot list %s: error %d\n", drv->name, dir, n);
		return;
	}
	if (n > (int)max) {
		printk("%s: %d %ss, using the first %u\n", drv->name, n,
		       drv->type, max);
		n = (int)max;
	}
	deadline = time_monotonic_ns() +
		   (uint64_t)drv->connect_timeout_ms * NSEC_PER_MSEC;
	for (i = 0; i < n; i++)
		if (!xenfront_add(drv, names[i], deadline))
			xenfront_hotplug_skipped(drv, names[i]);
}
