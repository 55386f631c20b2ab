/*
 * The host test framework's runner and checks (see check.h). Counts are
 * kept per test: a test passes when none of its CHECKs failed.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

/* Failure messages printed per test; the rest are only counted, so a
 * failing check inside a long loop does not bury the output. */
#define MAX_REPORTS 10

static struct {
	unsigned failed; /* failed checks in the running test */
	char first[256]; /* where the first one was, for the FAIL line */
} cur;

/* Record one failed check: a detail line, and the first one's location. */
static bool report(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool report(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (cur.failed++ == 0)
		snprintf(cur.first, sizeof(cur.first), "%s:%d", file, line);
	if (cur.failed > MAX_REPORTS)
		return false;
	printf("    %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return false;
}

bool check_true(bool ok, const char *expr, const char *file, int line)
{
	return ok || report(file, line, "CHECK(%s) is false", expr);
}

bool check_eq_u64(uint64_t a, uint64_t b, const char *ea, const char *eb,
		  const char *file, int line)
{
	return a == b || report(file, line,
				"%s == %s: %" PRIu64 " (0x%" PRIx64
				") != %" PRIu64 " (0x%" PRIx64 ")",
				ea, eb, a, a, b, b);
}

bool check_eq_i64(int64_t a, int64_t b, const char *ea, const char *eb,
		  const char *file, int line)
{
	return a == b || report(file, line, "%s == %s: %" PRId64 " != %" PRId64,
				ea, eb, a, b);
}

bool check_str(const char *a, const char *b, const char *ea, const char *eb,
	       const char *file, int line)
{
	if (a && b && strcmp(a, b) == 0)
		return true;
	return report(file, line, "%s == %s: \"%s\" != \"%s\"", ea, eb,
		      a ? a : "(NULL)", b ? b : "(NULL)");
}

bool check_mem(const void *a, const void *b, size_t n, const char *ea,
	       const char *eb, const char *file, int line)
{
	const unsigned char *x = a, *y = b;
	size_t i;

	for (i = 0; i < n && x[i] == y[i]; i++)
		;
	return i == n || report(file, line,
				"%s == %s (%zu bytes): differ at %zu: "
				"0x%02x != 0x%02x",
				ea, eb, n, i, x[i], y[i]);
}

bool check_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return report(file, line, "%s", msg);
}

/* Run one test; true if it passed. */
static bool run_one(const char *suite, const struct check_test *t)
{
	cur.failed = 0;
	printf("[ RUN  ] %s.%s\n", suite, t->name);
	fflush(stdout); /* visible even if the test crashes */
	t->fn();
	if (cur.failed == 0) {
		printf("[  OK  ] %s.%s\n", suite, t->name);
		return true;
	}
	printf("[ FAIL ] %s.%s: %u check(s) failed, the first at %s\n", suite,
	       t->name, cur.failed, cur.first);
	return false;
}

int check_main(int argc, char **argv, const char *suite,
	       const struct check_test *tests, size_t n)
{
	unsigned passed = 0, failed = 0;
	size_t i;
	FILE *f;

	for (i = 0; i < n; i++) {
		if (run_one(suite, &tests[i]))
			passed++;
		else
			failed++;
	}
	fflush(stdout);
	if (argc > 1) {
		f = fopen(argv[1], "w");
		if (!f || fprintf(f, "%u %u\n", passed, failed) < 0 ||
		    fclose(f) != 0) {
			perror(argv[1]);
			return 1;
		}
	}
	return failed ? 1 : 0;
}
