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
/* Before a suspend: hold back new requests and wait (bounded) for the
 * replies to those sent. 0 or -ETIMEDOUT (nothing held back then). */
int xs_suspend(void);
/* Point the watch with token at path instead (a frontend whose backend
 * moved with a restore). 0 or a negative errno. */
int xs_watch_move(const char *token, const char *path);

/* xs_watch() for a watcher that takes every event as "look again" (it
 * re-reads what it watches): a full queue drops further events without
 * a word, since the queued one already asks for a fresh look. */
int xs_watch_level(const char *path, const char *token);
/* The longest watch path kept. */
#define XS_WATCH_PATH_MAX 256
/* After it (or after a failed xs_suspend()/suspend: ri->cancelled):
 * in a new domain, the ring's new channel, and every watch registered
 * again with the new connection; then requests go on. */
struct resume_info;
void xs_resume(const struct resume_info *ri);
/* From now on every request drives the ring itself instead of waiting
 * for the reader thread (the exit path: other threads may never run
 * again). */
void xs_enter_polled_mode(void);

#endif
