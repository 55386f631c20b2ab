/*
 * The platform under the frontends' fuzzers (fuzz_blkfront.c,
 * fuzz_netfront.c): xenstore over the host tests' fake store, event
 * channels, threads that never run (the harness calls the worker's round
 * itself), a fake clock, pages (heap blocks, and a static arena for
 * page_alloc()) whose addresses the kernel's direct-map arithmetic maps
 * back to themselves,
 * and a grant table that the fake backend maps through, so that every
 * page a backend touches was granted to it at that moment.
 */
#ifndef TESTS_FUZZ_FAKE_XEN_H
#define TESTS_FUZZ_FAKE_XEN_H

#include <stdbool.h>
#include <stdint.h>

#define FX_GRANTS 2048
#define FX_ARENA_PAGES 64 /* page_alloc(): a device's struct */

struct fx_grant {
	void *page; /* NULL: the reference is free */
	bool ro;
	int maps; /* the backend's mappings */
};

struct suspend_hook;

struct fx_state {
	uint64_t now;
	struct fx_grant g[FX_GRANTS];
	unsigned int arena_used; /* pages handed out this input */
	unsigned int next_ref;	 /* where the next grant search starts */
	unsigned int grant_fail; /* the next this many grants fail */
	unsigned int page_fail;	 /* the next this many allocations fail */
	const struct suspend_hook *hook;
	void (*worker)(void *); /* what the device's thread would run */
	void *worker_arg;
	int kicks, notifies, open_ports;
};
extern struct fx_state fx;

/* A fresh platform for one input: empty store, grants and arena. */
void fx_reset(void);
/* The backend maps grant ref (for writing into the page when write):
 * the page, or NULL when it is not granted so (Xen refuses the map). */
void *fx_map(uint32_t ref, bool write);
void fx_unmap(uint32_t ref);
/* The backend drops every mapping it keeps. */
void fx_unmap_all(void);
/* The domain was restored in a new one: the suspend hooks' after(). */
void fx_restore(void);
/* Whether p lies in the arena (a page the kernel allocated). */
bool fx_in_arena(const void *p);

#endif
