/*
 * A small test framework for the host unit tests. A test is a void
 * function of CHECK*s; every failed CHECK prints file:line and the values
 * and marks the running test failed, then the test carries on (each CHECK
 * is an expression that yields whether it held, so a loop can stop at the
 * first failure). Each test_*.c ends with CHECK_MAIN listing its tests.
 */
#ifndef TESTS_HOST_CHECK_H
#define TESTS_HOST_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct check_test {
	const char *name;
	void (*fn)(void);
};

#define CHECK_TEST(fn)                                                         \
	{                                                                      \
#fn, fn                                                        \
	}

/* Run the tests of one suite, printing [ RUN  ] / [  OK  ] / [ FAIL ]
 * lines. If a path is given as argv[1], write "passed failed" there.
 * Returns the process exit status: 0 only if every test passed. */
int check_main(int argc, char **argv, const char *suite,
	       const struct check_test *tests, size_t n);

#define CHECK_MAIN(suite, ...)                                                 \
	int main(int argc, char **argv)                                        \
	{                                                                      \
		static const struct check_test tests[] = {__VA_ARGS__};        \
		return check_main(argc, argv, suite, tests,                    \
				  sizeof(tests) / sizeof(tests[0]));           \
	}

bool check_true(bool ok, const char *expr, const char *file, int line);
bool check_eq_u64(uint64_t a, uint64_t b, const char *ea, const char *eb,
		  const char *file, int line);
bool check_eq_i64(int64_t a, int64_t b, const char *ea, const char *eb,
		  const char *file, int line);
bool check_str(const char *a, const char *b, const char *ea, const char *eb,
	       const char *file, int line);
bool check_mem(const void *a, const void *b, size_t n, const char *ea,
	       const char *eb, const char *file, int line);
/* Fail the running test with a message of one's own (printf format). */
bool check_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define CHECK(cond) check_true(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_EQ_U64(a, b)                                                     \
	check_eq_u64((uint64_t)(a), (uint64_t)(b), #a, #b, __FILE__, __LINE__)
#define CHECK_EQ_I64(a, b)                                                     \
	check_eq_i64((int64_t)(a), (int64_t)(b), #a, #b, __FILE__, __LINE__)
#define CHECK_STR(a, b) check_str((a), (b), #a, #b, __FILE__, __LINE__)
#define CHECK_MEM(a, b, n) check_mem((a), (b), (n), #a, #b, __FILE__, __LINE__)
#define FAIL(...) check_fail(__FILE__, __LINE__, __VA_ARGS__)

#endif
