/*
 * The xenstore client's plain calls over the fake store (fake_store.c),
 * for the tests and fuzzers of the xenbus frontend skeleton: every call
 * succeeds at once and a transaction is one attempt that always
 * commits. Watches are each harness's own.
 */
#include <kernel/xenstore.h>
#include <skiff/xenstore.h>

#include "fake_store.h"

int xs_read(const char *path, char *buf, size_t len)
{
	return store_read(path, buf, len);
}

int xs_write(const char *path, const char *value)
{
	store_put(path, value);
	return 0;
}

int xs_tx_read(xs_transaction_t t, const char *path, char *buf, size_t len)
{
	(void)t;
	return xs_read(path, buf, len);
}

int xs_tx_write(xs_transaction_t t, const char *path, const char *value)
{
	(void)t;
	return xs_write(path, value);
}

int xs_transaction_run(int (*fn)(xs_transaction_t t, void *arg), void *arg,
		       int max_attempts)
{
	int rc = fn(1, arg);

	(void)max_attempts;
	return rc < 0 ? rc : 1;
}

int xs_directory(const char *path, char *buf, size_t len, const char **names,
		 int max)
{
	return store_directory(path, buf, len, names, max);
}

bool xs_available(void)
{
	return true;
}
