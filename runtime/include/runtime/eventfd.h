/*
 * The runtime core's eventfd (eventfd.c): an fd over a 64-bit counter,
 * for the Linux system-call shim (newlib has no <sys/eventfd.h>).
 */
#ifndef RUNTIME_EVENTFD_H
#define RUNTIME_EVENTFD_H

/* Besides the open() flags: reads take 1, not the whole count (Linux's
 * EFD_SEMAPHORE; a bit no open() flag uses). */
#define EVENTFD_SEMAPHORE (1 << 30)

/* eventfd2(initval, flags) with Linux's semantics (see eventfd.c).
 * flags: EVENTFD_SEMAPHORE, O_NONBLOCK, O_CLOEXEC (accepted; there is
 * no exec), newlib's values. Returns the fd, or -EINVAL (another flag),
 * -EMFILE, -ENOMEM. */
int eventfd_open(unsigned int initval, int flags);

#endif
