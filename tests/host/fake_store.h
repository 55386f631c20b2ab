/*
 * A fake xenstore's keys for the host tests of xenbus code: a small
 * table of path = value, nothing more (each test plays the protocol
 * around it: transactions, watches, errors).
 */
#ifndef TESTS_HOST_FAKE_STORE_H
#define TESTS_HOST_FAKE_STORE_H

#include <stddef.h>

/* Forget every key. */
void store_clear(void);
/* Set path to value (created if absent). */
void store_put(const char *path, const char *value);
/* The value of path, or NULL. */
const char *store_get(const char *path);
/* xs_read() of the store: the value into buf; its length or -ENOENT. */
int store_read(const char *path, char *buf, size_t len);
/* Remove every key below dir (dir/...). */
void store_rm(const char *dir);
/* The children of path as xs_directory() returns them: names in buf,
 * up to max pointers in names; the number of children or -ENOENT. */
int store_directory(const char *path, char *buf, size_t len, const char **names,
		    int max);

#endif
