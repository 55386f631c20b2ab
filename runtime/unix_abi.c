/*
 * AF_UNIX names, their table and SCM_RIGHTS control messages: pure code
 * (unix_abi.h), host-tested in tests/host/test_unix_abi.c; Linux's
 * numbers come from <sys/socket.h> (Skiff's include/libc/ in the guest,
 * the host C library's in the tests).
 */
#include <kernel/errno.h>

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "unix_abi.h"

_Static_assert(UNIX_SOL_SOCKET == SOL_SOCKET, "SOL_SOCKET");
_Static_assert(AF_UNIX == 1, "AF_UNIX");

int unix_name_parse(const void *addr, unsigned int len, struct unix_name *out)
{
	const char *p = (const char *)addr + 2;
	uint16_t family;
	unsigned int n;

	if (!addr || len < 2 || len > UNIX_ADDR_MAX)
		return -EINVAL;
	memcpy(&family, addr, sizeof(family));
	if (family != AF_UNIX)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	n = len - 2;
	if (n && p[0]) /* a path: up to its NUL */
		n = (unsigned int)strnlen(p, n);
	out->len = n;
	memcpy(out->bytes, p, n);
	return 0;
}

void unix_name_out(const struct unix_name *n, void *addr, unsigned int *len)
{
	char buf[UNIX_ADDR_MAX + 1];
	unsigned int full = 2 + n->len;
	uint16_t family = AF_UNIX;

	memcpy(buf, &family, 2);
	memcpy(buf + 2, n->bytes, n->len);
	if (n->len && n->bytes[0]) /* a path's NUL counts, as on Linux */
		buf[full++] = 0;
	if (addr && *len)
		memcpy(addr, buf, *len < full ? *len : full);
	*len = full;
}

int unix_name_equal(const struct unix_name *a, const struct unix_name *b)
{
	return a->len == b->len && !memcmp(a->bytes, b->bytes, a->len);
}

void *unix_table_find(const struct unix_table *t, const struct unix_name *n)
{
	struct unix_bound *b;

	if (!n->len)
		return NULL;
	for (b = t->head; b; b = b->next)
		if (unix_name_equal(&b->name, n))
			return b->owner;
	return NULL;
}

int unix_table_add(struct unix_table *t, struct unix_bound *b)
{
	if (!b->name.len || unix_table_find(t, &b->name))
		return -EADDRINUSE;
	b->next = t->head;
	t->head = b;
	return 0;
}

void unix_table_remove(struct unix_table *t, struct unix_bound *b)
{
	struct unix_bound **pp;

	for (pp = &t->head; *pp; pp = &(*pp)->next)
		if (*pp == b) {
			*pp = b->next;
			b->next = NULL;
			return;
		}
}

int unix_table_autoname(struct unix_table *t, struct unix_name *n)
{
	unsigned int tries;

	for (tries = 0; tries < 0x100000; tries++) {
		unsigned int v = t->autobind++ & 0xfffff;
		char hex[8];

		snprintf(hex, sizeof(hex), "%05x", v);
		memset(n, 0, sizeof(*n));
		n->len = 6;
		memcpy(n->bytes + 1, hex, 5);
		if (!unix_table_find(t, n))
			return 0;
	}
	return -EADDRINUSE;
}

int unix_cmsg_rights(const void *control, size_t len, int *fds, int *n)
{
	const unsigned char *c = control;
	size_t off = 0;

	*n = 0;
	while (len - off >= UNIX_CMSG_HDR) {
		uint64_t clen;
		int level, type;
		size_t k, count;

		memcpy(&clen, c + off, 8);
		memcpy(&level, c + off + 8, 4);
		memcpy(&type, c + off + 12, 4);
		if (clen < UNIX_CMSG_HDR || clen > len - off)
			return -EINVAL;
		if (level != UNIX_SOL_SOCKET)
			return -EINVAL;
		if (type == UNIX_SCM_RIGHTS) {
			count = (clen - UNIX_CMSG_HDR) / sizeof(int);
			if (count > (size_t)(UNIX_MAX_FDS - *n))
				return -EINVAL;
			for (k = 0; k < count; k++)
				memcpy(&fds[(*n)++],
				       c + off + UNIX_CMSG_HDR +
					   k * sizeof(int),
				       sizeof(int));
		} else if (type != UNIX_SCM_CREDENTIALS) {
			return -EINVAL;
		}
		/* The last message need not be padded. */
		if (UNIX_CMSG_ALIGN(clen) >= len - off)
			break;
		off += UNIX_CMSG_ALIGN(clen);
	}
	return 0;
}

size_t unix_cmsg_put_rights(void *control, size_t room, const int *fds, int n,
			    int *fit)
{
	unsigned char *c = control;
	uint64_t clen;
	int level = UNIX_SOL_SOCKET, type = UNIX_SCM_RIGHTS;

	*fit = 0;
	if (!control || room < UNIX_CMSG_HDR + sizeof(int) || n <= 0)
		return 0;
	*fit = (int)((room - UNIX_CMSG_HDR) / sizeof(int));
	if (*fit > n)
		*fit = n;
	clen = UNIX_CMSG_HDR + (size_t)*fit * sizeof(int);
	memcpy(c, &clen, 8);
	memcpy(c + 8, &level, 4);
	memcpy(c + 12, &type, 4);
	memcpy(c + UNIX_CMSG_HDR, fds, (size_t)*fit * sizeof(int));
	/* Linux counts the padding too when it fits. */
	return UNIX_CMSG_ALIGN(clen) <= room ? UNIX_CMSG_ALIGN(clen) : clen;
}

size_t sock_iov_total(const struct sock_iov *iov, size_t n)
{
	size_t i, t = 0;

	for (i = 0; i < n; i++)
		t += iov[i].len;
	return t;
}

void sock_iov_gather(const struct sock_iov *iov, size_t n, size_t skip,
		     void *dst, size_t len)
{
	unsigned char *d = dst;
	size_t i, k;

	for (i = 0; i < n && len; i++) {
		if (skip >= iov[i].len) {
			skip -= iov[i].len;
			continue;
		}
		k = iov[i].len - skip;
		if (k > len)
			k = len;
		memcpy(d, (const unsigned char *)iov[i].base + skip, k);
		d += k;
		len -= k;
		skip = 0;
	}
}

void sock_iov_scatter(const struct sock_iov *iov, size_t n, size_t skip,
		      const void *src, size_t len)
{
	const unsigned char *s = src;
	size_t i, k;

	for (i = 0; i < n && len; i++) {
		if (skip >= iov[i].len) {
			skip -= iov[i].len;
			continue;
		}
		k = iov[i].len - skip;
		if (k > len)
			k = len;
		memcpy((unsigned char *)iov[i].base + skip, s, k);
		s += k;
		len -= k;
		skip = 0;
	}
}
