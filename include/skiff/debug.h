/*
 * Skiff's diagnostics for tests: counts that let a test (or its dom0
 * side) check that nothing leaked. They describe the runtime's inner
 * state, which may change from one Skiff version to the next: use them
 * in tests and reports, never to decide what an app does.
 */
#ifndef SKIFF_DEBUG_H
#define SKIFF_DEBUG_H

/* How many lwIP sockets (and so netconns) are allocated now: one per
 * open socket fd, plus any whose close is still under way. 0 without a
 * network. The heap's use is newlib's mallinfo(). */
int skiff_debug_sockets(void);

#endif
