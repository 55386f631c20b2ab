/*
 * Tests of runtime/unix_abi.c: AF_UNIX names against the host's (Linux's)
 * struct sockaddr_un, the bound-name table and autobind, SCM_RIGHTS
 * control messages built and read with the host C library's CMSG_
 * macros (Linux's layout), and the iovec helpers.
 */
#define _GNU_SOURCE /* struct ucred, SCM_CREDENTIALS */
#include <kernel/errno.h>

#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "../../runtime/unix_abi.h"
#include "check.h"

static socklen_t path_addr(struct sockaddr_un *a, const char *p)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	strcpy(a->sun_path, p);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(p) +
			   1);
}

static void names_parse_and_out(void)
{
	struct sockaddr_un a, out;
	struct unix_name n, m;
	unsigned int len;
	socklen_t alen = path_addr(&a, "/tmp/x.sock");

	CHECK_EQ_I64(unix_name_parse(&a, alen, &n), 0);
	CHECK_EQ_U64(n.len, 11);
	CHECK_MEM(n.bytes, "/tmp/x.sock", 11);
	/* The length may leave the NUL out, or run past it: same name. */
	CHECK_EQ_I64(unix_name_parse(&a, alen - 1, &m), 0);
	CHECK(unix_name_equal(&n, &m));
	CHECK_EQ_I64(unix_name_parse(&a, sizeof(a), &m), 0);
	CHECK(unix_name_equal(&n, &m));
	/* Out as Linux: family, path, NUL. */
	len = sizeof(out);
	unix_name_out(&n, &out, &len);
	CHECK_EQ_U64(len, alen);
	CHECK_MEM(&out, &a, alen);
	/* Cut short, the full length still said. */
	memset(&out, 0x55, sizeof(out));
	len = 4;
	unix_name_out(&n, &out, &len);
	CHECK_EQ_U64(len, alen);
	CHECK_MEM(out.sun_path, "/t", 2);
	CHECK_EQ_U64((unsigned char)out.sun_path[2], 0x55);
	/* Abstract: every byte counts, NULs too. */
	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	memcpy(a.sun_path, "\0ab\0c", 5);
	CHECK_EQ_I64(unix_name_parse(&a, 2 + 5, &n), 0);
	CHECK_EQ_U64(n.len, 5);
	CHECK_EQ_I64(unix_name_parse(&a, 2 + 3, &m), 0);
	CHECK(!unix_name_equal(&n, &m));
	len = sizeof(out);
	unix_name_out(&n, &out, &len);
	CHECK_EQ_U64(len, 7);
	CHECK_MEM(out.sun_path, "\0ab\0c", 5);
	/* Unnamed. */
	CHECK_EQ_I64(unix_name_parse(&a, 2, &n), 0);
	CHECK_EQ_U64(n.len, 0);
	len = sizeof(out);
	unix_name_out(&n, &out, &len);
	CHECK_EQ_U64(len, 2);
	/* Bad ones. */
	CHECK_EQ_I64(unix_name_parse(NULL, 10, &n), -EINVAL);
	CHECK_EQ_I64(unix_name_parse(&a, 1, &n), -EINVAL);
	CHECK_EQ_I64(unix_name_parse(&a, sizeof(a) + 1, &n), -EINVAL);
	a.sun_family = AF_INET;
	CHECK_EQ_I64(unix_name_parse(&a, 10, &n), -EINVAL);
}

static void table(void)
{
	struct unix_table t = {0};
	struct unix_bound a = {.owner = &a}, b = {.owner = &b},
			  c = {.owner = &c};
	struct unix_name n = {3, "/aa"};

	a.name = n;
	b.name = n;
	CHECK(!unix_table_find(&t, &n));
	CHECK_EQ_I64(unix_table_add(&t, &a), 0);
	CHECK(unix_table_find(&t, &n) == &a);
	CHECK_EQ_I64(unix_table_add(&t, &b), -EADDRINUSE);
	/* Unnamed is never found nor added. */
	c.name.len = 0;
	CHECK_EQ_I64(unix_table_add(&t, &c), -EADDRINUSE);
	CHECK(!unix_table_find(&t, &c.name));
	/* Autobind: abstract, five hex digits, never a taken one. */
	CHECK_EQ_I64(unix_table_autoname(&t, &c.name), 0);
	CHECK_EQ_U64(c.name.len, 6);
	CHECK_EQ_U64(c.name.bytes[0], 0);
	CHECK_MEM(c.name.bytes + 1, "00000", 5);
	CHECK_EQ_I64(unix_table_add(&t, &c), 0);
	t.autobind = 0; /* wrap: 00000 is taken, 00001 next */
	CHECK_EQ_I64(unix_table_autoname(&t, &b.name), 0);
	CHECK_MEM(b.name.bytes + 1, "00001", 5);
	unix_table_remove(&t, &a);
	CHECK(!unix_table_find(&t, &n));
	b.name = n;
	CHECK_EQ_I64(unix_table_add(&t, &b), 0);
	unix_table_remove(&t, &a); /* not in: nothing happens */
	CHECK(unix_table_find(&t, &n) == &b);
	CHECK(unix_table_find(&t, &c.name) == &c);
}

static void cmsg_rights(void)
{
	union {
		char buf[CMSG_SPACE(3 * sizeof(int)) +
			 CMSG_SPACE(sizeof(struct ucred)) +
			 CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr m = {.msg_control = u.buf,
			   .msg_controllen = sizeof(u.buf)};
	struct cmsghdr *c;
	int fds[UNIX_MAX_FDS], n, three[3] = {4, 5, 6}, one = 9;
	struct ucred cred = {1, 0, 0};

	memset(&u, 0, sizeof(u));
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(three));
	memcpy(CMSG_DATA(c), three, sizeof(three));
	c = CMSG_NXTHDR(&m, c);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(sizeof(cred));
	memcpy(CMSG_DATA(c), &cred, sizeof(cred));
	c = CMSG_NXTHDR(&m, c);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(one));
	memcpy(CMSG_DATA(c), &one, sizeof(one));
	CHECK_EQ_I64(unix_cmsg_rights(u.buf, sizeof(u.buf), fds, &n), 0);
	CHECK_EQ_I64(n, 4);
	CHECK_EQ_I64(fds[0], 4);
	CHECK_EQ_I64(fds[2], 6);
	CHECK_EQ_I64(fds[3], 9);
	/* The last one unpadded (msg_controllen = CMSG_LEN) is fine too. */
	CHECK_EQ_I64(unix_cmsg_rights(u.buf, sizeof(u.buf) - 4, fds, &n), 0);
	CHECK_EQ_I64(n, 4);
	/* Malformed: a length past the end, another level, another type. */
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_len = sizeof(u.buf) + 1;
	CHECK_EQ_I64(unix_cmsg_rights(u.buf, sizeof(u.buf), fds, &n), -EINVAL);
	c->cmsg_len = 8;
	CHECK_EQ_I64(unix_cmsg_rights(u.buf, sizeof(u.buf), fds, &n), -EINVAL);
	c->cmsg_len = CMSG_LEN(sizeof(three));
	c->cmsg_level = 0;
	CHECK_EQ_I64(unix_cmsg_rights(u.buf, sizeof(u.buf), fds, &n), -EINVAL);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = 99;
	CHECK_EQ_I64(unix_cmsg_rights(u.buf, sizeof(u.buf), fds, &n), -EINVAL);
	/* Nothing at all. */
	CHECK_EQ_I64(unix_cmsg_rights(u.buf, 0, fds, &n), 0);
	CHECK_EQ_I64(n, 0);
}

static void cmsg_too_many(void)
{
	static char buf[CMSG_SPACE((UNIX_MAX_FDS + 1) * sizeof(int))];
	struct cmsghdr *c = (struct cmsghdr *)buf;
	int fds[UNIX_MAX_FDS], n;

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(UNIX_MAX_FDS * sizeof(int));
	CHECK_EQ_I64(unix_cmsg_rights(buf, sizeof(buf), fds, &n), 0);
	CHECK_EQ_I64(n, UNIX_MAX_FDS);
	c->cmsg_len = CMSG_LEN((UNIX_MAX_FDS + 1) * sizeof(int));
	CHECK_EQ_I64(unix_cmsg_rights(buf, sizeof(buf), fds, &n), -EINVAL);
}

static void cmsg_put(void)
{
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr m = {.msg_control = u.buf};
	struct cmsghdr *c;
	int fds[3] = {7, 8, 9}, fit;
	size_t used;

	used = unix_cmsg_put_rights(u.buf, sizeof(u.buf), fds, 2, &fit);
	CHECK_EQ_I64(fit, 2);
	CHECK_EQ_U64(used, CMSG_SPACE(2 * sizeof(int)));
	m.msg_controllen = used;
	c = CMSG_FIRSTHDR(&m);
	CHECK(c != NULL);
	CHECK_EQ_I64(c->cmsg_level, SOL_SOCKET);
	CHECK_EQ_I64(c->cmsg_type, SCM_RIGHTS);
	CHECK_EQ_U64(c->cmsg_len, CMSG_LEN(2 * sizeof(int)));
	CHECK_MEM(CMSG_DATA(c), fds, 2 * sizeof(int));
	/* Three into room for two: two go, MSG_CTRUNC is the caller's. */
	used = unix_cmsg_put_rights(u.buf, sizeof(u.buf), fds, 3, &fit);
	CHECK_EQ_I64(fit, 2);
	/* Room for one, unpadded: CMSG_LEN. */
	used = unix_cmsg_put_rights(u.buf, CMSG_LEN(sizeof(int)), fds, 3, &fit);
	CHECK_EQ_I64(fit, 1);
	CHECK_EQ_U64(used, CMSG_LEN(sizeof(int)));
	/* Less than one fd's room: nothing. */
	used = unix_cmsg_put_rights(u.buf, CMSG_LEN(0), fds, 1, &fit);
	CHECK_EQ_U64(used, 0);
	CHECK_EQ_I64(fit, 0);
	used = unix_cmsg_put_rights(NULL, 100, fds, 1, &fit);
	CHECK_EQ_U64(used, 0);
}

static void iovecs(void)
{
	char a[3], b[0 + 1], c[5], out[8];
	struct sock_iov iov[3] = {{a, 3}, {b, 0}, {c, 5}};

	CHECK_EQ_U64(sock_iov_total(iov, 3), 8);
	sock_iov_scatter(iov, 3, 0, "abcdefgh", 8);
	CHECK_MEM(a, "abc", 3);
	CHECK_MEM(c, "defgh", 5);
	sock_iov_scatter(iov, 3, 2, "XY", 2);
	CHECK_MEM(a, "abX", 3);
	CHECK_MEM(c, "Yefgh", 5);
	memset(out, 0, sizeof(out));
	sock_iov_gather(iov, 3, 1, out, 6);
	CHECK_MEM(out, "bXYefg", 6);
	/* More asked than there is: only what the iovecs hold. */
	memset(out, 0, sizeof(out));
	sock_iov_gather(iov, 3, 6, out, 8);
	CHECK_MEM(out, "gh\0", 3);
}

CHECK_MAIN("unix_abi", CHECK_TEST(names_parse_and_out), CHECK_TEST(table),
	   CHECK_TEST(cmsg_rights), CHECK_TEST(cmsg_too_many),
	   CHECK_TEST(cmsg_put), CHECK_TEST(iovecs))
