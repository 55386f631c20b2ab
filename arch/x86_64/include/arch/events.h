/*
 * The PV "interrupt flag": masking event delivery to this vCPU. The
 * scheduler, the wait primitives and every event-channel user bracket
 * their critical sections with these (arch/x86_64/events.c).
 */
#ifndef ARCH_EVENTS_H
#define ARCH_EVENTS_H

/* Mask event upcalls; returns the previous mask for
 * arch_events_restore(). Nests. */
unsigned long arch_events_save_disable(void);
/* Put the mask back as saved; when that unmasks, anything that arrived
 * meanwhile is delivered before this returns. */
void arch_events_restore(unsigned long flags);

#endif
