/*
 * The PV console: output and input over the ring Xen's console daemon
 * serves (start_info->console.domU). Before console_init(), and in dom0,
 * output goes to HYPERVISOR_console_io instead.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <kernel/boot.h>
#include <kernel/types.h>

void console_init(struct boot_info *bi);
/* After a suspend: in a new domain, the ring's new frame and channel. */
struct resume_info;
void console_resume(const struct resume_info *ri);

/* Write len bytes; "\n" becomes "\r\n" here and nowhere else. Waits for
 * ring space when the ring is full. */
void console_write(const char *buf, size_t len);

/* Read at most len bytes, blocking the thread until at least one is there.
 * Returns the count. */
size_t console_read(char *buf, size_t len);

/* Bytes ready to read without blocking. */
size_t console_input_ready(void);

/* Call fn (NULL: nothing) from the console's event handler, in upcall
 * context, whenever input may have arrived: for a waiter that cannot sleep
 * on the readers' queue, such as poll() over several files. fn may only
 * set flags and wake threads. */
void console_set_input_hook(void (*fn)(void));

/* Wait (bounded, timeout_ms) until the console daemon consumed all output.
 * Returns true when the ring is empty. */
bool console_flush(unsigned int timeout_ms);

#endif
