/*
 * The xenbus frontend skeleton: the life cycle of a Xen PV device,
 * written once for every frontend (netfront, blkfront). A frontend is a
 * struct xenfront_driver (its device type, its keys and features, its
 * ring setup, its data path's poll) registered with XENFRONT_REGISTER();
 * each of its devices embeds a struct xenfront. The skeleton owns the
 * rest: enumeration of device/<type>/N at boot, the backend's path and
 * domain, the watch on the backend's state, the state machine, the event
 * channel, the first handshake's deadline, teardown and reconnect.
 *
 * Per device there are two threads: a watcher that waits on the backend's
 * state and only posts the device's semaphore, and a worker that runs
 * everything else (state changes, then the driver's poll) each time the
 * semaphore is posted. Every driver op runs in the worker (probe in the
 * boot context) and may block briefly (xenstore requests).
 *
 * States, ours -> backend's: Initialising; backend InitWait -> we open
 * an event channel, connect (the driver grants its rings and writes its
 * keys and our next state, one transaction); backend Connected -> up. Backend Closing or Closed (or its directory gone) ->
 * down, our state Closed (the backend unmaps our pages once it sees it),
 * event channel closed, unshare; if our directory still exists we then
 * say Initialising, so a backend that comes back (InitWait) gets a fresh
 * handshake.
 */
#ifndef KERNEL_XENFRONT_H
#define KERNEL_XENFRONT_H

/* <kernel/init.h> (boot.h) before Xen's headers, whose xen.h defines
 * console_mfn and store_mfn as macros. */
#include <kernel/init.h>

#include <kernel/devreg.h>
#include <kernel/evtchn.h>
#include <kernel/sync.h>
#include <kernel/xenbus.h>

enum xenfront_phase {
	XF_DOWN,       /* nothing shared */
	XF_CONNECTING, /* rings shared and keys written, backend not there */
	XF_UP,	       /* the data path runs */
	XF_BROKEN,     /* the backend broke the protocol: -EIO for good */
};

struct xenfront;

/* A frontend. Ops return 0 or a negative errno unless said otherwise;
 * an op that fails has printed why. */
struct xenfront_driver {
	const char *name;	 /* "netfront": messages, threads */
	const char *type;	 /* "vif": its devices are device/vif/N */
	unsigned int max;	 /* devices at most */
	unsigned long index_max; /* the largest N taken */
	unsigned int connect_timeout_ms; /* the first handshake's bound */
	const char *down_msg; /* what a closing backend means: "link down" */

	/* Boot: a zeroed device for device/<type>/n, with name and node
	 * set; NULL when there is no room (the driver says so). */
	struct xenfront *(*create)(unsigned long n);
	/* Boot, backend and backend_id known: read and check the device's
	 * own keys, allocate its shared pages, register it with its class.
	 * Failing skips the device. */
	int (*probe)(struct xenfront *xf);
	/* Backend InitWait, xf->port open: read the backend's features,
	 * grant the rings, write the ring references, xf->port, our
	 * features and our next state in one transaction
	 * (xenbus_write_keys()). On failure the skeleton closes the port and
	 * calls unshare. */
	int (*connect)(struct xenfront *xf);
	/* Backend Connected: the data path may start (xf->phase is
	 * already XF_UP; failing puts it back to XF_CONNECTING). */
	int (*up)(struct xenfront *xf);
	/* Backend Closing/Closed after up (or broken): stop users and fail
	 * what is in flight. The backend may still map the pages. */
	void (*down)(struct xenfront *xf);
	/* End every grant (bounded wait for the backend to unmap); nothing
	 * to do when nothing is granted. */
	void (*unshare)(struct xenfront *xf);
	/* Every wake-up of the worker: the data path. */
	void (*poll)(struct xenfront *xf);
	/* The device was unplugged (xl network-detach, block-detach): its
	 * directory is gone, the skeleton took it down (down, if it was up)
	 * and ended its grants (unshare). Leave the device class and free
	 * the pages no longer granted; the struct itself stays (users may
	 * hold it: <kernel/devreg.h>). Runs in the worker, its last op. */
	void (*remove)(struct xenfront *xf);
	/* The domain was restored in a new one (xl restore, xl migrate):
	 * the backend, its mappings and our grants went with the old
	 * domain. Stop the data path as down does, but keep what can be
	 * replayed on the new connection (blkfront's requests). Runs in the
	 * thread that resumed the domain, before any other thread runs; it
	 * must not block. NULL: down. */
	void (*lost)(struct xenfront *xf);
};

/* The state every device of a frontend shares; the driver's device
 * struct embeds it. */
struct xenfront {
	const struct xenfront_driver *drv;
	const char *name;	       /* the device's ("vif0", "xvda") */
	struct devreg_node *node;      /* its registry entry: settled */
	unsigned long index;	       /* N of device/<type>/N */
	char dir[32];		       /* "device/vif/N" */
	char backend[XENBUS_PATH_MAX]; /* the backend's directory */
	unsigned int backend_id;       /* its domain */
	char token[32];		       /* our watch on backend/state */
	enum xenfront_phase phase;
	bool state_changed;	   /* the watcher saw backend/state move */
	struct ksem kick;	   /* events, state changes, work */
	uint64_t connect_deadline; /* the first handshake's bound */
	uint64_t restore_deadline; /* the new backend's bound after a
				      restore (0: none) */
	evtchn_port_t port;
	bool port_open;
	struct thread *worker, *watcher;
	bool restored;	       /* to reconnect after a restore */
	bool unplugged;	       /* its directory went: remove it */
	struct xenfront *next; /* every device, for resume */
};

/* Enumerate device/<drv->type>/ and start every usable device (boot
 * context; an INIT_DRIVER initcall made by XENFRONT_REGISTER()). */
void xenfront_start(const struct xenfront_driver *drv);

/* Set up device/<drv->type>/<n> (n as listed there) and start it: boot,
 * and devices attached later (xenfront_hotplug.c). Connecting is bounded
 * by deadline (monotonic ns). Returns the device, or NULL if it was
 * skipped (said why). */
struct xenfront *xenfront_add(const struct xenfront_driver *drv, const char *n,
			      uint64_t deadline);

/* Devices attached and detached at run time (xenfront_hotplug.c): watch
 * device/<drv->type> from a thread of drv's own, add what appears, unplug
 * what goes. Boot context; called by xenfront_start(). */
void xenfront_hotplug_start(const struct xenfront_driver *drv);
/* Entry n of device/<drv->type> was skipped (said why): not tried again
 * while it stays there. */
void xenfront_hotplug_skipped(const struct xenfront_driver *drv, const char *n);
/* The worker's last step for an unplugged device (xenfront.c): down,
 * port closed, grants ended, watch gone, then the driver's remove. */
void xenfront_unplug(struct xenfront *xf);

/* Register drv: it starts at boot if the image links it. */
#define XENFRONT_REGISTER(drv)                                                 \
	static void drv##_start(const struct boot_info *bi)                    \
	{                                                                      \
		(void)bi;                                                      \
		xenfront_start(&drv);                                          \
	}                                                                      \
	INITCALL(INIT_DRIVER, drv##_start)

/* The data path: wake the worker (also from upcall context). */
static inline void xenfront_kick(struct xenfront *xf)
{
	ksem_post(&xf->kick);
}

/* Notify the backend, if an event channel is open. */
void xenfront_notify(struct xenfront *xf);

/* The backend broke the protocol: XF_BROKEN for good (reconnects do not
 * revive the device); the worker then takes it down. Returns false if it
 * was broken already. */
bool xenfront_break(struct xenfront *xf);

/* The worker's one round, and how long it may then sleep: exported for
 * the host tests, which drive the state machine without threads. */
void xenfront_work(struct xenfront *xf);
uint64_t xenfront_sleep_deadline(const struct xenfront *xf);

/* Resume (drivers/xen/xenfront_resume.c): add xf to the devices that
 * reconnect after a restore; and the worker's step when xf->restored is
 * set: forget the old connection without a word to the backend (it is
 * gone), read the new backend's path and domain, move the watch there
 * and start the handshake again from Initialising. */
void xenfront_resume_add(struct xenfront *xf);
/* The started device of drv for device/<type>/index, NULL if none; and
 * taking an unplugged device off the list. */
struct xenfront *xenfront_find(const struct xenfront_driver *drv,
			       unsigned long index);
/* drv's started device after prev (the first for NULL), NULL at the
 * end. */
struct xenfront *xenfront_next(const struct xenfront_driver *drv,
			       struct xenfront *prev);
void xenfront_resume_del(struct xenfront *xf);
/* Read and check device/<type>/N/backend and backend-id into xf. 0 or
 * -EINVAL (printed). */
int xenfront_probe_backend(struct xenfront *xf);
void xenfront_restored(struct xenfront *xf);

/* The name of a XenbusState ("Closing"), "?" when out of range. */
const char *xenfront_state_name(int st);

#endif
