/*
 * The fair part of the event-channel demultiplexer, as pure logic over
 * the 2-level pending bitmap (a selector word whose bit w says "look at
 * word w", and per word one bit per port). Host unit tests run it against
 * plain arrays; evtchn.c runs it against shared_info.
 */
#ifndef KERNEL_EVTCHN_FAIR_H
#define KERNEL_EVTCHN_FAIR_H

#include <kernel/types.h>

#define EVTCHN_WORD_BITS (sizeof(unsigned long) * 8)
/* Ports of the 2-level ABI: one word of selector bits, each a word. */
#define EVTCHN_NR_PORTS (EVTCHN_WORD_BITS * EVTCHN_WORD_BITS)

struct evtchn_fair {
	unsigned int last; /* the port handled last */
};

/* The next port to handle: the first port after f->last, in cyclic order,
 * that is pending and not masked, in a word whose bit is set in *sel.
 * Words found without such a port are cleared from *sel. Returns the port
 * (and remembers it as f->last), or -1 when *sel has no pending port. The
 * caller clears the port's pending bit before handling it.
 *
 * Starting after the last port handled means every pending port is
 * handled once before any port is handled twice, however often a
 * low-numbered port fires. */
int evtchn_fair_next(struct evtchn_fair *f, unsigned long *sel,
		     const volatile unsigned long *pending,
		     const volatile unsigned long *mask);

#endif
