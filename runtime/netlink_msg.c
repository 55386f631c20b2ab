/*
 * rtnetlink messages (netlink_msg.h): pure code, host-tested.
 */
#include <kernel/errno.h>

#include <string.h>

#include "netlink_msg.h"

/* Linux's attribute numbers. */
#define IFLA_ADDRESS 1
#define IFLA_BROADCAST 2
#define IFLA_IFNAME 3
#define IFLA_MTU 4
#define IFLA_OPERSTATE 16
#define IFA_ADDRESS 1
#define IFA_LOCAL 2
#define IFA_LABEL 3
#define IFA_BROADCAST 4
#define AF_INET_NUM 2

/* A message being built: bytes used, and whether it still fits. */
struct nl_buf {
	unsigned char *p;
	size_t room, used;
	int full;
};

static void put(struct nl_buf *b, const void *src, size_t len)
{
	size_t padded = NL_ALIGN(len);

	if (b->full || b->room - b->used < padded) {
		b->full = 1;
		return;
	}
	memcpy(b->p + b->used, src, len);
	memset(b->p + b->used + len, 0, padded - len);
	b->used += padded;
}

static void put_attr(struct nl_buf *b, uint16_t type, const void *data,
		     size_t len)
{
	uint16_t h[2] = {(uint16_t)(4 + len), type};

	if (b->full || b->room - b->used < 4 + NL_ALIGN(len)) {
		b->full = 1;
		return;
	}
	put(b, h, 4);
	put(b, data, len);
}

static void put_hdr(struct nl_buf *b, uint16_t type, uint16_t flags,
		    uint32_t seq, uint32_t pid)
{
	unsigned char h[NL_HDRLEN];
	uint32_t len = 0;

	memcpy(h, &len, 4); /* set by finish() */
	memcpy(h + 4, &type, 2);
	memcpy(h + 6, &flags, 2);
	memcpy(h + 8, &seq, 4);
	memcpy(h + 12, &pid, 4);
	put(b, h, sizeof(h));
}

static size_t finish(struct nl_buf *b)
{
	uint32_t len = (uint32_t)b->used;

	if (b->full)
		return 0;
	memcpy(b->p, &len, 4);
	return b->used;
}

int nl_parse_req(const void *buf, size_t len, struct nl_req *r)
{
	const unsigned char *p = buf;

	if (len < NL_HDRLEN)
		return -EINVAL;
	memcpy(&r->len, p, 4);
	memcpy(&r->type, p + 4, 2);
	memcpy(&r->flags, p + 6, 2);
	memcpy(&r->seq, p + 8, 4);
	memcpy(&r->pid, p + 12, 4);
	if (r->len < NL_HDRLEN || r->len > len)
		return -EINVAL;
	r->family = r->len > NL_HDRLEN ? p[NL_HDRLEN] : 0;
	r->index = 0;
	if (r->len >= NL_HDRLEN + 8)
		memcpy(&r->index, p + NL_HDRLEN + 4, 4);
	return 0;
}

size_t nl_put_link(void *buf, size_t room, uint32_t seq, uint32_t pid,
		   const struct nl_link *l)
{
	struct nl_buf b = {buf, room, 0, 0};
	unsigned char ifi[16] = {0};
	int32_t index = (int32_t)l->index;
	uint32_t flags = l->flags, change = 0, mtu = l->mtu;

	put_hdr(&b, NL_RTM_NEWLINK, NL_F_MULTI, seq, pid);
	/* struct ifinfomsg: family, pad, type, index, flags, change */
	memcpy(ifi + 2, &l->type, 2);
	memcpy(ifi + 4, &index, 4);
	memcpy(ifi + 8, &flags, 4);
	memcpy(ifi + 12, &change, 4);
	put(&b, ifi, sizeof(ifi));
	put_attr(&b, IFLA_IFNAME, l->name, strlen(l->name) + 1);
	put_attr(&b, IFLA_MTU, &mtu, 4);
	put_attr(&b, IFLA_OPERSTATE, &l->operstate, 1);
	put_attr(&b, IFLA_ADDRESS, l->mac, 6);
	if (l->brd)
		put_attr(&b, IFLA_BROADCAST, l->brd, 6);
	return finish(&b);
}

size_t nl_put_addr(void *buf, size_t room, uint32_t seq, uint32_t pid,
		   const struct nl_addr *a)
{
	struct nl_buf b = {buf, room, 0, 0};
	unsigned char ifa[8] = {a->family, a->prefix, a->flags, a->scope};
	uint32_t index = a->index;
	size_t alen = a->family == AF_INET_NUM ? 4 : 16;

	put_hdr(&b, NL_RTM_NEWADDR, NL_F_MULTI, seq, pid);
	memcpy(ifa + 4, &index, 4);
	put(&b, ifa, sizeof(ifa));
	/* Linux's order: the address, the local one (IPv4), the label;
	 * Go's reader takes the first that is not IFA_ADDRESS when an
	 * IFA_LOCAL is there. */
	put_attr(&b, IFA_ADDRESS, a->addr, alen);
	if (a->family == AF_INET_NUM) {
		put_attr(&b, IFA_LOCAL, a->addr, alen);
		put_attr(&b, IFA_LABEL, a->label, strlen(a->label) + 1);
		if (a->brd)
			put_attr(&b, IFA_BROADCAST, a->brd, 4);
	}
	return finish(&b);
}

size_t nl_put_done(void *buf, size_t room, uint32_t seq, uint32_t pid)
{
	struct nl_buf b = {buf, room, 0, 0};
	int32_t zero = 0;

	put_hdr(&b, NL_NLMSG_DONE, NL_F_MULTI, seq, pid);
	put(&b, &zero, 4);
	return finish(&b);
}

size_t nl_put_error(void *buf, size_t room, const struct nl_req *r, int err,
		    uint32_t pid)
{
	struct nl_buf b = {buf, room, 0, 0};
	unsigned char h[NL_HDRLEN];
	int32_t e = err;

	put_hdr(&b, NL_NLMSG_ERROR, 0, r->seq, pid);
	put(&b, &e, 4);
	/* struct nlmsgerr's copy of the request's header */
	memcpy(h, &r->len, 4);
	memcpy(h + 4, &r->type, 2);
	memcpy(h + 6, &r->flags, 2);
	memcpy(h + 8, &r->seq, 4);
	memcpy(h + 12, &r->pid, 4);
	put(&b, h, sizeof(h));
	return finish(&b);
}
