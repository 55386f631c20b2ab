/*
 * Event channels, 2-level ABI: binding ports to handlers, masking, and the
 * upcall demultiplexer. The demultiplexer starts each pass one word after
 * where the previous pass started, so a busy low-numbered port cannot
 * starve the others.
 */
#include <arch/barrier.h>
#include <arch/hypercall.h>
#include <kernel/errno.h>
#include <kernel/evtchn.h>
#include <kernel/printk.h>

#define NR_PORTS (sizeof(unsigned long) * 8 * sizeof(unsigned long) * 8)
#define BITS_PER_WORD (sizeof(unsigned long) * 8)

static struct {
	struct {
		evtchn_handler_t fn;
		void *data;
	} port[NR_PORTS];
	unsigned int next_word; /* fairness rotor */
	unsigned long stray;	/* events on unbound ports */
} ev;

void evtchn_init(void)
{
	unsigned int i;

	/* Start with everything masked; evtchn_unmask() opens a port. */
	for (i = 0; i < ARRAY_SIZE(HYPERVISOR_shared_info->evtchn_mask); i++)
		HYPERVISOR_shared_info->evtchn_mask[i] = ~0UL;
}

unsigned long arch_events_save_disable(void)
{
	struct vcpu_info *v = arch_vcpu_info();
	unsigned long flags = v->evtchn_upcall_mask;

	v->evtchn_upcall_mask = 1;
	barrier();
	return flags;
}

void arch_events_restore(unsigned long flags)
{
	struct vcpu_info *v = arch_vcpu_info();

	barrier();
	v->evtchn_upcall_mask = (uint8_t)flags;
	barrier(); /* unmask before looking for what arrived meanwhile */
	if (!flags && READ_ONCE(v->evtchn_upcall_pending))
		/* Any hypercall makes Xen deliver pending events on return. */
		HYPERVISOR_xen_version(0, NULL);
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

static void dispatch(evtchn_port_t port)
{
	if (likely(ev.port[port].fn)) {
		ev.port[port].fn(port, ev.port[port].data);
		return;
	}
	/* Nobody listens: mask it so it cannot storm, and say so once. */
	evtchn_mask(port);
	if (ev.stray++ == 0)
		printk("evtchn: event on unbound port %u (masked)\n", port);
}

/* Handle the pending, unmasked ports of one selector word. */
static void scan_word(unsigned int w)
{
	shared_info_t *s = HYPERVISOR_shared_info;
	unsigned long pending;

	while ((pending = s->evtchn_pending[w] & ~s->evtchn_mask[w])) {
		unsigned int bit = __builtin_ctzl(pending);

		__atomic_fetch_and(&s->evtchn_pending[w], ~(1UL << bit),
				   __ATOMIC_SEQ_CST);
		dispatch(w * BITS_PER_WORD + bit);
	}
}

void evtchn_do_upcall(void)
{
	struct vcpu_info *v = arch_vcpu_info();

	while (READ_ONCE(v->evtchn_upcall_pending)) {
		unsigned long sel;
		unsigned int i;

		v->evtchn_upcall_pending = 0;
		sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0,
					  __ATOMIC_SEQ_CST);
		for (i = 0; i < BITS_PER_WORD; i++) {
			unsigned int w = (ev.next_word + i) % BITS_PER_WORD;

			if (sel & (1UL << w))
				scan_word(w);
		}
		ev.next_word = (ev.next_word + 1) % BITS_PER_WORD;
	}
}
