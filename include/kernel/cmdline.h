/*
 * Splitting the guest command line (xl's extra=) into argv.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

/* Split buf in place into at most max-1 words, NULL-terminated in argv.
 * Words are separated by blanks; '...' and "..." group blanks into a word
 * and a backslash escapes the next character. Returns the word count, or
 * -1 when there are more than max-1 words or a quote is not closed. */
int cmdline_split(char *buf, char **argv, int max);

/* An option of Skiff's at the start of the command line: "NAME=VALUE".
 * take(value) keeps the value (the boot context calls it: no malloc, no
 * blocking). */
struct boot_option {
	const char *name;
	void (*take)(const char *value);
	bool secret; /* its value is never printed (seed=) */
};

/* Take the leading options from words[0..n): each word that sets one of
 * opts[0..nopts) goes to its take(), up to the first other word or a
 * "--", which is taken too. The last of a repeated option wins (take is
 * called for each). Returns the number of words taken. */
int cmdline_take_options(const struct boot_option *opts, size_t nopts,
			 char *const *words, int n);

/* line as it may be shown: copied to out (at most size bytes with the
 * NUL), with the value of every secret option of opts[0..nopts) that
 * starts a word replaced by "<hidden>". */
void cmdline_redact(const struct boot_option *opts, size_t nopts,
		    const char *line, char *out, size_t size);

#endif
