/*
 * Tests of runtime/fd.c, the fd table: lowest free fd first, EMFILE when
 * full, the close hook, and dup: F_DUPFD's lowest-from-min, dup2 over an
 * open fd (the old file closed, the hook told), one object shared by its
 * dups (its close op runs once, when the last of them closes; flags set
 * through one are seen through all).
 */
#include <errno.h>
#include <string.h>

#include "../../runtime/fd.h"
#include "check.h"

/* Fake files: each object is a counter of how often it was closed. */
struct fake {
	int closes;
	int flags_set;
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

static const struct fd_ops fake_ops = {.close = fake_close,
				       .set_flags = fake_set_flags};

static int hooked[8], nhooked;

static void hook(int fd)
{
	if (nhooked < 8)
		hooked[nhooked++] = fd;
}

/* Close everything, forget the hook's record. */
static void reset(void)
{
	int fd;

	fd_set_close_hook(NULL);
	for (fd = 0; fd < FD_MAX; fd++)
		fd_close(fd);
	nhooked = 0;
	fd_set_close_hook(hook);
}

static void lowest_free_and_full(void)
{
	static struct fake f;
	int fd;

	reset();
	CHECK_EQ_I64(fd_open(&fake_ops, &f, 0), 0);
	CHECK_EQ_I64(fd_open(&fake_ops, &f, 0), 1);
	CHECK_EQ_I64(fd_open(&fake_ops, &f, 0), 2);
	CHECK_EQ_I64(fd_close(1), 0);
	CHECK_EQ_I64(fd_open(&fake_ops, &f, 0), 1);
	for (fd = 3; fd < FD_MAX; fd++)
		if (!CHECK_EQ_I64(fd_open(&fake_ops, &f, 0), fd))
			return;
	CHECK_EQ_I64(fd_open(&fake_ops, &f, 0), -EMFILE);
	CHECK_EQ_I64(fd_close(-1), -EBADF);
	CHECK_EQ_I64(fd_close(FD_MAX), -EBADF);
	reset();
	CHECK_EQ_I64(f.closes, 1); /* one object in every fd: closed once */
	CHECK_EQ_I64(fd_close(0), -EBADF);
}

static void dup_shares_the_object(void)
{
	static struct fake a;
	int fd, d;

	reset();
	memset(&a, 0, sizeof(a));
	fd = fd_open(&fake_ops, &a, 0x4000);
	CHECK_EQ_I64(fd_open(&fake_ops, &a, 0) >= 0, 1);
	d = fd_dup(fd, 0);
	CHECK_EQ_I64(d, 2);
	CHECK(fd_object(d, &fake_ops) == &a);
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
	/* Closing dups leaves the object open until the last goes. */
	CHECK_EQ_I64(fd_close(fd), 0);
	CHECK_EQ_I64(fd_close(10), 0);
	CHECK_EQ_I64(fd_close(11), 0);
	CHECK_EQ_I64(fd_close(1), 0); /* the second open of a: a "dup" too */
	CHECK_EQ_I64(a.closes, 0);
	CHECK_EQ_I64(fd_close(d), 0);
	CHECK_EQ_I64(a.closes, 1);
	CHECK_EQ_I64(nhooked, 5);
}

static void dup2_replaces(void)
{
	static struct fake a, b;
	int fa, fb;

	reset();
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	fa = fd_open(&fake_ops, &a, 0);
	fb = fd_open(&fake_ops, &b, 0);
	CHECK_EQ_I64(fd_dup2(fa, fa), fa); /* itself: nothing happens */
	CHECK_EQ_I64(a.closes, 0);
	CHECK_EQ_I64(nhooked, 0);
	/* Over an open fd: b is closed (the hook hears of fb), fb is a. */
	CHECK_EQ_I64(fd_dup2(fa, fb), fb);
	CHECK_EQ_I64(b.closes, 1);
	CHECK_EQ_I64(nhooked, 1);
	CHECK_EQ_I64(hooked[0], fb);
	CHECK(fd_object(fb, &fake_ops) == &a);
	/* Onto a free fd. */
	CHECK_EQ_I64(fd_dup2(fa, 40), 40);
	CHECK(fd_object(40, &fake_ops) == &a);
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
	CHECK_EQ_I64(b.closes, 1);
}

CHECK_MAIN("fd", CHECK_TEST(lowest_free_and_full),
	   CHECK_TEST(dup_shares_the_object), CHECK_TEST(dup2_replaces))
