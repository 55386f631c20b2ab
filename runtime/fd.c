/*
 * The file-descriptor table: FD_MAX slots, each empty or pointing at an
 * open file (file.c) whose reference it holds; the lowest free fd first,
 * as POSIX requires. A call by fd number takes its own reference for its
 * length, so close() (which only empties the slot and drops the table's
 * reference) never frees what a call in progress uses, and the file's
 * close op runs once, when the last reference goes. No C-library or
 * device code, so the host unit tests run it (tests/host/test_fd.c).
 *
 * Threads are cooperative on one vCPU: nothing here needs a lock, and a
 * slot is changed before anything that may block (a close op) runs.
 */
#include <kernel/errno.h>

#include <stdbool.h>

#include <runtime/fd.h>

static bool fd_valid(int fd)
{
	return fd >= 0 && fd < FD_MAX;
}

/* The table of the domain's first program, and of C apps. */
static struct fd_table boot_table;
static struct fd_table *(*caller_table)(void);

void fd_set_table_hook(struct fd_table *(*hook)(void))
{
	caller_table = hook;
}

/* The calling process's table. */
static struct fd_table *tab(void)
{
	struct fd_table *t = caller_table ? caller_table() : NULL;

	return t ? t : &boot_table;
}

static void set_cloexec(struct fd_table *t, int fd, bool on)
{
	uint64_t bit = 1ULL << (fd % 64);

	t->cloexec[fd / 64] =
	    on ? t->cloexec[fd / 64] | bit : t->cloexec[fd / 64] & ~bit;
}

static bool is_cloexec(const struct fd_table *t, int fd)
{
	return (t->cloexec[fd / 64] >> (fd % 64)) & 1;
}

int fd_set_cloexec(int fd, bool on)
{
	if (!fd_valid(fd) || !tab()->slot[fd])
		return -EBADF;
	set_cloexec(tab(), fd, on);
	return 0;
}

int fd_get_cloexec(int fd)
{
	if (!fd_valid(fd) || !tab()->slot[fd])
		return -EBADF;
	return is_cloexec(tab(), fd);
}

void fd_table_close_on_exec(struct fd_table *t)
{
	int fd;

	for (fd = 0; fd < FD_MAX; fd++) {
		struct file *f = t->slot[fd];

		if (!f || !is_cloexec(t, fd))
			continue;
		t->slot[fd] = NULL;
		set_cloexec(t, fd, false);
		(void)file_put(f);
	}
}

struct fd_table *fd_table_boot(void)
{
	return &boot_table;
}

void fd_table_copy(struct fd_table *dst, const struct fd_table *src)
{
	int fd;

	for (fd = 0; fd < FD_MAX / 64; fd++)
		dst->cloexec[fd] = src->cloexec[fd];
	for (fd = 0; fd < FD_MAX; fd++) {
		dst->slot[fd] = src->slot[fd];
		if (dst->slot[fd])
			file_get(dst->slot[fd]);
	}
}

void fd_table_close_all(struct fd_table *t)
{
	int fd;

	for (fd = 0; fd < FD_MAX; fd++) {
		struct file *f = t->slot[fd];

		t->slot[fd] = NULL;
		if (f)
			(void)file_put(f);
	}
}

/* The lowest free fd from min up, or -EMFILE. */
static int fd_free_slot(int min)
{
	int fd;

	for (fd = min; fd < FD_MAX; fd++)
		if (!tab()->slot[fd])
			return fd;
	return -EMFILE;
}

int fd_install(struct file *f, int min)
{
	int fd;

	if (!fd_valid(min))
		return -EINVAL;
	fd = fd_free_slot(min);
	if (fd >= 0) {
		file_get(f);
		tab()->slot[fd] = f;
		set_cloexec(tab(), fd, false);
	}
	return fd;
}

int fd_open(const struct fd_ops *ops, void *obj, int flags)
{
	int fd = fd_free_slot(0);
	struct file *f;

	if (fd < 0)
		return fd;
	f = file_new(ops, obj, flags);
	if (!f)
		return -ENOMEM;
	tab()->slot[fd] = f; /* its one reference is the table's */
	set_cloexec(tab(), fd, false);
	return fd;
}

struct file *fd_get(int fd)
{
	struct file *f = fd_valid(fd) ? tab()->slot[fd] : NULL;

	if (f)
		file_get(f);
	return f;
}

struct file *fd_get_kind(int fd, const struct fd_ops *ops, int wrong_kind,
			 int *err)
{
	struct file *f = fd_get(fd);

	if (!f) {
		*err = -EBADF;
	} else if (f->ops != ops) {
		file_put(f);
		f = NULL;
		*err = wrong_kind;
	}
	return f;
}

int fd_close(int fd)
{
	struct file *f = fd_valid(fd) ? tab()->slot[fd] : NULL;

	if (!f)
		return -EBADF;
	/* Free the slot first: a close op that blocks must not leave a
	 * half-closed fd that another thread could still use. */
	tab()->slot[fd] = NULL;
	return file_put(f);
}

int fd_dup(int fd, int min)
{
	struct file *f = fd_get(fd);
	int r;

	if (!f)
		return -EBADF;
	r = fd_install(f, min);
	file_put(f);
	return r;
}

int fd_dup2(int fd, int newfd)
{
	struct file *f = fd_valid(fd) ? tab()->slot[fd] : NULL, *old;

	if (!f || !fd_valid(newfd))
		return -EBADF;
	if (newfd == fd)
		return fd;
	/* Swap without blocking, then drop what newfd held (its close op
	 * may block; newfd is already the new file by then). */
	old = tab()->slot[newfd];
	file_get(f);
	tab()->slot[newfd] = f;
	set_cloexec(tab(), newfd, false);
	if (old)
		(void)file_put(old); /* Linux ignores the close's error too */
	return newfd;
}

/* The by-number calls: a reference around the file op. */
#define FD_CALL(fd, call)                                                      \
	do {                                                                   \
		struct file *f_ = fd_get(fd);                                  \
		long r_;                                                       \
                                                                               \
		if (!f_)                                                       \
			return -EBADF;                                         \
		r_ = (call);                                                   \
		file_put(f_);                                                  \
		return r_;                                                     \
	} while (0)

long fd_read(int fd, void *buf, size_t len)
{
	FD_CALL(fd, file_read(f_, buf, len));
}

long fd_write(int fd, const void *buf, size_t len)
{
	FD_CALL(fd, file_write(f_, buf, len));
}

long fd_lseek(int fd, long off, int whence)
{
	FD_CALL(fd, file_lseek(f_, off, whence));
}

long fd_pread(int fd, void *buf, size_t len, long off)
{
	FD_CALL(fd, file_pread(f_, buf, len, off));
}

long fd_pwrite(int fd, const void *buf, size_t len, long off)
{
	FD_CALL(fd, file_pwrite(f_, buf, len, off));
}

int fd_fsync(int fd)
{
	FD_CALL(fd, file_fsync(f_));
}

int fd_fstat(int fd, struct stat *st)
{
	FD_CALL(fd, file_fstat(f_, st));
}

int fd_isatty(int fd)
{
	FD_CALL(fd, file_isatty(f_));
}

int fd_poll(int fd)
{
	FD_CALL(fd, file_poll(f_));
}

int fd_get_flags(int fd)
{
	FD_CALL(fd, f_->flags);
}

int fd_set_flags(int fd, int flags)
{
	FD_CALL(fd, file_set_flags(f_, flags));
}
