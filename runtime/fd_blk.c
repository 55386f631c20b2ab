/*
 * The disks as files: "/dev/NAME" (NAME as Linux names the vbd: "xvda")
 * opens the disk as an fd with read, write, pread, pwrite, lseek, fsync
 * and fstat. Bytes go through blkio.c (unaligned edges read-modify-write)
 * to the kernel's block-device API (include/kernel/blkdev.h), which
 * blocks the calling thread until the backend answered. docs/runtime.md,
 * "Disks", says what each call does at the edges.
 */
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/sync.h>
#include <kernel/time.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "blkio.h"
#include <runtime/fd.h>
#include "fd_blk.h"

#define DEV_PREFIX "/dev/"
/* How long open() waits for the disks' backends at boot. */
#define SETTLE_WAIT_NS (10 * NSEC_PER_SEC)

/* One per open fd. Edges of unaligned transfers share the device's
 * bounce sector and its lock (another fd on the same disk may be in the
 * middle of a read-modify-write of the same sector). */
struct blk_file {
	struct blkdev *bd;
	struct blk_dev_state *st;
	uint64_t pos;
	int accmode; /* O_RDONLY, O_WRONLY or O_RDWR */
};

struct blk_dev_state {
	const struct blkdev *bd; /* NULL: a free slot */
	struct kmutex lock;
	void *bounce;	      /* one sector, sector-aligned */
	uint32_t bounce_size; /* its bytes: the largest sector seen */
};

/* A slot per disk registered (<kernel/devreg.h>), never reused: an fd
 * of an unplugged disk may still hold its lock. */
static struct {
	struct blk_dev_state dev[DEVREG_SLOTS(BLKDEV_MAX)];
} blk;

static int dev_read(void *ctx, uint64_t sector, void *buf, uint64_t count)
{
	return blkdev_read(ctx, sector, buf, count);
}

static int dev_write(void *ctx, uint64_t sector, const void *buf,
		     uint64_t count)
{
	return blkdev_write(ctx, sector, buf, count);
}

/* The bounce sector for sectors of ss bytes (under st->lock): a disk
 * that came back from its backend with larger sectors gets a larger
 * one. NULL when memory ran out. */
static void *bounce_for(struct blk_dev_state *st, uint32_t ss)
{
	void *b;

	if (ss <= st->bounce_size)
		return st->bounce;
	if (!(b = aligned_alloc(ss, ss)))
		return NULL;
	free(st->bounce);
	st->bounce = b;
	st->bounce_size = ss;
	return b;
}

/* One transfer with the disk's geometry as it is now. A transfer whose
 * edges are not on sector boundaries needs the bounce sector, so it
 * holds the device's lock; aligned ones run in parallel. */
static long transfer(struct blk_file *f, void *rbuf, const void *wbuf,
		     size_t len, uint64_t off)
{
	struct blkio_dev d = {.sector_size = f->bd->sector_size,
			      .sectors = f->bd->sectors,
			      .read = dev_read,
			      .write = dev_write,
			      .ctx = f->bd};
	long r;

	if (!(off % d.sector_size) && !(len % d.sector_size))
		return rbuf ? blkio_pread(&d, rbuf, len, off)
			    : blkio_pwrite(&d, wbuf, len, off);
	kmutex_lock(&f->st->lock);
	/* Again under the lock: the disk may have reconnected meanwhile. */
	d.sector_size = f->bd->sector_size;
	d.sectors = f->bd->sectors;
	if (!(d.bounce = bounce_for(f->st, d.sector_size)))
		r = -ENOMEM;
	else
		r = rbuf ? blkio_pread(&d, rbuf, len, off)
			 : blkio_pwrite(&d, wbuf, len, off);
	kmutex_unlock(&f->st->lock);
	return r;
}

static long do_pread(struct blk_file *f, void *buf, size_t len, uint64_t off)
{
	if (f->accmode == O_WRONLY)
		return -EBADF;
	return transfer(f, buf, NULL, len, off);
}

static long do_pwrite(struct blk_file *f, const void *buf, size_t len,
		      uint64_t off)
{
	if (f->accmode == O_RDONLY)
		return -EBADF;
	if (f->bd->read_only)
		return -EROFS;
	return transfer(f, NULL, buf, len, off);
}

static long blk_read(void *obj, void *buf, size_t len)
{
	struct blk_file *f = obj;
	long r = do_pread(f, buf, len, f->pos);

	if (r > 0)
		f->pos += (uint64_t)r;
	return r;
}

static long blk_write(void *obj, const void *buf, size_t len)
{
	struct blk_file *f = obj;
	long r = do_pwrite(f, buf, len, f->pos);

	if (r > 0)
		f->pos += (uint64_t)r;
	return r;
}

static long blk_pread(void *obj, void *buf, size_t len, long off)
{
	return do_pread(obj, buf, len, (uint64_t)off);
}

static long blk_pwrite(void *obj, const void *buf, size_t len, long off)
{
	return do_pwrite(obj, buf, len, (uint64_t)off);
}

static uint64_t size_of(const struct blkdev *bd)
{
	return bd->sectors * bd->sector_size;
}

/* Any offset from 0 up, past the end too (reads there give 0, writes
 * ENOSPC); SEEK_END is from the disk's size. */
static long blk_lseek(void *obj, long off, int whence)
{
	struct blk_file *f = obj;
	long r =
	    file_seek_offset((long)f->pos, (long)size_of(f->bd), off, whence);

	if (r >= 0)
		f->pos = (uint64_t)r;
	return r;
}

/* Returns once the backend confirmed that every write completed before
 * the call is on stable storage. A backend that refuses flushes has no
 * cache to flush (Linux's fsync ignores that answer too). */
static int blk_fsync(void *obj)
{
	struct blk_file *f = obj;
	int r = blkdev_flush(f->bd);

	return r == -EOPNOTSUPP ? 0 : r;
}

static void fill_stat(const struct blkdev *bd, struct stat *st)
{
	file_stat_init(st, S_IFBLK | (bd->read_only ? 0440 : 0660),
		       bd->sector_size);
	/* The Linux device number for the classic xvd numbering. */
	st->st_rdev = bd->vdev < 0x10000 ? (dev_t)bd->vdev : 0;
	st->st_ino = 0x1000 + bd->vdev;
	/* Linux says 0 for a block device; apps here get the disk's size,
	 * as they have no BLKGETSIZE64 ioctl. */
	st->st_size = (off_t)size_of(bd);
}

static int blk_fstat(void *obj, struct stat *st)
{
	fill_stat(((struct blk_file *)obj)->bd, st);
	return 0;
}

static const struct fd_ops blk_fd_ops = {
    .read = blk_read,
    .write = blk_write,
    .pread = blk_pread,
    .pwrite = blk_pwrite,
    .lseek = blk_lseek,
    .fstat = blk_fstat,
    .fsync = blk_fsync,
    .close = file_close_free,
};

bool blk_path(const char *path)
{
	return !strncmp(path, DEV_PREFIX, strlen(DEV_PREFIX));
}

/* The disk that path names, once its backend had its chance to connect
 * (a bounded wait at boot); NULL if none. */
static struct blkdev *find(const char *path)
{
	blkdev_wait_settled(time_monotonic_ns() + SETTLE_WAIT_NS);
	return blkdev_by_name(path + strlen(DEV_PREFIX));
}

/* bd's lock and bounce sector, made when it is first opened; NULL when
 * memory ran out. */
static struct blk_dev_state *state_of(const struct blkdev *bd)
{
	struct blk_dev_state *s, *free_slot = NULL;

	for (s = blk.dev; s < blk.dev + ARRAY_SIZE(blk.dev); s++) {
		if (s->bd == bd)
			return s;
		if (!s->bd && !free_slot)
			free_slot = s;
	}
	/* There is a slot for every registered device. */
	s = free_slot;
	if (!s || !bounce_for(s, bd->sector_size))
		return NULL;
	kmutex_init(&s->lock);
	s->bd = bd;
	return s;
}

int blk_open(const char *path, int flags)
{
	struct blk_file *f;
	struct blkdev *bd;
	int fd;

	if (!(bd = find(path)))
		return -ENOENT;
	if (flags & O_DIRECTORY)
		return -ENOTDIR;
	if ((flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	if (!bd->connected)
		return -ENXIO;
	if (!(f = calloc(1, sizeof(*f))))
		return -ENOMEM;
	f->bd = bd;
	f->accmode = flags & O_ACCMODE;
	if (!(f->st = state_of(bd))) {
		free(f);
		return -ENOMEM;
	}
	fd = fd_open(&blk_fd_ops, f, flags);
	if (fd < 0)
		free(f);
	return fd;
}

int blk_stat(const char *path, struct stat *st)
{
	struct blkdev *bd = find(path);

	if (!bd)
		return -ENOENT;
	fill_stat(bd, st);
	return 0;
}
