/*
 * Xenstore for apps. Paths without a leading '/' are relative to the
 * domain's own directory (/local/domain/<domid>/). All calls return 0 or a
 * byte count on success and a negative Linux errno value on failure (e.g.
 * -2 for ENOENT, -13 for EACCES, -110 for a store that does not answer).
 */
#ifndef SKIFF_XENSTORE_H
#define SKIFF_XENSTORE_H

#include <stddef.h>

/* Read the value at path into buf (NUL-terminated, truncated to len-1).
 * Returns the value's full length. */
int xs_read(const char *path, char *buf, size_t len);

/* Write a NUL-terminated value to path, creating it if needed. */
int xs_write(const char *path, const char *value);

#endif
