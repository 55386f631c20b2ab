/*
 * Xenstore watches: a fixed table of watches, each with its token and a
 * small queue of events. The ring pump (xenstore.c) hands every event here
 * by token, in thread context and without blocking; a thread waiting in
 * xs_read_watch() on that watch is woken. An event for a token nobody
 * watches, a malformed event and a full queue are logged and dropped.
 */
#include <arch/events.h>
#include <kernel/errno.h>
#include <kernel/evtchn.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/xenstore.h>

#include "xs_priv.h"

#define WATCH_MAX 16
#define WATCH_QUEUE 8	    /* events kept per watch */
#define WATCH_TOKEN_MAX 32  /* characters */
#define WATCH_PATH_KEEP 512 /* bytes of an event's path kept */

struct watch {
	bool used;
	char token[WATCH_TOKEN_MAX + 1];
	char path[XS_WATCH_PATH_MAX + 1]; /* to register again on resume */
	unsigned int head, count;	  /* the queue: oldest at head */
	unsigned long dropped;		  /* events lost to a full queue */
	bool level;			  /* drops are expected: quiet */
	struct {
		uint32_t len; /* the path's full length */
		char path[WATCH_PATH_KEEP];
	} ev[WATCH_QUEUE];
	struct wait_queue wq; /* xs_read_watch() callers */
};

static struct {
	struct watch w[WATCH_MAX];
	bool ready;
} xw;

static struct watch *find(const char *token)
{
	unsigned int i;

	for (i = 0; i < WATCH_MAX; i++)
		if (xw.w[i].used && !strcmp(xw.w[i].token, token))
			return &xw.w[i];
	return NULL;
}

/* Take a free slot for token (not yet registered with the store). */
static struct watch *claim(const char *token, const char *path)
{
	unsigned int i;

	if (!xw.ready) {
		for (i = 0; i < WATCH_MAX; i++)
			wq_init(&xw.w[i].wq);
		xw.ready = true;
	}
	for (i = 0; i < WATCH_MAX; i++) {
		struct watch *w = &xw.w[i];

		if (!w->used) {
			w->used = true;
			w->head = w->count = 0;
			w->dropped = 0;
			w->level = false;
			memcpy(w->token, token, strlen(token) + 1);
			memcpy(w->path, path, strlen(path) + 1);
			return w;
		}
	}
	return NULL;
}

static void release(struct watch *w)
{
	w->used = false;
	wq_wake_all(&w->wq); /* waiters see the token gone */
}

static void enqueue(struct watch *w, const char *path)
{
	size_t len = strlen(path);
	unsigned int slot;

	if (w->count == WATCH_QUEUE) {
		if (w->dropped++ == 0 && !w->level)
			printk("xenstore: watch '%s' queue full, events "
			       "dropped\n",
			       w->token);
		return;
	}
	slot = (w->head + w->count) % WATCH_QUEUE;
	w->ev[slot].len = (uint32_t)len;
	len = MIN(len, (size_t)WATCH_PATH_KEEP - 1);
	memcpy(w->ev[slot].path, path, len);
	w->ev[slot].path[len] = '\0';
	w->count++;
	wq_wake_one(&w->wq);
}

void xs_watch_deliver(const char *body, size_t len)
{
	const char *path, *token;
	struct watch *w;

	if (xs_wire_watch_event(body, len, &path, &token)) {
		printk("xenstore: malformed watch event dropped\n");
		return;
	}
	w = find(token);
	if (!w) {
		printk("xenstore: event for unknown watch token '%s' (path "
		       "'%s') dropped\n",
		       token, path);
		return;
	}
	enqueue(w, path);
}

/* XS_WATCH / XS_UNWATCH: path and token, each NUL-terminated. */
static int watch_request(uint32_t type, const char *path, const char *token)
{
	struct xs_part p[2] = {{path, strlen(path) + 1},
			       {token, strlen(token) + 1}};
	int rc = xs_request(type, XS_NO_TRANSACTION, p, 2, NULL, 0);

	return rc < 0 ? rc : 0;
}

static int watch(const char *path, const char *token, bool level)
{
	struct watch *w;
	int rc;

	if (!*token || strlen(token) > WATCH_TOKEN_MAX ||
	    strlen(path) > XS_WATCH_PATH_MAX)
		return -EINVAL;
	if (find(token))
		return -EEXIST;
	/* Claimed before the request, so the store's first event (sent
	 * right after it accepts the watch) finds its queue. */
	if (!(w = claim(token, path)))
		return -ENOSPC;
	w->level = level;
	rc = watch_request(XS_WATCH, path, token);
	if (rc)
		release(w);
	return rc;
}

int xs_watch(const char *path, const char *token)
{
	return watch(path, token, false);
}

int xs_watch_level(const char *path, const char *token)
{
	return watch(path, token, true);
}

int xs_watch_move(const char *token, const char *path)
{
	struct watch *w = find(token);
	int rc;

	if (!w)
		return -ENOENT;
	if (strlen(path) > XS_WATCH_PATH_MAX)
		return -EINVAL;
	/* Best effort: after a restore the old path means nothing to the
	 * new connection, which never had it. */
	(void)watch_request(XS_UNWATCH, w->path, token);
	memcpy(w->path, path, strlen(path) + 1);
	rc = watch_request(XS_WATCH, path, token);
	return rc;
}

void xs_watch_resume(void)
{
	unsigned int i;
	int rc;

	for (i = 0; i < WATCH_MAX; i++) {
		struct watch *w = &xw.w[i];

		if (!w->used)
			continue;
		/* -EEXIST: registered already (a watch moved meanwhile). */
		if ((rc = watch_request(XS_WATCH, w->path, w->token)) < 0 &&
		    rc != -EEXIST)
			printk("xenstore: watch '%s' on %s lost on resume: "
			       "error %d\n",
			       w->token, w->path, rc);
	}
}

int xs_unwatch(const char *path, const char *token)
{
	struct watch *w = find(token);
	int rc;

	if (!w)
		return -ENOENT;
	rc = watch_request(XS_UNWATCH, path, token);
	release(w); /* gone for us even if the store disagrees */
	return rc;
}

/* Wait until w has an event, is released, or the deadline passes. */
static void wait_event(struct watch *w, uint64_t deadline)
{
	unsigned long flags;

	if (xs_polled()) {
		xs_poll();
		return;
	}
	/* Masked, so a wake-up between check and sleep counts. */
	flags = arch_events_save_disable();
	if (w->used && !w->count)
		wq_wait_until(&w->wq, deadline);
	arch_events_restore(flags);
}

int xs_read_watch(const char *token, char *buf, size_t len,
		  unsigned int timeout_ms)
{
	uint64_t deadline =
	    time_monotonic_ns() + (uint64_t)timeout_ms * NSEC_PER_MSEC;
	struct watch *w = find(token);
	unsigned int slot;
	size_t n;

	while (w && w->used && !w->count) {
		if (time_monotonic_ns() >= deadline)
			return -ETIMEDOUT;
		wait_event(w, deadline);
	}
	if (!w || !w->used || strcmp(w->token, token))
		return -ENOENT;
	slot = w->head;
	w->head = (w->head + 1) % WATCH_QUEUE;
	w->count--;
	w->dropped = 0;
	n = MIN((size_t)w->ev[slot].len, strlen(w->ev[slot].path));
	if (len) {
		n = MIN(n, len - 1);
		memcpy(buf, w->ev[slot].path, n);
		buf[n] = '\0';
	}
	return (int)w->ev[slot].len;
}
