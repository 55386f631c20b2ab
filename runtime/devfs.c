/*
 * Linux's memory character devices as files, for both personalities
 * (path.c asks here first): /dev/null (reads end at once, writes vanish),
 * /dev/zero (zeros), /dev/full (zeros; writes fail with ENOSPC), and
 * /dev/random and /dev/urandom (the kernel's generator, <kernel/random.h>;
 * both never block, as on a Linux whose pool is ready; writes are mixed
 * into the generator, as Linux mixes them into its pool). Each is a
 * character device with Linux's numbers and mode 0666, and seeks to 0 as
 * Linux's do. No poll op, as Linux has none for them: poll() finds them
 * always ready, and epoll refuses them with EPERM.
 */
#include <kernel/errno.h>
#include <kernel/random.h>
#include <kernel/sched.h>

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include <runtime/fd.h>

#include "devfs.h"

/* Bytes between yields in a long read, so that one reader does not hold
 * the only vCPU (cooperative threads). */
#define YIELD_EVERY (64 * 1024)

enum dev_kind { DEV_NULL, DEV_ZERO, DEV_FULL, DEV_RANDOM };

struct dev_node {
	const char *path;
	enum dev_kind kind;
	unsigned int rdev; /* Linux's encoding: major << 8 | minor */
};

static const struct dev_node devs[] = {
    {"/dev/null", DEV_NULL, 1 << 8 | 3},
    {"/dev/zero", DEV_ZERO, 1 << 8 | 5},
    {"/dev/full", DEV_FULL, 1 << 8 | 7},
    {"/dev/random", DEV_RANDOM, 1 << 8 | 8},
    {"/dev/urandom", DEV_RANDOM, 1 << 8 | 9},
};

static const struct dev_node *find(const char *path)
{
	size_t i;

	for (i = 0; i < sizeof(devs) / sizeof(devs[0]); i++)
		if (!strcmp(path, devs[i].path))
			return &devs[i];
	return NULL;
}

bool devfs_path(const char *path)
{
	return find(path) != NULL;
}

const char *devfs_name(unsigned int i)
{
	return i < sizeof(devs) / sizeof(devs[0]) ? devs[i].path : NULL;
}

static long dev_read(void *obj, void *buf, size_t len)
{
	const struct dev_node *d = obj;
	unsigned char *p = buf;
	size_t done = 0, n;

	if (d->kind == DEV_NULL)
		return 0;
	/* Linux's cap on one read (MAX_RW_COUNT), so the count fits. */
	if (len > 0x7ffff000)
		len = 0x7ffff000;
	while (done < len) {
		n = len - done < YIELD_EVERY ? len - done : YIELD_EVERY;
		if (d->kind == DEV_RANDOM)
			random_bytes(p + done, n);
		else
			memset(p + done, 0, n);
		done += n;
		if (done < len)
			thread_yield();
	}
	return (long)done;
}

static long dev_write(void *obj, const void *buf, size_t len)
{
	const struct dev_node *d = obj;

	if (d->kind == DEV_FULL)
		return -ENOSPC;
	if (d->kind == DEV_RANDOM)
		random_add(buf, len);
	return (long)len;
}

static long dev_pread(void *obj, void *buf, size_t len, long off)
{
	(void)off;
	return dev_read(obj, buf, len);
}

static long dev_pwrite(void *obj, const void *buf, size_t len, long off)
{
	(void)off;
	return dev_write(obj, buf, len);
}

static long dev_lseek(void *obj, long off, int whence)
{
	(void)obj;
	(void)off;
	(void)whence;
	return 0;
}

static int dev_fstat(void *obj, struct stat *st)
{
	const struct dev_node *d = obj;

	file_stat_init(st, S_IFCHR | 0666, 4096);
	st->st_rdev = d->rdev;
	st->st_ino = d->rdev; /* unique among the devices, never 0 */
	return 0;
}

/* One table per access mode: a read on a write-only fd (or the reverse)
 * finds no op and fails with EBADF, as on Linux. */
static const struct fd_ops dev_ops_rdonly = {
    .read = dev_read,
    .pread = dev_pread,
    .lseek = dev_lseek,
    .fstat = dev_fstat,
};
static const struct fd_ops dev_ops_wronly = {
    .write = dev_write,
    .pwrite = dev_pwrite,
    .lseek = dev_lseek,
    .fstat = dev_fstat,
};
static const struct fd_ops dev_ops_rdwr = {
    .read = dev_read,
    .write = dev_write,
    .pread = dev_pread,
    .pwrite = dev_pwrite,
    .lseek = dev_lseek,
    .fstat = dev_fstat,
};

int devfs_open(const char *path, int flags)
{
	const struct dev_node *d = find(path);

	if (!d)
		return -ENOENT;
	if (flags & O_DIRECTORY)
		return -ENOTDIR;
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		return fd_open(&dev_ops_rdonly, (void *)d, flags);
	case O_WRONLY:
		return fd_open(&dev_ops_wronly, (void *)d, flags);
	case O_RDWR:
		return fd_open(&dev_ops_rdwr, (void *)d, flags);
	default:
		return -EINVAL;
	}
}

int devfs_stat(const char *path, struct stat *st)
{
	const struct dev_node *d = find(path);

	return d ? dev_fstat((void *)d, st) : -ENOENT;
}
