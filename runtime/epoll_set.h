/*
 * The heart of epoll without any fd or thread: the items of one epoll
 * instance (ADD, MOD, DEL) and the choice of what one epoll_wait()
 * reports, level- or edge-triggered, one-shot, fair when maxevents cuts
 * a scan short. Pure code, host-tested (tests/host/test_epoll.c);
 * epoll.c adds the fds, the waiting and the system calls.
 *
 * Edge triggering rests on each fd's event counter (fd.h's event_count
 * op), which moves whenever its readiness may have gained a bit: an
 * edge-triggered item is reported when what it asks for holds and the
 * counter moved since the item was last looked at (or it was just added
 * or modified). A level-triggered item is reported whenever what it
 * asks for holds.
 *
 * Return convention: 0 or a count, or a negative Linux errno value.
 */
#ifndef RUNTIME_EPOLL_SET_H
#define RUNTIME_EPOLL_SET_H

#include <stdbool.h>
#include <stdint.h>

/* Linux's epoll bits (<sys/epoll.h>; epoll.c and the host test check
 * they agree). The readiness bits are poll()'s. */
#define EPS_IN 0x001
#define EPS_OUT 0x004
#define EPS_ERR 0x008
#define EPS_HUP 0x010
#define EPS_RDHUP 0x2000
#define EPS_EXCLUSIVE (1U << 28)
#define EPS_WAKEUP (1U << 29)
#define EPS_ONESHOT (1U << 30)
#define EPS_ET (1U << 31)
/* The bits that say how to report, not what. */
#define EPS_MODE_BITS (EPS_EXCLUSIVE | EPS_WAKEUP | EPS_ONESHOT | EPS_ET)

/* One reported event: Linux's x86-64 struct epoll_event (packed, 12
 * bytes), which epoll.c hands out as it is. */
struct epoll_set_event {
	uint32_t events;
	uint64_t data;
} __attribute__((packed));

/* An item is keyed by its fd and the open file the fd held when it was
 * added (Linux's epitem key): it stays while that file is open, even
 * when the fd is closed and a dup keeps the file; epoll.c removes it
 * when the file's last reference goes (epoll_set_forget()). */
struct epoll_item {
	int fd;		    /* -1: a free slot */
	const void *file;   /* the open file (only compared and probed) */
	uint32_t events;    /* what was asked for, with the mode bits */
	uint64_t data;	    /* handed back with each event */
	uint32_t serial;    /* new on every ADD, MOD and DEL */
	unsigned long seen; /* the fd's event counter at the last look */
	bool fresh;	    /* added or modified: report what holds now */
	bool disabled;	    /* EPS_ONESHOT fired: quiet until a MOD */
};

struct epoll_set {
	struct epoll_item *items; /* cap slots, the caller's */
	int cap;
	int hi;		 /* slots [hi, cap) are free: scans stop there */
	int next;	 /* the slot the next scan starts at, below hi */
	uint32_t serial; /* the last serial handed out */
};

/*
 * Look at an item's file (fd is the number it was added with) for an
 * epoll scan: store its event counter in *count, then
 * return its readiness (EPS_IN, EPS_OUT, EPS_ERR, EPS_HUP, EPS_RDHUP
 * bits), or a negative errno if it cannot be looked at (the item is
 * skipped). May block; the set may change meanwhile (see collect).
 */
typedef int (*epoll_probe_fn)(void *ctx, const void *file, int fd,
			      unsigned long *count);

/* An empty set over items[0..cap). */
void epoll_set_init(struct epoll_set *s, struct epoll_item *items, int cap);

/* EPOLL_CTL_ADD of (fd, file): 0, -EEXIST (in the set), -ENOSPC
 * (full). */
int epoll_set_add(struct epoll_set *s, int fd, const void *file,
		  uint32_t events, uint64_t data);
/* EPOLL_CTL_MOD: new events and data, re-armed (a fired one-shot
 * included) and reported once more if ready. 0 or -ENOENT. */
int epoll_set_mod(struct epoll_set *s, int fd, const void *file,
		  uint32_t events, uint64_t data);
/* EPOLL_CTL_DEL: 0 or -ENOENT. */
int epoll_set_del(struct epoll_set *s, int fd, const void *file);
/* The file is gone (its last reference): every item of it leaves. */
void epoll_set_forget(struct epoll_set *s, const void *file);

/*
 * One epoll_wait() scan: probe the items, starting where the last scan
 * that filled out[] stopped (so items beyond maxevents come first next
 * time), and write up to max events to out[]. An item is reported with
 * what holds of what it asks for, plus EPS_ERR and EPS_HUP always; an
 * edge-triggered one only if its counter moved (or it is fresh); a
 * one-shot one is then disabled. An item that was deleted or modified
 * while its probe blocked is skipped (the caller's wake-up from the
 * change makes it scan again). Returns the number of events.
 */
int epoll_set_collect(struct epoll_set *s, struct epoll_set_event *out, int max,
		      epoll_probe_fn probe, void *ctx);

/* Whether collect would report anything now, changing nothing (the
 * epoll fd's own readiness for poll/select). */
bool epoll_set_ready(struct epoll_set *s, epoll_probe_fn probe, void *ctx);

#endif
