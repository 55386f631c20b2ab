/*
 * The xenstore client's engine: the shared ring, a reader thread, and
 * requests from any number of threads at once.
 *
 * Design. A request is encoded and written whole to the request ring by
 * one thread at a time (the writer slot, tx_busy); its struct xs_req,
 * on the requester's stack, sits on the pending list from before the
 * first byte is visible to the store until its reply is delivered. The
 * event handler only wakes two queues (upcall context). The reader thread
 * drains the response ring through rx_pump(), which never blocks: it
 * assembles each message in xs.rx, hands replies to their request by
 * req_id (waking its thread) and watch events to xs_watch.c's per-watch
 * queues. Every wait is bounded (XS_TIMEOUT_NS): a silent store gives
 * -ETIMEDOUT, and a late reply for a request that gave up is logged and
 * dropped as unknown.
 *
 * Polled mode: where blocking on other threads is impossible (the boot
 * context that becomes the idle thread, before the reader runs, and the
 * exit path after xs_enter_polled_mode()), the caller writes its request,
 * then runs rx_pump() itself and yields the vCPU to Xen until its reply
 * is there. Because rx_pump() keeps the partial message in xs.rx, the
 * stream stays in step whoever drains it.
 */
#include <arch/events.h>
#include <arch/barrier.h>
#include <arch/hypercall.h>
#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/evtchn.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/suspend.h>
#include <kernel/time.h>
#include <kernel/xenstore.h>

#include "xs_priv.h"

static struct {
	struct xenstore_domain_interface *intf; /* NULL: no xenstore */
	evtchn_port_t port;
	uint32_t next_id;
	struct list_head pending; /* struct xs_req waiting for replies */
	struct wait_queue rx_wq;  /* the reader: response bytes arrived */
	struct wait_queue tx_wq;  /* writers: ring space or the slot freed */
	bool tx_busy;		  /* a thread is writing a request */
	bool polled;		  /* exit path: callers drive the ring */
	bool suspended;		  /* xs_suspend() holds the writer slot */
	struct thread *reader;	  /* NULL until started */
	struct xs_rx rx;	  /* the message being assembled */
	char tx[XS_MSG_MAX];	  /* the request being written */
	/* A request whose writer gave up part way: its bytes
	 * [tx_off, tx_len) of xs.tx still go out (tx_finish()). */
	size_t tx_off, tx_len;
	unsigned long stream_errs; /* resynchronisations */
} xs;

static void xs_event(evtchn_port_t port __unused, void *data __unused)
{
	/* Upcall context: wake, nothing more. */
	wq_wake_all(&xs.rx_wq);
	wq_wake_all(&xs.tx_wq);
}

bool xs_available(void)
{
	return xs.intf != NULL;
}

bool xs_polled(void)
{
	return xs.polled || !xs.reader || sched_in_idle();
}

void xs_enter_polled_mode(void)
{
	xs.polled = true;
}

/* Fail every pending request with err and wake its thread. */
static void fail_pending(int err)
{
	while (!list_empty(&xs.pending)) {
		struct xs_req *r = list_first(&xs.pending, struct xs_req, link);

		list_del(&r->link);
		r->rc = err;
		r->done = true;
		wq_wake_one(&r->wq);
	}
}

/* The response stream lost its framing (an impossible length or index):
 * drop what is unread, so the next message starts on a boundary, and
 * fail what waited for the lost replies. */
static void resync(const char *why, uint32_t value)
{
	struct xenstore_domain_interface *r = xs.intf;

	printk("xenstore: broken response stream (%s %u); dropping unread "
	       "bytes\n",
	       why, value);
	xs.stream_errs++;
	xs_rx_reset(&xs.rx);
	r->rsp_cons = READ_ONCE(r->rsp_prod);
	fail_pending(-EIO);
}

/* A whole message is in xs.rx: route it. */
static void dispatch(void)
{
	struct xs_req *req;
	int rc;

	if (xs.rx.hdr.type == XS_WATCH_EVENT) {
		xs_watch_deliver(xs.rx.body, xs.rx.hdr.len);
		return;
	}
	rc = xs_wire_deliver(&xs.pending, &xs.rx, &req);
	if (rc == -ENOENT)
		printk("xenstore: reply (type %u) for unknown request %u "
		       "dropped\n",
		       xs.rx.hdr.type, xs.rx.hdr.req_id);
	else if (rc == -EPROTO)
		printk("xenstore: reply of type %u to request %u of type %u\n",
		       xs.rx.hdr.type, req->id, req->type);
	if (req)
		wq_wake_one(&req->wq);
}

/* Feed the bytes between cons and prod (or the ring's end) to xs.rx and
 * dispatch a message it completes. Sets *moved when rsp_cons changed;
 * returns false when there is nothing more to take for now. */
static bool pump_once(struct xenstore_domain_interface *r, bool *moved)
{
	XENSTORE_RING_IDX cons = r->rsp_cons, prod = READ_ONCE(r->rsp_prod);
	uint32_t avail = prod - cons, n;
	size_t used;
	int st;

	if (!avail)
		return false;
	*moved = true;
	if (avail > XENSTORE_RING_SIZE) {
		resync("producer index ahead by", avail);
		return false;
	}
	rmb(); /* the index before the bytes it covers */
	n = MIN(avail, XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(cons));
	st = xs_rx_feed(&xs.rx, r->rsp + MASK_XENSTORE_IDX(cons), n, &used);
	mb(); /* done reading before giving the space back */
	r->rsp_cons = cons + (uint32_t)used;
	if (st < 0) {
		resync("payload length", xs.rx.hdr.len);
		return false;
	}
	if (st) {
		dispatch();
		xs_rx_reset(&xs.rx);
	}
	return true;
}

/* Take everything the response ring holds, dispatching each complete
 * message, then tell the store there is room. Never blocks. */
static void rx_pump(void)
{
	bool moved = false;

	while (pump_once(xs.intf, &moved))
		;
	if (moved)
		evtchn_notify(xs.port);
}

static void tx_finish(void);
static bool tx_unfinished(void);
static bool ring_has_space(void *arg);
static void writer_release(void);

void xs_poll(void)
{
	rx_pump();
	tx_finish();
	HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

/* The reader's work: replies to take, or the rest of a request to
 * write and room for it. */
static bool rx_ready(void)
{
	return READ_ONCE(xs.intf->rsp_prod) != xs.intf->rsp_cons ||
	       (tx_unfinished() && ring_has_space(NULL));
}

/* The reader thread: drain, then sleep until the store sends more. */
static void reader_main(void *arg __unused)
{
	for (;;) {
		unsigned long flags;

		rx_pump();
		tx_finish();
		/* Check and sleep with events masked, or a wake-up in
		 * between is lost. */
		flags = arch_events_save_disable();
		if (!rx_ready())
			wq_wait(&xs.rx_wq);
		arch_events_restore(flags);
	}
}

void xs_init(struct boot_info *bi)
{
	list_init(&xs.pending);
	wq_init(&xs.rx_wq);
	wq_init(&xs.tx_wq);
	xs_rx_reset(&xs.rx);
	if (bi->is_dom0 || !bi->store_mfn)
		return;
	xs.port = bi->store_evtchn;
	if (evtchn_bind(xs.port, xs_event, NULL))
		return;
	xs.intf = pfn_to_virt(mfn_to_pfn(bi->store_mfn));
	xs.next_id = 1;
	evtchn_unmask(xs.port);
	xs.reader = thread_create("xenstore", reader_main, NULL, 0);
	if (!xs.reader)
		printk("xenstore: no reader thread; requests will poll\n");
}

/* How often xs_suspend() looks whether the replies are in. */
#define SUSPEND_STEP_NS (2 * NSEC_PER_MSEC)

int xs_suspend(void)
{
	uint64_t deadline = time_monotonic_ns() + XS_TIMEOUT_NS;

	if (!xs.intf || xs_polled())
		return 0;
	/* Take the writer slot for good: a request started later waits
	 * for xs_resume() (its own 5 s bound runs on monotonic time, which
	 * does not count the time the domain was saved). */
	while (xs.tx_busy) {
		if (time_monotonic_ns() >= deadline)
			return -ETIMEDOUT;
		thread_sleep_until(time_monotonic_ns() + SUSPEND_STEP_NS);
	}
	xs.tx_busy = true;
	/* The reader delivers what the store answers; a reply lost with
	 * the old connection would leave its requester to time out. */
	while (!list_empty(&xs.pending)) {
		if (time_monotonic_ns() >= deadline) {
			writer_release();
			return -ETIMEDOUT;
		}
		thread_sleep_until(time_monotonic_ns() + SUSPEND_STEP_NS);
	}
	xs.suspended = true;
	return 0;
}

void xs_resume(const struct resume_info *ri)
{
	if (!xs.intf || !xs.suspended)
		return;
	xs.suspended = false;
	if (!ri->cancelled) {
		/* The same page (its pfn did not change; the store goes on
		 * from the ring's indexes), a new channel. */
		xs.port = ri->store_evtchn;
		xs.intf = pfn_to_virt(mfn_to_pfn(ri->store_mfn));
		if (evtchn_bind(xs.port, xs_event, NULL) == 0)
			evtchn_unmask(xs.port);
	}
	xs.tx_busy = false;
	wq_wake_all(&xs.tx_wq);
	wq_wake_all(&xs.rx_wq);
	if (!ri->cancelled)
		xs_watch_resume();
}

/* Wait for cond() on wq until deadline, or in polled mode run the ring
 * and yield meanwhile. Returns 0 when cond() holds, else -ETIMEDOUT. */
static int wait_for(struct wait_queue *wq, bool (*cond)(void *), void *arg,
		    uint64_t deadline)
{
	bool polled = xs_polled();

	while (!cond(arg)) {
		unsigned long flags;

		if (time_monotonic_ns() >= deadline)
			return -ETIMEDOUT;
		if (polled) {
			xs_poll();
			continue;
		}
		/* Masked, so a wake-up between check and sleep counts. */
		flags = arch_events_save_disable();
		if (!cond(arg))
			wq_wait_until(wq, deadline);
		arch_events_restore(flags);
	}
	return 0;
}

static bool writer_free(void *arg __unused)
{
	return !xs.tx_busy;
}

static bool ring_has_space(void *arg __unused)
{
	struct xenstore_domain_interface *r = xs.intf;

	return r->req_prod - READ_ONCE(r->req_cons) != XENSTORE_RING_SIZE;
}

/* Copy what fits of len bytes into the request ring; *done counts
 * them. Never blocks. -EIO when the store moved req_cons past us. Only
 * the holder of the writer slot calls this. */
static int ring_put(const char *data, size_t len, size_t *done)
{
	struct xenstore_domain_interface *r = xs.intf;

	while (len) {
		XENSTORE_RING_IDX cons = READ_ONCE(r->req_cons),
				  prod = r->req_prod;
		uint32_t used = prod - cons, n;

		if (used > XENSTORE_RING_SIZE)
			return -EIO;
		n = MIN(XENSTORE_RING_SIZE - used,
			XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(prod));
		n = MIN(n, (uint32_t)len);
		if (!n)
			return 0;
		mb(); /* read cons before reusing the space it freed */
		memcpy(r->req + MASK_XENSTORE_IDX(prod), data, n);
		wmb(); /* the bytes before the index that publishes them */
		r->req_prod = prod + n;
		evtchn_notify(xs.port);
		data += n;
		len -= n;
		*done += n;
	}
	return 0;
}

/* Copy len bytes into the request ring, waiting for space until
 * deadline; *done counts the bytes written. */
static int ring_write(const char *data, size_t len, uint64_t deadline,
		      size_t *done)
{
	int rc;

	while (*done < len) {
		if ((rc = ring_put(data + *done, len - *done, done)))
			return rc;
		if (*done < len &&
		    (rc = wait_for(&xs.tx_wq, ring_has_space, NULL, deadline)))
			return rc;
	}
	return 0;
}

/* Give up the writer slot. */
static void writer_release(void)
{
	xs.tx_busy = false;
	wq_wake_all(&xs.tx_wq);
}

/* Write more of a request whose writer gave up, as the ring has room;
 * the slot is free once it is whole (a partial message would misframe
 * every later one). Called by the reader and by polling callers, so it
 * needs no thread of its own; if the store never takes it, the slot
 * stays taken and later requests time out, each within its bound. */
static void tx_finish(void)
{
	size_t done = 0;

	if (xs.tx_off == xs.tx_len)
		return;
	if (ring_put(xs.tx + xs.tx_off, xs.tx_len - xs.tx_off, &done) < 0)
		done = xs.tx_len - xs.tx_off; /* the stream is broken anyway */
	xs.tx_off += done;
	if (xs.tx_off < xs.tx_len)
		return;
	xs.tx_off = xs.tx_len = 0;
	writer_release();
}

static bool tx_unfinished(void)
{
	return xs.tx_off != xs.tx_len;
}

/* Take the writer slot, encode the request into xs.tx, put req on the
 * pending list (before the store can answer), write it, free the slot. */
static int send_request(struct xs_req *req, uint32_t tx,
			const struct xs_part *parts, int n, uint64_t deadline)
{
	size_t done = 0;
	int rc, len;

	if (xs_polled() && xs.tx_busy && !tx_unfinished())
		return -EBUSY; /* a blocked thread owns half a request */
	if ((rc = wait_for(&xs.tx_wq, writer_free, NULL, deadline)))
		return rc;
	len = xs_wire_encode(xs.tx, sizeof(xs.tx), req->type, req->id, tx,
			     parts, n);
	if (len < 0)
		return len;
	xs.tx_busy = true;
	list_add_tail(&req->link, &xs.pending);
	rc = ring_write(xs.tx, (size_t)len, deadline, &done);
	if (rc) {
		list_del(&req->link);
		printk("xenstore: request %u not sent: error %d\n", req->id,
		       rc);
	}
	if (rc == -ETIMEDOUT && done) {
		/* Part of it is in the ring: the rest follows as the store
		 * makes room (its late reply is dropped as unknown). */
		xs.tx_off = done;
		xs.tx_len = (size_t)len;
		return rc;
	}
	writer_release();
	return rc;
}

static bool req_done(void *arg)
{
	return ((struct xs_req *)arg)->done;
}

int xs_request(uint32_t type, xs_transaction_t tx, const struct xs_part *parts,
	       int n, char *buf, size_t size)
{
	uint64_t deadline = time_monotonic_ns() + XS_TIMEOUT_NS;
	struct xs_req req = {.type = type, .buf = buf, .size = size};
	int rc;

	if (!xs.intf)
		return -ENODEV;
	wq_init(&req.wq);
	list_init(&req.link);
	req.id = xs.next_id++;
	if (!xs.next_id)
		xs.next_id = 1; /* keep 0 for watch events */
	if ((rc = send_request(&req, tx, parts, n, deadline)))
		return rc;
	if (wait_for(&req.wq, req_done, &req, deadline)) {
		list_del(&req.link);
		printk("xenstore: no reply to request %u (type %u)\n", req.id,
		       type);
		return -ETIMEDOUT;
	}
	return req.rc;
}
