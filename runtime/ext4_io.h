/*
 * libext2fs's I/O manager for Skiff (runtime/ext4_io.c): the file
 * system's blocks on a disk of whole sectors, through a block cache.
 *
 * The cache keeps the most recently used blocks (of the file system's
 * block size) and holds writes back: a write lands in the cache and goes
 * to the disk when its block is evicted or at the next flush, which
 * writes every dirty block in order (adjacent ones in one request) and
 * then asks the disk to flush its own cache. A read that misses right
 * after the previous one reads ahead. Transfers of many blocks (file
 * data) go straight to the disk, kept coherent with the cache.
 *
 * Pure: the disk is a struct blkio_dev (sector-addressed callbacks) and
 * a flush callback, so the host tests run it against a disk in memory.
 * Single-threaded: the caller (ext4fs.c) holds the file system's lock.
 */
#ifndef RUNTIME_EXT4_IO_H
#define RUNTIME_EXT4_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "blkio.h"

/* A disk for the I/O manager: the transfers, its flush (0 or a negative
 * errno; NULL: it writes through) and whether it is read-only. */
struct ext4_disk {
	struct blkio_dev dev; /* dev.bounce is the I/O manager's */
	int (*flush)(void *ctx);
	bool read_only;
	/* Bytes the cache may hold (0: EXT4_IO_CACHE_DEFAULT). */
	size_t cache_bytes;
};

#define EXT4_IO_CACHE_DEFAULT (4u << 20)

/* What a channel counts, for the benchmarks and the tests. */
struct ext4_io_stats {
	uint64_t reads, writes, flushes; /* requests to the disk */
	uint64_t bytes_read, bytes_written;
	uint64_t hits, misses;
	uint64_t dirty; /* blocks waiting for write-back now */
};

/* The I/O manager (an io_manager, <ext2fs/ext2_io.h>): open it with a
 * name made by ext4_io_name(). */
extern const struct struct_io_manager *const ext4_io_manager;

/* The name under which d opens (the I/O manager's open() takes a name):
 * "skiff-disk:<address>" into buf (at least 40 bytes). d stays the
 * caller's, and in use until the channel closes. */
void ext4_io_name(const struct ext4_disk *d, char *buf, size_t size);

/* Counters of the open channel ch (an io_channel). */
struct struct_io_channel;
void ext4_io_get_stats(struct struct_io_channel *ch, struct ext4_io_stats *s);

/* The first error the disk gave a write-back since the last call (0 if
 * none), cleared: a write that reached only the cache reported success,
 * so fsync must ask. */
int ext4_io_take_error(struct struct_io_channel *ch);

#endif
