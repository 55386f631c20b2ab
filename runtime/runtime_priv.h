/*
 * Shared inside runtime/ only: errno helpers, the boot context, the crash
 * reports, and the newlib internals the runtime calls or provides.
 *
 * Include order in runtime/ files: kernel headers first, then the C
 * library's, then this one. (kernel/types.h defines __unused differently
 * from newlib's <sys/cdefs.h>; the other order is a -Werror redefinition.)
 * A file includes either <kernel/errno.h> or <errno.h>, never both.
 */
#ifndef RUNTIME_PRIV_H
#define RUNTIME_PRIV_H

#include <stdbool.h>

struct _reent;
struct thread;

/* newlib's errno number for a Linux errno number (positive); EIO for a
 * number newlib has no name for. */
int runtime_errno(int linux_errno);

/* The Linux number (positive) of a newlib errno number; 5 (EIO) for one
 * without a Linux twin. The inverse of runtime_errno(). */
int runtime_errno_to_linux(int newlib_errno);

/* The calling thread's errno now, as a Linux number (for code below the
 * C library, such as lwIP's sockets, that reports through errno). */
int runtime_errno_linux_now(void);

/* Set errno from kret when it is a negative Linux errno value and return
 * -1; otherwise return kret unchanged. The system calls end with this. */
long runtime_ret(long kret);

/* Set errno to a newlib errno value and return -1. */
int runtime_set_errno(int newlib_errno);

struct thread;
/* The kernel's thread-exit hook (thread_set_exit_hook()), in the exiting
 * thread: release the runtime's per-thread state (t->runtime_data). */
void runtime_thread_exit(struct thread *t);

/* The kernel's shutdown handler (control_set_shutdown_handler()): run the
 * app's shutdown hooks and exit(0) in a thread of the C world. Returns 0
 * once that thread exists, or a negative errno (-EALREADY, a shutdown is
 * under way; -ENOMEM). Called from the control thread. */
int runtime_shutdown_request(bool reboot);

/* True in the boot context (the idle thread), and before runtime_start():
 * that context shares the global newlib state and must never block. */
bool runtime_is_boot_thread(const struct thread *t);

/* Wake every poll()/select() waiter to look again (poll.c). Safe in
 * upcall context: the console's input hook. */
void runtime_poll_wake(void);

/* Put the console on fds 0, 1 and 2 (fd_console.c). */
void fd_console_open_std(void);

/* memory.c: tune malloc (how far it grows and when it shrinks) before
 * anything allocates. */
void runtime_memory_init(void);

/* Fatal reports (crash.c): print, backtrace, kernel_crash(). */
void runtime_fatal_signal(int sig) __attribute__((noreturn));
/* Called by morestack.S on the report stack: rip and rbp are where the
 * overflowing frame was, rsp its stack pointer, need the bytes it asked
 * for. Built without a split-stack prologue of its own. */
__attribute__((noreturn, no_split_stack)) void
runtime_stack_overflow(unsigned long rip, unsigned long rbp, unsigned long rsp,
		       unsigned long need);

/* newlib internals no public header declares (3.3.0). */
void __libc_init_array(void);
void __libc_fini_array(void);
void __sinit(struct _reent *r);
/* Called by __libc_init_array() and __libc_fini_array(); empty. */
void _init(void);
void _fini(void);

#endif
