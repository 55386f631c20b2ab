/*
 * Event channels, 2-level ABI: allocating, binding and closing ports,
 * routing them to handlers, masking, and the upcall demultiplexer. The
 * demultiplexer takes ports in round-robin order after the one handled
 * last (evtchn_fair.c), so a busy port cannot starve the others.
 */
#include <arch/barrier.h>
#include <arch/hypercall.h>
#include <kernel/errno.h>
#include <kernel/evtchn.h>
#include <kernel/evtchn_fair.h>
#include <kernel/printk.h>

#define NR_PORTS EVTCHN_NR_PORTS
#define BITS_PER_WORD EVTCHN_WORD_BITS

static struct {
	struct {
		evtchn_handler_t fn;
		void *data;
	} port[NR_PORTS];
	struct evtchn_fair fair; /* where the demultiplexer resumes */
	unsigned long sel;	 /* selector bits taken, not yet scanned */
	/* Ports whose stray event was reported already: once per port. */
	unsigned long stray_seen[NR_PORTS / BITS_PER_WORD];
} ev;

void evtchn_init(void)
{
	unsigned int i;

	/* Start with everything masked; evtchn_unmask() opens a port. */
	for (i = 0; i < ARRAY_SIZE(HYPERVISOR_shared_info->evtchn_mask); i++)
		HYPERVISOR_shared_info->evtchn_mask[i] = ~0UL;
	ev.fair.last = NR_PORTS - 1; /* the first scan starts at port 0 */
}

void evtchn_resume(bool cancelled)
{
	if (cancelled)
		return;
	/* Xen closed every port with the old domain, and the restored
	 * shared_info has them all masked and none pending. */
	__builtin_memset(ev.port, 0, sizeof(ev.port));
	__builtin_memset(ev.stray_seen, 0, sizeof(ev.stray_seen));
	ev.fair.last = NR_PORTS - 1;
	ev.sel = 0;
}

int evtchn_bind(evtchn_port_t port, evtchn_handler_t handler, void *data)
{
	if (port >= NR_PORTS || !handler)
		return -EINVAL;
	evtchn_mask(port);
	ev.port[port].data = data;
	ev.port[port].fn = handler;
	return 0;
}

void evtchn_unbind(evtchn_port_t port)
{
	if (port >= NR_PORTS)
		return;
	evtchn_mask(port);
	ev.port[port].fn = NULL;
	ev.port[port].data = NULL;
}

int evtchn_bind_virq(uint32_t virq, evtchn_handler_t handler, void *data)
{
	struct evtchn_bind_virq op = {.virq = virq, .vcpu = 0};
	long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &op);

	if (rc)
		return (int)rc;
	rc = evtchn_bind(op.port, handler, data);
	return rc ? (int)rc : (int)op.port;
}

void evtchn_mask(evtchn_port_t port)
{
	__atomic_fetch_or(
	    &HYPERVISOR_shared_info->evtchn_mask[port / BITS_PER_WORD],
	    1UL << (port % BITS_PER_WORD), __ATOMIC_SEQ_CST);
}

void evtchn_unmask(evtchn_port_t port)
{
	struct evtchn_unmask op = {.port = port};

	/* Xen clears the mask and re-raises an event that came meanwhile. */
	HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &op);
}

int evtchn_notify(evtchn_port_t port)
{
	struct evtchn_send op = {.port = port};

	return (int)HYPERVISOR_event_channel_op(EVTCHNOP_send, &op);
}

int evtchn_alloc_unbound(unsigned int remote)
{
	struct evtchn_alloc_unbound op = {.dom = DOMID_SELF,
					  .remote_dom = (domid_t)remote};
	long rc;

	if (remote >= DOMID_FIRST_RESERVED)
		return -EINVAL;
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &op);
	return rc ? (int)rc : (int)op.port;
}

int evtchn_bind_interdomain(unsigned int remote, unsigned int remote_port)
{
	struct evtchn_bind_interdomain op = {.remote_dom = (domid_t)remote,
					     .remote_port = remote_port};
	long rc;

	if (remote >= DOMID_FIRST_RESERVED)
		return -EINVAL;
	rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &op);
	return rc ? (int)rc : (int)op.local_port;
}

int evtchn_close(unsigned int port)
{
	struct evtchn_close op = {.port = port};

	if (port >= NR_PORTS)
		return -EINVAL;
	/* Mask and forget the handler first: once Xen frees the port, the
	 * number may be handed out again for something else. */
	evtchn_unbind(port);
	evtchn_listen_forget(port);
	return (int)HYPERVISOR_event_channel_op(EVTCHNOP_close, &op);
}

/* An event nobody listens for: mask the port so it cannot storm, say so
 * once per port, and carry on. */
static void stray(evtchn_port_t port)
{
	unsigned long bit = 1UL << (port % BITS_PER_WORD);

	evtchn_mask(port);
	if (ev.stray_seen[port / BITS_PER_WORD] & bit)
		return;
	ev.stray_seen[port / BITS_PER_WORD] |= bit;
	printk("evtchn: error: event on unbound port %u (masked)\n", port);
}

static void dispatch(evtchn_port_t port)
{
	if (likely(ev.port[port].fn))
		ev.port[port].fn(port, ev.port[port].data);
	else
		stray(port);
}

/* Handle every pending, unmasked port in ev.sel's words, one at a time in
 * round-robin order. Each port's pending bit is cleared before its handler
 * runs, so an event that arrives during the handler is seen next time. */
static void scan_ports(void)
{
	shared_info_t *s = HYPERVISOR_shared_info;
	int port;

	while ((port = evtchn_fair_next(&ev.fair, &ev.sel, s->evtchn_pending,
					s->evtchn_mask)) >= 0) {
		__atomic_fetch_and(&s->evtchn_pending[port / BITS_PER_WORD],
				   ~(1UL << (port % BITS_PER_WORD)),
				   __ATOMIC_SEQ_CST);
		dispatch((evtchn_port_t)port);
	}
}

void evtchn_do_upcall(void)
{
	struct vcpu_info *v = arch_vcpu_info();

	while (READ_ONCE(v->evtchn_upcall_pending)) {
		/* Clear the flag before taking the selector: an event that
		 * Xen flags after our exchange raises it again, and the loop
		 * comes round for it. */
		WRITE_ONCE(v->evtchn_upcall_pending, 0);
		ev.sel |= __atomic_exchange_n(&v->evtchn_pending_sel, 0,
					      __ATOMIC_SEQ_CST);
		scan_ports();
	}
}
