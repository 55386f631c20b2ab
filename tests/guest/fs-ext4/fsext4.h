/* fs-ext4's shared helpers: the failure counter and its EXPECT, the
 * checksum printer, and the error cases of errors.c. */
#ifndef FS_EXT4_H
#define FS_EXT4_H

#include <stdio.h>
#include <string.h>

extern int failures;

#define EXPECT(cond, ...)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("FAIL: " __VA_ARGS__);                          \
			printf(" (line %d, errno %s)\n", __LINE__,             \
			       strerror(errno));                               \
			failures++;                                            \
		}                                                              \
	} while (0)

/* Prints "sum LABEL SIZE SHA256" of the file at path (read to its end). */
void fsext4_sum(const char *path, const char *label);

/* The symbolic name of an errno value ("ENOENT"), or "E<number>". */
const char *fsext4_errname(int e);

/* Prints "err LABEL NAME" for a call's result: "ok" when r >= 0, else
 * errno's name; check.sh holds the names Linux gives. */
void fsext4_report(const char *label, long r);

/* The error cases on /data (read-write) and /ro (read-only). */
void fsext4_errors(void);
void fsext4_readonly(void);

#endif
