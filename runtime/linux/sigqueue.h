/*
 * Pending signals as data, for signal.c: a set of pending signals with
 * each instance's siginfo, where a standard signal sent while one waits
 * is merged into it and a real-time one (SIGRTMIN..SIGRTMAX) is queued
 * with its own siginfo, up to a limit on queued instances
 * (RLIMIT_SIGPENDING), as Linux does; and which signal a thread takes
 * next from its own set and its process's. Pure functions over memory
 * (malloc for queued instances), so that tests/host/test_sigqueue.c
 * checks the rules case by case.
 */
#ifndef RUNTIME_LINUX_SIGQUEUE_H
#define RUNTIME_LINUX_SIGQUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "sigframe.h"

#define L_SIGRTMIN 32

/* A pending signal's siginfo, in short: si_code, the sender's pid, the
 * fault address or sigqueue value, and a timer's id and overrun. */
struct linux_sigpend {
	int32_t code;
	int32_t pid;
	uint64_t value;
	int32_t timerid; /* SI_TIMER */
	int32_t overrun;
};

/* A further instance of a real-time signal, behind the first. */
struct sigq_node {
	struct sigq_node *next;
	int sig;
	struct linux_sigpend p;
};

/* One pending set: a thread's or the process's. All zero is empty. */
struct sig_pending {
	uint64_t set;			    /* the signals pending */
	struct linux_sigpend first[L_NSIG]; /* each one's oldest instance */
	struct sigq_node *more;		    /* later real-time instances, in
					      the order they came */
};

/* The count of real-time instances pending in all of a process's sets,
 * and its limit (RLIMIT_SIGPENDING). */
struct sigq_count {
	unsigned long queued;
	unsigned long limit;
};

/*
 * Add an instance of sig to sp: returns 0 when it is stored. A standard
 * signal already pending is merged into it (returns 1). A real-time one
 * is queued behind the pending one; past the limit, an instance whose
 * sender asked for it in user space (code < 0: sigqueue, tkill, a
 * timer) gets -EAGAIN, one from the kernel or kill() (code >= 0) is
 * queued anyway, as Linux does. -ENOMEM without memory.
 */
int sigq_put(struct sig_pending *sp, int sig, const struct linux_sigpend *p,
	     struct sigq_count *c);

/* Take the oldest instance of sig from sp into *p (zeroed if none);
 * the signal stays pending while more instances wait. Returns whether
 * one was there. */
bool sigq_take(struct sig_pending *sp, int sig, struct linux_sigpend *p,
	       struct sigq_count *c);

/* Make *p sig's pending instance: a fault's signal goes first,
 * replacing one that waits. For standard signals only. */
void sigq_put_first(struct sig_pending *sp, int sig,
		    const struct linux_sigpend *p);

/* The signals a thread with these sets and mask could take now. */
static inline uint64_t sigq_deliverable(const struct sig_pending *thread,
					const struct sig_pending *proc,
					uint64_t mask)
{
	return (thread->set | proc->set) & ~mask;
}

/*
 * The signal a thread takes next among those of want (its unblocked
 * ones, or a sigwait set): the synchronous fault signals first, then the
 * lowest number (sig_pick()), from its own set before the process's.
 * Dequeued into *p; returns the signal, or 0 if none.
 */
int sigq_next(struct sig_pending *thread, struct sig_pending *proc,
	      uint64_t want, struct linux_sigpend *p, struct sigq_count *c);

#endif
