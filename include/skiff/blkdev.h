/*
 * Raw block devices for apps (and the driver's guest tests): read, write
 * and flush whole sectors of a disk of the xl config, named as Linux
 * names it ("xvda" for vdev=xvda). Any buffer address works (misaligned
 * ones are copied through the driver's bounce pages); a buffer aligned
 * to the sector size is handed to the backend as it is. Calls return a
 * negative Linux errno value on failure.
 */
#ifndef SKIFF_BLKDEV_H
#define SKIFF_BLKDEV_H

#define SKIFF_BLKDEV_F_FLUSH 1u	  /* the backend flushes its cache */
#define SKIFF_BLKDEV_F_BARRIER 2u /* it offers write barriers */

struct skiff_blkdev_info {
	char name[16];
	unsigned long long sectors; /* size in sector_size units */
	unsigned int sector_size;   /* bytes: 512 or 4096 */
	int read_only;
	unsigned int features; /* SKIFF_BLKDEV_F_* */
};

/* Find the disk called name, waiting up to timeout_ms for the disks'
 * backends to connect; fill in *info. Returns a handle (>= 0); -ENODEV
 * for no such disk, -ENXIO when its backend is not connected. */
int skiff_blkdev_open(const char *name, unsigned long timeout_ms,
		      struct skiff_blkdev_info *info);

/* Read or write count sectors from sector on. Returns 0; -EINVAL (past
 * the end, count 0), -EROFS (a write to a read-only disk), -EIO (the
 * backend failed or broke the protocol), -ENXIO, -EBADF. */
int skiff_blkdev_read(int h, unsigned long long sector, void *buf,
		      unsigned long long count);
int skiff_blkdev_write(int h, unsigned long long sector, const void *buf,
		       unsigned long long count);

/* Returns once every completed write is on stable storage: 0, -EIO,
 * -EOPNOTSUPP, -ENXIO, -EBADF. */
int skiff_blkdev_flush(int h);

#endif
