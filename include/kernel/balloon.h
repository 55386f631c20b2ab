/*
 * Ballooning: the guest follows the toolstack's memory/target (xl
 * mem-set), giving free frames back to Xen and taking frames again. The
 * arithmetic is pure (kernel/balloon_plan.c, host-tested); the thread
 * that follows the target and moves the frames is xen/balloon.c.
 */
#ifndef KERNEL_BALLOON_H
#define KERNEL_BALLOON_H

#include <stdbool.h>

/* Free frames the balloon never gives back, so that the kernel can still
 * allocate page tables, thread stacks and grant pages: 1/32 of the boot
 * size, at least 2 MiB and at most 32 MiB. */
#define BALLOON_RESERVE_MIN_PAGES 512UL
#define BALLOON_RESERVE_MAX_PAGES 8192UL
#define BALLOON_RESERVE_SHIFT 5
unsigned long balloon_reserve(unsigned long boot_pages);

/* memory/target's value (KiB, decimal digits only) in pages, rounded
 * down. Returns 0, or -EINVAL for anything else (empty, a sign, junk,
 * a value beyond what a pfn can count). */
int balloon_parse_target(const char *kib, unsigned long *pages);

/* Where the guest stands: frames it holds, of which free; pfns it could
 * back again (absent); the reserve. */
struct balloon_state {
	unsigned long held, free, absent, reserve;
};

/* What to do next for a target (in pages). At most one of release and
 * populate is non-zero. short_by: frames the target asks for that cannot
 * move now (in use, the reserve, or no room to grow); 0 when the target
 * is reached by this step. */
struct balloon_step {
	unsigned long release;	/* give this many free frames back */
	unsigned long populate; /* take this many frames back */
	unsigned long short_by;
	bool below_use; /* short because the target is below what is in use */
};
struct balloon_step balloon_plan(unsigned long target,
				 const struct balloon_state *s);

/* Start following memory/target (a kernel thread; nothing without
 * xenstore). */
void balloon_init(void);

#endif
