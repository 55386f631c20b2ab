/*
 * libext2fs's I/O manager over a Skiff disk, with a write-back block
 * cache (see ext4_io.h).
 *
 * Blocks are the channel's block size (libext2fs reads the superblock
 * with 1024 and then sets the file system's): a change of size writes
 * back and empties the cache. Byte positions go through blkio, so a
 * block smaller than the disk's sectors (1 KiB blocks on a 4 KiB-sector
 * disk) is read, patched and written back a sector at a time.
 *
 * The cache is a hash of blocks and an LRU list. A dirty block that
 * falls off the LRU end goes to the disk together with the dirty blocks
 * that follow it on the disk, in one request. A flush writes every dirty
 * block in order the same way, then flushes the disk. A disk error
 * during write-back drops the block (as Linux drops a page it could not
 * write) and is kept until ext4_io_take_error() or the next flush
 * reports it, so fsync says EIO rather than success.
 */
#include <kernel/list.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ext2fs/ext2_fs.h"
#include "ext2fs/ext2fs.h"

#include "ext4_io.h"

/* Reads that continue the previous miss read ahead this far (blocks),
 * doubling from READAHEAD_MIN. */
#define READAHEAD_MIN 8u
#define READAHEAD_MAX 256u
/* The longest run written back or read in one request, in bytes. */
#define RUN_BYTES (1u << 20)
/* Transfers of more blocks than this bypass the cache. */
#define DIRECT_BLOCKS 16
#define IO_MAGIC 0x53736b45 /* private data's: "Eks S" */

struct cblock {
	unsigned long long blk;
	struct cblock *hnext; /* the hash chain */
	struct list_head lru; /* head: most recent */
	bool dirty;
	unsigned char *data;
};

struct ioch {
	int magic;
	const struct ext4_disk *disk;
	struct blkio_dev dev; /* disk->dev with our bounce sector */
	unsigned int bsize;   /* the channel's block size */
	struct cblock **hash;
	unsigned int nhash;  /* a power of two */
	unsigned int n, max; /* blocks cached, at most */
	struct list_head lru;
	unsigned char *run; /* RUN_BYTES for write-back and read-ahead */
	unsigned long long ra_next; /* the block after the last miss */
	unsigned int ra_win;
	int error; /* a write-back's, until reported (negative errno) */
	struct ext4_io_stats st;
};

/* A disk's error (a negative Linux errno) as libext2fs's errcode_t. Only
 * numbers below 35, where Linux's and the C library's agree, pass as they
 * are (ext4fs.c reads them in the C library's numbering); any other is an
 * I/O error. */
static errcode_t err_of(int rc)
{
	if (rc >= 0)
		return 0;
	return -rc < 35 ? (errcode_t)-rc : (errcode_t)EIO;
}

static struct ioch *P(io_channel ch)
{
	return (struct ioch *)ch->private_data;
}

/* --- The disk -------------------------------------------------------------------- */

static int disk_read(struct ioch *c, unsigned long long blk, void *buf,
		     size_t bytes)
{
	long n = blkio_pread(&c->dev, buf, bytes, blk * c->bsize);

	c->st.reads++;
	if (n < 0)
		return (int)n;
	c->st.bytes_read += (uint64_t)n;
	/* The end of the disk: a short read is an error (libext2fs's own
	 * managers give EXT2_ET_SHORT_READ). */
	return (size_t)n == bytes ? 0 : -EIO;
}

static int disk_write(struct ioch *c, unsigned long long blk, const void *buf,
		      size_t bytes)
{
	long n;

	if (c->disk->read_only)
		return -EROFS;
	n = blkio_pwrite(&c->dev, buf, bytes, blk * c->bsize);
	c->st.writes++;
	if (n < 0)
		return (int)n;
	c->st.bytes_written += (uint64_t)n;
	return (size_t)n == bytes ? 0 : -ENOSPC;
}

/* --- The cache ------------------------------------------------------------------- */

static struct cblock **slot(struct ioch *c, unsigned long long blk)
{
	unsigned long long h = blk * 0x9E3779B97F4A7C15ull;

	return &c->hash[(h >> 32) & (c->nhash - 1)];
}

static struct cblock *find(struct ioch *c, unsigned long long blk)
{
	struct cblock *b;

	for (b = *slot(c, blk); b; b = b->hnext)
		if (b->blk == blk)
			return b;
	return NULL;
}

static void unhash(struct ioch *c, struct cblock *b)
{
	struct cblock **p = slot(c, b->blk);

	while (*p != b)
		p = &(*p)->hnext;
	*p = b->hnext;
}

static void set_dirty(struct ioch *c, struct cblock *b, bool dirty)
{
	if (b->dirty != dirty)
		c->st.dirty += dirty ? 1 : (uint64_t)-1;
	b->dirty = dirty;
}

static void drop(struct ioch *c, struct cblock *b)
{
	set_dirty(c, b, false);
	unhash(c, b);
	list_del(&b->lru);
	free(b->data);
	free(b);
	c->n--;
}

/* Write back the dirty block b and the dirty cached blocks after it on
 * the disk (one request, at most RUN_BYTES). A failure is kept in
 * c->error and the blocks are dropped from the dirty set all the same. */
static int write_run(struct ioch *c, struct cblock *b)
{
	unsigned int max = RUN_BYTES / c->bsize, k = 0;
	unsigned long long first = b->blk;
	struct cblock *x;
	int rc;

	while (k < max && (x = find(c, first + k)) && x->dirty) {
		memcpy(c->run + (size_t)k * c->bsize, x->data, c->bsize);
		set_dirty(c, x, false);
		k++;
	}
	rc = disk_write(c, first, c->run, (size_t)k * c->bsize);
	if (rc < 0 && !c->error)
		c->error = rc;
	return rc;
}

/* A block for blk, new and not in the hash yet: reuses the least
 * recently used one when the cache is full (writing it back first if
 * dirty). NULL: no memory and nothing to evict. */
static struct cblock *grab(struct ioch *c, unsigned long long blk)
{
	struct cblock *b = NULL;

	if (c->n >= c->max && !list_empty(&c->lru)) {
		b = list_entry(c->lru.prev, struct cblock, lru);
		if (b->dirty)
			write_run(c, b);
		unhash(c, b);
		list_del(&b->lru);
		c->n--;
	}
	if (!b) {
		b = calloc(1, sizeof(*b));
		if (!b)
			return NULL;
		b->data = malloc(c->bsize);
		if (!b->data) {
			free(b);
			return NULL;
		}
	}
	b->blk = blk;
	b->dirty = false;
	b->hnext = *slot(c, blk);
	*slot(c, blk) = b;
	list_add_after(&b->lru, &c->lru);
	c->n++;
	return b;
}

static void touch(struct ioch *c, struct cblock *b)
{
	list_del(&b->lru);
	list_add_after(&b->lru, &c->lru);
}

static int by_block(const void *a, const void *b)
{
	unsigned long long x = (*(struct cblock *const *)a)->blk;
	unsigned long long y = (*(struct cblock *const *)b)->blk;

	return x < y ? -1 : x > y;
}

/* Write back every dirty block, in disk order. */
static int write_all(struct ioch *c)
{
	struct cblock **v, *b;
	struct list_head *pos;
	size_t n = 0, i;
	int rc = 0;

	if (!c->st.dirty)
		return 0;
	v = malloc(c->st.dirty * sizeof(*v));
	if (!v) {
		/* No memory for the order: write them back as they come. */
		list_for_each(pos, &c->lru) {
			b = list_entry(pos, struct cblock, lru);
			if (b->dirty && write_run(c, b) < 0 && !rc)
				rc = c->error;
		}
		return rc;
	}
	list_for_each(pos, &c->lru) {
		b = list_entry(pos, struct cblock, lru);
		if (b->dirty)
			v[n++] = b;
	}
	qsort(v, n, sizeof(*v), by_block);
	for (i = 0; i < n; i++)
		if (v[i]->dirty && write_run(c, v[i]) < 0 && !rc)
			rc = c->error;
	free(v);
	return rc;
}

static void drop_all(struct ioch *c)
{
	while (!list_empty(&c->lru))
		drop(c, list_entry(c->lru.next, struct cblock, lru));
}

/* Size the cache for block size bsize. */
static int set_size(struct ioch *c, unsigned int bsize)
{
	size_t bytes =
	    c->disk->cache_bytes ? c->disk->cache_bytes : EXT4_IO_CACHE_DEFAULT;
	unsigned int nhash = 64;
	struct cblock **hash;

	c->max = (unsigned int)(bytes / bsize);
	if (c->max < 2 * DIRECT_BLOCKS)
		c->max = 2 * DIRECT_BLOCKS;
	while (nhash < c->max)
		nhash <<= 1;
	hash = calloc(nhash, sizeof(*hash));
	if (!hash)
		return -ENOMEM;
	free(c->hash);
	c->hash = hash;
	c->nhash = nhash;
	c->bsize = bsize;
	c->ra_win = READAHEAD_MIN;
	c->ra_next = ~0ull;
	return 0;
}

/* --- Reads and writes ------------------------------------------------------------ */

/* Read blocks [blk, blk + n) into the cache that are not there, stopping
 * at the first that is: the read-ahead of a sequential miss. Returns how
 * many blocks it read (0: none, or the read failed). */
static unsigned int read_ahead(struct ioch *c, unsigned long long blk,
			       unsigned int n)
{
	unsigned int k = 0, max = RUN_BYTES / c->bsize, i;
	uint64_t end = c->dev.sectors * c->dev.sector_size / c->bsize;

	if (n > max)
		n = max;
	/* At most half the cache, so that the blocks read do not push out
	 * each other (or everything else). */
	if (n > c->max / 2)
		n = c->max / 2;
	while (k < n && blk + k < end && !find(c, blk + k))
		k++;
	if (!k)
		return 0;
	/* Room first: a dirty block that grab() had to write back would go
	 * through c->run, over the blocks just read into it. */
	while (c->n + k > c->max && !list_empty(&c->lru)) {
		struct cblock *old =
		    list_entry(c->lru.prev, struct cblock, lru);

		if (old->dirty)
			write_run(c, old);
		drop(c, old);
	}
	if (disk_read(c, blk, c->run, (size_t)k * c->bsize) < 0)
		return 0;
	/* Each goes in as the most recent: the reader is about to use them,
	 * and a block put in as the least recent would be the next one
	 * grab() takes, before the loop even ends. */
	for (i = 0; i < k; i++) {
		struct cblock *b = grab(c, blk + i);

		if (!b)
			return i;
		memcpy(b->data, c->run + (size_t)i * c->bsize, c->bsize);
		touch(c, b);
	}
	return k;
}

static int read_one(struct ioch *c, unsigned long long blk, void *buf)
{
	struct cblock *b = find(c, blk);
	int rc;

	if (b) {
		c->st.hits++;
		touch(c, b);
		memcpy(buf, b->data, c->bsize);
		return 0;
	}
	c->st.misses++;
	/* A miss where the last read (or read-ahead) ended is a sequential
	 * reader: read ahead, a larger window each time. */
	if (blk == c->ra_next) {
		unsigned int k = read_ahead(c, blk, c->ra_win);

		if (c->ra_win < READAHEAD_MAX)
			c->ra_win *= 2;
		c->ra_next = blk + (k ? k : 1);
	} else {
		c->ra_win = READAHEAD_MIN;
		c->ra_next = blk + 1;
	}
	b = find(c, blk);
	if (!b) {
		b = grab(c, blk);
		if (!b)
			return disk_read(c, blk, buf, c->bsize);
		rc = disk_read(c, blk, b->data, c->bsize);
		if (rc < 0) {
			drop(c, b);
			return rc;
		}
	}
	touch(c, b);
	memcpy(buf, b->data, c->bsize);
	return 0;
}

/* Many blocks: straight from the disk, then the cached ones (newer
 * when dirty, the same when clean) copied over. */
static int read_direct(struct ioch *c, unsigned long long blk, unsigned int n,
		       unsigned char *buf)
{
	unsigned int i;
	int rc = disk_read(c, blk, buf, (size_t)n * c->bsize);

	if (rc < 0)
		return rc;
	for (i = 0; i < n; i++) {
		struct cblock *b = find(c, blk + i);

		if (b && b->dirty)
			memcpy(buf + (size_t)i * c->bsize, b->data, c->bsize);
	}
	return 0;
}

static int write_one(struct ioch *c, unsigned long long blk, const void *buf)
{
	struct cblock *b = find(c, blk);

	if (!b)
		b = grab(c, blk);
	if (!b)
		return disk_write(c, blk, buf, c->bsize);
	memcpy(b->data, buf, c->bsize);
	set_dirty(c, b, true);
	touch(c, b);
	return 0;
}

/* Many blocks: straight to the disk; cached copies take the new bytes
 * and are clean. */
static int write_direct(struct ioch *c, unsigned long long blk, unsigned int n,
			const unsigned char *buf)
{
	unsigned int i;
	int rc = disk_write(c, blk, buf, (size_t)n * c->bsize);

	if (rc < 0)
		return rc;
	for (i = 0; i < n; i++) {
		struct cblock *b = find(c, blk + i);

		if (b) {
			memcpy(b->data, buf + (size_t)i * c->bsize, c->bsize);
			set_dirty(c, b, false);
		}
	}
	return 0;
}

/* Bytes at a byte offset (count < 0 in libext2fs's calls, and
 * write_byte): whole cached blocks are written back first and the
 * touched ones dropped, then the bytes go straight to the disk. */
static int bytes_io(struct ioch *c, unsigned long long off, void *rbuf,
		    const void *wbuf, size_t len)
{
	unsigned long long b0 = off / c->bsize, b1 = (off + len - 1) / c->bsize;
	unsigned long long k;
	long n;

	for (k = b0; len && k <= b1; k++) {
		struct cblock *b = find(c, k);

		if (!b)
			continue;
		if (b->dirty && write_run(c, b) < 0)
			return c->error;
		drop(c, b);
	}
	if (wbuf) {
		if (c->disk->read_only)
			return -EROFS;
		n = blkio_pwrite(&c->dev, wbuf, len, off);
		c->st.writes++;
	} else {
		n = blkio_pread(&c->dev, rbuf, len, off);
		c->st.reads++;
	}
	if (n < 0)
		return (int)n;
	return (size_t)n == len ? 0 : -EIO;
}

/* --- The manager ----------------------------------------------------------------- */

static errcode_t x_open(const char *name, int flags, io_channel *out);

static errcode_t x_close(io_channel ch)
{
	struct ioch *c = P(ch);
	errcode_t rc = 0;

	if (--ch->refcount > 0)
		return 0;
	rc = err_of(write_all(c));
	drop_all(c);
	free(c->hash);
	free(c->run);
	free(c->dev.bounce);
	free(c);
	free(ch->name);
	free(ch);
	return rc;
}

static errcode_t x_set_blksize(io_channel ch, int blksize)
{
	struct ioch *c = P(ch);
	int rc;

	if (blksize <= 0 || blksize > 65536 || (blksize & (blksize - 1)))
		return EXT2_ET_INVALID_ARGUMENT;
	if ((unsigned int)blksize == c->bsize)
		return 0;
	rc = write_all(c);
	drop_all(c);
	if (rc < 0)
		return err_of(rc);
	if ((rc = set_size(c, (unsigned int)blksize)) < 0)
		return err_of(rc);
	ch->block_size = blksize;
	return 0;
}

static errcode_t x_read_blk64(io_channel ch, unsigned long long blk, int count,
			      void *data)
{
	struct ioch *c = P(ch);
	unsigned char *p = data;
	int i, rc = 0;

	if (count < 0)
		rc = bytes_io(c, blk * c->bsize, data, NULL, (size_t)-count);
	else if (count > DIRECT_BLOCKS)
		rc = read_direct(c, blk, (unsigned int)count, p);
	else
		for (i = 0; i < count && !rc; i++)
			rc = read_one(c, blk + (unsigned long long)i,
				      p + (size_t)i * c->bsize);
	if (rc < 0 && ch->read_error)
		return ch->read_error(ch, (unsigned long)blk, count, data,
				      count < 0 ? (size_t)-count
						: (size_t)count * c->bsize,
				      0, err_of(rc));
	return err_of(rc);
}

static errcode_t x_write_blk64(io_channel ch, unsigned long long blk, int count,
			       const void *data)
{
	struct ioch *c = P(ch);
	const unsigned char *p = data;
	int i, rc = 0;

	if (c->disk->read_only)
		return EXT2_ET_RO_FILSYS;
	if (count < 0)
		rc = bytes_io(c, blk * c->bsize, NULL, data, (size_t)-count);
	else if (count > DIRECT_BLOCKS)
		rc = write_direct(c, blk, (unsigned int)count, p);
	else
		for (i = 0; i < count && !rc; i++)
			rc = write_one(c, blk + (unsigned long long)i,
				       p + (size_t)i * c->bsize);
	if (rc < 0 && ch->write_error)
		return ch->write_error(ch, (unsigned long)blk, count, data,
				       count < 0 ? (size_t)-count
						 : (size_t)count * c->bsize,
				       0, err_of(rc));
	return err_of(rc);
}

static errcode_t x_read_blk(io_channel ch, unsigned long blk, int count,
			    void *data)
{
	return x_read_blk64(ch, blk, count, data);
}

static errcode_t x_write_blk(io_channel ch, unsigned long blk, int count,
			     const void *data)
{
	return x_write_blk64(ch, blk, count, data);
}

static errcode_t x_write_byte(io_channel ch, unsigned long off, int count,
			      const void *data)
{
	struct ioch *c = P(ch);

	if (count <= 0)
		return count ? EXT2_ET_INVALID_ARGUMENT : 0;
	if (c->disk->read_only)
		return EXT2_ET_RO_FILSYS;
	return err_of(bytes_io(c, off, NULL, data, (size_t)count));
}

static errcode_t x_flush(io_channel ch)
{
	struct ioch *c = P(ch);
	int rc = write_all(c), frc;

	if (!rc && c->error) {
		rc = c->error;
		c->error = 0;
	}
	if (rc < 0 || c->disk->read_only)
		return err_of(rc);
	c->st.flushes++;
	frc = c->disk->flush ? c->disk->flush(c->disk->dev.ctx) : 0;
	return err_of(frc);
}

static errcode_t x_set_option(io_channel ch, const char *option,
			      const char *arg)
{
	(void)ch;
	(void)option;
	(void)arg;
	return EXT2_ET_INVALID_ARGUMENT;
}

static errcode_t x_get_stats(io_channel ch, io_stats *out)
{
	static struct struct_io_stats s;
	struct ioch *c = P(ch);

	s.num_fields = 2;
	s.bytes_read = c->st.bytes_read;
	s.bytes_written = c->st.bytes_written;
	*out = &s;
	return 0;
}

static errcode_t x_discard(io_channel ch, unsigned long long blk,
			   unsigned long long count)
{
	(void)ch;
	(void)blk;
	(void)count;
	return EXT2_ET_UNIMPLEMENTED;
}

static struct struct_io_manager manager = {
    .magic = EXT2_ET_MAGIC_IO_MANAGER,
    .name = "Skiff disk I/O manager",
    .open = x_open,
    .close = x_close,
    .set_blksize = x_set_blksize,
    .read_blk = x_read_blk,
    .write_blk = x_write_blk,
    .flush = x_flush,
    .write_byte = x_write_byte,
    .set_option = x_set_option,
    .get_stats = x_get_stats,
    .read_blk64 = x_read_blk64,
    .write_blk64 = x_write_blk64,
    .discard = x_discard,
};

const struct struct_io_manager *const ext4_io_manager = &manager;

#define NAME_PREFIX "skiff-disk:"

void ext4_io_name(const struct ext4_disk *d, char *buf, size_t size)
{
	snprintf(buf, size, NAME_PREFIX "%lx", (unsigned long)d);
}

static errcode_t x_open(const char *name, int flags, io_channel *out)
{
	const struct ext4_disk *d;
	struct ioch *c;
	io_channel ch;
	char *end;

	if (!name || strncmp(name, NAME_PREFIX, strlen(NAME_PREFIX)))
		return EXT2_ET_BAD_DEVICE_NAME;
	d = (const struct ext4_disk *)strtoul(name + strlen(NAME_PREFIX), &end,
					      16);
	if (!d || *end)
		return EXT2_ET_BAD_DEVICE_NAME;
	if ((flags & IO_FLAG_RW) && d->read_only)
		return EXT2_ET_RO_FILSYS;
	ch = calloc(1, sizeof(*ch));
	c = calloc(1, sizeof(*c));
	if (!ch || !c)
		goto nomem;
	c->magic = IO_MAGIC;
	c->disk = d;
	c->dev = d->dev;
	c->dev.bounce = aligned_alloc(d->dev.sector_size, d->dev.sector_size);
	c->run = malloc(RUN_BYTES);
	ch->name = strdup(name);
	if (!c->dev.bounce || !c->run || !ch->name)
		goto nomem;
	list_init(&c->lru);
	if (set_size(c, 1024) < 0)
		goto nomem;
	ch->magic = EXT2_ET_MAGIC_IO_CHANNEL;
	ch->manager = &manager;
	ch->block_size = 1024;
	ch->refcount = 1;
	ch->private_data = c;
	*out = ch;
	return 0;
nomem:
	if (c) {
		free(c->hash);
		free(c->run);
		free(c->dev.bounce);
	}
	if (ch)
		free(ch->name);
	free(c);
	free(ch);
	return EXT2_ET_NO_MEMORY;
}

void ext4_io_get_stats(struct struct_io_channel *ch, struct ext4_io_stats *s)
{
	*s = P(ch)->st;
}

int ext4_io_take_error(struct struct_io_channel *ch)
{
	struct ioch *c = P(ch);
	int rc = c->error;

	c->error = 0;
	return rc;
}
