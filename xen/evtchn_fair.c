/*
 * Fair choice of the next pending event channel (see
 * <kernel/evtchn_fair.h>): a round-robin scan over the selector words and
 * the bits within them, resuming just after the port handled last.
 */
#include <kernel/evtchn_fair.h>

/* Pending, unmasked ports of word w. Read once each: Xen sets pending
 * bits and the guest's other paths set mask bits at any time. */
static unsigned long ready(const volatile unsigned long *pending,
			   const volatile unsigned long *mask, unsigned int w)
{
	return pending[w] & ~mask[w];
}

int evtchn_fair_next(struct evtchn_fair *f, unsigned long *sel,
		     const volatile unsigned long *pending,
		     const volatile unsigned long *mask)
{
	unsigned int start = (f->last + 1) % EVTCHN_NR_PORTS;
	unsigned int w0 = start / EVTCHN_WORD_BITS, i;

	/* EVTCHN_WORD_BITS + 1 steps: the start word is visited first for
	 * its ports from start on, and last again for the ones before. */
	for (i = 0; i <= EVTCHN_WORD_BITS; i++) {
		unsigned int w = (w0 + i) % EVTCHN_WORD_BITS;
		unsigned long bits;

		if (!(*sel & (1UL << w)))
			continue;
		bits = ready(pending, mask, w);
		if (!bits) {
			*sel &= ~(1UL << w);
			continue;
		}
		if (i == 0)
			bits &= ~0UL << (start % EVTCHN_WORD_BITS);
		if (bits) {
			f->last = w * EVTCHN_WORD_BITS +
				  (unsigned int)__builtin_ctzl(bits);
			return (int)f->last;
		}
	}
	return -1;
}
