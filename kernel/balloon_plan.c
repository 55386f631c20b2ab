/*
 * The arithmetic of ballooning: how many frames to give back or take
 * for a target, without ever touching the reserve or memory in use.
 * Pure logic: the host unit tests compile this file unchanged.
 */
#include <kernel/balloon.h>
#include <kernel/errno.h>
#include <kernel/types.h>

unsigned long balloon_reserve(unsigned long boot_pages)
{
	unsigned long r = boot_pages >> BALLOON_RESERVE_SHIFT;

	if (r < BALLOON_RESERVE_MIN_PAGES)
		return BALLOON_RESERVE_MIN_PAGES;
	return r < BALLOON_RESERVE_MAX_PAGES ? r : BALLOON_RESERVE_MAX_PAGES;
}

int balloon_parse_target(const char *kib, unsigned long *pages)
{
	unsigned long v = 0;
	const char *p;

	if (!*kib)
		return -EINVAL;
	for (p = kib; *p; p++) {
		unsigned int d = (unsigned int)(*p - '0');

		/* A pfn is at most 52 bits: refuse anything near overflow. */
		if (d > 9 || v > (1UL << 60) / 10)
			return -EINVAL;
		v = v * 10 + d;
	}
	*pages = v >> (PAGE_SHIFT - 10);
	return 0;
}

struct balloon_step balloon_plan(unsigned long target,
				 const struct balloon_state *s)
{
	struct balloon_step st = {0, 0, 0, false};

	if (target < s->held) {
		unsigned long want = s->held - target;
		unsigned long can =
		    s->free > s->reserve ? s->free - s->reserve : 0;

		st.release = want < can ? want : can;
		st.short_by = want - st.release;
		st.below_use = st.short_by != 0;
	} else if (target > s->held) {
		unsigned long want = target - s->held;

		st.populate = want < s->absent ? want : s->absent;
		st.short_by = want - st.populate;
	}
	return st;
}
