/*
 * Tests of xen/xs_wire.c: the xenstore protocol without the ring.
 * The store is played by hand-built byte streams, including hostile ones:
 * lengths beyond the payload limit, truncated messages, replies for
 * requests nobody sent and replies of the wrong type.
 */
#include <string.h>

#include "../../xen/xs_wire.h"
#include "check.h"

#define HDR sizeof(struct xsd_sockmsg)

static struct xs_rx rx;

/* A message as the store would send it: header, then len payload bytes. */
static size_t make_msg(char *out, uint32_t type, uint32_t id, const char *p,
		       uint32_t len)
{
	struct xsd_sockmsg h = {.type = type, .req_id = id, .len = len};

	memcpy(out, &h, HDR);
	memcpy(out + HDR, p, len);
	return HDR + len;
}

static void encode_layout(void)
{
	char out[XS_MSG_MAX];
	struct xs_part p[2] = {{"a/b", 4}, {"val", 3}};
	struct xsd_sockmsg h;
	int n = xs_wire_encode(out, sizeof(out), XS_WRITE, 7, 9, p, 2);

	CHECK_EQ_I64(n, HDR + 7);
	memcpy(&h, out, HDR);
	CHECK_EQ_U64(h.type, XS_WRITE);
	CHECK_EQ_U64(h.req_id, 7);
	CHECK_EQ_U64(h.tx_id, 9);
	CHECK_EQ_U64(h.len, 7);
	CHECK_MEM(out + HDR, "a/b\0val", 7);
}

static void encode_limits(void)
{
	static char big[XENSTORE_PAYLOAD_MAX + 1];
	char out[XS_MSG_MAX], small[HDR + 2];
	struct xs_part max = {big, XENSTORE_PAYLOAD_MAX};
	struct xs_part over[2] = {{big, XENSTORE_PAYLOAD_MAX}, {"x", 1}};
	struct xs_part p = {"abc", 4};

	CHECK_EQ_I64(xs_wire_encode(out, sizeof(out), XS_READ, 1, 0, &max, 1),
		     XS_MSG_MAX);
	CHECK_EQ_I64(xs_wire_encode(out, sizeof(out), XS_READ, 1, 0, over, 2),
		     -E2BIG);
	CHECK_EQ_I64(xs_wire_encode(small, sizeof(small), XS_READ, 1, 0, &p, 1),
		     -E2BIG);
}

static void feed_whole_and_bytewise(void)
{
	char s[64];
	size_t n = make_msg(s, XS_READ, 3, "hello", 5), used, i;
	int st = 0;

	xs_rx_reset(&rx);
	CHECK_EQ_I64(xs_rx_feed(&rx, s, n, &used), 1);
	CHECK_EQ_U64(used, n);
	CHECK_STR(rx.body, "hello");
	xs_rx_reset(&rx);
	for (i = 0; i < n; i++) {
		st = xs_rx_feed(&rx, s + i, 1, &used);
		if (!CHECK_EQ_U64(used, 1) || !CHECK(st == (i == n - 1)))
			break;
	}
	CHECK_EQ_U64(rx.hdr.req_id, 3);
	CHECK_STR(rx.body, "hello");
}

/* Two messages in one read: the first stops at its end. */
static void feed_two_messages(void)
{
	char s[128];
	size_t n = make_msg(s, XS_READ, 1, "one", 3), used;

	n += make_msg(s + n, XS_READ, 2, "twotwo", 6);
	xs_rx_reset(&rx);
	CHECK_EQ_I64(xs_rx_feed(&rx, s, n, &used), 1);
	CHECK_EQ_U64(used, HDR + 3);
	CHECK_STR(rx.body, "one");
	xs_rx_reset(&rx);
	CHECK_EQ_I64(xs_rx_feed(&rx, s + used, n - used, &used), 1);
	CHECK_EQ_U64(rx.hdr.req_id, 2);
	CHECK_STR(rx.body, "twotwo");
}

static void feed_truncated(void)
{
	char s[64];
	size_t n = make_msg(s, XS_READ, 1, "abcdef", 6), used;

	xs_rx_reset(&rx);
	CHECK_EQ_I64(xs_rx_feed(&rx, s, HDR - 1, &used), 0);
	CHECK_EQ_I64(xs_rx_feed(&rx, s + HDR - 1, 4, &used), 0);
	CHECK_EQ_U64(used, 4);
	CHECK_EQ_I64(xs_rx_feed(&rx, s + HDR + 3, n - HDR - 3, &used), 1);
	CHECK_STR(rx.body, "abcdef");
}

/* A header claiming more than the protocol allows is refused before any
 * payload byte is copied; exactly the maximum is fine. */
static void feed_oversize(void)
{
	static char s[HDR + XENSTORE_PAYLOAD_MAX + 8];
	struct xsd_sockmsg h = {.type = XS_READ, .req_id = 1};
	size_t used;

	h.len = XENSTORE_PAYLOAD_MAX + 1;
	memcpy(s, &h, HDR);
	xs_rx_reset(&rx);
	CHECK_EQ_I64(xs_rx_feed(&rx, s, sizeof(s), &used), -EBADMSG);
	CHECK_EQ_U64(used, HDR);
	h.len = 0xffffffffu;
	memcpy(s, &h, HDR);
	xs_rx_reset(&rx);
	CHECK_EQ_I64(xs_rx_feed(&rx, s, sizeof(s), &used), -EBADMSG);
	h.len = XENSTORE_PAYLOAD_MAX;
	memcpy(s, &h, HDR);
	memset(s + HDR, 'x', XENSTORE_PAYLOAD_MAX);
	xs_rx_reset(&rx);
	CHECK_EQ_I64(xs_rx_feed(&rx, s, sizeof(s), &used), 1);
	CHECK_EQ_U64(used, HDR + XENSTORE_PAYLOAD_MAX);
	CHECK_EQ_U64(strlen(rx.body), XENSTORE_PAYLOAD_MAX);
}

/* Load rx with one message. */
static void rx_msg(uint32_t type, uint32_t id, const char *p, uint32_t len)
{
	char s[256];
	size_t n = make_msg(s, type, id, p, len), used;

	xs_rx_reset(&rx);
	CHECK_EQ_I64(xs_rx_feed(&rx, s, n, &used), 1);
}

static void add_req(struct list_head *l, struct xs_req *r, uint32_t id,
		    uint32_t type, char *buf, size_t size)
{
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->type = type;
	r->buf = buf;
	r->size = size;
	list_add_tail(&r->link, l);
}

static void deliver_by_id(void)
{
	struct list_head l;
	struct xs_req a, b, *out;
	char ba[16], bb[4];

	list_init(&l);
	add_req(&l, &a, 10, XS_READ, ba, sizeof(ba));
	add_req(&l, &b, 11, XS_READ, bb, sizeof(bb));
	rx_msg(XS_READ, 11, "longvalue", 9);
	CHECK_EQ_I64(xs_wire_deliver(&l, &rx, &out), 0);
	CHECK(out == &b);
	CHECK(b.done && !a.done);
	CHECK_EQ_I64(b.rc, 9); /* the full length, though cut */
	CHECK_STR(bb, "lon");
	rx_msg(XS_READ, 10, "v", 1);
	CHECK_EQ_I64(xs_wire_deliver(&l, &rx, &out), 0);
	CHECK(out == &a && a.done);
	CHECK_STR(ba, "v");
	CHECK(list_empty(&l));
}

static void deliver_unknown_and_wrong(void)
{
	struct list_head l;
	struct xs_req a, *out;

	list_init(&l);
	add_req(&l, &a, 5, XS_WRITE, NULL, 0);
	rx_msg(XS_WRITE, 6, "OK", 3);
	CHECK_EQ_I64(xs_wire_deliver(&l, &rx, &out), -ENOENT);
	CHECK(out == NULL && !a.done);
	rx_msg(XS_READ, 5, "OK", 3);
	CHECK_EQ_I64(xs_wire_deliver(&l, &rx, &out), -EPROTO);
	CHECK(out == &a && a.done);
	CHECK_EQ_I64(a.rc, -EPROTO);
	CHECK(list_empty(&l));
	add_req(&l, &a, 8, XS_TRANSACTION_END, NULL, 0);
	rx_msg(XS_ERROR, 8, "EAGAIN", 7);
	CHECK_EQ_I64(xs_wire_deliver(&l, &rx, &out), 0);
	CHECK_EQ_I64(a.rc, -EAGAIN);
}

static void error_names(void)
{
	CHECK_EQ_I64(xs_wire_error("ENOENT"), -ENOENT);
	CHECK_EQ_I64(xs_wire_error("EACCES"), -EACCES);
	CHECK_EQ_I64(xs_wire_error("EAGAIN"), -EAGAIN);
	CHECK_EQ_I64(xs_wire_error("E2BIG"), -E2BIG);
	CHECK_EQ_I64(xs_wire_error("EQUOTA"), -EIO);
	CHECK_EQ_I64(xs_wire_error(""), -EIO);
	CHECK_EQ_I64(xs_wire_error("ENOENTX"), -EIO);
}

static void split_lists(void)
{
	const char *it[2];
	const char list[] = "alpha\0beta\0gamma"; /* sizeof: one NUL more */

	CHECK_EQ_I64(xs_wire_split(list, sizeof(list), it, 2), 3);
	CHECK_STR(it[0], "alpha");
	CHECK_STR(it[1], "beta");
	CHECK_EQ_I64(xs_wire_split(list, 0, it, 2), 0);
	CHECK_EQ_I64(xs_wire_split(list, sizeof(list) - 1, it, 2), -EBADMSG);
	CHECK_EQ_I64(xs_wire_split("\0", 1, it, 2), 1);
	CHECK_STR(it[0], "");
}

static void watch_events(void)
{
	const char *path, *token;

	CHECK_EQ_I64(xs_wire_watch_event("a/b\0tok", 8, &path, &token), 0);
	CHECK_STR(path, "a/b");
	CHECK_STR(token, "tok");
	CHECK_EQ_I64(xs_wire_watch_event("a/b", 4, &path, &token), -EBADMSG);
	CHECK_EQ_I64(xs_wire_watch_event("a/b\0tok", 7, &path, &token),
		     -EBADMSG);
}

static void perms(void)
{
	struct xs_perm p[3] = {{0, 'n'}, {5, 'r'}, {65535, 'b'}}, q;
	char out[64];
	int n = xs_wire_perms_format(out, sizeof(out), p, 3);

	CHECK_EQ_I64(n, 13);
	CHECK_MEM(out, "n0\0r5\0b65535", 13);
	CHECK_EQ_I64(xs_wire_perm_parse("w12", &q), 0);
	CHECK(q.access == 'w' && q.domid == 12);
	CHECK_EQ_I64(xs_wire_perm_parse("x1", &q), -EBADMSG);
	CHECK_EQ_I64(xs_wire_perm_parse("r", &q), -EBADMSG);
	CHECK_EQ_I64(xs_wire_perm_parse("r1a", &q), -EBADMSG);
	CHECK_EQ_I64(xs_wire_perm_parse("r65536", &q), -EBADMSG);
	CHECK_EQ_I64(xs_wire_perm_parse("r99999999999999999999", &q), -EBADMSG);
	p[1].access = 'q';
	CHECK_EQ_I64(xs_wire_perms_format(out, sizeof(out), p, 3), -EINVAL);
	CHECK_EQ_I64(xs_wire_perms_format(out, 8, p, 1), 3);
	CHECK_EQ_I64(xs_wire_perms_format(out, 6, p, 1), -E2BIG);
}

CHECK_MAIN("xs_wire", CHECK_TEST(encode_layout), CHECK_TEST(encode_limits),
	   CHECK_TEST(feed_whole_and_bytewise), CHECK_TEST(feed_two_messages),
	   CHECK_TEST(feed_truncated), CHECK_TEST(feed_oversize),
	   CHECK_TEST(deliver_by_id), CHECK_TEST(deliver_unknown_and_wrong),
	   CHECK_TEST(error_names), CHECK_TEST(split_lists),
	   CHECK_TEST(watch_events), CHECK_TEST(perms))
