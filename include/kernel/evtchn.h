/*
 * Event channels, 2-level ABI. Handlers run in upcall context with events
 * masked: they set flags and wake threads, nothing more.
 */
#ifndef KERNEL_EVTCHN_H
#define KERNEL_EVTCHN_H

#include <kernel/types.h>
#include <skiff/evtchn.h>

typedef uint32_t evtchn_port_t;
typedef void (*evtchn_handler_t)(evtchn_port_t port, void *data);

void evtchn_init(void);
/* After a suspend: nothing when cancelled; in a new domain every port
 * is gone, so every binding is forgotten (their owners bind anew). */
void evtchn_resume(bool cancelled);

/* Route events on port to handler (replacing any); the port stays masked
 * until evtchn_unmask(). Returns 0 or -EINVAL. */
int evtchn_bind(evtchn_port_t port, evtchn_handler_t handler, void *data);
void evtchn_unbind(evtchn_port_t port);
/* Bind a virtual IRQ (VIRQ_TIMER, ...) of vCPU 0; returns the port or a
 * negative errno. */
int evtchn_bind_virq(uint32_t virq, evtchn_handler_t handler, void *data);
void evtchn_mask(evtchn_port_t port);
void evtchn_unmask(evtchn_port_t port);
int evtchn_notify(evtchn_port_t port);
/* The app-level calls of <skiff/evtchn.h> (alloc_unbound, bind_interdomain,
 * close, listen, wait) are kernel API too. The ports they return come
 * masked and unbound: evtchn_bind() then evtchn_unmask() to use them.
 * evtchn_close() also drops an evtchn_listen(), through this: */
void evtchn_listen_forget(evtchn_port_t port);

/* Called by the arch upcall entry with events masked. */
void evtchn_do_upcall(void);

#endif
