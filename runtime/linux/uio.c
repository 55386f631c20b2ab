/*
 * Moving a system call's data between user memory and the runtime's fd
 * and socket layers. Those layers block and then copy with plain
 * memcpy, so they never see a user pointer: the data goes through a
 * kernel buffer, and only user_copy_*() (fault-safe, <kernel/user.h>)
 * touch user memory, at a point where the call holds nothing. A buffer
 * another thread unmapped while the call blocked, or a page with no
 * frame left to back it, then fails the one call as on Linux: the bytes
 * moved so far, or EFAULT (ENOMEM) when none were.
 */
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>

#include <runtime/fd.h>
#include <runtime/sock.h>

#include "linux_priv.h"

/* Small transfers use the stack; larger ones a heap buffer of at most
 * UIO_CHUNK bytes (more than any datagram: UDP's 64 KiB), filled as
 * many times as the call needs. */
#define UIO_STACK 512

struct uio_buf {
	char *p;
	size_t len;
	char small[UIO_STACK];
};

static int buf_get(struct uio_buf *b, size_t len)
{
	b->len = len < UIO_CHUNK ? len : UIO_CHUNK;
	b->p = b->len <= UIO_STACK ? b->small : malloc(b->len);
	return b->p ? 0 : -ENOMEM;
}

static void buf_put(struct uio_buf *b)
{
	if (b->p != b->small)
		free(b->p);
}

/* What a call that moved done bytes and then got rc returns. */
static long uio_result(size_t done, long rc)
{
	return done ? (long)done : rc;
}

static long take_ok(const struct fd_take *t, size_t n)
{
	const struct uio_take *u = container_of(t, struct uio_take, t);
	size_t i, c;

	for (i = 0; i < u->n && n; i++, n -= c) {
		c = n < u->iov[i].len ? n : u->iov[i].len;
		if (c && !user_access_ok((uint64_t)u->iov[i].base, c, true))
			return -EFAULT;
	}
	return 0;
}

void uio_take_begin(struct uio_take *tk, const struct sock_iov *iov, size_t n)
{
	*tk = (struct uio_take){{take_ok}, iov, n};
	fd_take_set(&tk->t);
}

void uio_take_end(void)
{
	fd_take_set(NULL);
}

/* fn into the buffer, the piece's destination known to the layers when
 * they consume (no UIO_MORE). */
static long read_piece(uio_fn fn, void *ctx, struct uio_buf *b, size_t n,
		       size_t done, uint64_t udst, int flags)
{
	struct sock_iov dst = {(void *)udst, n};
	struct uio_take tk;
	long got;

	if (flags & UIO_MORE)
		return fn(ctx, b->p, n, done);
	uio_take_begin(&tk, &dst, 1);
	got = fn(ctx, b->p, n, done);
	uio_take_end();
	return got;
}

long uio_in(uint64_t ubuf, size_t len, uio_fn fn, void *ctx, int flags)
{
	struct uio_buf b;
	size_t done = 0;
	long got, put;

	if (!len) /* still asks the layer: a bad fd is EBADF */
		return fn(ctx, b.small, 0, 0);
	if ((got = buf_get(&b, len)) < 0)
		return got;
	do {
		size_t n = len - done < b.len ? len - done : b.len;

		size_t want;

		got = read_piece(fn, ctx, &b, n, done, ubuf + done, flags);
		if (got <= 0)
			break;
		/* MSG_TRUNC may report more than the buffer held. */
		want = (size_t)got < n ? (size_t)got : n;
		put = user_copy_to_some(ubuf + done, b.p, want);
		if (put < 0 || (size_t)put < want) {
			/* The data is consumed: Linux returns the bytes it
			 * copied (a file's up to the fault, a pipe's or
			 * socket's only whole pieces), or the fault. */
			got = put < 0 ? put : -EFAULT;
			if (put > 0 && (flags & UIO_PARTIAL))
				done += (size_t)put;
			break;
		}
		done += (size_t)got;
		if ((size_t)got < n)
			break;
	} while ((flags & UIO_MORE) && done < len);
	buf_put(&b);
	return uio_result(done, got);
}

long uio_out(uint64_t ubuf, size_t len, uio_fn fn, void *ctx, int flags)
{
	struct uio_buf b;
	size_t done = 0;
	long got = 0, put;

	if (!len) /* a zero-length datagram, or EBADF */
		return fn(ctx, b.small, 0, 0);
	if ((put = buf_get(&b, len)) < 0)
		return put;
	while (done < len) {
		size_t n = len - done < b.len ? len - done : b.len;

		/* A fault part way writes what was read to a file, then
		 * stops; a pipe the whole pages before it; a socket takes
		 * no piece cut short. */
		got = user_copy_from_some(b.p, ubuf + done, n);
		if (got > 0 && (size_t)got < n && (flags & UIO_PAGES))
			got &= ~(long)(PAGE_SIZE - 1);
		if (got <= 0 ||
		    ((size_t)got < n && !(flags & (UIO_PARTIAL | UIO_PAGES)))) {
			put = got < 0 ? got : -EFAULT;
			break;
		}
		put = fn(ctx, b.p, (size_t)got, done);
		if (put <= 0)
			break;
		done += (size_t)put;
		if ((size_t)put < n)
			break;
	}
	buf_put(&b);
	return uio_result(done, put);
}

/* The longest UDP datagram Linux's udp_sendmsg() looks at. */
#define UDP_LEN_MAX 0xffff

/* Whether socket fd is an internet one (its own address's family). */
static bool sock_inet(int fd)
{
	char addr[128];
	unsigned int alen = sizeof(addr);
	uint16_t family;

	if (sock_name(fd, addr, &alen, false) < 0 || alen < sizeof(family))
		return false;
	memcpy(&family, addr, sizeof(family));
	return family == L_AF_INET || family == L_AF_INET6;
}

int linux_sock_type(int fd)
{
	int type = 0, rc;
	unsigned int tlen = sizeof(type);

	rc = sock_getsockopt(fd, L_SOL_SOCKET, L_SO_TYPE, &type, &tlen);
	return rc < 0 ? rc : type;
}

long uio_check_whole(int fd, size_t len)
{
	int type;

	if (len <= UDP_LEN_MAX || (type = linux_sock_type(fd)) < 0 ||
	    type == L_SOCK_STREAM)
		return 0;
	/* UDP refuses more than 64 KiB before it reads a byte. */
	return len > UIO_CHUNK || sock_inet(fd) ? -EMSGSIZE : 0;
}
