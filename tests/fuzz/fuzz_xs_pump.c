/*
 * Fuzzer of the xenstore client's engine (xen/xenstore.c, included here
 * whole so that the harness reaches its state) with the wire code
 * (xen/xs_wire.c): requests go out through the real xs_request(), and a
 * fake store plays the other side of the shared page from the input.
 * Whenever the client waits (fake wq_wait_until()), the next input byte
 * says what the store does meanwhile: read some request bytes, answer a
 * request (honest or with any id, type and length), write raw bytes and
 * indexes into the response ring, or stay silent until the deadline;
 * the reader thread's rx_pump() then runs as it would.
 *
 * Checked: the store always reads a well-framed request stream (each
 * header sane, ids increasing, every request's payload exactly what was
 * sent), replies land only in their buffer (exact heap blocks), a request
 * returns its payload length or an errno, and nothing is left on the
 * pending list once its requester has returned (its struct is on a
 * stack that is gone).
 */
#include <stdarg.h>

#include "../../xen/xenstore.c"
#include "fuzz_input.h"

#define MAX_REQS 64 /* requests per input, at most */

static struct {
	struct fin *f;
	uint64_t now;
	struct xenstore_domain_interface *page;
	/* The store's view of the request stream. */
	struct xsd_sockmsg hdr;
	uint32_t got;			     /* of the current message */
	char body[XENSTORE_PAYLOAD_MAX + 1]; /* its payload so far */
	uint32_t last_id;		     /* the last request read */
	bool lost;			     /* the store skipped bytes */
	/* What the client sent by id: type and length (the payload is
	 * the pattern of one_request()). */
	uint32_t sent_type[MAX_REQS + 1], sent_len[MAX_REQS + 1];
} st;

/* --- The kernel around xenstore.c --------------------------------------- */

char hypercall_page[PAGE_SIZE];

void printk(const char *fmt, ...)
{
	(void)fmt;
}

uint64_t time_monotonic_ns(void)
{
	return st.now;
}

unsigned long arch_events_save_disable(void)
{
	return 0;
}

void arch_events_restore(unsigned long flags)
{
	(void)flags;
}

int evtchn_bind(evtchn_port_t port, evtchn_handler_t handler, void *data)
{
	(void)port;
	(void)handler;
	(void)data;
	return 0;
}

void evtchn_unmask(evtchn_port_t port)
{
	(void)port;
}

int evtchn_notify(evtchn_port_t port)
{
	(void)port;
	return 0;
}

pfn_t mfn_to_pfn(mfn_t mfn)
{
	return mfn;
}

bool sched_in_idle(void)
{
	return false;
}

struct thread *thread_create(const char *name, void (*fn)(void *), void *arg,
			     size_t stack_size)
{
	(void)name;
	(void)fn;
	(void)arg;
	(void)stack_size;
	return NULL;
}

void thread_sleep_until(uint64_t deadline_ns)
{
	st.now = deadline_ns;
}

void wq_init(struct wait_queue *wq)
{
	(void)wq;
}

void wq_wake_one(struct wait_queue *wq)
{
	(void)wq;
}

void wq_wake_all(struct wait_queue *wq)
{
	(void)wq;
}

void wq_wait(struct wait_queue *wq)
{
	(void)wq;
	abort(); /* only the reader thread, which does not run here */
}

void xs_watch_resume(void)
{
}

/* The real parser of watch events; the watch table is not ours. */
void xs_watch_deliver(const char *body, size_t len)
{
	const char *path, *token;

	FUZZ_ASSERT(body[len] == '\0');
	if (!xs_wire_watch_event(body, len, &path, &token))
		FUZZ_ASSERT(path >= body && token > path &&
			    token <= body + len);
}

/* --- The fake store --------------------------------------------------------- */

/* A whole request has arrived: it must be one the client sent. */
static void store_check_request(void)
{
	uint32_t id = st.hdr.req_id, i;

	FUZZ_ASSERT(id >= 1 && id <= MAX_REQS);
	FUZZ_ASSERT(st.hdr.type == st.sent_type[id]);
	FUZZ_ASSERT(st.hdr.len == st.sent_len[id]);
	for (i = 0; i < st.hdr.len; i++)
		FUZZ_ASSERT(st.body[i] == (char)('a' + i % 26));
	st.last_id = id;
	st.got = 0;
}

/* Read up to k bytes of the request ring, checking the framing. */
static void store_consume(uint32_t k)
{
	struct xenstore_domain_interface *r = st.page;
	uint32_t used = r->req_prod - r->req_cons;

	/* The client never writes more than a ring (unless the store
	 * moved the consumer index itself). */
	FUZZ_ASSERT(st.lost || used <= XENSTORE_RING_SIZE);
	if (used > XENSTORE_RING_SIZE)
		return;
	for (; k && used; k--, used--) {
		char c = r->req[MASK_XENSTORE_IDX(r->req_cons++)];

		if (st.lost)
			continue;
		if (st.got < sizeof(st.hdr)) {
			((char *)&st.hdr)[st.got++] = c;
			if (st.got < sizeof(st.hdr))
				continue;
			FUZZ_ASSERT(st.hdr.type < XS_TYPE_COUNT &&
				    st.hdr.len <= XENSTORE_PAYLOAD_MAX);
			FUZZ_ASSERT(st.hdr.req_id > st.last_id);
		} else {
			st.body[st.got++ - sizeof(st.hdr)] = c;
		}
		if (st.got == sizeof(st.hdr) + st.hdr.len)
			store_check_request();
	}
}

/* Write n bytes into the response ring where it has room. */
static void store_put(const void *data, uint32_t n)
{
	struct xenstore_domain_interface *r = st.page;
	const char *p = data;

	while (n && r->rsp_prod - r->rsp_cons < XENSTORE_RING_SIZE) {
		r->rsp[MASK_XENSTORE_IDX(r->rsp_prod++)] = *p++;
		n--;
	}
}

/* A reply: type, id and length honest or from the input. */
static void store_reply(struct fin *f)
{
	uint8_t how = fin_u8(f);
	char body[256];
	struct xsd_sockmsg h = {.type = XS_READ, .req_id = st.last_id};
	uint32_t n = fin_u8(f);

	fin_bytes(f, body, n);
	h.len = n;
	if (how & 1)
		h.type = fin_u8(f) % (XS_TYPE_COUNT + 2);
	if (how & 2)
		h.req_id = fin_u32(f);
	if (how & 4)
		h.len = fin_u16(f); /* may lie about the payload */
	if (how & 8) {		    /* an error reply */
		h.type = XS_ERROR;
		n = (uint32_t)snprintf(body, sizeof(body), "%s",
				       how & 16 ? "ENOENT" : "EWHAT") +
		    1;
		h.len = n;
	}
	store_put(&h, sizeof(h));
	store_put(body, n);
}

/* What the store does while the client waits (or between requests). */
static void store_step(struct fin *f)
{
	struct xenstore_domain_interface *r = st.page;

	if (!fin_left(f)) {
		st.now += XS_TIMEOUT_NS; /* silence: time runs out */
		return;
	}
	switch (fin_u8(f) % 8) {
	case 0:
	case 1:
		store_consume(fin_u16(f));
		break;
	case 2:
	case 3:
		store_reply(f);
		break;
	case 4: { /* raw bytes */
		char raw[255];

		store_put(raw, (uint32_t)fin_bytes(f, raw, fin_u8(f)));
		break;
	}
	case 5: /* the response producer index anywhere */
		r->rsp_prod = r->rsp_cons + fin_u16(f);
		break;
	case 6:
		st.now += fin_u32(f);
		break;
	default: /* the store moves the request consumer index itself */
		r->req_cons = r->req_prod - fin_u16(f);
		st.lost = true;
		break;
	}
	rx_pump(); /* the reader thread runs */
}

bool wq_wait_until(struct wait_queue *wq, uint64_t deadline_ns)
{
	(void)wq;
	(void)deadline_ns;
	store_step(st.f);
	return true;
}

/* --- Requests ------------------------------------------------------------- */

static void one_request(struct fin *f)
{
	char path[XENSTORE_PAYLOAD_MAX];
	uint32_t plen = fin_u16(f) % (sizeof(path) + 64), i;
	size_t size = fin_u8(f) % 80;
	char *buf = size ? malloc(size) : NULL;
	struct xs_part part = {path, plen};
	uint32_t type = fin_u8(f) & 1 ? XS_WRITE : XS_READ;
	int rc;

	if (xs.next_id > MAX_REQS) {
		free(buf);
		return;
	}
	for (i = 0; i < plen && i < sizeof(path); i++)
		path[i] = (char)('a' + i % 26);
	/* What the client will send, if it sends it (an oversized one is
	 * refused before anything is written). */
	st.sent_type[xs.next_id] = type;
	st.sent_len[xs.next_id] = plen;
	rc = xs_request(type, XS_NO_TRANSACTION, &part, 1, buf, size);
	FUZZ_ASSERT(list_empty(&xs.pending));
	FUZZ_ASSERT(rc < 0 ? rc >= -4095 : rc <= XENSTORE_PAYLOAD_MAX);
	if (rc >= 0 && size)
		FUZZ_ASSERT(strlen(buf) < size);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fin f = {data, size};
	struct boot_info bi = {0};

	memset(&xs, 0, sizeof(xs));
	memset(&st, 0, sizeof(st));
	st.f = &f;
	st.now = 1;
	st.page = calloc(1, sizeof(*st.page));
	xs_init(&bi); /* no store in bi: lists and queues only */
	xs.intf = st.page;
	xs.next_id = 1;
	xs.reader = (struct thread *)1; /* requests block, not poll */
	st.page->req_prod = st.page->req_cons = fin_u32(&f);
	st.page->rsp_prod = st.page->rsp_cons = fin_u32(&f);
	while (fin_left(&f)) {
		if (fin_u8(&f) & 1)
			one_request(&f);
		else
			store_step(&f);
	}
	free(st.page);
	return 0;
}
