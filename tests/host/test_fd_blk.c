/*
 * Tests of runtime/fd_blk.c (disks as files) over a fake block device in
 * memory: unaligned transfers through the bounce sector, and a disk that
 * comes back from its backend with larger sectors (issue 16, item 2: the
 * bounce sector sized at the first open was overrun by every later
 * unaligned access; AddressSanitizer sees it).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/sync.h>
#include <kernel/time.h>
#include <runtime/fd.h>

#include "../../runtime/fd_blk.h"
#include "check.h"

#define DISK (64 * 1024)

static struct {
	struct blkdev bd;
	uint8_t disk[DISK];
	const struct fd_ops *ops; /* what blk_open() handed fd_open() */
	void *obj;
} fx;

/* --- The block device and the fd table, faked --------------------------- */

static int io(struct blkdev *bd, uint64_t sector, void *buf, uint64_t count,
	      bool write)
{
	uint64_t off = sector * bd->sector_size, len = count * bd->sector_size;

	if (!CHECK(off + len <= DISK))
		return -EIO;
	if (write)
		memcpy(fx.disk + off, buf, len);
	else
		memcpy(buf, fx.disk + off, len);
	return 0;
}

int blkdev_read(struct blkdev *bd, uint64_t sector, void *buf, uint64_t count)
{
	return io(bd, sector, buf, count, false);
}

int blkdev_write(struct blkdev *bd, uint64_t sector, const void *buf,
		 uint64_t count)
{
	return io(bd, sector, (void *)buf, count, true);
}

int blkdev_flush(struct blkdev *bd)
{
	(void)bd;
	return 0;
}

struct blkdev *blkdev_by_name(const char *name)
{
	return strcmp(name, fx.bd.name) ? NULL : &fx.bd;
}

int blkdev_wait_settled(uint64_t deadline_ns)
{
	(void)deadline_ns;
	return 0;
}

uint64_t time_monotonic_ns(void)
{
	return 0;
}

void kmutex_init(struct kmutex *m)
{
	(void)m;
}

int kmutex_lock(struct kmutex *m)
{
	(void)m;
	return 0;
}

int kmutex_unlock(struct kmutex *m)
{
	(void)m;
	return 0;
}

int fd_open(const struct fd_ops *ops, void *obj, int flags)
{
	(void)flags;
	fx.ops = ops;
	fx.obj = obj;
	return 3;
}

int file_close_free(void *obj)
{
	free(obj);
	return 0;
}

long file_seek_offset(long pos, long size, long off, int whence)
{
	(void)pos;
	(void)size;
	(void)whence;
	return off;
}

void file_stat_init(struct stat *st, unsigned int mode, long blksize)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = mode;
	st->st_blksize = blksize;
}

/* --- Scenarios ------------------------------------------------------------ */

static void set_geometry(uint32_t ss)
{
	fx.bd.sector_size = ss;
	fx.bd.sectors = DISK / ss;
}

/* Write len bytes of c at off through the fd, read them back, and check
 * the disk itself (and a byte on each side, untouched). */
static void round_trip(uint64_t off, size_t len, char c)
{
	char buf[700], back[700];
	uint8_t before = fx.disk[off - 1], after = fx.disk[off + len];

	memset(buf, c, len);
	CHECK_EQ_I64(fx.ops->pwrite(fx.obj, buf, len, (long)off), (long)len);
	CHECK_EQ_I64(fx.ops->pread(fx.obj, back, len, (long)off), (long)len);
	CHECK(!memcmp(buf, back, len));
	CHECK(!memcmp(fx.disk + off, buf, len));
	CHECK_EQ_U64(fx.disk[off - 1], before);
	CHECK_EQ_U64(fx.disk[off + len], after);
}

static void test_sectors_grow(void)
{
	memset(&fx, 0, sizeof(fx));
	strcpy(fx.bd.name, "xvdq");
	fx.bd.connected = true;
	set_geometry(512);
	if (!CHECK_EQ_I64(blk_open("/dev/xvdq", O_RDWR), 3))
		return;
	round_trip(1000, 100, 'a'); /* inside one sector */
	round_trip(300, 700, 'b');  /* across a boundary */
	/* The backend comes back with 4096-byte sectors: the bounce
	 * sector must grow with them. */
	set_geometry(4096);
	round_trip(5000, 100, 'c');
	round_trip(4000, 700, 'd');
	/* And back to 512: the larger bounce serves. */
	set_geometry(512);
	round_trip(9000, 7, 'e');
	CHECK_EQ_I64(fx.ops->close(fx.obj), 0);
}

CHECK_MAIN("fd_blk", CHECK_TEST(test_sectors_grow))
