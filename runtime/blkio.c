/*
 * Byte-addressed I/O over whole sectors (see blkio.h). Each transfer is
 * cut into: a head (the part of the first sector when off is not on a
 * sector boundary), a middle of whole sectors (in BLKIO_CHUNK pieces),
 * and a tail (the part of the last sector). Only the edges use the
 * bounce buffer.
 */
#include <kernel/errno.h>

#include <string.h>

#include "blkio.h"

/* What a transfer of len bytes at off may touch: the bytes up to the
 * end of the disk (0 if off is at or past it). */
static size_t clamp(const struct blkio_dev *d, size_t len, uint64_t off)
{
	uint64_t size = d->sectors * d->sector_size;

	if (off >= size)
		return 0;
	return size - off < len ? (size_t)(size - off) : len;
}

/* Sector n into the bounce buffer, patched with len bytes of src at
 * offset at (write), or copied out of it into dst (read). */
static int edge(const struct blkio_dev *d, uint64_t n, size_t at, size_t len,
		void *dst, const void *src)
{
	int rc = d->read(d->ctx, n, d->bounce, 1);

	if (rc < 0)
		return rc;
	if (dst) {
		memcpy(dst, (char *)d->bounce + at, len);
		return 0;
	}
	memcpy((char *)d->bounce + at, src, len);
	return d->write(d->ctx, n, d->bounce, 1);
}

/* One transfer: rd for reads (into rbuf), else a write (from wbuf). */
static long transfer(const struct blkio_dev *d, void *rbuf, const void *wbuf,
		     size_t len, uint64_t off)
{
	const uint32_t ss = d->sector_size;
	size_t done = 0;
	int rc;

	while (done < len) {
		uint64_t pos = off + done, sector = pos / ss;
		size_t at = (size_t)(pos % ss), n = len - done;

		if (at || n < ss) {
			/* An edge: part of one sector. */
			if (n > ss - at)
				n = ss - at;
			rc = edge(d, sector, at, n,
				  rbuf ? (char *)rbuf + done : NULL,
				  wbuf ? (const char *)wbuf + done : NULL);
		} else {
			/* Whole sectors, at most a chunk of them. */
			if (n > BLKIO_CHUNK)
				n = BLKIO_CHUNK;
			n -= n % ss;
			rc = rbuf ? d->read(d->ctx, sector, (char *)rbuf + done,
					    n / ss)
				  : d->write(d->ctx, sector,
					     (const char *)wbuf + done, n / ss);
		}
		if (rc < 0)
			return done ? (long)done : rc;
		done += n;
	}
	return (long)done;
}

long blkio_pread(const struct blkio_dev *d, void *buf, size_t len, uint64_t off)
{
	return transfer(d, buf, NULL, clamp(d, len, off), off);
}

long blkio_pwrite(const struct blkio_dev *d, const void *buf, size_t len,
		  uint64_t off)
{
	size_t n = clamp(d, len, off);

	if (len && !n)
		return -ENOSPC;
	return transfer(d, NULL, buf, n, off);
}
