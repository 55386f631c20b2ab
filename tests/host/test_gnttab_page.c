/*
 * Tests of xen/gnttab_page.c, against a grant table whose grants a
 * backend keeps mapped as long as the test says and a page allocator
 * that can run dry: a grant that ends at once keeps the caller's page; a
 * grant still mapped at the deadline abandons the page and puts a fresh
 * one in the slot, or leaves the slot empty when no page is left (once
 * a panic: the review's item 7), said on the console; the next share
 * fills the empty slot, or fails with -ENOMEM and leaves it empty.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/gnttab.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <skiff/gnttab.h>

#include "check.h"

#define MS 1000000ull

static struct {
	uint64_t now;	     /* the monotonic clock */
	uint64_t mapped_til; /* the backend unmaps then */
	unsigned int ends, sleeps, allocs;
	bool no_pages;
	char said[256];
	void *pages[8];
} fk;

int gnttab_end_access(unsigned int ref)
{
	(void)ref;
	fk.ends++;
	return fk.now < fk.mapped_til ? -EBUSY : 0;
}

void *gnttab_page_alloc(void)
{
	if (fk.no_pages || fk.allocs == 8)
		return NULL;
	return fk.pages[fk.allocs++] = calloc(1, 4096);
}

uint64_t time_monotonic_ns(void)
{
	return fk.now;
}

void thread_sleep_until(uint64_t deadline_ns)
{
	fk.sleeps++;
	if (deadline_ns > fk.now)
		fk.now = deadline_ns;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fk.said, sizeof(fk.said), fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	(void)fmt;
	CHECK(!"panic");
	abort();
}

static void setup(uint64_t mapped_for, bool no_pages)
{
	unsigned int i;

	for (i = 0; i < fk.allocs; i++)
		free(fk.pages[i]);
	memset(&fk, 0, sizeof(fk));
	fk.now = 1000 * MS;
	fk.mapped_til = fk.now + mapped_for;
	fk.no_pages = no_pages;
}

static void unmapped_grant_keeps_the_page(void)
{
	char old[4096];
	void *page = old;
	int ref = 9;

	setup(0, false);
	CHECK(!gnttab_end_page(&page, &ref, fk.now + 100 * MS, "vif0"));
	CHECK(page == old);
	CHECK_EQ_I64(ref, -1);
	CHECK_EQ_U64(fk.ends, 1);
	CHECK_EQ_U64(fk.sleeps, 0);
	/* An ended grant is ended once. */
	CHECK(!gnttab_end_page(&page, &ref, fk.now + 100 * MS, "vif0"));
	CHECK_EQ_U64(fk.ends, 1);
}

static void grant_unmapped_before_the_deadline(void)
{
	char old[4096];
	void *page = old;
	int ref = 9;

	setup(50 * MS, false);
	CHECK(!gnttab_end_page(&page, &ref, fk.now + 100 * MS, "vif0"));
	CHECK(page == old);
	CHECK(fk.sleeps >= 2);
	CHECK_EQ_U64(fk.allocs, 0);
}

static void mapped_page_is_abandoned_for_a_fresh_one(void)
{
	char old[4096];
	void *page = old;
	int ref = 9;

	setup(~0ull / 2, false);
	CHECK(gnttab_end_page(&page, &ref, fk.now + 100 * MS, "vbd51712"));
	CHECK(page != old && page == fk.pages[0]);
	CHECK_EQ_I64(ref, -1);
	CHECK(fk.now >= 1100 * MS); /* waited to the deadline */
	CHECK_EQ_I64(gnttab_page_fill(&page), 0);
	CHECK(page == fk.pages[0]); /* a full slot stays as it is */
}

static void no_page_left_leaves_the_slot_empty(void)
{
	char old[4096];
	void *page = old;
	int ref = 9;

	setup(~0ull / 2, true);
	CHECK(gnttab_end_page(&page, &ref, fk.now + 100 * MS, "vif0"));
	CHECK(page == NULL);
	CHECK_EQ_I64(ref, -1);
	CHECK(strstr(fk.said, "vif0: no page to replace a grant") != NULL);
	/* The next share: no memory yet, then some. */
	CHECK_EQ_I64(gnttab_page_fill(&page), -ENOMEM);
	CHECK(page == NULL);
	fk.no_pages = false;
	CHECK_EQ_I64(gnttab_page_fill(&page), 0);
	CHECK(page == fk.pages[0]);
}

CHECK_MAIN("gnttab_page", CHECK_TEST(unmapped_grant_keeps_the_page),
	   CHECK_TEST(grant_unmapped_before_the_deadline),
	   CHECK_TEST(mapped_page_is_abandoned_for_a_fresh_one),
	   CHECK_TEST(no_page_left_leaves_the_slot_empty))
