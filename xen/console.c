/*
 * The PV console over its shared ring. Output: copy into the out ring
 * (console_ring_put does the "\n" -> "\r\n"), publish the producer index
 * after a barrier, notify. Input: the event handler wakes readers, which
 * copy from the in ring. The console daemon in dom0 is the other side.
 */
#include <arch/events.h>
#include <arch/barrier.h>
#include <arch/hypercall.h>
#include <arch/mm.h>
#include <kernel/console.h>
#include <kernel/console_ring.h>
#include <kernel/evtchn.h>
#include <kernel/sched.h>
#include <kernel/suspend.h>
#include <kernel/time.h>
#include <xen/io/console.h>

static struct {
	struct xencons_interface *ring; /* NULL: use console_io */
	evtchn_port_t port;
	struct wait_queue readers;
	void (*input_hook)(void); /* called on every console event */
} con;

static void console_event(evtchn_port_t port __unused, void *data __unused)
{
	wq_wake_all(&con.readers);
	if (con.input_hook)
		con.input_hook();
}

void console_set_input_hook(void (*fn)(void))
{
	con.input_hook = fn;
}

void console_init(struct boot_info *bi)
{
	wq_init(&con.readers);
	if (!bi->console_mfn)
		return; /* dom0: Xen's own console */
	con.port = bi->console_evtchn;
	if (evtchn_bind(con.port, console_event, NULL))
		return;
	con.ring = pfn_to_virt(mfn_to_pfn(bi->console_mfn));
	evtchn_unmask(con.port);
}

void console_resume(const struct resume_info *ri)
{
	if (ri->cancelled || !con.ring || !ri->console_mfn)
		return;
	con.port = ri->console_evtchn;
	con.ring = pfn_to_virt(mfn_to_pfn(ri->console_mfn));
	if (evtchn_bind(con.port, console_event, NULL) == 0)
		evtchn_unmask(con.port);
}

/* Let dom0 run (and drain the ring) without blocking on an event. */
static void console_wait(void)
{
	HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

void console_write(const char *buf, size_t len)
{
	struct xencons_interface *r = con.ring;

	if (!r) {
		HYPERVISOR_console_io(CONSOLEIO_write, (int)len, buf);
		return;
	}
	while (len) {
		uint32_t cons = READ_ONCE(r->out_cons);
		uint32_t prod = r->out_prod;
		size_t n;

		mb(); /* read cons before overwriting what it freed */
		n = console_ring_put(r->out, sizeof(r->out), cons, &prod, buf,
				     len);
		wmb(); /* the bytes before the index that publishes them */
		r->out_prod = prod;
		evtchn_notify(con.port);
		buf += n;
		len -= n;
		if (len)
			console_wait();
	}
}

size_t console_input_ready(void)
{
	struct xencons_interface *r = con.ring;

	return r ? (uint32_t)(READ_ONCE(r->in_prod) - r->in_cons) : 0;
}

size_t console_read(char *buf, size_t len)
{
	struct xencons_interface *r = con.ring;
	unsigned long flags;
	uint32_t cons;
	size_t n;

	if (!r || !len)
		return 0;
	/* Check and sleep with events masked, or a wake-up in between is
	 * lost. */
	flags = arch_events_save_disable();
	while (!console_input_ready())
		wq_wait(&con.readers);
	arch_events_restore(flags);
	cons = r->in_cons;
	rmb(); /* the index before the bytes it covers */
	n = console_ring_get(r->in, sizeof(r->in), &cons, READ_ONCE(r->in_prod),
			     buf, len);
	mb(); /* done reading before giving the space back */
	r->in_cons = cons;
	evtchn_notify(con.port);
	return n;
}

bool console_flush(unsigned int timeout_ms)
{
	struct xencons_interface *r = con.ring;
	uint64_t deadline;

	if (!r)
		return true;
	deadline = time_monotonic_ns() + timeout_ms * NSEC_PER_MSEC;
	while (READ_ONCE(r->out_cons) != r->out_prod) {
		if (time_monotonic_ns() > deadline)
			return false;
		evtchn_notify(con.port);
		console_wait();
	}
	return true;
}
