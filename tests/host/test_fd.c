/*
 * Tests of runtime/fd.c and runtime/file.c, the fd table and the open
 * files behind it: lowest free fd first, EMFILE when full; dup, dup2 and
 * F_DUPFD share one open file (flags set through one are seen through
 * all); the close op runs once, when the last reference goes; a call in
 * progress holds a reference, so an fd closed under it (by "another
 * thread": here, from inside the op) keeps its object until the call
 * returns; the release hook hears of each file once.
 */
#include <errno.h>
#include <string.h>

#include <runtime/fd.h>
#include "check.h"

/* Fake files: each object counts its closes. */
struct fake {
	int closes;
	int flags_set;
	int close_fd;	 /* read op: close this fd first (-1: none) */
	int closes_seen; /* read op: closes counted after that close */
};

static int fake_close(void *obj)
{
	((struct fake *)obj)->closes++;
	return 0;
}

static int fake_set_flags(void *obj, int flags)
{
	((struct fake *)obj)->flags_set = flags;
	return 0;
}

/* A read that, like a thread blocked in it, sees its fd closed by
 * another thread: the object must still be there, not closed. */
static long fake_read(void *obj, void *buf, size_t len)
{
	struct fake *f = obj;

	(void)buf;
	if (f->close_fd >= 0)
		CHECK_EQ_I64(fd_close(f->close_fd), 0);
	f->closes_seen = f->closes;
	return (long)len;
}

static const struct fd_ops fake_ops = {
    .read = fake_read, .close = fake_close, .set_flags = fake_set_flags};

static int released;

static void hook(struct file *f)
{
	(void)f;
	released++;
}

/* Close everything, count releases from 0. */
static void reset(void)
{
	int fd;

	file_set_release_hook(NULL);
	for (fd = 0; fd < FD_MAX; fd++)
		fd_close(fd);
	released = 0;
	file_set_release_hook(hook);
}

/* Whether fds a and b hold one open file (no reference kept). */
static int same_file(int a, int b)
{
	struct file *x = fd_get(a), *y = fd_get(b);
	int same = x && x == y;

	if (x)
		file_put(x);
	if (y)
		file_put(y);
	return same;
}

static void fake_init(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	f->close_fd = -1;
}

static void lowest_free_and_full(void)
{
	static struct fake f;
	int fd;

	reset();
	fake_init(&f);
	CHECK_EQ_I64(fd_open(&fake_ops, &f, 0), 0);
	CHECK_EQ_I64(fd_open(&fake_ops, &f, 0), 1);
	CHECK_EQ_I64(fd_open(&fake_ops, &f, 0), 2);
	CHECK_EQ_I64(fd_close(1), 0);
	CHECK_EQ_I64(f.closes, 1); /* each open is a file of its own */
	CHECK_EQ_I64(fd_open(&fake_ops, &f, 0), 1);
	for (fd = 3; fd < FD_MAX; fd++)
		if (!CHECK_EQ_I64(fd_open(&fake_ops, &f, 0), fd))
			return;
	CHECK_EQ_I64(fd_open(&fake_ops, &f, 0), -EMFILE);
	CHECK_EQ_I64(fd_dup(0, 0), -EMFILE);
	CHECK_EQ_I64(fd_close(-1), -EBADF);
	CHECK_EQ_I64(fd_close(FD_MAX), -EBADF);
	reset();
	CHECK_EQ_I64(f.closes, FD_MAX + 1);
	CHECK_EQ_I64(fd_close(0), -EBADF);
	CHECK(fd_get(0) == NULL);
}

static void dup_shares_the_file(void)
{
	static struct fake a;
	struct file *f;
	int fd, d;

	reset();
	fake_init(&a);
	fd = fd_open(&fake_ops, &a, 0x4000);
	d = fd_dup(fd, 0);
	CHECK_EQ_I64(d, 1);
	f = fd_get(d);
	CHECK(f && f == fd_get(fd));
	CHECK(file_object(f, &fake_ops) == &a);
	CHECK(file_object(f, &(const struct fd_ops){0}) == NULL);
	CHECK_EQ_I64(f->refs, 4); /* two fds, two calls */
	file_put(f);
	file_put(f);
	CHECK_EQ_I64(fd_get_flags(d), 0x4000);
	/* Flags set through one fd are the open file's. */
	CHECK_EQ_I64(fd_set_flags(d, 0x400), 0);
	CHECK_EQ_I64(a.flags_set, 0x400);
	CHECK_EQ_I64(fd_get_flags(fd), 0x400);
	/* F_DUPFD: the lowest free from min. */
	CHECK_EQ_I64(fd_dup(fd, 10), 10);
	CHECK_EQ_I64(fd_dup(fd, 10), 11);
	CHECK_EQ_I64(fd_dup(fd, FD_MAX), -EINVAL);
	CHECK_EQ_I64(fd_dup(fd, -1), -EINVAL);
	CHECK_EQ_I64(fd_dup(7, 0), -EBADF);
	/* Closing dups leaves the file open until the last goes. */
	CHECK_EQ_I64(fd_close(fd), 0);
	CHECK_EQ_I64(fd_close(10), 0);
	CHECK_EQ_I64(fd_close(11), 0);
	CHECK_EQ_I64(a.closes, 0);
	CHECK_EQ_I64(released, 0);
	CHECK_EQ_I64(fd_close(d), 0);
	CHECK_EQ_I64(a.closes, 1);
	CHECK_EQ_I64(released, 1);
}

static void dup2_replaces(void)
{
	static struct fake a, b;
	int fa, fb;

	reset();
	fake_init(&a);
	fake_init(&b);
	fa = fd_open(&fake_ops, &a, 0);
	fb = fd_open(&fake_ops, &b, 0);
	CHECK_EQ_I64(fd_dup2(fa, fa), fa); /* itself: nothing happens */
	CHECK_EQ_I64(a.closes, 0);
	/* Over an open fd: b is closed, fb is a. */
	CHECK_EQ_I64(fd_dup2(fa, fb), fb);
	CHECK_EQ_I64(b.closes, 1);
	CHECK_EQ_I64(released, 1);
	CHECK(same_file(fa, fb));
	/* Onto a free fd. */
	CHECK_EQ_I64(fd_dup2(fa, 40), 40);
	CHECK_EQ_I64(fd_dup2(fa, FD_MAX), -EBADF);
	CHECK_EQ_I64(fd_dup2(fa, -1), -EBADF);
	CHECK_EQ_I64(fd_dup2(41, 42), -EBADF);
	CHECK_EQ_I64(fd_get_flags(42), -EBADF);
	/* dup2 of a's dup over another dup of a: a stays open. */
	CHECK_EQ_I64(fd_dup2(fb, 40), 40);
	CHECK_EQ_I64(a.closes, 0);
	fd_close(fa);
	fd_close(fb);
	CHECK_EQ_I64(a.closes, 0);
	fd_close(40);
	CHECK_EQ_I64(a.closes, 1);
	CHECK_EQ_I64(released, 2);
}

/* A call in progress holds the file: its fd closed meanwhile, the close
 * op waits for the call to return, and then runs exactly once. */
static void close_during_a_call(void)
{
	static struct fake a;
	char buf[4];
	int fd;

	reset();
	fake_init(&a);
	fd = fd_open(&fake_ops, &a, 0);
	a.close_fd = fd;
	CHECK_EQ_I64(fd_read(fd, buf, sizeof(buf)), 4);
	CHECK_EQ_I64(a.closes_seen, 0); /* not closed under the call */
	CHECK_EQ_I64(a.closes, 1);	/* closed when it returned */
	CHECK_EQ_I64(released, 1);
	CHECK_EQ_I64(fd_read(fd, buf, sizeof(buf)), -EBADF);
	CHECK_EQ_I64(fd_close(fd), -EBADF);
	CHECK_EQ_I64(a.closes, 1);
}

/* A reference held (as epoll's probe or a socket call holds one): no
 * close op until it is put, whatever closes meanwhile; the put that
 * drops the last one returns the close op's result. */
static void reference_outlives_the_fds(void)
{
	static struct fake a;
	struct file *f, *g;
	int fd, d;

	reset();
	fake_init(&a);
	fd = fd_open(&fake_ops, &a, 0);
	d = fd_dup(fd, 0);
	f = fd_get(fd);
	CHECK_EQ_I64(fd_close(fd), 0);
	CHECK_EQ_I64(fd_close(d), 0);
	CHECK_EQ_I64(a.closes, 0);
	CHECK_EQ_I64(released, 0);
	CHECK_EQ_I64(f->refs, 1);
	/* A new open gets the lowest fd; the held file is not in the table. */
	CHECK_EQ_I64(fd_open(&fake_ops, &a, 0), 0);
	g = fd_get(0);
	CHECK(g && g != f);
	file_put(g);
	CHECK_EQ_I64(file_put(f), 0);
	CHECK_EQ_I64(a.closes, 1);
	CHECK_EQ_I64(released, 1);
}

/* A seekable file without pread/pwrite ops: 8 bytes and an offset. */
struct seekable {
	char data[8];
	long pos;
};

static long sk_read(void *obj, void *buf, size_t len)
{
	struct seekable *k = obj;
	size_t n = k->pos < 8 ? 8 - (size_t)k->pos : 0;

	n = n < len ? n : len;
	memcpy(buf, k->data + k->pos, n);
	k->pos += (long)n;
	return (long)n;
}

static long sk_write(void *obj, const void *buf, size_t len)
{
	struct seekable *k = obj;

	if (k->pos + (long)len > 8)
		return -ENOSPC;
	memcpy(k->data + k->pos, buf, len);
	k->pos += (long)len;
	return (long)len;
}

static long sk_lseek(void *obj, long off, int whence)
{
	struct seekable *k = obj;
	long r = file_seek_offset(k->pos, 8, off, whence);

	if (r >= 0)
		k->pos = r;
	return r;
}

static const struct fd_ops seekable_ops = {
    .read = sk_read, .write = sk_write, .lseek = sk_lseek};

/* pread/pwrite without their ops: through lseek, the offset put back;
 * on a file that cannot seek, ESPIPE; a negative offset EINVAL. */
static void pread_through_lseek(void)
{
	static struct seekable k = {.data = "abcdefgh"};
	static struct fake a;
	char buf[4] = {0};
	int fd, p;

	reset();
	fake_init(&a);
	fd = fd_open(&seekable_ops, &k, 0);
	CHECK_EQ_I64(fd_lseek(fd, 1, 0), 1);
	CHECK_EQ_I64(fd_pread(fd, buf, 3, 4), 3);
	CHECK_MEM(buf, "efg", 3);
	CHECK_EQ_I64(fd_pwrite(fd, "XY", 2, 6), 2);
	CHECK_EQ_I64(fd_lseek(fd, 0, 1), 1); /* where it was */
	CHECK_MEM(k.data, "abcdefXY", 8);
	CHECK_EQ_I64(fd_pread(fd, buf, 1, -1), -EINVAL);
	p = fd_open(&fake_ops, &a, 0);
	CHECK_EQ_I64(fd_pread(p, buf, 1, 0), -ESPIPE);
	CHECK_EQ_I64(fd_pwrite(p, buf, 1, 0), -EBADF); /* no write op */
	CHECK_EQ_I64(fd_lseek(p, 0, 0), -ESPIPE);
	CHECK_EQ_I64(fd_fsync(fd), 0);
	CHECK_EQ_I64(fd_fsync(p), -EINVAL);
}

/* A static file (the console's): its own reference keeps it, so closing
 * every fd never frees it (ASan would see a free of a static) nor runs
 * its close op. */
static void static_file_stays(void)
{
	static struct fake a;
	static struct file f;
	int fd, d;

	reset();
	fake_init(&a);
	file_init(&f, &fake_ops, &a, 0);
	fd = fd_install(&f, 0);
	CHECK_EQ_I64(fd, 0);
	d = fd_dup(fd, 0);
	CHECK_EQ_I64(fd_close(fd), 0);
	CHECK_EQ_I64(fd_close(d), 0);
	CHECK_EQ_I64(a.closes, 0);
	CHECK_EQ_I64(f.refs, 1);
	CHECK_EQ_I64(fd_install(&f, FD_MAX), -EINVAL);
}

CHECK_MAIN("fd", CHECK_TEST(lowest_free_and_full),
	   CHECK_TEST(dup_shares_the_file), CHECK_TEST(dup2_replaces),
	   CHECK_TEST(close_during_a_call),
	   CHECK_TEST(reference_outlives_the_fds),
	   CHECK_TEST(pread_through_lseek), CHECK_TEST(static_file_stays))
