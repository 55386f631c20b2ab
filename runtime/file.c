/*
 * Open files: the object behind one or more fds, with a reference count.
 * The table holds a reference per fd; every call on a file holds one for
 * its length; the last reference to go runs the close op, once. Then
 * dispatch to a file's ops, with the usual answer where a kind of file
 * has no op. Pure bookkeeping, no device code, so the host unit tests
 * run it (tests/host/test_fd.c).
 *
 * Threads are cooperative on one vCPU: no lock is needed, only the ops
 * may block, and they run with a reference held.
 */
#include <kernel/errno.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <runtime/fd.h>

static struct {
	void (*release_hook)(struct file *f); /* file_set_release_hook() */
} files;

void file_init(struct file *f, const struct fd_ops *ops, void *obj, int flags)
{
	f->ops = ops;
	f->obj = obj;
	f->flags = flags;
	f->refs = 1;
}

struct file *file_new(const struct fd_ops *ops, void *obj, int flags)
{
	struct file *f = malloc(sizeof(*f));

	if (f)
		file_init(f, ops, obj, flags);
	return f;
}

void file_get(struct file *f)
{
	f->refs++;
}

int file_put(struct file *f)
{
	int r = 0;

	if (--f->refs)
		return 0;
	/* Nothing can reach f any more: no fd, no call in progress. */
	if (files.release_hook)
		files.release_hook(f);
	if (f->ops->close)
		r = f->ops->close(f->obj);
	free(f);
	return r;
}

void *file_object(const struct file *f, const struct fd_ops *ops)
{
	return f->ops == ops ? f->obj : NULL;
}

void file_stat_init(struct stat *st, unsigned int mode, long blksize)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = (mode_t)mode;
	st->st_nlink = 1;
	st->st_blksize = blksize;
}

int file_close_free(void *obj)
{
	free(obj);
	return 0;
}

void file_set_release_hook(void (*hook)(struct file *f))
{
	files.release_hook = hook;
}

long file_read(struct file *f, void *buf, size_t len)
{
	return f->ops->read ? f->ops->read(f->obj, buf, len) : -EBADF;
}

long file_write(struct file *f, const void *buf, size_t len)
{
	return f->ops->write ? f->ops->write(f->obj, buf, len) : -EBADF;
}

long file_lseek(struct file *f, long off, int whence)
{
	return f->ops->lseek ? f->ops->lseek(f->obj, off, whence) : -ESPIPE;
}

long file_seek_offset(long pos, long size, long off, int whence)
{
	long base;

	switch (whence) {
	case 0: /* SEEK_SET */
		base = 0;
		break;
	case 1: /* SEEK_CUR */
		base = pos;
		break;
	case 2: /* SEEK_END */
		base = size;
		break;
	default:
		return -EINVAL;
	}
	if (off < -base || (off > 0 && base > __LONG_MAX__ - off))
		return off < 0 ? -EINVAL : -EOVERFLOW;
	return base + off;
}

/* pread/pwrite through lseek and read/write: where the file is, move,
 * transfer, move back. */
static long seek_rw(struct file *f, bool write, void *rbuf, const void *wbuf,
		    size_t len, long off)
{
	const struct fd_ops *ops = f->ops;
	long here = ops->lseek(f->obj, 0, 1 /* SEEK_CUR */), r, back;

	if (here < 0)
		return here;
	if ((r = ops->lseek(f->obj, off, 0 /* SEEK_SET */)) < 0)
		return r;
	r = write ? ops->write(f->obj, wbuf, len)
		  : ops->read(f->obj, rbuf, len);
	back = ops->lseek(f->obj, here, 0);
	return r < 0 ? r : back < 0 ? back : r;
}

/* pread (!write: into rbuf) or pwrite (from wbuf): the op, or lseek
 * and read/write on a seekable file. */
static long file_prw(struct file *f, bool write, void *rbuf, const void *wbuf,
		     size_t len, long off)
{
	const struct fd_ops *ops = f->ops;

	if (write ? !ops->write : !ops->read)
		return -EBADF;
	if (off < 0)
		return -EINVAL;
	if (!write && ops->pread)
		return ops->pread(f->obj, rbuf, len, off);
	if (write && ops->pwrite)
		return ops->pwrite(f->obj, wbuf, len, off);
	if (!ops->lseek)
		return -ESPIPE;
	return seek_rw(f, write, rbuf, wbuf, len, off);
}

long file_pread(struct file *f, void *buf, size_t len, long off)
{
	return file_prw(f, false, buf, NULL, len, off);
}

long file_pwrite(struct file *f, const void *buf, size_t len, long off)
{
	return file_prw(f, true, NULL, buf, len, off);
}

int file_fsync(struct file *f)
{
	if (f->ops->fsync)
		return f->ops->fsync(f->obj);
	return f->ops->lseek ? 0 : -EINVAL;
}

int file_fstat(struct file *f, struct stat *st)
{
	return f->ops->fstat ? f->ops->fstat(f->obj, st) : -ENOSYS;
}

int file_isatty(struct file *f)
{
	if (!f->ops->isatty || f->ops->isatty(f->obj) != 1)
		return -ENOTTY;
	return 1;
}

int file_poll(struct file *f)
{
	if (!f->ops->poll)
		return FD_POLL_IN | FD_POLL_OUT;
	return f->ops->poll(f->obj);
}

int file_poll_count(struct file *f, unsigned long *count)
{
	if (!f->ops->poll)
		return -EPERM;
	*count = f->ops->event_count ? f->ops->event_count(f->obj) : 0;
	return f->ops->poll(f->obj);
}

int file_set_flags(struct file *f, int flags)
{
	int r = f->ops->set_flags ? f->ops->set_flags(f->obj, flags) : 0;

	/* The flags belong to the open file: every dup of it sees them. */
	if (!r)
		f->flags = flags;
	return r;
}
