/*
 * Tests of the xenbus frontend skeleton (drivers/xen/xenfront.c and
 * xenfront_boot.c) with a fake frontend over a fake xenstore: the
 * enumeration of device/<type>/N, a backend that appears late, one that
 * never connects (the first handshake's deadline), one that goes Closing
 * with requests in flight and comes back (reconnect), an unplugged
 * device, failing handshakes, a broken device, the watcher thread, and
 * a checkpoint and a restore (xenfront_resume.c), and devices attached
 * and detached at run time (xenfront_hotplug.c).
 * No threads run: the test calls the worker's round (xenfront_work())
 * itself, as the worker would after each wake-up.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/suspend.h>
#include <kernel/time.h>
#include <kernel/xenfront.h>
#include <kernel/xenstore.h>
#include <skiff/xenstore.h>

#include "check.h"
#include "fake_store.h"

#define TOKEN 123 /* the fake's thread handles */

static struct {
	uint64_t now;	       /* the fake monotonic clock, ns */
	int kicks;	       /* ksem_post() calls */
	int next_port;	       /* the next event channel */
	int open_ports;	       /* allocated and not closed */
	int notifies;	       /* evtchn_notify() calls */
	int settles;	       /* devreg_settle() calls */
	char log[1024];	       /* the console */
	int threads;	       /* thread_create() calls */
	void (*fn[8])(void *); /* what they would run */
	void *arg[8];
	int watch_script[8]; /* xs_read_watch() results, in order */
	int watch_n, watch_i;
} fx;

/* The hot-plug thread, made once (the first xenfront_start()). */
static void (*hp_fn)(void *);
static void *hp_arg;

/* The fake frontend: what the skeleton asked of it, in order. */
struct vdev {
	struct devreg_node node;
	char name[8];
	struct xenfront xf;
	int inflight, failed; /* requests in flight, failed by down */
	char calls[256];
	char state_at_unshare[8]; /* our state when the grants ended */
};

static struct {
	struct vdev dev[4];
	unsigned int count;
	int connect_rc, up_rc, probe_rc;
} vf;

/* --- The store, the clock, events, threads, printk ---------------------- */

int xs_watch(const char *path, const char *token)
{
	CHECK_STR(path, "/be/0/state");
	CHECK_STR(token, "vfront:0");
	return 0;
}

int xs_unwatch(const char *path, const char *token)
{
	(void)path;
	(void)token;
	return 0;
}

/* The hot-plug thread's watch on device/vfake. */
int xs_watch_level(const char *path, const char *token)
{
	CHECK_STR(path, "device/vfake");
	CHECK_STR(token, "vfront:hotplug");
	return 0;
}

void thread_sleep_until(uint64_t deadline_ns)
{
	fx.now = deadline_ns;
}

int xs_read_watch(const char *token, char *buf, size_t len,
		  unsigned int timeout_ms)
{
	(void)token;
	(void)timeout_ms;
	if (fx.watch_i >= fx.watch_n)
		return -EIO;
	snprintf(buf, len, "x");
	return fx.watch_script[fx.watch_i++];
}

/* What xenfront_resume.c registers and asks of xenstore. */
static const struct suspend_hook *hooked;
static char moved[128];

int suspend_hook_add(const struct suspend_hook *h)
{
	hooked = h;
	return 0;
}

int xs_watch_move(const char *token, const char *path)
{
	snprintf(moved, sizeof(moved), "%s %s", token, path);
	return 0;
}

uint64_t time_monotonic_ns(void)
{
	return fx.now;
}

int evtchn_alloc_unbound(unsigned int remote)
{
	CHECK_EQ_U64(remote, 7);
	fx.open_ports++;
	return fx.next_port++;
}

int evtchn_bind(evtchn_port_t port, evtchn_handler_t handler, void *data)
{
	int before = fx.kicks;

	/* The handler only wakes the worker. */
	handler(port, data);
	CHECK_EQ_I64(fx.kicks, before + 1);
	return 0;
}

void evtchn_unmask(evtchn_port_t port)
{
	(void)port;
}

int evtchn_notify(evtchn_port_t port)
{
	(void)port;
	fx.notifies++;
	return 0;
}

int evtchn_close(unsigned int port)
{
	(void)port;
	fx.open_ports--;
	return 0;
}

int ksem_post(struct ksem *s)
{
	(void)s;
	fx.kicks++;
	return 0;
}

int ksem_wait_until(struct ksem *s, uint64_t deadline_ns)
{
	(void)s;
	(void)deadline_ns;
	FAIL("the worker's loop runs in the test");
	return 0;
}

/* The registry, as far as the skeleton uses it. */
void devreg_settle(struct devreg_node *n)
{
	n->settled = true;
	fx.settles++;
}

struct thread *thread_create(const char *name, void (*fn)(void *), void *arg,
			     size_t stack_size)
{
	(void)stack_size;
	if (!strcmp(name, "vfront-hotplug")) {
		hp_fn = fn;
		hp_arg = arg;
		return (struct thread *)(uintptr_t)TOKEN;
	}
	CHECK(!strcmp(name, "vfront") || !strcmp(name, "vfront-watch"));
	fx.fn[fx.threads] = fn;
	fx.arg[fx.threads++] = arg;
	return (struct thread *)(uintptr_t)TOKEN;
}

void thread_detach(struct thread *t)
{
	CHECK(t == (struct thread *)(uintptr_t)TOKEN);
}

void printk(const char *fmt, ...)
{
	size_t used = strlen(fx.log);
	va_list ap;

	va_start(ap, fmt);
	vsnprintk(fx.log + used, sizeof(fx.log) - used, fmt, ap);
	va_end(ap);
}

/* --- The fake frontend ---------------------------------------------------- */

static struct vdev *to_v(struct xenfront *xf)
{
	return container_of(xf, struct vdev, xf);
}

static void note(struct xenfront *xf, const char *what)
{
	struct vdev *v = to_v(xf);

	snprintf(v->calls + strlen(v->calls),
		 sizeof(v->calls) - strlen(v->calls), "%s%s",
		 v->calls[0] ? "," : "", what);
}

static struct xenfront *v_create(unsigned long n)
{
	struct vdev *v = &vf.dev[vf.count];

	if (vf.count >= 4)
		return NULL;
	memset(v, 0, sizeof(*v));
	snprintf(v->name, sizeof(v->name), "vf%lu", n);
	v->xf.name = v->name;
	v->xf.node = &v->node;
	return &v->xf;
}

static int v_probe(struct xenfront *xf)
{
	(void)xf;
	if (vf.probe_rc)
		return vf.probe_rc;
	vf.count++;
	return 0;
}

static int v_connect(struct xenfront *xf)
{
	struct xenbus_key k[2];

	note(xf, "connect");
	CHECK(xf->port_open);
	if (vf.connect_rc)
		return vf.connect_rc;
	xenbus_key_ulong(&k[0], "event-channel", xf->port);
	xenbus_key_ulong(&k[1], "state", XenbusStateConnected);
	return xenbus_write_keys(xf->dir, k, 2);
}

static int v_up(struct xenfront *xf)
{
	note(xf, "up");
	CHECK_EQ_I64(xf->phase, XF_UP);
	if (vf.up_rc)
		return vf.up_rc;
	devreg_settle(xf->node);
	return 0;
}

static void v_down(struct xenfront *xf)
{
	struct vdev *v = to_v(xf);

	note(xf, "down");
	v->failed += v->inflight;
	v->inflight = 0;
}

static void v_unshare(struct xenfront *xf)
{
	struct vdev *v = to_v(xf);
	char path[64];

	note(xf, "unshare");
	snprintf(path, sizeof(path), "%s/state", xf->dir);
	snprintf(v->state_at_unshare, sizeof(v->state_at_unshare), "%s",
		 store_get(path) ? store_get(path) : "gone");
	CHECK(!xf->port_open); /* the event channel is closed first */
}

static void v_poll(struct xenfront *xf)
{
	(void)xf;
}

static void v_remove(struct xenfront *xf)
{
	note(xf, "remove");
}

static const struct xenfront_driver vdrv = {
    .name = "vfront",
    .type = "vfake",
    .max = 5,
    .index_max = 31,
    .connect_timeout_ms = 10000,
    .down_msg = "gone",
    .create = v_create,
    .probe = v_probe,
    .connect = v_connect,
    .up = v_up,
    .down = v_down,
    .unshare = v_unshare,
    .poll = v_poll,
    .remove = v_remove,
};

/* --- Scenarios ------------------------------------------------------------ */

#define T0 (1000 * NSEC_PER_SEC)

static void add_vdev(const char *n, const char *backend, const char *id)
{
	char path[64];

	snprintf(path, sizeof(path), "device/vfake/%s/state", n);
	store_put(path, "1");
	snprintf(path, sizeof(path), "device/vfake/%s/backend", n);
	if (backend)
		store_put(path, backend);
	snprintf(path, sizeof(path), "device/vfake/%s/backend-id", n);
	if (id)
		store_put(path, id);
}

/* A fresh store with device/vfake/0 (backend /be/0 in domain 7),
 * started. */
static struct xenfront *start_one(void)
{
	memset(&fx, 0, sizeof(fx));
	memset(&vf, 0, sizeof(vf));
	store_clear();
	fx.now = T0;
	fx.next_port = 5;
	add_vdev("0", "/be/0", "7");
	xenfront_start(&vdrv);
	CHECK_EQ_U64(vf.count, 1);
	return &vf.dev[0].xf;
}

/* The backend's state moves to st (NULL: its directory goes); the
 * watcher tells the worker, which runs one round. */
static void backend_says(struct xenfront *xf, const char *st)
{
	if (st)
		store_put("/be/0/state", st);
	else
		store_rm("/be/0");
	xf->state_changed = true;
	xenfront_work(xf);
}

static void test_enumerate(void)
{
	struct xenfront *xf;

	memset(&fx, 0, sizeof(fx));
	memset(&vf, 0, sizeof(vf));
	store_clear();
	fx.now = T0;
	add_vdev("x1", "/be/9", "7");  /* not a number */
	add_vdev("40", "/be/40", "7"); /* over index_max */
	add_vdev("2", "be/2", "7");    /* a relative backend path */
	add_vdev("3", "/be/3", "70000");
	add_vdev("0", "/be/0", "7");
	add_vdev("4", "/be/4", "7"); /* one more than the driver takes */
	xenfront_start(&vdrv);
	CHECK_EQ_U64(vf.count, 1);
	xf = &vf.dev[0].xf;
	CHECK_STR(xf->name, "vf0");
	CHECK_STR(xf->dir, "device/vfake/0");
	CHECK_STR(xf->backend, "/be/0");
	CHECK_EQ_U64(xf->backend_id, 7);
	CHECK_STR(xf->token, "vfront:0");
	CHECK(xf->drv == &vdrv);
	CHECK_EQ_U64(xf->connect_deadline, T0 + 10 * NSEC_PER_SEC);
	CHECK_EQ_I64(fx.threads, 2); /* the worker and the watcher */
	CHECK(fx.arg[0] == xf && fx.arg[1] == xf);
	CHECK(strstr(fx.log, "vfront: device/vfake/x1: not a vfake number; "
			     "skipped\n"));
	CHECK(strstr(fx.log, "device/vfake/40: not a vfake number"));
	CHECK(strstr(fx.log, "vfront: vf2: no usable backend path (0); "
			     "skipped\n"));
	CHECK(strstr(fx.log, "vfront: vf3: bad backend-id (0); skipped\n"));
	if (!CHECK(strstr(fx.log, "vfront: 6 vfakes, using the first 5\n")))
		FAIL("log: %s", fx.log);
	CHECK(!strstr(fx.log, "vf4"));
	CHECK_EQ_I64(xf->phase, XF_DOWN);
	CHECK(!xf->node->settled);
	/* No device directory at all: nothing, silently. */
	memset(&fx, 0, sizeof(fx));
	store_clear();
	xenfront_start(&vdrv);
	CHECK_EQ_I64(fx.threads, 0);
	CHECK_STR(fx.log, "");
}

/* The backend's directory appears only after boot: the first event finds
 * none (that reads as Closed: we say Closed, then Initialising again),
 * then InitWait and Connected come. */
static void test_backend_late(void)
{
	struct xenfront *xf = start_one();
	struct vdev *v = &vf.dev[0];

	backend_says(xf, NULL);
	CHECK_EQ_I64(xf->phase, XF_DOWN);
	CHECK_STR(v->calls, "unshare"); /* nothing was shared: a no-op */
	CHECK_STR(store_get("device/vfake/0/state"), "1");
	CHECK_STR(fx.log, "");
	fx.now += 3 * NSEC_PER_SEC;
	backend_says(xf, "2");
	CHECK_EQ_I64(xf->phase, XF_CONNECTING);
	CHECK_STR(v->calls, "unshare,connect");
	CHECK(xf->port_open);
	CHECK_STR(store_get("device/vfake/0/event-channel"), "5");
	CHECK_STR(store_get("device/vfake/0/state"), "4");
	/* InitWait again (a spurious event): no second handshake. */
	backend_says(xf, "2");
	CHECK_STR(v->calls, "unshare,connect");
	backend_says(xf, "4");
	CHECK_EQ_I64(xf->phase, XF_UP);
	CHECK_STR(v->calls, "unshare,connect,up");
	CHECK(xf->node->settled);
	CHECK_EQ_U64(xenfront_sleep_deadline(xf), 0);
	fx.now += 60 * NSEC_PER_SEC;
	xenfront_work(xf);
	CHECK(!strstr(fx.log, "did not connect"));
}

/* A backend that never connects: the device settles at the deadline,
 * once, and may still come up later. */
static void test_never_connects(void)
{
	struct xenfront *xf = start_one();

	backend_says(xf, "2");
	CHECK_EQ_U64(xenfront_sleep_deadline(xf), T0 + 10 * NSEC_PER_SEC);
	fx.now = T0 + 10 * NSEC_PER_SEC - 1;
	xenfront_work(xf);
	CHECK(!xf->node->settled);
	fx.now++;
	xenfront_work(xf);
	CHECK(xf->node->settled);
	CHECK_STR(fx.log, "vfront: vf0: backend did not connect within 10000 "
			  "ms; continuing without it\n");
	CHECK_EQ_U64(xenfront_sleep_deadline(xf), 0);
	xenfront_work(xf);
	CHECK_EQ_I64(fx.settles, 1); /* once */
	backend_says(xf, "4");
	CHECK_EQ_I64(xf->phase, XF_UP);
}

/* Closing with requests in flight: they fail, our state says Closed
 * before the grants end, the event channel is closed; the backend comes
 * back and the device reconnects with a fresh handshake. */
static void test_closing_and_reconnect(void)
{
	struct xenfront *xf = start_one();
	struct vdev *v = &vf.dev[0];

	backend_says(xf, "2");
	backend_says(xf, "4");
	v->inflight = 3;
	v->calls[0] = '\0';
	backend_says(xf, "5");
	CHECK_EQ_I64(xf->phase, XF_DOWN);
	CHECK_EQ_I64(v->failed, 3);
	CHECK_STR(v->calls, "down,unshare");
	CHECK_STR(v->state_at_unshare, "6");
	CHECK_EQ_I64(fx.open_ports, 0);
	CHECK(strstr(fx.log, "vfront: vf0: backend Closing; gone\n"));
	backend_says(xf, "6");
	CHECK_STR(v->calls, "down,unshare,unshare");	   /* down only once */
	CHECK_STR(store_get("device/vfake/0/state"), "1"); /* Initialising */
	backend_says(xf, "2");
	backend_says(xf, "4");
	CHECK_EQ_I64(xf->phase, XF_UP);
	CHECK_STR(v->calls, "down,unshare,unshare,connect,up");
	CHECK_STR(store_get("device/vfake/0/event-channel"),
		  "6"); /* a new one */
	CHECK_EQ_I64(fx.open_ports, 1);
}

/* Unplugged: the toolstack removes our directory; late state writes
 * must not create it again. */
static void test_unplugged(void)
{
	struct xenfront *xf = start_one();

	backend_says(xf, "2");
	backend_says(xf, "4");
	store_rm("device/vfake/0");
	backend_says(xf, NULL);
	CHECK_EQ_I64(xf->phase, XF_DOWN);
	CHECK_STR(vf.dev[0].state_at_unshare, "gone");
	CHECK(store_get("device/vfake/0/state") == NULL);
	CHECK(strstr(fx.log, "backend Closed; gone"));
}

/* A failing handshake leaves nothing open or granted; a failing up
 * waits for the next Connected. */
static void test_handshake_failures(void)
{
	struct xenfront *xf = start_one();
	struct vdev *v = &vf.dev[0];

	vf.connect_rc = -EAGAIN;
	backend_says(xf, "2");
	CHECK_EQ_I64(xf->phase, XF_DOWN);
	CHECK_STR(v->calls, "connect,unshare");
	CHECK_EQ_I64(fx.open_ports, 0);
	CHECK(strstr(fx.log, "vfront: vf0: handshake failed: error -11\n"));
	vf.connect_rc = 0;
	backend_says(xf, "2");
	CHECK_EQ_I64(xf->phase, XF_CONNECTING);
	vf.up_rc = -EINVAL;
	backend_says(xf, "4");
	CHECK_EQ_I64(xf->phase, XF_CONNECTING);
	vf.up_rc = 0;
	backend_says(xf, "4");
	CHECK_EQ_I64(xf->phase, XF_UP);
	CHECK_STR(v->calls, "connect,unshare,connect,up,up");
}

/* Broken for good: teardown still happens, reconnects do not. */
static void test_broken(void)
{
	struct xenfront *xf = start_one();
	struct vdev *v = &vf.dev[0];
	int kicks;

	backend_says(xf, "2");
	backend_says(xf, "4");
	kicks = fx.kicks;
	CHECK(xenfront_break(xf));
	CHECK(!xenfront_break(xf));
	CHECK_EQ_I64(xf->phase, XF_BROKEN);
	CHECK_EQ_I64(fx.kicks, kicks + 1); /* the worker is told, once */
	v->calls[0] = '\0';
	backend_says(xf, "6");
	CHECK_EQ_I64(xf->phase, XF_BROKEN);
	CHECK_STR(v->calls, "down,unshare");
	backend_says(xf, "2");
	CHECK_STR(v->calls, "down,unshare");
	CHECK_EQ_I64(fx.open_ports, 0);
}

static void test_bad_states(void)
{
	struct xenfront *xf = start_one();

	backend_says(xf, "9");
	CHECK(strstr(fx.log, "vfront: vf0: bad backend state (-22)\n"));
	backend_says(xf, "3"); /* Initialised: nothing to do */
	backend_says(xf, "x");
	CHECK_EQ_I64(xf->phase, XF_DOWN);
	CHECK_STR(vf.dev[0].calls, "");
}

/* The watcher only flags the change and wakes the worker; it re-arms on
 * timeouts and reports a lost watch. */
static void test_watcher(void)
{
	struct xenfront *xf = start_one();

	fx.watch_script[0] = -ETIMEDOUT;
	fx.watch_script[1] = 1;
	fx.watch_script[2] = -ETIMEDOUT;
	fx.watch_script[3] = 1;
	fx.watch_n = 4;
	fx.kicks = 0;
	fx.fn[1](fx.arg[1]);
	CHECK_EQ_I64(fx.watch_i, 4);
	CHECK(xf->state_changed);
	CHECK_EQ_I64(fx.kicks, 2);
	CHECK_EQ_I64(xf->phase, XF_DOWN); /* nothing else happened */
	CHECK(strstr(fx.log, "vfront: vf0: watch lost: error -5\n"));
}

/* A checkpoint leaves the connection alone; a restore (a new domain, a
 * new backend at another path) drops it without closing the dead port,
 * then the worker ends the grants, follows the new backend and runs the
 * handshake again. */
static void test_restore(void)
{
	struct xenfront *xf = start_one();
	struct vdev *v = to_v(xf);
	struct resume_info in_place = {.cancelled = true};
	struct resume_info restored = {.cancelled = false};
	int open;

	backend_says(xf, "2");
	backend_says(xf, "4");
	CHECK_EQ_I64(xf->phase, XF_UP);
	if (!CHECK(hooked != NULL))
		return;
	v->inflight = 2;
	v->calls[0] = '\0';
	hooked->after(&in_place);
	CHECK_EQ_I64(xf->phase, XF_UP);
	CHECK(xf->port_open && !xf->restored);
	CHECK_STR(v->calls, "");

	store_rm("/be/0");
	store_put("device/vfake/0/backend", "/be/1");
	store_put("/be/1/state", "2");
	open = fx.open_ports;
	moved[0] = '\0';
	hooked->after(&restored);
	/* At once, in the resuming thread: stopped, the port forgotten. */
	CHECK_EQ_I64(xf->phase, XF_DOWN);
	CHECK(!xf->port_open && xf->restored);
	CHECK_STR(v->calls, "down");
	CHECK_EQ_I64(v->failed, 2); /* vdrv has no lost: down fails them */
	CHECK_EQ_I64(fx.open_ports, open); /* never closed */
	/* The worker: grants ended, the new backend followed. */
	xenfront_restored(xf);
	CHECK(!xf->restored && xf->state_changed);
	CHECK_STR(v->calls, "down,unshare");
	CHECK_STR(xf->backend, "/be/1");
	CHECK_STR(moved, "vfront:0 /be/1/state");
	CHECK_STR(store_get("device/vfake/0/state"), "1");
	CHECK(strstr(fx.log, "vfront: vf0: reconnecting to /be/1 after "
			     "restore\n"));
	/* Its round sees InitWait: the handshake as at boot. */
	xenfront_work(xf);
	CHECK_STR(v->calls, "down,unshare,connect");
	CHECK_EQ_I64(xf->phase, XF_CONNECTING);
	store_put("/be/1/state", "4");
	xf->state_changed = true;
	xenfront_work(xf);
	CHECK_EQ_I64(xf->phase, XF_UP);
	CHECK_STR(v->calls, "down,unshare,connect,up");
	/* A restore whose new backend never comes: down at the bound. */
	hooked->after(&restored);
	store_put("/be/1/state", "1");
	xenfront_restored(xf);
	CHECK_EQ_U64(xenfront_sleep_deadline(xf), fx.now + 10 * NSEC_PER_SEC);
	v->calls[0] = '\0';
	xenfront_work(xf);
	CHECK_STR(v->calls, "");
	fx.now += 10 * NSEC_PER_SEC;
	xenfront_work(xf);
	CHECK_STR(v->calls, "down");
	CHECK(strstr(fx.log, "vfront: vf0: backend did not come back within "
			     "10000 ms of the restore; gone\n"));
	CHECK_EQ_U64(xenfront_sleep_deadline(xf), 0);
	/* A restore while broken: it stays broken. */
	xenfront_break(xf);
	hooked->after(&restored);
	xenfront_restored(xf);
	CHECK_EQ_I64(xf->phase, XF_BROKEN);
}

/* The hot-plug thread's one round: an event, the burst drained, a
 * listing; then its watch "fails" and it ends. */
static void hotplug_round(void)
{
	fx.watch_script[0] = 0;
	fx.watch_script[1] = -ETIMEDOUT;
	fx.watch_n = 2;
	fx.watch_i = 0;
	hp_fn(hp_arg);
}

/* Run xf's backend to Connected (backend at be). */
static void connect_at(struct xenfront *xf, const char *be)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/state", be);
	store_put(path, "2");
	xf->state_changed = true;
	xenfront_work(xf);
	store_put(path, "4");
	xf->state_changed = true;
	xenfront_work(xf);
}

/* xl network-attach / -detach: a device that appears after boot is set
 * up as at boot; a bad entry is reported once; a device whose directory
 * goes is taken down and removed by its worker, and the same N may come
 * back as a new device. */
static void test_hotplug(void)
{
	struct xenfront *xf0 = start_one(), *xf1;
	struct vdev *v1;

	if (!CHECK(hp_fn != NULL))
		return;
	hotplug_round(); /* the first listing: nothing new */
	CHECK_EQ_U64(vf.count, 1);
	add_vdev("1", "/be/1", "7");
	add_vdev("x2", "/be/2", "7");
	hotplug_round();
	if (!CHECK_EQ_U64(vf.count, 2))
		return;
	xf1 = &vf.dev[1].xf;
	v1 = &vf.dev[1];
	CHECK_STR(xf1->dir, "device/vfake/1");
	CHECK(xenfront_find(&vdrv, 1) == xf1);
	CHECK(strstr(fx.log, "vfront: device/vfake/1 attached\n"));
	CHECK(strstr(fx.log, "device/vfake/x2: not a vfake number"));
	fx.log[0] = '\0';
	hotplug_round(); /* nothing new, x2 not tried again */
	CHECK_EQ_U64(vf.count, 2);
	CHECK(!strstr(fx.log, "x2"));
	connect_at(xf1, "/be/1");
	CHECK_EQ_I64(xf1->phase, XF_UP);
	/* Detached (forced: still connected when the directory goes). */
	store_rm("device/vfake/1");
	hotplug_round();
	CHECK(xf1->unplugged && !xf0->unplugged);
	CHECK(strstr(fx.log, "vfront: vf1: unplugged\n"));
	v1->calls[0] = '\0';
	xenfront_unplug(xf1);
	CHECK_STR(v1->calls, "down,unshare,remove");
	CHECK(!xf1->port_open);
	CHECK(xenfront_find(&vdrv, 1) == NULL);
	CHECK(xenfront_find(&vdrv, 0) == xf0);
	CHECK(strstr(fx.log, "vfront: vf1: removed while connected; gone\n"));
	CHECK(strstr(fx.log, "vfront: vf1: removed\n"));
	/* The same N again: a new device. */
	add_vdev("1", "/be/1", "7");
	hotplug_round();
	CHECK_EQ_U64(vf.count, 3);
	CHECK(xenfront_find(&vdrv, 1) == &vf.dev[2].xf);
	/* Every device gone: each is unplugged. */
	store_rm("device/vfake");
	hotplug_round();
	CHECK(xf0->unplugged && vf.dev[2].xf.unplugged);
}

CHECK_MAIN("xenfront", CHECK_TEST(test_hotplug), CHECK_TEST(test_enumerate),
	   CHECK_TEST(test_restore), CHECK_TEST(test_backend_late),
	   CHECK_TEST(test_never_connects),
	   CHECK_TEST(test_closing_and_reconnect), CHECK_TEST(test_unplugged),
	   CHECK_TEST(test_handshake_failures), CHECK_TEST(test_broken),
	   CHECK_TEST(test_bad_states), CHECK_TEST(test_watcher))
