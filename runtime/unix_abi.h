/*
 * The pure parts of AF_UNIX sockets (unix_sock.c): socket names (Linux's
 * struct sockaddr_un, path and abstract), the table of bound names, and
 * SCM_RIGHTS control messages (struct cmsghdr). No fds, no blocking:
 * host-tested in tests/host/test_unix_abi.c.
 *
 * Return convention: 0 or a count on success, a negative Linux errno.
 */
#ifndef RUNTIME_UNIX_ABI_H
#define RUNTIME_UNIX_ABI_H

#include <stddef.h>
#include <stdint.h>

#include <runtime/sock.h>

/* Linux's sun_path size, and sockaddr_un's: a 2-byte family first. */
#define UNIX_PATH_MAX 108
#define UNIX_ADDR_MAX (2 + UNIX_PATH_MAX)
/* Linux's SCM_MAX_FD: fds one message may carry. */
#define UNIX_MAX_FDS 253

/* A socket's name: len significant bytes. bytes[0] == 0 makes it an
 * abstract name (all len bytes count, NULs too); otherwise a path (no
 * NUL inside). len 0: unnamed. */
struct unix_name {
	unsigned int len;
	char bytes[UNIX_PATH_MAX];
};

/* An app's address of len bytes as a name. A path ends at its first NUL
 * or at len; a sun_path starting with NUL is an abstract name of len - 2
 * bytes. len == 2 (just the family) gives an unnamed name (bind then
 * picks an abstract one). -EINVAL: NULL, len < 2 or > 110, not AF_UNIX. */
int unix_name_parse(const void *addr, unsigned int len, struct unix_name *out);

/* The name as Linux gives it out (getsockname, recvfrom): into addr of
 * *len bytes, cut short if it does not fit; *len becomes the full
 * length (2 for unnamed, 2 + path + its NUL, 2 + abstract length). */
void unix_name_out(const struct unix_name *n, void *addr, unsigned int *len);

/* Whether two names are the same name. */
int unix_name_equal(const struct unix_name *a, const struct unix_name *b);

/* A bound name in the table, embedded in its owner. */
struct unix_bound {
	struct unix_bound *next;
	struct unix_name name;
	void *owner;
};

struct unix_table {
	struct unix_bound *head;
	unsigned int autobind; /* the next automatic name to try */
};

/* The owner bound to name, or NULL. */
void *unix_table_find(const struct unix_table *t, const struct unix_name *n);

/* Enter b (its name and owner set): 0, or -EADDRINUSE if the name is
 * taken. */
int unix_table_add(struct unix_table *t, struct unix_bound *b);

/* Take b out (no-op if it is not in). */
void unix_table_remove(struct unix_table *t, struct unix_bound *b);

/* A free automatic name into *n, as Linux's autobind: an abstract name
 * of five hex digits. -EADDRINUSE if all 2^20 are taken. */
int unix_table_autoname(struct unix_table *t, struct unix_name *n);

/* Linux's struct cmsghdr: a size_t length, then level and type. */
#define UNIX_CMSG_HDR 16
#define UNIX_CMSG_ALIGN(n) (((n) + 7) & ~(size_t)7)
#define UNIX_SOL_SOCKET 1
#define UNIX_SCM_RIGHTS 1
#define UNIX_SCM_CREDENTIALS 2

/* Walk the control data of sendmsg(): the fds of its SCM_RIGHTS
 * messages into fds (room for UNIX_MAX_FDS), their count in *n.
 * SCM_CREDENTIALS is accepted and not passed on. -EINVAL for a
 * malformed header, another level or type, or more than UNIX_MAX_FDS
 * fds. */
int unix_cmsg_rights(const void *control, size_t len, int *fds, int *n);

/* Build recvmsg()'s SCM_RIGHTS message for fds[0..n) into control of
 * room bytes: as many fds as fit go in (*fit); returns the bytes used
 * (0 when not even one fd fits). Fewer than n: the caller sets
 * MSG_CTRUNC and closes the rest, as Linux does. */
size_t unix_cmsg_put_rights(void *control, size_t room, const int *fds, int n,
			    int *fit);

/* iovecs (any socket kind's sendmsg/recvmsg): their total length, and
 * copying len bytes out of them (gather) or into them (scatter),
 * starting skip bytes in. */
size_t sock_iov_total(const struct sock_iov *iov, size_t n);
void sock_iov_gather(const struct sock_iov *iov, size_t n, size_t skip,
		     void *dst, size_t len);
void sock_iov_scatter(const struct sock_iov *iov, size_t n, size_t skip,
		      const void *src, size_t len);

#endif
