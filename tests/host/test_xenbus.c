/*
 * Tests of xen/xenbus.c, the frontends' handshake helpers, over a
 * fake xenstore played here: a small table of keys, transactions whose
 * first commits can be made to conflict, and watch events scripted
 * against a fake clock.
 */
#include <stdio.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/time.h>
#include <kernel/xenbus.h>
#include <skiff/xenstore.h>

#include "check.h"

#define KEYS 32

static struct {
	struct {
		char path[128];
		char value[64];
	} k[KEYS];
	int n;
	int read_err;  /* forced error of xs_read, 0: none */
	int conflicts; /* commits that still fail with -EAGAIN */
	int attempts;  /* transaction attempts made */
	uint64_t now;  /* the fake monotonic clock, ns */
	bool watching;
	int script_n, script_i; /* scripted state changes */
	struct {
		uint64_t at; /* when the backend writes it */
		const char *state;
	} script[8];
} fx;

static void reset(void)
{
	memset(&fx, 0, sizeof(fx));
	fx.now = 1000 * NSEC_PER_SEC;
}

static int find(const char *path)
{
	int i;

	for (i = 0; i < fx.n; i++)
		if (!strcmp(fx.k[i].path, path))
			return i;
	return -1;
}

static void put(const char *path, const char *value)
{
	int i = find(path);

	if (i < 0) {
		i = fx.n++;
		snprintf(fx.k[i].path, sizeof(fx.k[i].path), "%s", path);
	}
	snprintf(fx.k[i].value, sizeof(fx.k[i].value), "%s", value);
}

static const char *get(const char *path)
{
	int i = find(path);

	return i < 0 ? NULL : fx.k[i].value;
}

/* --- The xenstore and clock xenbus.c links against --------------------- */

int xs_read(const char *path, char *buf, size_t len)
{
	const char *v = get(path);

	if (fx.read_err)
		return fx.read_err;
	if (!v)
		return -ENOENT;
	snprintf(buf, len, "%s", v);
	return (int)strlen(v);
}

int xs_write(const char *path, const char *value)
{
	put(path, value);
	return 0;
}

int xs_tx_read(xs_transaction_t t, const char *path, char *buf, size_t len)
{
	CHECK_EQ_U64(t, 77);
	return xs_read(path, buf, len);
}

int xs_tx_write(xs_transaction_t t, const char *path, const char *value)
{
	CHECK_EQ_U64(t, 77);
	put(path, value);
	return 0;
}

int xs_transaction_run(int (*fn)(xs_transaction_t t, void *arg), void *arg,
		       int max_attempts)
{
	int i, rc;

	for (i = 1; i <= max_attempts; i++) {
		fx.attempts++;
		if ((rc = fn(77, arg)) < 0)
			return rc;
		if (fx.conflicts-- > 0) {
			fx.n = 0; /* the conflicting commit wrote nothing */
			continue;
		}
		return i;
	}
	return -EAGAIN;
}

int xs_watch(const char *path, const char *token)
{
	(void)path;
	(void)token;
	CHECK(!fx.watching);
	fx.watching = true;
	return 0;
}

int xs_unwatch(const char *path, const char *token)
{
	(void)path;
	(void)token;
	CHECK(fx.watching);
	fx.watching = false;
	return 0;
}

/* The next scripted change happens if it comes before the timeout. */
int xs_read_watch(const char *token, char *buf, size_t len,
		  unsigned int timeout_ms)
{
	uint64_t until = fx.now + (uint64_t)timeout_ms * NSEC_PER_MSEC;

	(void)token;
	CHECK(fx.watching);
	if (fx.script_i < fx.script_n && fx.script[fx.script_i].at <= until) {
		fx.now = MAX(fx.now, fx.script[fx.script_i].at);
		put("/be/state", fx.script[fx.script_i++].state);
		snprintf(buf, len, "/be/state");
		return 9;
	}
	fx.now = until;
	return -ETIMEDOUT;
}

uint64_t time_monotonic_ns(void)
{
	return fx.now;
}

/* --- Tests ---------------------------------------------------------------- */

static void test_parse_ulong(void)
{
	static const char *const bad[] = {
	    "", "-1", " 1", "1 ", "1a", "0x10", "+1", "18446744073709551616"};
	unsigned long v = 5;
	unsigned int i;

	CHECK_EQ_I64(xenbus_parse_ulong("0", &v), 0);
	CHECK_EQ_U64(v, 0);
	CHECK_EQ_I64(xenbus_parse_ulong("18446744073709551615", &v), 0);
	CHECK_EQ_U64(v, ~0UL);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		v = 5;
		if (!CHECK_EQ_I64(xenbus_parse_ulong(bad[i], &v), -EINVAL))
			FAIL("accepted '%s'", bad[i]);
		CHECK_EQ_U64(v, 5);
	}
}

static void test_read_int(void)
{
	int v = 0;

	reset();
	put("a", "42");
	put("b", "-2147483648");
	put("c", "2147483648");
	put("d", "4x");
	put("e", "123456789012345678901234567890");
	CHECK_EQ_I64(xenbus_read_int("a", &v), 0);
	CHECK_EQ_I64(v, 42);
	CHECK_EQ_I64(xenbus_read_int("b", &v), 0);
	CHECK_EQ_I64(v, -2147483647 - 1);
	CHECK_EQ_I64(xenbus_read_int("c", &v), -EINVAL);
	CHECK_EQ_I64(xenbus_read_int("d", &v), -EINVAL);
	CHECK_EQ_I64(xenbus_read_int("e", &v), -EINVAL); /* too long */
	CHECK_EQ_I64(xenbus_read_int("missing", &v), -ENOENT);
	fx.read_err = -EACCES;
	CHECK_EQ_I64(xenbus_read_int("a", &v), -EACCES);
}

static void test_read_key(void)
{
	char buf[6];

	reset();
	put("dev/mac", "abcde");
	put("dev/long", "abcdef");
	CHECK_EQ_I64(xenbus_read_key("dev", "mac", buf, sizeof(buf)), 0);
	CHECK_STR(buf, "abcde");
	CHECK_EQ_I64(xenbus_read_key("dev", "long", buf, sizeof(buf)), -E2BIG);
	CHECK_EQ_I64(xenbus_read_key("dev", "none", buf, sizeof(buf)), -ENOENT);
	fx.read_err = -EACCES;
	CHECK_EQ_I64(xenbus_read_key("dev", "mac", buf, sizeof(buf)), -EACCES);
}

static void test_read_and_switch_state(void)
{
	reset();
	CHECK_EQ_I64(xenbus_read_state("/be"), XenbusStateClosed); /* gone */
	put("/be/state", "4");
	CHECK_EQ_I64(xenbus_read_state("/be"), XenbusStateConnected);
	put("/be/state", "9");
	CHECK_EQ_I64(xenbus_read_state("/be"), -EINVAL);
	put("/be/state", "");
	CHECK_EQ_I64(xenbus_read_state("/be"), -EINVAL);
	CHECK_EQ_I64(xenbus_switch_state("device/vif/0", XenbusStateClosed), 0);
	CHECK_STR(get("device/vif/0/state"), "6");
}

static void test_switch_state_existing(void)
{
	reset();
	/* Absent: nothing is created. */
	CHECK_EQ_I64(xenbus_switch_state_existing("dev", XenbusStateClosed),
		     -ENOENT);
	CHECK(get("dev/state") == NULL);
	put("dev/state", "4");
	CHECK_EQ_I64(xenbus_switch_state_existing("dev", XenbusStateClosed), 0);
	CHECK_STR(get("dev/state"), "6");
	/* The toolstack removes the directory during our first attempt:
	 * the commit conflicts, and the retry finds it gone. */
	reset();
	put("dev/state", "4");
	fx.conflicts = 1; /* wipes the store, as a concurrent rm would */
	CHECK_EQ_I64(xenbus_switch_state_existing("dev", XenbusStateClosed),
		     -ENOENT);
	CHECK(get("dev/state") == NULL);
}

static void test_write_keys_retries(void)
{
	struct xenbus_key k[3];

	reset();
	xenbus_key_ulong(&k[0], "tx-ring-ref", 8);
	xenbus_key_ulong(&k[1], "event-channel", 4294967295UL);
	k[2].name = "state";
	snprintf(k[2].value, sizeof(k[2].value), "4");
	fx.conflicts = 2;
	CHECK_EQ_I64(xenbus_write_keys("device/vif/3", k, 3), 0);
	CHECK_EQ_I64(fx.attempts, 3);
	CHECK_STR(get("device/vif/3/tx-ring-ref"), "8");
	CHECK_STR(get("device/vif/3/event-channel"), "4294967295");
	CHECK_STR(get("device/vif/3/state"), "4");
	/* Conflicts without end give up with -EAGAIN. */
	reset();
	fx.conflicts = 1000;
	CHECK_EQ_I64(xenbus_write_keys("d", k, 3), -EAGAIN);
}

static void test_wait_state_reached(void)
{
	int st = -1;

	reset();
	put("/be/state", "1");
	fx.script[0].at = fx.now + 100 * NSEC_PER_MSEC;
	fx.script[0].state = "2";
	fx.script[1].at = fx.now + 300 * NSEC_PER_MSEC;
	fx.script[1].state = "4";
	fx.script_n = 2;
	CHECK_EQ_I64(xenbus_wait_state("/be", 1u << XenbusStateConnected,
				       fx.now + NSEC_PER_SEC, &st),
		     0);
	CHECK_EQ_I64(st, XenbusStateConnected);
	CHECK(!fx.watching); /* the watch is gone again */
	/* Already there: no wait at all. */
	CHECK_EQ_I64(
	    xenbus_wait_state("/be", 1u << XenbusStateConnected, fx.now, &st),
	    0);
}

static void test_wait_state_deadline(void)
{
	uint64_t start, deadline;
	int st = -1;

	reset();
	start = fx.now;
	deadline = start + 10 * NSEC_PER_SEC;
	put("/be/state", "2");
	fx.script[0].at = start + 20 * NSEC_PER_SEC; /* too late */
	fx.script[0].state = "4";
	fx.script_n = 1;
	CHECK_EQ_I64(
	    xenbus_wait_state("/be", 1u << XenbusStateConnected, deadline, &st),
	    -ETIMEDOUT);
	CHECK_EQ_I64(st, XenbusStateInitWait);
	CHECK(fx.now >= deadline);
	CHECK(fx.now < deadline + NSEC_PER_SEC);
	CHECK(!fx.watching);
}

CHECK_MAIN("xenbus", CHECK_TEST(test_parse_ulong), CHECK_TEST(test_read_int),
	   CHECK_TEST(test_read_key), CHECK_TEST(test_read_and_switch_state),
	   CHECK_TEST(test_switch_state_existing),
	   CHECK_TEST(test_write_keys_retries),
	   CHECK_TEST(test_wait_state_reached),
	   CHECK_TEST(test_wait_state_deadline))
