/*
 * Shared by runtime/pthread*.c: the record behind a pthread_t and the
 * helpers between the files. See docs/runtime.md, "pthreads".
 */
#ifndef RUNTIME_PTHREAD_PRIV_H
#define RUNTIME_PTHREAD_PRIV_H

#include <stdbool.h>
#include <stdint.h>

struct thread;
struct timespec;

/* Stack of a thread created without a stacksize attribute. */
#define PTHREAD_STACK_DEFAULT (64UL * 1024)

/* One value of a thread's key table: valid while gen matches the key's. */
struct pthread_key_value {
	unsigned int gen;
	void *value;
};

/*
 * What a pthread_t points at. A thread made by pthread_create() owns a
 * malloc'ed one, freed by pthread_join() or, for a detached thread, at its
 * exit. Threads the runtime did not make (main, kernel threads) are
 * "adopted": they get one the first time they ask (main's is static).
 */
struct __skiff_pthread {
	struct thread *kt; /* the kernel thread */
	void *(*start)(void *);
	void *arg;
	void *retval;
	struct pthread_key_value *keys; /* PTHREAD_KEYS_MAX entries, or NULL */
	bool detached;
	bool exited;  /* ran pthread_exit() (key destructors done) */
	bool joining; /* a pthread_join() waits for it */
	bool adopted; /* not made by pthread_create() */
	bool counted; /* one of the threads that keep the process alive */
	int cancel_state;
	int cancel_type;
};

/* The calling thread's record (adopting the thread if needed). */
struct __skiff_pthread *pthread_record(void);

/* Give the thread "main" its static record; it counts as a live thread
 * until it exits (start.c calls this first thing in main). */
void pthread_adopt_main(void);

/* Run the key destructors for p (at its exit), and drop its values. */
void pthread_keys_exit(struct __skiff_pthread *p);

/* Called from runtime_thread_exit() for every exiting kernel thread:
 * destructors and record of a thread that did not leave by
 * pthread_exit(). */
void pthread_thread_exit(struct thread *t);

/* The monotonic deadline for an absolute time on clock (CLOCK_REALTIME
 * or CLOCK_MONOTONIC): 0 and *deadline_ns set (never 0: a time already
 * passed gives "now"), or an errno value (EINVAL). */
int runtime_deadline(int clock, const struct timespec *abstime,
		     uint64_t *deadline_ns);

#endif
