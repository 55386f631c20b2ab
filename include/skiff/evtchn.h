/*
 * Event channels for apps: a port is a doorbell between this domain and
 * another. Events on a port coalesce (a burst may arrive as one), so a
 * protocol counts what it sees in shared memory or takes turns. Calls
 * return a negative Linux errno value on failure.
 */
#ifndef SKIFF_EVTCHN_H
#define SKIFF_EVTCHN_H

/* A new port that domain remote may bind to. Returns the port. */
int evtchn_alloc_unbound(unsigned int remote);

/* Bind to port remote_port of domain remote (which it allocated for us).
 * Returns our end's port. Xen marks the new port pending once, since the
 * peer may have signalled before we bound: after evtchn_listen() the first
 * evtchn_wait() returns at once with that event. */
int evtchn_bind_interdomain(unsigned int remote, unsigned int remote_port);

/* Count the events on port from now on, for evtchn_wait(). Returns 0,
 * -EBUSY if already listened to, -ENOSPC when too many ports are. */
int evtchn_listen(unsigned int port);

/* Wait until at least one event arrived on a listened port since the last
 * call, at most timeout_ms milliseconds. Returns how many arrived (>= 1),
 * -ETIMEDOUT, or -EINVAL for a port not listened to (also when another
 * thread closes the port during the wait: the wait ends then). */
long evtchn_wait(unsigned int port, unsigned long timeout_ms);

/* Signal the other end of port. Returns 0. */
int evtchn_notify(unsigned int port);

/* Stop listening and close our end of port (the peer sees it closed). */
int evtchn_close(unsigned int port);

#endif
