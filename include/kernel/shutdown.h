/*
 * Ending the domain: a clean exit with a code, or a crash.
 */
#ifndef KERNEL_SHUTDOWN_H
#define KERNEL_SHUTDOWN_H

#include <kernel/types.h>

/* Print "exit code N", flush the console, publish N in xenstore
 * (data/exit-code) and power the domain off (or reboot it, see below). */
void kernel_exit(int code) __noreturn;

/* Make a later kernel_exit() end with reason reboot (true) instead of
 * poweroff: the toolstack asked for a reboot (xl reboot). */
void kernel_exit_set_reboot(bool reboot);

/* Flush the console and shut down with reason crash (on_crash= decides). */
void kernel_crash(void) __noreturn;

#endif
