/*
 * Xenstore transactions: start, commit, abort, and a helper that runs a
 * whole transaction again while the store reports a conflict (-EAGAIN at
 * commit), which is how every reader-modify-writer of shared keys has to
 * work.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>

#include "xs_priv.h"

/* A transaction id as the store sends it: decimal, non-zero, 32 bits. */
static int parse_id(const char *s, xs_transaction_t *t)
{
	uint64_t v = 0;

	if (!*s)
		return -EIO;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EIO;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > 0xffffffffu)
			return -EIO;
	}
	if (!v)
		return -EIO;
	*t = (xs_transaction_t)v;
	return 0;
}

int xs_transaction_start(xs_transaction_t *t)
{
	struct xs_part p = {"", 1}; /* the payload is one empty string */
	char id[16];
	int rc;

	rc = xs_request(XS_TRANSACTION_START, XS_NO_TRANSACTION, &p, 1, id,
			sizeof(id));
	if (rc < 0)
		return rc;
	if ((size_t)rc >= sizeof(id))
		return -EIO;
	return parse_id(id, t);
}

/* End t: "T" commits, "F" aborts. */
static int end(xs_transaction_t t, const char *how)
{
	struct xs_part p = {how, 2};
	int rc;

	if (t == XS_NO_TRANSACTION)
		return -EINVAL;
	rc = xs_request(XS_TRANSACTION_END, t, &p, 1, NULL, 0);
	return rc < 0 ? rc : 0;
}

int xs_transaction_commit(xs_transaction_t t)
{
	return end(t, "T");
}

int xs_transaction_abort(xs_transaction_t t)
{
	return end(t, "F");
}

/* One attempt: 0 committed, -EAGAIN conflict, else an error. */
static int attempt(int (*fn)(xs_transaction_t, void *), void *arg)
{
	xs_transaction_t t;
	int rc;

	if ((rc = xs_transaction_start(&t)))
		return rc;
	rc = fn(t, arg);
	if (rc < 0) {
		xs_transaction_abort(t);
		return rc;
	}
	return xs_transaction_commit(t);
}

int xs_transaction_run(int (*fn)(xs_transaction_t t, void *arg), void *arg,
		       int max_attempts)
{
	int n, rc = -EAGAIN;

	for (n = 1; n <= max_attempts; n++) {
		rc = attempt(fn, arg);
		if (rc != -EAGAIN)
			return rc < 0 ? rc : n;
	}
	printk("xenstore: transaction still conflicting after %d attempts\n",
	       max_attempts);
	return rc;
}
