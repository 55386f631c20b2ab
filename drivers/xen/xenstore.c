/*
 * A minimal synchronous xenstore client: one request at a time over the
 * shared ring, waiting for the reply by yielding the vCPU, with a bounded
 * wait. Every byte from the ring is treated as untrusted: indices that
 * claim more than a ring's worth, replies for another request and
 * oversized payloads become errors, never crashes.
 */
#include <arch/barrier.h>
#include <arch/hypercall.h>
#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/evtchn.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/xenstore.h>
#include <skiff/xenstore.h>
#include <xen/io/xs_wire.h>

#define XS_TIMEOUT_NS (5 * NSEC_PER_SEC)

static struct {
	struct xenstore_domain_interface *intf; /* NULL: no xenstore */
	evtchn_port_t port;
	uint32_t next_id;
} xs;

static void xs_event(evtchn_port_t port __unused, void *data __unused)
{
	/* Waiters poll the ring; the event only ends SCHEDOP_block. */
}

void xs_init(struct boot_info *bi)
{
	if (bi->is_dom0 || !bi->store_mfn)
		return;
	xs.port = bi->store_evtchn;
	if (evtchn_bind(xs.port, xs_event, NULL))
		return;
	xs.intf = pfn_to_virt(mfn_to_pfn(bi->store_mfn));
	xs.next_id = 1;
	evtchn_unmask(xs.port);
}

bool xs_available(void)
{
	return xs.intf != NULL;
}

static int wait_step(uint64_t deadline)
{
	if (time_monotonic_ns() > deadline)
		return -ETIMEDOUT;
	HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
	return 0;
}

static int ring_write(const char *data, size_t len, uint64_t deadline)
{
	struct xenstore_domain_interface *r = xs.intf;

	while (len) {
		XENSTORE_RING_IDX cons = READ_ONCE(r->req_cons),
				  prod = r->req_prod;
		uint32_t used = prod - cons, n;
		int rc;

		if (used > XENSTORE_RING_SIZE)
			return -EIO;
		n = MIN(XENSTORE_RING_SIZE - used,
			XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(prod));
		n = MIN(n, (uint32_t)len);
		if (!n) {
			if ((rc = wait_step(deadline)))
				return rc;
			continue;
		}
		mb(); /* read cons before reusing the space it freed */
		memcpy(r->req + MASK_XENSTORE_IDX(prod), data, n);
		wmb(); /* the bytes before the index that publishes them */
		r->req_prod = prod + n;
		evtchn_notify(xs.port);
		data += n;
		len -= n;
	}
	return 0;
}

static int ring_read(char *data, size_t len, uint64_t deadline)
{
	struct xenstore_domain_interface *r = xs.intf;

	while (len) {
		XENSTORE_RING_IDX prod = READ_ONCE(r->rsp_prod),
				  cons = r->rsp_cons;
		uint32_t avail = prod - cons, n;
		int rc;

		if (avail > XENSTORE_RING_SIZE)
			return -EIO;
		n = MIN(avail, XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(cons));
		n = MIN(n, (uint32_t)len);
		if (!n) {
			if ((rc = wait_step(deadline)))
				return rc;
			continue;
		}
		rmb(); /* the index before the bytes it covers */
		memcpy(data, r->rsp + MASK_XENSTORE_IDX(cons), n);
		mb(); /* done reading before giving the space back */
		r->rsp_cons = cons + n;
		evtchn_notify(xs.port);
		data += n;
		len -= n;
	}
	return 0;
}

static int error_code(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(xsd_errors); i++)
		if (!strcmp(name, xsd_errors[i].errstring))
			return -xsd_errors[i].errnum;
	return -EIO;
}

/* Read one reply for id into body (NUL-terminated); skip watch events.
 * Returns the payload length or a negative errno. */
static int read_reply(uint32_t id, char *body, size_t size, uint64_t deadline)
{
	static char payload[XENSTORE_PAYLOAD_MAX + 1];
	struct xsd_sockmsg hdr;
	int rc;

	for (;;) {
		if ((rc = ring_read((char *)&hdr, sizeof(hdr), deadline)))
			return rc;
		if (hdr.len > XENSTORE_PAYLOAD_MAX) {
			printk("xenstore: reply of %u bytes is too large\n",
			       hdr.len);
			return -EIO;
		}
		if ((rc = ring_read(payload, hdr.len, deadline)))
			return rc;
		payload[hdr.len] = '\0';
		if (hdr.type == XS_WATCH_EVENT)
			continue;
		if (hdr.req_id != id) {
			printk("xenstore: reply for request %u, expected %u\n",
			       hdr.req_id, id);
			continue;
		}
		if (hdr.type == XS_ERROR)
			return error_code(payload);
		memcpy(body, payload, MIN(hdr.len + 1, size));
		if (size)
			body[size - 1] = '\0';
		return (int)hdr.len;
	}
}

/* One request: type with payload a (NUL included) then b (without). */
static int xs_request(uint32_t type, const char *a, const char *b, char *body,
		      size_t size)
{
	uint64_t deadline = time_monotonic_ns() + XS_TIMEOUT_NS;
	size_t la = strlen(a) + 1, lb = b ? strlen(b) : 0;
	struct xsd_sockmsg hdr = {.type = type, .req_id = xs.next_id++};
	int rc;

	if (!xs.intf)
		return -ENODEV;
	if (la + lb > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	hdr.len = (uint32_t)(la + lb);
	if ((rc = ring_write((const char *)&hdr, sizeof(hdr), deadline)) ||
	    (rc = ring_write(a, la, deadline)) ||
	    (rc = ring_write(b ? b : "", lb, deadline)))
		return rc;
	return read_reply(hdr.req_id, body, size, deadline);
}

int xs_read(const char *path, char *buf, size_t len)
{
	return xs_request(XS_READ, path, NULL, buf, len);
}

int xs_write(const char *path, const char *value)
{
	char ok[4];
	int rc = xs_request(XS_WRITE, path, value, ok, sizeof(ok));

	return rc < 0 ? rc : 0;
}
