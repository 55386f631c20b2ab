/*
 * The xenstore wire protocol, pure: encoding requests, assembling replies
 * from the response byte stream, matching them to pending requests, and
 * parsing payloads. Everything here reads bytes that came from shared
 * memory (already copied into our own buffers): lengths are checked
 * before use and strings are only trusted up to their NUL.
 */
#include <kernel/errno.h>
#include <kernel/string.h>

#include "xs_wire.h"

int xs_wire_encode(char *out, size_t size, uint32_t type, uint32_t req_id,
		   uint32_t tx_id, const struct xs_part *parts, int n)
{
	struct xsd_sockmsg hdr = {
	    .type = type, .req_id = req_id, .tx_id = tx_id};
	size_t len = 0, off = sizeof(hdr);
	int i;

	for (i = 0; i < n; i++) {
		if (parts[i].len > XENSTORE_PAYLOAD_MAX - len)
			return -E2BIG;
		len += parts[i].len;
	}
	if (sizeof(hdr) + len > size)
		return -E2BIG;
	hdr.len = (uint32_t)len;
	memcpy(out, &hdr, sizeof(hdr));
	for (i = 0; i < n; i++) {
		memcpy(out + off, parts[i].data, parts[i].len);
		off += parts[i].len;
	}
	return (int)off;
}

void xs_rx_reset(struct xs_rx *rx)
{
	rx->got = 0;
}

int xs_rx_feed(struct xs_rx *rx, const char *data, size_t n, size_t *used)
{
	const uint32_t hsize = sizeof(rx->hdr);
	size_t take;

	*used = 0;
	if (rx->got < hsize) {
		take = MIN(n, (size_t)(hsize - rx->got));
		memcpy((char *)&rx->hdr + rx->got, data, take);
		rx->got += (uint32_t)take;
		*used = take;
		if (rx->got < hsize)
			return 0;
		/* Validate our private copy once; it never changes after. */
		if (rx->hdr.len > XENSTORE_PAYLOAD_MAX)
			return -EBADMSG;
		data += take;
		n -= take;
	}
	take = MIN(n, (size_t)(hsize + rx->hdr.len - rx->got));
	memcpy(rx->body + (rx->got - hsize), data, take);
	rx->got += (uint32_t)take;
	*used += take;
	if (rx->got < hsize + rx->hdr.len)
		return 0;
	rx->body[rx->hdr.len] = '\0';
	return 1;
}

static struct xs_req *find_req(struct list_head *pending, uint32_t id)
{
	struct list_head *pos;

	list_for_each(pos, pending) {
		struct xs_req *r = list_entry(pos, struct xs_req, link);

		if (r->id == id)
			return r;
	}
	return NULL;
}

int xs_wire_deliver(struct list_head *pending, const struct xs_rx *rx,
		    struct xs_req **out)
{
	struct xs_req *r = find_req(pending, rx->hdr.req_id);
	uint32_t len = rx->hdr.len;
	int ret = 0;

	*out = r;
	if (!r)
		return -ENOENT;
	list_del(&r->link);
	if (rx->hdr.type == XS_ERROR) {
		r->rc = xs_wire_error(rx->body);
	} else if (rx->hdr.type != r->type) {
		r->rc = ret = -EPROTO;
	} else {
		r->rc = (int)len;
		if (r->size) {
			size_t n = MIN((size_t)len, r->size - 1);

			memcpy(r->buf, rx->body, n);
			r->buf[n] = '\0';
		}
	}
	r->done = true;
	return ret;
}

int xs_wire_error(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(xsd_errors); i++)
		if (!strcmp(name, xsd_errors[i].errstring))
			return -xsd_errors[i].errnum;
	return -EIO;
}

int xs_wire_split(const char *buf, size_t len, const char **items, int max)
{
	size_t off = 0;
	int count = 0;

	if (len && buf[len - 1] != '\0')
		return -EBADMSG;
	while (off < len) {
		if (count < max)
			items[count] = buf + off;
		count++;
		off += strlen(buf + off) + 1;
	}
	return count;
}

int xs_wire_watch_event(const char *body, size_t len, const char **path,
			const char **token)
{
	const char *items[2];

	/* path NUL token NUL; some stores add more, which we ignore. */
	if (xs_wire_split(body, len, items, 2) < 2)
		return -EBADMSG;
	*path = items[0];
	*token = items[1];
	return 0;
}

static bool valid_access(char c)
{
	return c == XS_PERM_NONE || c == XS_PERM_READ || c == XS_PERM_WRITE ||
	       c == XS_PERM_BOTH;
}

int xs_wire_perm_parse(const char *s, struct xs_perm *p)
{
	unsigned long id = 0;
	const char *d = s + 1;

	if (!valid_access(s[0]) || !*d)
		return -EBADMSG;
	for (; *d; d++) {
		if (*d < '0' || *d > '9' || id > 0xffffu)
			return -EBADMSG;
		id = id * 10 + (unsigned long)(*d - '0');
	}
	if (id > 0xffffu) /* domain ids are 16 bits */
		return -EBADMSG;
	p->access = s[0];
	p->domid = (unsigned int)id;
	return 0;
}

/* Decimal digits of v, most significant first, into out; returns count. */
static size_t format_uint(char *out, unsigned int v)
{
	char tmp[12];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

int xs_wire_perms_format(char *out, size_t size, const struct xs_perm *p, int n)
{
	size_t off = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (!valid_access(p[i].access) || p[i].domid > 0xffffu)
			return -EINVAL;
		if (size - off < 1 + 5 + 1) /* letter, 5 digits, NUL */
			return -E2BIG;
		out[off++] = p[i].access;
		off += format_uint(out + off, p[i].domid);
		out[off++] = '\0';
	}
	return (int)off;
}
