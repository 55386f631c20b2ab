/*
 * Skiff's pthread types, installed in place of newlib's
 * sys/_pthreadtypes.h by tools/deps/newlib.sh. Every object is a plain
 * struct that the runtime (runtime/pthread*.c) works on in place, and an
 * all-zero object is a valid initial one, so the static initializers are
 * zeroes and need no lazy allocation. Fields are private to the runtime.
 */
#ifndef _SYS__PTHREADTYPES_H_
#define _SYS__PTHREADTYPES_H_

#include <sys/sched.h>
#include <sys/_types.h>

/* A wait queue of the kernel scheduler: two list pointers, NULL until the
 * object is first waited on. */
struct __skiff_waitq {
	void *__next;
	void *__prev;
};

/* A thread: points at the runtime's per-thread record. */
typedef struct __skiff_pthread *pthread_t;

/* Stacks are mapped in the kernel's stack area with a guard region below;
 * a stack size is at least PTHREAD_STACK_MIN and at most 960 KiB. */
#define PTHREAD_STACK_MIN 16384
/* Keys per process (pthread_key_create). */
#define PTHREAD_KEYS_MAX 128
#define PTHREAD_DESTRUCTOR_ITERATIONS 4

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1
#define PTHREAD_SCOPE_SYSTEM 0
#define PTHREAD_SCOPE_PROCESS 1
#define PTHREAD_INHERIT_SCHED 0
#define PTHREAD_EXPLICIT_SCHED 1
#define PTHREAD_PROCESS_PRIVATE 0
#define PTHREAD_PROCESS_SHARED 1

typedef struct {
	int __initialized;
	int __detachstate;
	__size_t __stacksize; /* 0: the default */
	__size_t __guardsize;
	int __scope;
	int __inheritsched;
	int __schedpolicy;
	struct sched_param __schedparam;
} pthread_attr_t;

/* Mutex types. DEFAULT (the zero initializer) reports misuse as
 * ERRORCHECK does; NORMAL deadlocks on a relock, as POSIX requires. */
#define PTHREAD_MUTEX_DEFAULT 0
#define PTHREAD_MUTEX_NORMAL 1
#define PTHREAD_MUTEX_RECURSIVE 2
#define PTHREAD_MUTEX_ERRORCHECK 3

/* __owner and __waiters have the layout of the kernel's struct kmutex. */
typedef struct {
	void *__owner;
	struct __skiff_waitq __waiters;
	unsigned int __depth;
	int __type;
} pthread_mutex_t;

typedef struct {
	int __initialized;
	int __type;
	int __pshared;
} pthread_mutexattr_t;

#define _PTHREAD_MUTEX_INITIALIZER                                             \
	{                                                                      \
		0, {0, 0}, 0, 0                                                \
	}

/* __clock is a clockid_t; 0 stands for CLOCK_REALTIME, the default. */
typedef struct {
	struct __skiff_waitq __waiters;
	int __clock;
} pthread_cond_t;

typedef struct {
	int __initialized;
	int __clock;
	int __pshared;
} pthread_condattr_t;

#define _PTHREAD_COND_INITIALIZER                                              \
	{                                                                      \
		{0, 0}, 0                                                      \
	}

typedef unsigned int pthread_key_t;

/* __state: 0 not run yet, 1 running, 2 done. */
typedef struct {
	int __state;
} pthread_once_t;

#define _PTHREAD_ONCE_INIT                                                     \
	{                                                                      \
		0                                                              \
	}

#endif
