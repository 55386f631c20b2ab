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

#include <kernel/errno.h>

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

long uio_in(uint64_t ubuf, size_t len, uio_fn fn, void *ctx, bool more)
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

		got = fn(ctx, b.p, n, done);
		if (got <= 0)
			break;
		/* MSG_TRUNC may report more than the buffer held. */
		want = (size_t)got < n ? (size_t)got : n;
		put = user_copy_to_some(ubuf + done, b.p, want);
		if (put < 0 || (size_t)put < want) {
			/* The data is consumed: Linux returns the bytes it
			 * copied, or the fault. */
			got = put < 0 ? put : -EFAULT;
			done += put < 0 ? 0 : (size_t)put;
			break;
		}
		done += (size_t)got;
		if ((size_t)got < n)
			break;
	} while (more && done < len);
	buf_put(&b);
	return uio_result(done, got);
}

long uio_out(uint64_t ubuf, size_t len, uio_fn fn, void *ctx)
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

		/* A fault part way sends what was read, then stops. */
		if ((got = user_copy_from_some(b.p, ubuf + done, n)) <= 0) {
			put = got;
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

/* Linux's SOL_SOCKET, SO_TYPE and SOCK_STREAM. */
#define L_SOL_SOCKET 1
#define L_SO_TYPE 3
#define L_SOCK_STREAM 1

long uio_check_whole(int fd, size_t len)
{
	int type = 0;
	unsigned int tlen = sizeof(type);

	if (len <= UIO_CHUNK ||
	    sock_getsockopt(fd, L_SOL_SOCKET, L_SO_TYPE, &type, &tlen) < 0)
		return 0;
	return type == L_SOCK_STREAM ? 0 : -EMSGSIZE;
}
