/*
 * Splitting the guest command line (xl's extra=) into argv.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stddef.h>

/* Split buf in place into at most max-1 words, NULL-terminated in argv.
 * Words are separated by blanks; '...' and "..." group blanks into a word
 * and a backslash escapes the next character. Returns the word count, or
 * -1 when there are more than max-1 words or a quote is not closed. */
int cmdline_split(char *buf, char **argv, int max);

#endif
