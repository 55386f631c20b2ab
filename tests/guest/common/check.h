/*
 * The checks of the C guest tests that report on the console: define
 * CHECK_NAME (the test's name, a string literal) and include this once.
 * CHECK(cond, fmt, ...) prints "NAME: FAIL: ..." with the line and errno
 * and counts a failure; group() prints "NAME: GROUP ok" when a group of
 * checks added none, which check.sh looks for.
 */
#ifndef TESTS_GUEST_COMMON_CHECK_H
#define TESTS_GUEST_COMMON_CHECK_H

#include <errno.h>
#include <stdio.h>

static int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf(CHECK_NAME ": FAIL: " __VA_ARGS__);             \
			printf(" (line %d, errno %d)\n", __LINE__, errno);     \
			failures++;                                            \
		}                                                              \
	} while (0)

static inline void group(const char *name, int before)
{
	if (failures == before)
		printf(CHECK_NAME ": %s ok\n", name);
}

#endif
