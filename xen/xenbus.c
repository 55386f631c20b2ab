/*
 * Xenbus handshake helpers shared by the frontends (<kernel/xenbus.h>):
 * strict number parsing of keys, state reads and switches, several keys
 * in one transaction, and a bounded wait for the other end's state built
 * on a xenstore watch.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/xenbus.h>
#include <skiff/xenstore.h>

#define NUM_MAX 24	  /* characters of a number we accept */
#define WRITE_ATTEMPTS 20 /* transaction retries */
#define TOKEN_MAX 32

static struct {
	unsigned int next_token; /* makes wait tokens unique */
} xb;

int xenbus_parse_ulong(const char *s, unsigned long *out)
{
	unsigned long v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (d > 9 || v > (~0UL - d) / 10)
			return -EINVAL;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* Read path into buf, refusing values longer than buf holds (-E2BIG). */
static int read_fit(const char *path, char *buf, size_t len)
{
	int rc = xs_read(path, buf, len);

	if (rc >= 0 && (size_t)rc >= len)
		return -E2BIG;
	return rc < 0 ? rc : 0;
}

/* The text of a number at path: one too long for buf is out of range. */
static int read_number(const char *path, char buf[NUM_MAX])
{
	int rc = read_fit(path, buf, NUM_MAX);

	return rc == -E2BIG ? -EINVAL : rc;
}

int xenbus_read_ulong(const char *path, unsigned long *out)
{
	char buf[NUM_MAX];
	int rc = read_number(path, buf);

	return rc ? rc : xenbus_parse_ulong(buf, out);
}

int xenbus_read_key(const char *dir, const char *key, char *buf, size_t len)
{
	char path[XENBUS_PATH_MAX];

	snprintk(path, sizeof(path), "%s/%s", dir, key);
	return read_fit(path, buf, len);
}

int xenbus_read_int(const char *path, int *out)
{
	char buf[NUM_MAX];
	unsigned long v;
	bool neg;
	int rc = read_number(path, buf);

	if (rc)
		return rc;
	neg = buf[0] == '-';
	if ((rc = xenbus_parse_ulong(buf + neg, &v)))
		return rc;
	if (v > (neg ? 2147483648UL : 2147483647UL))
		return -EINVAL;
	*out = neg ? (int)-(long)v : (int)v;
	return 0;
}

int xenbus_read_state(const char *dir)
{
	char path[XENBUS_PATH_MAX];
	unsigned long v;
	int rc;

	snprintk(path, sizeof(path), "%s/state", dir);
	rc = xenbus_read_ulong(path, &v);
	if (rc == -ENOENT)
		return XenbusStateClosed;
	if (rc)
		return rc;
	return v > XenbusStateReconfigured ? -EINVAL : (int)v;
}

int xenbus_switch_state(const char *dir, enum xenbus_state state)
{
	char path[XENBUS_PATH_MAX], val[4];

	snprintk(path, sizeof(path), "%s/state", dir);
	snprintk(val, sizeof(val), "%d", (int)state);
	return xs_write(path, val);
}

struct switch_job {
	const char *path;
	char value[4];
};

static int switch_fn(xs_transaction_t t, void *arg)
{
	struct switch_job *j = arg;
	char cur[8];
	int rc = xs_tx_read(t, j->path, cur, sizeof(cur));

	if (rc < 0)
		return rc;
	if (!strcmp(cur, j->value))
		return 0;
	return xs_tx_write(t, j->path, j->value);
}

int xenbus_switch_state_existing(const char *dir, enum xenbus_state state)
{
	struct switch_job j;
	char path[XENBUS_PATH_MAX];
	int rc;

	snprintk(path, sizeof(path), "%s/state", dir);
	j.path = path;
	snprintk(j.value, sizeof(j.value), "%d", (int)state);
	rc = xs_transaction_run(switch_fn, &j, WRITE_ATTEMPTS);
	return rc < 0 ? rc : 0;
}

void xenbus_key_ulong(struct xenbus_key *k, const char *name, unsigned long v)
{
	k->name = name;
	snprintk(k->value, sizeof(k->value), "%lu", v);
}

struct write_job {
	const char *dir;
	const struct xenbus_key *keys;
	unsigned int n;
};

static int write_fn(xs_transaction_t t, void *arg)
{
	struct write_job *j = arg;
	char path[XENBUS_PATH_MAX];
	unsigned int i;
	int rc;

	for (i = 0; i < j->n; i++) {
		snprintk(path, sizeof(path), "%s/%s", j->dir, j->keys[i].name);
		if ((rc = xs_tx_write(t, path, j->keys[i].value)) < 0)
			return rc;
	}
	return 0;
}

int xenbus_write_keys(const char *dir, const struct xenbus_key *keys,
		      unsigned int n)
{
	struct write_job j = {dir, keys, n};
	int rc = xs_transaction_run(write_fn, &j, WRITE_ATTEMPTS);

	return rc < 0 ? rc : 0;
}

/* Milliseconds from now until deadline (at least 1, so a wait happens). */
static unsigned int ms_until(uint64_t deadline)
{
	uint64_t now = time_monotonic_ns();

	if (now >= deadline)
		return 0;
	return (unsigned int)MIN((deadline - now) / NSEC_PER_MSEC + 1,
				 (uint64_t)3600000);
}

int xenbus_wait_state(const char *otherend, unsigned int wanted,
		      uint64_t deadline_ns, int *state)
{
	char path[XENBUS_PATH_MAX], token[TOKEN_MAX], ev[8];
	int rc, st = XenbusStateUnknown;

	snprintk(path, sizeof(path), "%s/state", otherend);
	snprintk(token, sizeof(token), "xenbus:%u", xb.next_token++);
	if ((rc = xs_watch(path, token)) < 0)
		return rc;
	for (;;) {
		unsigned int ms;

		st = xenbus_read_state(otherend);
		if (st >= 0 && (wanted & (1u << st))) {
			rc = 0;
			break;
		}
		if (!(ms = ms_until(deadline_ns))) {
			rc = -ETIMEDOUT;
			break;
		}
		rc = xs_read_watch(token, ev, sizeof(ev), ms);
		if (rc < 0 && rc != -ETIMEDOUT)
			break;
	}
	xs_unwatch(path, token);
	if (state)
		*state = st;
	return rc;
}
