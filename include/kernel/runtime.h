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

#endif
