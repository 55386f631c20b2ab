/*
 * Xenbus: the handshake between a frontend and its backend, written once
 * for every frontend (netfront, later blkfront). Each side has a
 * directory in xenstore with a "state" key (XenbusState*, <xen/io/xenbus.h>);
 * the frontend writes its ring references and features into its own
 * directory, switches state, and waits for the backend's. Thread context
 * only. Every call returns 0 or a negative errno; waits are bounded.
 */
#ifndef KERNEL_XENBUS_H
#define KERNEL_XENBUS_H

#include <kernel/types.h>
#include <xen/io/xenbus.h>

/* Paths of a device directory plus a key. */
#define XENBUS_PATH_MAX 128

/* One key to write: dir/name = value. */
struct xenbus_key {
	const char *name;
	char value[24];
};

/* Read dir/key into buf (NUL-terminated). Returns 0; -E2BIG when the
 * value does not fit in len bytes, or the store's error. */
int xenbus_read_key(const char *dir, const char *key, char *buf, size_t len);

/* Parse path's value as a decimal number (optional '-' for the int form),
 * strictly: digits only, no blanks, within range. Returns 0; -ENOENT for
 * a missing key, -EINVAL for a value that is not a number or out of
 * range; or the store's error. */
int xenbus_read_int(const char *path, int *out);
int xenbus_read_ulong(const char *path, unsigned long *out);

/* Strict decimal parsing of s (the pure part of the two above). */
int xenbus_parse_ulong(const char *s, unsigned long *out);

/* The state in dir/state: XenbusStateUnknown..XenbusStateReconfigured, or
 * XenbusStateClosed for a directory that is gone (-ENOENT), which is what
 * a removed device means; -EINVAL for a value out of range. */
int xenbus_read_state(const char *dir);

/* Write dir/state. */
int xenbus_switch_state(const char *dir, enum xenbus_state state);

/* Write dir/state only if it exists and differs, read and written in one
 * transaction, so that a directory the toolstack removes meanwhile (a
 * device being unplugged) is never created again. Returns 0, or -ENOENT
 * when dir/state is absent. */
int xenbus_switch_state_existing(const char *dir, enum xenbus_state state);

/* Write the n keys below dir in one transaction, retried while it
 * conflicts with other writers. */
int xenbus_write_keys(const char *dir, const struct xenbus_key *keys,
		      unsigned int n);

/* Format a number into k->value. */
void xenbus_key_ulong(struct xenbus_key *k, const char *name, unsigned long v);

/* Wait until otherend's state is in wanted (a mask of 1 << state) or
 * deadline_ns (monotonic) passes. The last state seen goes to *state.
 * Returns 0, or -ETIMEDOUT (also the store's errors). */
int xenbus_wait_state(const char *otherend, unsigned int wanted,
		      uint64_t deadline_ns, int *state);

#endif
