/*
 * read, write, pread64, pwrite64, readv and writev of the Linux shim,
 * with Linux's checks in Linux's order: the offset's sign (the
 * positional calls), the fd, whether it seeks (ESPIPE), its access mode
 * (EBADF), whether its kind moves data at all (EINVAL), then the
 * iovecs, then the buffer's range (access_ok: EFAULT), and only then
 * the transfer, whose copies fail page by page (a buffer that runs into
 * an unmapped page moves the bytes before it). The data goes through
 * uio.c's kernel buffers.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>

#include <kernel/errno.h>

#include <runtime/fd.h>
#include <runtime/pipe.h>
#include <runtime/sock.h>

#include "linux_priv.h"

#define IOV_MAX 1024 /* Linux's UIO_MAXIOV */

/* Linux's struct iovec. */
struct l_iovec {
	uint64_t base, len;
};

/* One call's fd and, for pread/pwrite, its offset (off < 0: none). */
struct rw_call {
	int fd;
	bool write;
	long off;
	bool seeks; /* the fd's file seeks (rw_check_fd()) */
	bool pipe;  /* it is a pipe's or FIFO's end */
};

/* Linux's checks of fd for a transfer (ksys_pread64's ESPIPE, then
 * vfs_read's or vfs_write's mode checks). */
static long rw_check_fd(struct rw_call *c, bool positional)
{
	struct file *f = fd_get(c->fd);
	const struct fd_ops *ops;
	int acc;
	long rc = 0;

	if (!f)
		return -EBADF;
	ops = f->ops;
	acc = f->flags & O_ACCMODE;
	c->seeks = ops->lseek != NULL;
	c->pipe = pipe_file(f);
	if (positional && !ops->lseek &&
	    !(c->write ? !!ops->pwrite : !!ops->pread))
		rc = -ESPIPE;
	else if (acc == (c->write ? O_RDONLY : O_WRONLY))
		rc = -EBADF;
	else if (!(c->write ? !!ops->write : !!ops->read))
		rc = -EINVAL; /* an epoll fd: no data to move */
	file_put(f);
	return rc;
}

/* The checks after the fd's: the range (access_ok), then the offset
 * and count together (rw_verify_area). */
static long rw_check_buf(const struct rw_call *c, uint64_t ubuf, size_t len)
{
	if (!user_range_ok(ubuf, len))
		return -EFAULT;
	if (c->off >= 0 && len > (size_t)(INT64_MAX - c->off))
		return -EINVAL;
	return 0;
}

/* The fd layer's calls as uio functions (uio.c). */
static long io_read(void *ctx, void *buf, size_t n, size_t done)
{
	const struct rw_call *c = ctx;

	return c->off >= 0 ? fd_pread(c->fd, buf, n, c->off + (long)done)
			   : fd_read(c->fd, buf, n);
}

static long io_write(void *ctx, void *buf, size_t n, size_t done)
{
	const struct rw_call *c = ctx;

	return c->off >= 0 ? fd_pwrite(c->fd, buf, n, c->off + (long)done)
			   : fd_write(c->fd, buf, n);
}

/* Move [ubuf, ubuf+len) once checked. On an fd that seeks (a file)
 * a read goes on piece by piece (its reads wait for no data) and a copy
 * cut by a fault counts up to it; a pipe or socket reads one piece, a
 * short read, and a cut copy fails, as on Linux, except that a pipe
 * write keeps the whole pages before the fault (Linux's pipe buffers). */
static long rw_move(struct rw_call *c, uint64_t ubuf, size_t len)
{
	int flags = c->seeks || c->off >= 0 ? UIO_MORE | UIO_PARTIAL
		    : c->pipe		    ? UIO_PAGES
					    : 0;
	long rc, ref;

	if (!c->write) {
		if (!len && sock_check(c->fd) == 0)
			return 0; /* Linux's sockets read nothing, at once */
		return uio_in(ubuf, len, io_read, c, flags);
	}
	if (c->off < 0 && (rc = uio_check_whole(c->fd, len)) < 0)
		return rc;
	rc = uio_out(ubuf, len, io_write, c, flags);
	if (rc == -EFAULT && !c->seeks && !c->pipe &&
	    (ref = sock_send_refusal(c->fd, 0, NULL, 0)) < 0)
		return ref; /* a datagram socket's, before the data */
	return rc;
}

/* read/write (off < 0) and pread64/pwrite64 (off: the offset). */
static long rw_one(struct user_regs *r, bool write, bool positional)
{
	struct rw_call c = {(int)A0(r), write, positional ? (long)A3(r) : -1,
			    false, false};
	long rc;

	if (positional && c.off < 0)
		return -EINVAL; /* before the fd, as Linux */
	if ((rc = rw_check_fd(&c, positional)) < 0 ||
	    (rc = rw_check_buf(&c, A1(r), A2(r))) < 0)
		return rc;
	return rw_move(&c, A1(r), A2(r));
}

LINUX_SYS(read)
{
	return rw_one(r, false, false);
}

LINUX_SYS(write)
{
	return rw_one(r, true, false);
}

LINUX_SYS(pread64)
{
	return rw_one(r, false, true);
}

LINUX_SYS(pwrite64)
{
	return rw_one(r, true, true);
}

/* The iovecs in, as Linux's import_iovec() reads them: the array's
 * range, then one after the other, a negative length (as ssize_t)
 * EINVAL as soon as it is read, then each base's range (EFAULT). */
static long iov_read(uint64_t uiov, uint64_t n, struct l_iovec *iov)
{
	uint64_t i;

	if (!user_range_ok(uiov, n * sizeof(*iov)))
		return -EFAULT;
	for (i = 0; i < n; i++) {
		if (user_copy_from(&iov[i], uiov + i * sizeof(*iov),
				   sizeof(*iov)) < 0)
			return -EFAULT;
		if ((int64_t)iov[i].len < 0)
			return -EINVAL;
	}
	for (i = 0; i < n; i++)
		if (!user_range_ok(iov[i].base, iov[i].len))
			return -EFAULT;
	return 0;
}

/* All of a call's iovecs, checked before anything moves, in *out
 * (malloc'ed; NULL for none). */
static long iov_import(uint64_t uiov, uint64_t n, struct l_iovec **out)
{
	struct l_iovec *iov;
	long rc;

	*out = NULL;
	if (n > IOV_MAX)
		return -EINVAL;
	if (!n)
		return 0;
	if (!(iov = malloc(n * sizeof(*iov))))
		return -ENOMEM;
	if ((rc = iov_read(uiov, n, iov)) < 0) {
		free(iov);
		return rc;
	}
	*out = iov;
	return 0;
}

/* The iovecs' total length (each is below 2^63: iov_read()). */
static size_t iov_sum(const struct l_iovec *iov, uint64_t n)
{
	size_t total = 0;
	uint64_t i;

	for (i = 0; i < n; i++)
		total =
		    total + iov[i].len < total ? SIZE_MAX : total + iov[i].len;
	return total;
}

/* readv/writev: the fd's checks, the iovecs', then piece by piece,
 * stopping at a short transfer; an error after some bytes moved
 * returns the bytes. */
static long vector_io(struct user_regs *r, bool write)
{
	struct rw_call c = {(int)A0(r), write, -1, false, false};
	struct l_iovec *iov;
	uint64_t n = (uint32_t)A2(r), i; /* Linux's count is an unsigned int */
	long total = 0, got = 0;

	if ((got = rw_check_fd(&c, false)) < 0 ||
	    (got = iov_import(A1(r), n, &iov)) < 0)
		return got;
	/* A datagram is the iovecs together: too long is EMSGSIZE first. */
	if (write && !c.seeks &&
	    (got = uio_check_whole(c.fd, iov_sum(iov, n))) < 0) {
		free(iov);
		return got;
	}
	for (i = 0; i < n; i++) {
		if (!iov[i].len)
			continue;
		got = rw_move(&c, iov[i].base, iov[i].len);
		if (got < 0)
			break;
		total += got;
		if ((size_t)got < iov[i].len)
			break;
	}
	free(iov);
	return total ? total : got < 0 ? got : 0;
}

LINUX_SYS(readv)
{
	return vector_io(r, false);
}

LINUX_SYS(writev)
{
	return vector_io(r, true);
}
