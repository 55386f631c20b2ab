/*
 * Kernel-internal xenstore entry points; the API for apps is in
 * <skiff/xenstore.h>.
 */
#ifndef KERNEL_XENSTORE_H
#define KERNEL_XENSTORE_H

#include <kernel/boot.h>

void xs_init(struct boot_info *bi);
/* True once the ring is set up (false in dom0 or without a store page). */
bool xs_available(void);
/* From now on every request drives the ring itself instead of waiting
 * for the reader thread (the exit path: other threads may never run
 * again). */
void xs_enter_polled_mode(void);

#endif
