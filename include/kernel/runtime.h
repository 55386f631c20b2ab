/*
 * The boundary between the kernel and runtime/ (the syscall shim and C
 * library glue): kernel_main() calls runtime_start() last.
 */
#ifndef KERNEL_RUNTIME_H
#define KERNEL_RUNTIME_H

#include <kernel/boot.h>

/* Prepare the C library, build argv from bi->cmdline and start the app's
 * main() in a thread of its own. Returns once that thread exists. */
void runtime_start(struct boot_info *bi);

struct thread;
/* Called in the exiting thread, before it stops running: release the
 * runtime's per-thread state (t->runtime_data). */
void runtime_thread_exit(struct thread *t);

/* The toolstack asked the domain to power off (reboot false) or reboot:
 * run the app's shutdown hooks and exit(0) in a thread of the C world.
 * Returns 0 once that thread exists, or a negative errno (-EALREADY, a
 * shutdown is under way; -ENOMEM). Called from the control thread. */
int runtime_shutdown_request(bool reboot);

#endif
