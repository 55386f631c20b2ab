/*
 * Byte-addressed I/O on a sector-addressed disk (runtime/blkio.c): what
 * read/write/pread/pwrite on a /dev/xvdX fd do. Unaligned edges are read
 * (and for writes modified and written back) a sector at a time through a
 * one-sector bounce buffer; the aligned middle goes to the disk in large
 * pieces. Pure: the disk is a pair of callbacks, so the host tests run it
 * against a disk in memory.
 */
#ifndef RUNTIME_BLKIO_H
#define RUNTIME_BLKIO_H

#include <stddef.h>
#include <stdint.h>

/* The largest piece handed to the disk at once; a transfer that fails
 * after some pieces went through returns the bytes before the failure. */
#define BLKIO_CHUNK (1024 * 1024)

struct blkio_dev {
	uint32_t sector_size; /* a power of two, 512 or more */
	uint64_t sectors;
	/* Whole-sector transfers; 0 or a negative errno. */
	int (*read)(void *ctx, uint64_t sector, void *buf, uint64_t count);
	int (*write)(void *ctx, uint64_t sector, const void *buf,
		     uint64_t count);
	void *ctx;
	void *bounce; /* sector_size bytes, the caller's */
};

/* Read up to len bytes at byte offset off: 0 at or past the disk's end,
 * fewer than len across it. Returns the bytes read or a negative errno. */
long blkio_pread(const struct blkio_dev *d, void *buf, size_t len,
		 uint64_t off);

/* Write up to len bytes at byte offset off: -ENOSPC at or past the end
 * (for len > 0), fewer than len across it, as Linux's block devices do.
 * Partial sectors at either edge are read, patched and written back.
 * Returns the bytes written or a negative errno. */
long blkio_pwrite(const struct blkio_dev *d, const void *buf, size_t len,
		  uint64_t off);

#endif
