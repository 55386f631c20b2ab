/*
 * Tests of kernel/cmdline.c: splitting xl's extra= into argv with blanks,
 * both kinds of quotes, backslash escapes, and the limits (unclosed quote,
 * too many words) that must give -1.
 */
#include <stdio.h>
#include <string.h>

#include <kernel/cmdline.h>

#include "check.h"

#define SLOTS 16

static char buf[256];
static char *argv[SLOTS];
static char sentinel[1]; /* marks argv slots that must stay untouched */

/* Split a copy of line with room for max - 1 words; argv past max is
 * filled with the sentinel first, so overruns show. */
static int split(const char *line, int max)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		argv[i] = sentinel;
	strcpy(buf, line);
	return cmdline_split(buf, argv, max);
}

/* Check that the split gave exactly the words in want (NULL-ended). */
static void check_words(int argc, const char *const *want)
{
	int n = 0, i;

	while (want[n])
		n++;
	if (!CHECK_EQ_I64(argc, n))
		return;
	for (i = 0; i < n; i++) {
		CHECK_STR(argv[i], want[i]);
		/* In place: every word lives inside the buffer. */
		CHECK(argv[i] >= buf && argv[i] < buf + sizeof(buf));
	}
	CHECK(argv[n] == NULL);
	CHECK(argv[n + 1] == sentinel);
}

#define EXPECT_WORDS(line, ...)                                                \
	do {                                                                   \
		static const char *const want[] = {__VA_ARGS__, NULL};         \
		check_words(split(line, SLOTS - 1), want);                     \
	} while (0)

static void plain_words(void)
{
	EXPECT_WORDS("hello world foo", "hello", "world", "foo");
	EXPECT_WORDS("one", "one");
	EXPECT_WORDS("ip=10.0.0.2 --port=80", "ip=10.0.0.2", "--port=80");
}

static void runs_of_blanks_and_tabs(void)
{
	EXPECT_WORDS("  a \t\t b\t  c  ", "a", "b", "c");
	EXPECT_WORDS("\ta\n b\r\n", "a", "b");
}

static void single_quotes(void)
{
	EXPECT_WORDS("x 'a  b' y", "x", "a  b", "y");
	EXPECT_WORDS("'say \"hi\"'", "say \"hi\"");
}

static void double_quotes(void)
{
	EXPECT_WORDS("say \"it's fine\" ok", "say", "it's fine", "ok");
	EXPECT_WORDS("\"\ttab\"", "\ttab");
}

static void quotes_glued_to_text(void)
{
	EXPECT_WORDS("a'b c'd e", "ab cd", "e");
	EXPECT_WORDS("--name=\"my app\"", "--name=my app");
	EXPECT_WORDS("'' x \"\"", "", "x", "");
}

static void backslash_escapes(void)
{
	EXPECT_WORDS("a\\ b c", "a b", "c");
	EXPECT_WORDS("c\\\"d e\\'", "c\"d", "e'");
	EXPECT_WORDS("\\\\ \\x", "\\", "x");
	EXPECT_WORDS("\"x\\\"y z\"", "x\"y z");
	EXPECT_WORDS("'it\\'s'", "it's");
	EXPECT_WORDS("end\\", "end\\"); /* a trailing backslash is kept */
}

static void empty_line_gives_no_words(void)
{
	CHECK_EQ_I64(split("", SLOTS - 1), 0);
	CHECK(argv[0] == NULL);
	CHECK(argv[1] == sentinel);
	CHECK_EQ_I64(split(" \t  \n", SLOTS - 1), 0);
	CHECK(argv[0] == NULL);
}

static void unclosed_quote_fails(void)
{
	CHECK_EQ_I64(split("a \"b c", SLOTS - 1), -1);
	CHECK_EQ_I64(split("'abc", SLOTS - 1), -1);
	CHECK_EQ_I64(split("x 'y\" z", SLOTS - 1), -1);
	CHECK_EQ_I64(split("\"a\\\"", SLOTS - 1), -1); /* escaped closer */
	CHECK_EQ_I64(split("\"", SLOTS - 1), -1);
}

static void word_limit(void)
{
	static const char *const three[] = {"a", "b", "c", NULL};

	/* max 4: room for three words and the NULL. */
	check_words(split("a b c", 4), three);
	check_words(split("  a b c   ", 4), three);
	CHECK_EQ_I64(split("a b c d", 4), -1);
	CHECK(argv[4] == sentinel);
	CHECK_EQ_I64(split("a", 1), -1);
	CHECK(argv[1] == sentinel);
	CHECK_EQ_I64(split("", 1), 0);
	CHECK(argv[0] == NULL);
	CHECK_EQ_I64(split("", 0), -1);
	CHECK(argv[0] == sentinel);
}

/* Boot options (cmdline_take_options): a table of two, as the network
 * registers ip= and dns=. Each take() keeps the last value it saw. */
static char seen_ip[64], seen_dns[64];
static int takes;

static void take_ip(const char *v)
{
	snprintf(seen_ip, sizeof(seen_ip), "%s", v);
	takes++;
}

static void take_dns(const char *v)
{
	snprintf(seen_dns, sizeof(seen_dns), "%s", v);
	takes++;
}

static const struct boot_option opts[] = {
    {.name = "ip", .take = take_ip},
    {.name = "dns", .take = take_dns},
};

static int take(char **words, int n)
{
	seen_ip[0] = seen_dns[0] = '\0';
	takes = 0;
	return cmdline_take_options(opts, 2, words, n);
}

static void options_lead_the_line(void)
{
	char w1[] = "ip=10.0.0.2/24", w2[] = "dns=10.0.0.1", w3[] = "--",
	     w4[] = "ip=not-for-us", w5[] = "arg";
	char *words[] = {w1, w2, w3, w4, w5};

	CHECK_EQ_I64(take(words, 5), 3); /* "--" taken, the rest stays */
	CHECK_STR(seen_ip, "10.0.0.2/24");
	CHECK_STR(seen_dns, "10.0.0.1");
	CHECK_EQ_I64(takes, 2);
	CHECK_EQ_I64(take(words + 3, 2), 1);
	CHECK_STR(seen_ip, "not-for-us");
	/* The first other word ends the options and stays. */
	CHECK_EQ_I64(take(words + 4, 1), 0);
	CHECK_EQ_I64(takes, 0);
	CHECK_EQ_I64(take(words, 0), 0);
}

static void options_edge_cases(void)
{
	char a[] = "ip=1.1.1.1/8", b[] = "ip=2.2.2.2/8", c[] = "ipx=1",
	     d[] = "dns", e[] = "---", f[] = "IP=1.1.1.1/8", g[] = "ip=";
	char *words[] = {a, b, c};
	char *w2[] = {d}, *w3[] = {e}, *w4[] = {f}, *w5[] = {g};

	CHECK_EQ_I64(take(words, 3), 2);
	CHECK_STR(seen_ip, "2.2.2.2/8"); /* the last one wins */
	CHECK_EQ_I64(takes, 2);
	CHECK_EQ_I64(take(w2, 1), 0); /* a name without "=" */
	CHECK_EQ_I64(take(w3, 1), 0);
	CHECK_EQ_I64(take(w4, 1), 0); /* names are case-sensitive */
	CHECK_EQ_I64(take(w5, 1), 1); /* an empty value is a value */
	CHECK_STR(seen_ip, "");
	CHECK_EQ_I64(takes, 1);
	CHECK_EQ_I64(cmdline_take_options(opts, 0, words, 3), 0);
}

/* Secret options' values are replaced where they start a word; other
 * words, other options and look-alikes inside words stay; the result is
 * cut to the buffer. */
static void redact_secret_values(void)
{
	static const struct boot_option ropts[] = {
	    {.name = "ip", .take = take_ip},
	    {.name = "seed", .take = take_dns, .secret = true},
	};
	char out[64];

	cmdline_redact(ropts, 2, "seed=00ff ip=1.2.3.4/8 app xseed=1", out,
		       sizeof(out));
	CHECK_STR(out, "seed=<hidden> ip=1.2.3.4/8 app xseed=1");
	cmdline_redact(ropts, 2, "a\tseed=abc\tseed=", out, sizeof(out));
	CHECK_STR(out, "a\tseed=<hidden>\tseed=<hidden>");
	cmdline_redact(ropts, 2, "", out, sizeof(out));
	CHECK_STR(out, "");
	cmdline_redact(ropts, 2, "seed=0123456789", out, 9);
	CHECK_STR(out, "seed=<hi");
	cmdline_redact(ropts, 2, "ip=1 two", out, 5);
	CHECK_STR(out, "ip=1");
}

CHECK_MAIN("cmdline", CHECK_TEST(plain_words),
	   CHECK_TEST(runs_of_blanks_and_tabs), CHECK_TEST(single_quotes),
	   CHECK_TEST(double_quotes), CHECK_TEST(quotes_glued_to_text),
	   CHECK_TEST(backslash_escapes), CHECK_TEST(empty_line_gives_no_words),
	   CHECK_TEST(unclosed_quote_fails), CHECK_TEST(word_limit),
	   CHECK_TEST(options_lead_the_line), CHECK_TEST(options_edge_cases),
	   CHECK_TEST(redact_secret_values))
