/*
 * Splitting the guest command line into argv, in place. Blanks (space,
 * tab, newline, carriage return) separate words; '...' and "..." keep
 * blanks inside a word and may be glued to unquoted text ("a'b c'd" is the
 * one word "ab cd"); a backslash makes the next character literal, inside
 * quotes too. A word is compacted where it starts, so the result never
 * outgrows the buffer. Skiff's own options lead the line and are taken
 * out before argv is built.
 */
#include <kernel/cmdline.h>
#include <kernel/string.h>
#include <kernel/types.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Unquote one word that starts at *pos, writing it over itself and
 * NUL-terminating it. Leaves *pos just past the blank that ended it
 * (or at the final NUL).
 * Returns false if a quote is not closed.
 */
static bool take_word(char **pos)
{
	char *r = *pos, *w = *pos;
	char quote = 0;

	while (*r && (quote || !is_blank(*r))) {
		if (*r == '\\' && r[1]) {
			*w++ = r[1]; /* escaped: copied as it is */
			r += 2;
		} else if (quote && *r == quote) {
			quote = 0;
			r++;
		} else if (!quote && (*r == '\'' || *r == '"')) {
			quote = *r++;
		} else {
			*w++ = *r++;
		}
	}
	if (quote)
		return false;
	/* w <= r: the terminator may land on the blank that ended the word,
	 * so step past that blank first. */
	*pos = *r ? r + 1 : r;
	*w = '\0';
	return true;
}

int cmdline_split(char *buf, char **argv, int max)
{
	int argc = 0;
	char *p = buf;

	if (max <= 0)
		return -1;
	for (;;) {
		while (is_blank(*p))
			p++;
		if (!*p)
			break;
		if (argc == max - 1)
			return -1; /* no room for this word and the NULL */
		argv[argc++] = p;
		if (!take_word(&p))
			return -1;
	}
	argv[argc] = NULL;
	return argc;
}

/* The option of opts[0..nopts) that word sets ("NAME=VALUE"), with
 * *value pointing at VALUE; NULL if none. */
static const struct boot_option *option_of(const struct boot_option *opts,
					   size_t nopts, const char *word,
					   const char **value)
{
	size_t i, len;

	for (i = 0; i < nopts; i++) {
		len = strlen(opts[i].name);
		if (!strncmp(word, opts[i].name, len) && word[len] == '=') {
			*value = word + len + 1;
			return &opts[i];
		}
	}
	return NULL;
}

#define HIDDEN "<hidden>"

void cmdline_redact(const struct boot_option *opts, size_t nopts,
		    const char *line, char *out, size_t size)
{
	const struct boot_option *o;
	const char *value, *p = line;
	size_t n = 0;

	if (!size)
		return;
	while (*p && n + 1 < size) {
		o = (p == line || p[-1] == ' ' || p[-1] == '\t')
			? option_of(opts, nopts, p, &value)
			: NULL;
		if (!o || !o->secret) {
			out[n++] = *p++;
			continue;
		}
		/* NAME= as it is, then the marker instead of the value. */
		while (p < value && n + 1 < size)
			out[n++] = *p++;
		for (value = HIDDEN; *value && n + 1 < size; value++)
			out[n++] = *value;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	out[n] = '\0';
}

int cmdline_take_options(const struct boot_option *opts, size_t nopts,
			 char *const *words, int n)
{
	const struct boot_option *o;
	const char *value;
	int i;

	for (i = 0; i < n; i++) {
		if (!strcmp(words[i], "--"))
			return i + 1;
		o = option_of(opts, nopts, words[i], &value);
		if (!o)
			break;
		o->take(value);
	}
	return i;
}
