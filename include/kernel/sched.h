/*
 * Cooperative threads on one vCPU: a thread runs until it blocks, sleeps,
 * yields or exits. Every stack has an unmapped guard region below it, and
 * a stack-limit word the split-stack prologue of C code compares against.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <kernel/list.h>
#include <kernel/types.h>

#define THREAD_NAME_MAX 24
#define THREAD_STACK_DEFAULT (64UL * 1024)
#define THREAD_STACK_MAX ((1UL << 20) - 64UL * 1024)
/* Bytes kept free above the guard for code the prologue check does not
 * cover (the kernel, upcalls, the overflow report itself). */
#define STACK_CHECK_MARGIN (8UL * 1024)

enum thread_state { THREAD_RUNNABLE, THREAD_BLOCKED, THREAD_EXITED };

struct arch_tcb;
struct uvm_as;

struct wait_queue {
	struct list_head waiters;
};

struct thread {
	unsigned long rsp;	   /* saved by arch_switch_to(); offset 0 */
	unsigned long stack_limit; /* split-stack limit: lo + margin */
	unsigned long stack_lo;	   /* lowest usable byte */
	unsigned long stack_hi;	   /* one past the highest */
	enum thread_state state;
	unsigned int id;
	char name[THREAD_NAME_MAX];
	struct list_head run_link; /* run queue or a wait queue */
	struct list_head all_link;
	struct wait_queue joiners;
	uint64_t wake_at; /* sleep deadline, ns (0: none) */
	struct list_head sleep_link;
	bool detached;
	bool timed_out;	    /* wq_wait_until() gave up */
	bool interruptible; /* blocked in wq_wait_intr() and the like */
	/* Work before the next return to user mode (a signal to deliver):
	 * set by thread_interrupt(), cleared by the layer that did it. */
	volatile bool user_work;
	void *runtime_data;    /* owned by runtime/ (newlib state) */
	void *runtime_thread;  /* owned by runtime/ (its pthread record) */
	void *runtime_proc;    /* owned by runtime/ (its Linux process) */
	const void *io_take;   /* owned by runtime/: <runtime/take.h> */
	bool user_state;       /* entered PV user mode: <kernel/user.h> */
	uint64_t user_fs_base; /* its user FS base while in the kernel */
	struct arch_tcb *tcb;  /* its TCB: FS base in the kernel, TLS */
	struct uvm_as *uvm;    /* its user address space, or NULL */
	void (*fn)(void *);
	void *arg;
};

/* Set up the scheduler; the caller's boot stack becomes the idle thread. */
void sched_init(unsigned long boot_stack_lo, unsigned long boot_stack_hi);
/* After a suspend (events masked): the timer VIRQ bound again in a new
 * domain, and the one-shot timer re-armed at the next schedule. */
void sched_resume(bool cancelled);

/* Create a runnable thread with a stack of stack_size bytes (0: default).
 * Returns NULL when memory or stack space runs out. */
struct thread *thread_create(const char *name, void (*fn)(void *), void *arg,
			     size_t stack_size);
void thread_exit(void) __noreturn;
/* The layer above the kernel (the runtime) keeps state in a thread's
 * runtime_data: hook is called in every exiting thread, before it stops
 * running, to release it. One hook; set before that layer's first thread. */
void thread_set_exit_hook(void (*hook)(struct thread *t));
/* Wait until t has exited, then free it. Returns 0, or -EINVAL for a
 * detached thread or oneself. */
int thread_join(struct thread *t);
void thread_detach(struct thread *t);
void thread_yield(void);
/* Whether another thread is runnable now (sleepers past their deadline
 * count): user code interrupted by an event then gives way to it. */
bool sched_preempt_pending(void);
/* Arm the timer for the first sleeper's deadline if it is not armed for
 * it yet: code about to run without yielding (user mode) is then
 * interrupted in time. Call it with events masked until that code runs,
 * so that a deadline passing in between arrives as an event there rather
 * than in the kernel (where nothing would act on it). The idle loop arms
 * it itself. */
void sched_arm_timer(void);
struct thread *thread_current(void);
/* True in the idle thread (the boot context), which must never block. */
bool sched_in_idle(void);
/* Sleep until the monotonic clock reaches deadline_ns. */
void thread_sleep_until(uint64_t deadline_ns);

/* Wait queues. wq_wait() blocks the caller until woken; callers re-check
 * their condition in a loop. The wake functions may be called from event
 * handlers (upcall context). */
void wq_init(struct wait_queue *wq);
void wq_wait(struct wait_queue *wq);
/* As wq_wait(), but give up at deadline_ns; returns false on timeout. */
bool wq_wait_until(struct wait_queue *wq, uint64_t deadline_ns);
void wq_wake_one(struct wait_queue *wq);
/*
 * Interruptible waits, for system calls a signal may interrupt: as
 * wq_wait_until() (wq NULL: sleep only), but when thread_interrupt()
 * is called for the waiter, or was called before it blocked (its
 * user_work is set), it returns -EINTR at once. Returns 0 when woken,
 * -ETIMEDOUT at the deadline (0: none), -EINTR.
 */
int wq_wait_intr(struct wait_queue *wq, uint64_t deadline_ns);
/* Set t->user_work and, if t is blocked in an interruptible wait, make
 * it runnable. May be called from event handlers. */
void thread_interrupt(struct thread *t);
void wq_wake_all(struct wait_queue *wq);

/* Run threads until none is left but idle, then block the vCPU until the
 * next event or timer. Never returns: called at the end of kernel_main. */
void sched_run_idle(void) __noreturn;

/* The thread whose stack or guard region holds addr, or NULL; *in_guard
 * says which. Used by the fault reporter. */
struct thread *sched_thread_by_stack(unsigned long addr, bool *in_guard);

#endif
