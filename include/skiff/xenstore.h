/*
 * Xenstore for apps. Paths without a leading '/' are relative to the
 * domain's own directory (/local/domain/<domid>/). Every call returns 0 or
 * a count on success and a negative Linux errno value on failure: -2
 * ENOENT, -13 EACCES, -11 EAGAIN (a transaction conflict), -7 E2BIG (more
 * than 4096 bytes), -110 ETIMEDOUT (the store did not answer within 5 s),
 * -19 ENODEV (no xenstore), -5 EIO (a broken reply). Any thread may call
 * these; several requests may be in flight at once.
 */
#ifndef SKIFF_XENSTORE_H
#define SKIFF_XENSTORE_H

#include <stddef.h>
#include <stdint.h>

/* A transaction id; XS_NO_TRANSACTION means "outside any transaction". */
typedef uint32_t xs_transaction_t;
#define XS_NO_TRANSACTION 0u

/* Read the value at path into buf (NUL-terminated, truncated to len-1).
 * Returns the value's full length. */
int xs_read(const char *path, char *buf, size_t len);

/* Write a NUL-terminated value to path, creating it (and its parents).
 * Returns 0. Stores limit a guest's values (xenstored: 2048 bytes by
 * default) and refuse longer ones with an error of their own. */
int xs_write(const char *path, const char *value);

/* Create an empty node at path (nothing happens if it exists). Returns 0. */
int xs_mkdir(const char *path);

/* Remove path and everything below it. Returns 0, also when path is
 * absent but its parent exists (the store's rule); -ENOENT when the parent
 * is absent too. */
int xs_rm(const char *path);

/* List the children of path. Their names are stored one after another,
 * NUL-terminated, in buf (len bytes), and up to max pointers to them in
 * names. Returns the number of children (may exceed max: then only max
 * were stored); -E2BIG if the names do not fit in buf. */
int xs_directory(const char *path, char *buf, size_t len, const char **names,
		 int max);

/* The same four, inside transaction t (XS_NO_TRANSACTION: outside). */
int xs_tx_read(xs_transaction_t t, const char *path, char *buf, size_t len);
int xs_tx_write(xs_transaction_t t, const char *path, const char *value);
int xs_tx_mkdir(xs_transaction_t t, const char *path);
int xs_tx_rm(xs_transaction_t t, const char *path);

/* One permission: domain domid may do access: XS_PERM_NONE, _READ, _WRITE
 * or _BOTH. The first entry of a node's list names its owner and gives
 * everyone else's access. */
#define XS_PERM_NONE 'n'
#define XS_PERM_READ 'r'
#define XS_PERM_WRITE 'w'
#define XS_PERM_BOTH 'b'
struct xs_perm {
	unsigned int domid;
	char access;
};

/* Read path's permissions into perms (up to max). Returns their number
 * (may exceed max: then only max were stored). */
int xs_get_perms(const char *path, struct xs_perm *perms, int max);

/* Set path's permissions to the n entries of perms (n >= 1). Returns 0;
 * -EINVAL for a bad access letter. */
int xs_set_perms(const char *path, const struct xs_perm *perms, int n);

/* Start a transaction; its id goes to *t. Returns 0. */
int xs_transaction_start(xs_transaction_t *t);

/* Commit t. Returns 0, or -EAGAIN when another writer changed what t
 * read or wrote: then nothing of t happened; start again. */
int xs_transaction_commit(xs_transaction_t t);

/* Throw t away. Returns 0. */
int xs_transaction_abort(xs_transaction_t t);

/* Run fn(t, arg) in a fresh transaction and commit it, again and again
 * while the commit says -EAGAIN (or fn itself returns -EAGAIN), at most
 * max_attempts times. A negative return from fn aborts the transaction.
 * Returns the number of attempts it took (>= 1), or a negative errno:
 * fn's, the commit's, or -EAGAIN when every attempt conflicted. */
int xs_transaction_run(int (*fn)(xs_transaction_t t, void *arg), void *arg,
		       int max_attempts);

/* Watch path and everything below it. Events for it carry token, which
 * must be unique among this domain's watches (at most 32 characters; up
 * to 16 watches; a path of at most 256 characters). The store sends one
 * event right away. A watch survives a save and restore or a migration
 * (the kernel registers it again with the new connection). Returns 0;
 * -EEXIST for a token in use, -ENOSPC when all watches are taken,
 * -EINVAL for a token or path too long. */
int xs_watch(const char *path, const char *token);

/* Stop the watch set with path and token; queued events are dropped.
 * Returns 0, or -ENOENT for a token not watched. */
int xs_unwatch(const char *path, const char *token);

/* Wait up to timeout_ms (0: do not wait) for the next event of the watch
 * with token; the changed path goes to buf (NUL-terminated, truncated to
 * len-1). Returns the path's full length; -ETIMEDOUT when no event came,
 * -ENOENT for a token not watched. Events are queued per watch (up to 8;
 * beyond that new ones are dropped with a message on the console). */
int xs_read_watch(const char *token, char *buf, size_t len,
		  unsigned int timeout_ms);

#endif
