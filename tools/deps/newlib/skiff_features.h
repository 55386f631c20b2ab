/*
 * Skiff's POSIX options. tools/deps/newlib.sh copies this file into
 * newlib's sys/ headers and includes it from sys/features.h when
 * __skiff__ is defined (LIBC_CFLAGS defines it). It announces exactly what
 * the runtime implements (docs/runtime.md), so newlib's headers declare
 * those interfaces: pthreads, clock_gettime and nanosleep, CLOCK_MONOTONIC,
 * timed waits and pthread_condattr_setclock. Options not listed here are
 * not provided.
 */
#ifndef _SYS__SKIFF_FEATURES_H
#define _SYS__SKIFF_FEATURES_H

#define _POSIX_THREADS 200809L
#define _POSIX_THREAD_SAFE_FUNCTIONS 200809L
#define _POSIX_THREAD_ATTR_STACKSIZE 200809L
#define _POSIX_TIMERS 200809L
#define _POSIX_MONOTONIC_CLOCK 200809L
#define _POSIX_TIMEOUTS 200809L
#define _POSIX_CLOCK_SELECTION 200809L
/* pthread_mutexattr_settype(): normal, recursive, errorcheck. */
#define _UNIX98_THREAD_MUTEX_ATTRIBUTES 1

#endif
