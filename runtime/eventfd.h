/*
 * eventfd (eventfd.c), for the Linux system-call shim. Private to
 * runtime/.
 */
#ifndef RUNTIME_EVENTFD_H
#define RUNTIME_EVENTFD_H

/* Linux's eventfd2() flags on x86-64. */
#define EVENTFD_LINUX_SEMAPHORE 1
#define EVENTFD_LINUX_NONBLOCK 04000
#define EVENTFD_LINUX_CLOEXEC 02000000

/* eventfd2(initval, flags) with Linux's flags and semantics (see
 * eventfd.c). Returns the fd, or -EINVAL (another flag), -EMFILE,
 * -ENOMEM. */
int skiff_eventfd(unsigned int initval, int flags);

#endif
