/*
 * Tests of drivers/netdev.c, the registry between network drivers and the
 * stack: registration order and limit, one client per device, link
 * changes reported once per change (and at attach when already up),
 * devices reserved for the app's raw-frame API, the wait for every
 * device to settle, over a fake wait queue, and unplugged devices.
 */
#include <string.h>

#include <kernel/errno.h>
#include <kernel/netdev.h>
#include <kernel/sched.h>

#include "check.h"

/* The app reserves vif 1 (as SKIFF_NETDEV_RAW(1u << 1) would). */
const unsigned int skiff_netdev_raw_mask = 1u << 1;

static struct {
	struct netdev dev[NETDEV_MAX + 1];
	struct netdev later[DEVREG_SLOTS(NETDEV_MAX)]; /* attached later */
	int removed;				       /* removed() calls */
	struct netdev *added; /* what the added hook saw last */
	int ups, downs, frames;
	size_t last_len;
	unsigned int last_flags;
	void (*on_wait)(void); /* what "another thread" does while we wait */
	int waits;
} fx;

/* --- The scheduler netdev.c links against ------------------------------- */

void wq_init(struct wait_queue *wq)
{
	list_init(&wq->waiters);
}

void wq_wake_all(struct wait_queue *wq)
{
	(void)wq;
}

bool wq_wait_until(struct wait_queue *wq, uint64_t deadline_ns)
{
	(void)wq;
	(void)deadline_ns;
	fx.waits++;
	if (!fx.on_wait)
		return false; /* nobody comes: the deadline passes */
	fx.on_wait();
	return true;
}

static void link_cb(void *arg, bool up)
{
	CHECK(arg == &fx);
	if (up)
		fx.ups++;
	else
		fx.downs++;
}

static void rx_cb(void *arg, const struct netdev_seg *segs, unsigned int n,
		  size_t len, unsigned int fl)
{
	char got[8] = "";

	if (len < sizeof(got))
		netdev_segs_copy(segs, n, 0, got, len);
	CHECK_STR(got, "abc");
	fx.last_flags = fl;
	CHECK(arg == &fx);
	fx.frames++;
	fx.last_len = len;
}

static const struct netdev_client client = {
    .receive = rx_cb, .link_changed = link_cb, .arg = &fx};

static int tx_ok(struct netdev *nd, const struct netdev_seg *s, unsigned n,
		 unsigned int fl)
{
	(void)nd;
	return (int)(s[0].len + n + 10 * fl);
}

static const struct netdev_ops ops = {tx_ok};

/* Registers devices 0..n-1 once (the registry keeps them). */
static void register_all(void)
{
	static bool done;
	unsigned int i;

	if (done)
		return;
	done = true;
	for (i = 0; i < NETDEV_MAX + 1; i++) {
		fx.dev[i].index = i;
		fx.dev[i].ops = i == 3 ? NULL : &ops;
		CHECK_EQ_I64(netdev_register(&fx.dev[i]),
			     i < NETDEV_MAX ? 0 : -ENOSPC);
	}
}

static void test_register_and_get(void)
{
	unsigned int i;

	register_all();
	CHECK_EQ_U64(netdev_count(), NETDEV_MAX);
	for (i = 0; i < NETDEV_MAX; i++)
		CHECK(netdev_get(i) == &fx.dev[i]);
	CHECK(netdev_get(NETDEV_MAX) == NULL);
}

/* "abc" in two pieces */
static const struct netdev_seg abc[2] = {{"a", 1}, {"bc", 2}};

/* Copying a frame out of its pieces: any offset and length, empty
 * pieces skipped, nothing past the frame's end. */
static void test_segs_copy(void)
{
	const struct netdev_seg segs[] = {
	    {"01", 2}, {"", 0}, {"234", 3}, {"5", 1}, {"6789", 4}};
	char out[16];
	size_t off, len;

	for (off = 0; off <= 10; off++)
		for (len = 0; len <= 12; len++) {
			size_t want = off + len > 10 ? 10 - off : len;

			memset(out, '.', sizeof(out));
			if (!CHECK_EQ_U64(
				netdev_segs_copy(segs, 5, off, out, len), want))
				return;
			CHECK_MEM(out, "0123456789" + off, want);
			CHECK_EQ_U64(out[want], '.');
		}
	CHECK_EQ_U64(netdev_segs_copy(segs, 0, 0, out, 4), 0);
}

static void test_attach_and_link(void)
{
	struct netdev *nd = &fx.dev[0];

	register_all();
	memset(&fx.ups, 0, sizeof(int) * 3);
	CHECK_EQ_I64(netdev_attach(nd, &client), 0);
	CHECK_EQ_I64(netdev_attach(nd, &client), -EBUSY);
	CHECK_EQ_I64(fx.ups, 0); /* link still down */
	netdev_link_changed(nd, true);
	netdev_link_changed(nd, true); /* no change: not reported */
	CHECK_EQ_I64(fx.ups, 1);
	CHECK(nd->link_up && nd->node.settled);
	netdev_link_changed(nd, false);
	CHECK_EQ_I64(fx.downs, 1);
	netdev_receive(nd, abc, 2, 3, NETDEV_RX_CSUM_OK);
	CHECK_EQ_I64(fx.frames, 1);
	CHECK_EQ_U64(fx.last_len, 3);
	CHECK_EQ_U64(fx.last_flags, NETDEV_RX_CSUM_OK);
	/* A device whose link is up already reports it at attach. */
	netdev_link_changed(&fx.dev[2], true);
	CHECK_EQ_I64(netdev_attach(&fx.dev[2], &client), 0);
	CHECK_EQ_I64(fx.ups, 2);
	/* Frames for a device without client go nowhere. */
	netdev_receive(&fx.dev[4], abc, 2, 3, 0);
	CHECK_EQ_I64(fx.frames, 1);
}

static void test_transmit(void)
{
	struct netdev_seg s = {"abcd", 4};

	register_all();
	CHECK_EQ_I64(netdev_transmit(&fx.dev[0], &s, 1, 0), 5);
	CHECK_EQ_I64(netdev_transmit(&fx.dev[0], &s, 1, 1), 15); /* flags */
	CHECK_EQ_I64(netdev_transmit(&fx.dev[3], &s, 1, 0), -ENODEV);
}

static void test_reserved_for_app(void)
{
	register_all();
	CHECK(fx.dev[1].reserved);
	CHECK(!fx.dev[0].reserved);
	CHECK_EQ_I64(netdev_attach(&fx.dev[1], &client), -EBUSY);
	CHECK_EQ_I64(netdev_claim(&fx.dev[1], &client), 0);
	CHECK_EQ_I64(netdev_claim(&fx.dev[1], &client), -EBUSY);
}

static void settle_rest(void)
{
	unsigned int i;

	for (i = 0; i < NETDEV_MAX; i++)
		if (!fx.dev[i].node.settled) {
			netdev_settle(&fx.dev[i]);
			return; /* one per wake-up */
		}
}

static void test_wait_settled(void)
{
	register_all();
	fx.waits = 0;
	fx.on_wait = NULL;
	CHECK_EQ_I64(netdev_wait_settled(1), -ETIMEDOUT);
	CHECK_EQ_I64(fx.waits, 1);
	fx.on_wait = settle_rest;
	CHECK_EQ_I64(netdev_wait_settled(1), 0);
	CHECK(fx.waits > 2);
	fx.waits = 0;
	CHECK_EQ_I64(netdev_wait_settled(1), 0); /* all settled: no wait */
	CHECK_EQ_I64(fx.waits, 0);
}

static void removed_cb(void *arg)
{
	CHECK(arg == &fx);
	fx.removed++;
}

static void added_cb(struct netdev *nd)
{
	fx.added = nd;
}

/* Unplugged devices keep their index, leave room for new ones, and are
 * unusable; the stack hears of devices registered later. Runs last: the
 * registry keeps what it is given. */
static void test_unregister(void)
{
	struct netdev_client c = client;
	struct netdev_seg s = {"abc", 3};
	unsigned int i, n;

	register_all();
	c.removed = removed_cb;
	CHECK_EQ_I64(netdev_attach(&fx.dev[5], &c), 0);
	netdev_link_changed(&fx.dev[5], true);
	fx.downs = fx.removed = 0;
	netdev_unregister(&fx.dev[5]);
	CHECK_EQ_I64(fx.downs, 1); /* the link went down first */
	CHECK_EQ_I64(fx.removed, 1);
	CHECK(fx.dev[5].node.removed && !fx.dev[5].link_up);
	CHECK_EQ_I64(netdev_transmit(&fx.dev[5], &s, 1, 0), -ENODEV);
	CHECK_EQ_I64(netdev_attach(&fx.dev[5], &client), -ENODEV);
	CHECK(netdev_get(5) == &fx.dev[5]); /* its index stays */
	netdev_unregister(&fx.dev[5]);	    /* twice: nothing more */
	CHECK_EQ_I64(fx.removed, 1);
	/* Room for one more now, which the stack hears of. */
	netdev_set_added_hook(added_cb);
	fx.later[0].ops = &ops;
	CHECK_EQ_I64(netdev_register(&fx.later[0]), 0);
	CHECK(fx.added == &fx.later[0]);
	CHECK(netdev_get(NETDEV_MAX) == &fx.later[0]);
	CHECK_EQ_I64(netdev_register(&fx.later[1]), -ENOSPC);
	/* Registrations in a life are bounded too. */
	n = NETDEV_MAX + 1;
	for (i = 0; n < DEVREG_SLOTS(NETDEV_MAX); i++, n++) {
		netdev_unregister(i ? &fx.later[i - 1] : &fx.dev[6]);
		fx.later[i + 1].ops = &ops;
		if (!CHECK_EQ_I64(netdev_register(&fx.later[i + 1]), 0))
			break;
	}
	CHECK_EQ_U64(netdev_count(), DEVREG_SLOTS(NETDEV_MAX));
	netdev_unregister(&fx.later[i]);
	CHECK_EQ_I64(netdev_register(&fx.later[i + 1]), -ENOSPC);
	netdev_set_added_hook(NULL);
}

CHECK_MAIN("netdev", CHECK_TEST(test_segs_copy),
	   CHECK_TEST(test_register_and_get), CHECK_TEST(test_attach_and_link),
	   CHECK_TEST(test_transmit), CHECK_TEST(test_reserved_for_app),
	   CHECK_TEST(test_wait_settled), CHECK_TEST(test_unregister))
