/*
 * Fuzzer of the guest command line's parsers (kernel/cmdline.c): the
 * input is the line (xl's extra=), split into argv with a bound taken
 * from the first byte, then Skiff's leading options taken from the words
 * and the line redacted for printing into an output of a size taken from
 * the second byte. Buffers are heap blocks of exactly their size, so an
 * access one past them stops the run. Checks that every word lies inside
 * the line, the word count respects the bound, and the redacted copy is
 * a terminated string of the given size that never shows a secret value
 * that starts the line.
 */
#include <stdbool.h>

#include <kernel/cmdline.h>

#include "fuzz_input.h"

static const char *line_start, *line_end; /* the split buffer */
static int takes;

static void take_value(const char *value)
{
	/* A value points into a word, inside the split line. */
	FUZZ_ASSERT(value >= line_start && value < line_end);
	FUZZ_ASSERT(strlen(value) < (size_t)(line_end - value));
	takes++;
}

static const struct boot_option opts[] = {
    {.name = "ip", .take = take_value},
    {.name = "seed", .take = take_value, .secret = true},
    {.name = "mount", .take = take_value},
};

static void check_split(char *buf, size_t len, int max)
{
	char **argv = calloc((size_t)max, sizeof(*argv));
	int n, i, taken;

	line_start = buf;
	line_end = buf + len + 1;
	n = cmdline_split(buf, argv, max);
	FUZZ_ASSERT(n == -1 || (n >= 0 && n <= max - 1));
	if (n >= 0) {
		FUZZ_ASSERT(argv[n] == NULL);
		for (i = 0; i < n; i++) {
			FUZZ_ASSERT(argv[i] >= line_start &&
				    argv[i] < line_end);
			FUZZ_ASSERT(argv[i][0] != '\0' || i < n);
		}
		takes = 0;
		taken = cmdline_take_options(opts, 3, argv, n);
		FUZZ_ASSERT(taken >= 0 && taken <= n);
		FUZZ_ASSERT(takes <= taken);
	}
	free(argv);
}

static void check_redact(const char *line, size_t size)
{
	char *out = malloc(size ? size : 1);
	size_t n;

	cmdline_redact(opts, 3, line, out, size);
	if (!size) {
		free(out);
		return;
	}
	n = strnlen(out, size);
	FUZZ_ASSERT(n < size);
	/* "seed=V..." at the start: V's first character never shows
	 * (unless it is also the first of the marker). */
	if (!strncmp(line, "seed=", 5) && line[5] && line[5] != ' ' &&
	    line[5] != '\t' && line[5] != '<' && n > 5)
		FUZZ_ASSERT(out[5] == '<');
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fin f = {data, size};
	int max = fin_u8(&f) % 70;
	size_t out_size = fin_u8(&f);
	size_t len = f.n;
	char *buf = malloc(len + 1), *copy = malloc(len + 1);

	fin_bytes(&f, buf, len);
	buf[len] = '\0';
	len = strlen(buf);
	memcpy(copy, buf, len + 1);
	check_redact(copy, out_size);
	check_split(buf, len, max);
	free(buf);
	free(copy);
	return 0;
}
