/* Grant tables, proven from dom0: the guest grants one page read-only and
 * one read-write to dom0, which maps them (tools/testhost/helpers/gntmap),
 * checks the content and writes into the writable one. Ending a grant
 * while dom0 has it mapped must be refused, and succeed once it unmapped.
 * Then the references run out with -ENOSPC and all come back. The
 * steps are paced through xenstore keys under data/ (see dom0.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <skiff/gnttab.h>
#include <skiff/xenstore.h>

/* Linux errno numbers, as the calls return them (newlib's differ). */
#define L_EBUSY 16
#define L_EINVAL 22
#define L_ENOSPC 28
#define PAGE 4096
#define MAX_REFS 4096

static int failures;

static void expect(int ok, const char *what)
{
	if (!ok) {
		printf("FAIL: %s\n", what);
		failures++;
	}
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

/* Wait (at most 30 s) for dom0 to write data/<key>; its value to buf. */
static int wait_key(const char *key, char *buf, size_t len)
{
	char path[64];
	int i;

	snprintf(path, sizeof(path), "data/%s", key);
	for (i = 0; i < 300; i++) {
		if (xs_read(path, buf, len) >= 0)
			return 0;
		sleep_ms(100);
	}
	printf("FAIL: dom0 never wrote %s\n", path);
	failures++;
	return -1;
}

static void publish(const char *key, int value)
{
	char path[64], v[16];

	snprintf(path, sizeof(path), "data/%s", key);
	snprintf(v, sizeof(v), "%d", value);
	expect(xs_write(path, v) == 0, "xs_write");
}

/* End a grant dom0 has just unmapped: its kernel may finish the unmap a
 * moment later, so -EBUSY is retried for up to 5 s. */
static int end_after_unmap(int ref)
{
	int rc, i;

	for (i = 0; i < 50; i++) {
		if ((rc = gnttab_end_access((unsigned int)ref)) != -L_EBUSY)
			return rc;
		sleep_ms(100);
	}
	return rc;
}

/* Grant until the references run out; all must end again. */
static void exhaust(const void *page)
{
	static int refs[MAX_REFS];
	int n = 0, rc = 0, bad = 0;

	while (n < MAX_REFS && (rc = gnttab_grant_page(0, page, 1)) >= 0)
		refs[n++] = rc;
	printf("granted %d more, then %d\n", n, rc);
	expect(rc == -L_ENOSPC, "running out of references gives -ENOSPC");
	while (n--)
		bad += gnttab_end_access((unsigned int)refs[n]) != 0;
	printf("ended them all: %s\n", bad ? "FAIL" : "ok");
	expect(!bad, "ending every reference");
	rc = gnttab_grant_page(0, page, 1);
	expect(rc >= 0 && gnttab_end_access((unsigned int)rc) == 0,
	       "a reference is available again");
}

static void fill(char *page, unsigned int domid)
{
	char line[17];
	int i;

	/* 256 lines of 16 bytes; dom0.sh prints the same with printf. */
	for (i = 0; i < PAGE / 16; i++) {
		snprintf(line, sizeof(line), "%05u-%09d\n", domid, i);
		memcpy(page + 16 * i, line, 16);
	}
}

int main(void)
{
	char *ro, *rw, buf[64];
	int ref_ro, ref_rw, a, b;

	if (xs_read("domid", buf, sizeof(buf)) < 0 ||
	    posix_memalign((void **)&ro, PAGE, PAGE) ||
	    posix_memalign((void **)&rw, PAGE, PAGE))
		return 2;
	fill(ro, (unsigned int)atoi(buf));
	memset(rw, 0, PAGE);
	ref_ro = gnttab_grant_page(0, ro, 1);
	ref_rw = gnttab_grant_page(0, rw, 0);
	printf("granted ro ref %d, rw ref %d\n", ref_ro, ref_rw);
	if (ref_ro < 0 || ref_rw < 0)
		return 1;
	printf("bad grants: unaligned %d, end of reserved ref %d, of unused "
	       "ref %d\n",
	       gnttab_grant_page(0, ro + 1, 1), gnttab_end_access(1),
	       gnttab_end_access((unsigned int)ref_rw + 1));
	publish("gnt-ref-ro", ref_ro);
	publish("gnt-ref-rw", ref_rw);
	publish("gnt-ready", 1);

	wait_key("gnt-mapped", buf, sizeof(buf));
	a = gnttab_end_access((unsigned int)ref_ro);
	b = gnttab_end_access((unsigned int)ref_rw);
	printf("end access while mapped: ro %d rw %d\n", a, b);
	expect(a == -L_EBUSY && b == -L_EBUSY, "refused while mapped");
	publish("gnt-tried", 1);

	wait_key("gnt-unmapped", buf, sizeof(buf));
	a = end_after_unmap(ref_ro);
	b = end_after_unmap(ref_rw);
	printf("end access after unmap: ro %d rw %d\n", a, b);
	expect(a == 0 && b == 0, "ended after unmap");
	a = gnttab_end_access((unsigned int)ref_ro);
	printf("ending it twice: %d\n", a);
	expect(a == -L_EINVAL, "double end refused");
	printf("dom0 wrote: %.64s\n", rw + 2048);
	if (!wait_key("gnt-verdict", buf, sizeof(buf)))
		printf("dom0 verdict: %s\n", buf);
	expect(!strcmp(buf, "ok"), "dom0's verdict");

	exhaust(ro);
	printf("gnttab test %s\n", failures ? "FAILED" : "passed");
	return failures ? 1 : 0;
}
