/*
 * Tests of runtime/blkio.c against a disk in memory: every offset and
 * length around sector edges, for 512- and 4096-byte sectors, checked
 * byte for byte against a plain copy of what the disk should hold
 * (nothing next to a partial sector may change); the ends of the disk
 * (0 and short reads, ENOSPC and short writes); whole sectors in large
 * pieces; and a failing disk (an error before anything moved, a short
 * count after).
 */
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/types.h>

#include "../../runtime/blkio.h"
#include "check.h"

#define DISK (24 * 4096) /* bytes, for either sector size */
#define MAXSS 4096

static struct {
	uint8_t disk[DISK], want[DISK];
	uint8_t bounce[MAXSS];
	uint32_t ss;
	uint64_t sectors;
	unsigned int reads, writes;
	uint64_t biggest;   /* sectors in the largest call */
	uint64_t fail_from; /* sectors at or past this fail (-EIO) */
} m;

static int fail(uint64_t sector, uint64_t count)
{
	return sector + count > m.fail_from ? -EIO : 0;
}

static int mem_read(void *ctx, uint64_t sector, void *buf, uint64_t count)
{
	(void)ctx;
	m.reads++;
	if (!CHECK(sector + count <= m.sectors) || fail(sector, count))
		return -EIO;
	if (count > m.biggest)
		m.biggest = count;
	memcpy(buf, m.disk + sector * m.ss, count * m.ss);
	return 0;
}

static int mem_write(void *ctx, uint64_t sector, const void *buf,
		     uint64_t count)
{
	(void)ctx;
	m.writes++;
	if (!CHECK(sector + count <= m.sectors) || fail(sector, count))
		return -EIO;
	if (count > m.biggest)
		m.biggest = count;
	memcpy(m.disk + sector * m.ss, buf, count * m.ss);
	return 0;
}

static struct blkio_dev dev(uint32_t ss)
{
	struct blkio_dev d = {ss,	 DISK / ss, mem_read,
			      mem_write, NULL,	    m.bounce};
	size_t i;

	m.ss = ss;
	m.sectors = DISK / ss;
	m.fail_from = m.sectors;
	for (i = 0; i < sizeof(m.disk); i++)
		m.disk[i] = m.want[i] = (uint8_t)(i * 7 + i / 251);
	return d;
}

static void pattern(uint8_t *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(seed * 31 + i * 13 + 5);
}

/* Offsets and lengths on, next to and across sector edges. */
static const size_t offs[] = {0,    1,	  100,	511,  512,  513,
			      1000, 4095, 4096, 4097, 5000, 8191};
static const size_t lens[] = {0,    1,	  2,	511,  512,  513,  1024,
			      3000, 4095, 4096, 4097, 8192, 9000, 20000};

static void rw_grid(uint32_t ss)
{
	static uint8_t buf[20000], got[20000];
	struct blkio_dev d = dev(ss);
	unsigned int i, j, seed = 0;

	for (i = 0; i < ARRAY_SIZE(offs); i++)
		for (j = 0; j < ARRAY_SIZE(lens); j++) {
			size_t off = offs[i], len = lens[j];

			pattern(buf, len, ++seed);
			memcpy(m.want + off, buf, len);
			if (!CHECK_EQ_I64(blkio_pwrite(&d, buf, len, off),
					  (long)len) ||
			    !CHECK_MEM(m.disk, m.want, sizeof(m.disk))) {
				FAIL("write of %zu at %zu, %u-byte sectors",
				     len, off, ss);
				return;
			}
			memset(got, 0, len);
			if (!CHECK_EQ_I64(blkio_pread(&d, got, len, off),
					  (long)len) ||
			    !CHECK_MEM(got, m.want + off, len)) {
				FAIL("read of %zu at %zu, %u-byte sectors", len,
				     off, ss);
				return;
			}
		}
}

static void test_edges_512(void)
{
	rw_grid(512);
}

static void test_edges_4096(void)
{
	rw_grid(4096);
}

/* The end of the disk: reads stop there, writes stop there and fail at
 * it with ENOSPC, as Linux's block devices do. */
static void test_disk_end(void)
{
	struct blkio_dev d = dev(512);
	const uint64_t size = DISK;
	uint8_t buf[2000];

	pattern(buf, sizeof(buf), 9);
	CHECK_EQ_I64(blkio_pread(&d, buf, 100, size), 0);
	CHECK_EQ_I64(blkio_pread(&d, buf, 100, size + 5000), 0);
	CHECK_EQ_I64(blkio_pread(&d, buf, 1000, size - 300), 300);
	CHECK_MEM(buf, m.disk + size - 300, 300);
	CHECK_EQ_I64(blkio_pwrite(&d, buf, 100, size), -ENOSPC);
	CHECK_EQ_I64(blkio_pwrite(&d, buf, 0, size), 0);
	CHECK_EQ_I64(blkio_pwrite(&d, buf, 1000, size - 700), 700);
	CHECK_MEM(m.disk + size - 700, buf, 700);
}

/* Whole sectors go to the disk in large pieces, not sector by sector. */
static void test_large_pieces(void)
{
	static uint8_t buf[DISK];
	struct blkio_dev d = dev(512);

	m.reads = m.writes = 0;
	m.biggest = 0;
	CHECK_EQ_I64(blkio_pwrite(&d, buf, sizeof(buf), 0), (long)sizeof(buf));
	CHECK_EQ_U64(m.writes, 1);
	CHECK_EQ_U64(m.reads, 0);
	CHECK_EQ_U64(m.biggest, DISK / 512);
	/* Unaligned: one read-modify-write at each edge, one call between. */
	m.reads = m.writes = 0;
	CHECK_EQ_I64(blkio_pwrite(&d, buf, 10 * 512, 100), 10 * 512);
	CHECK_EQ_U64(m.reads, 2);
	CHECK_EQ_U64(m.writes, 3);
}

/* An error before anything moved is the result; after, a short count. */
static void test_failing_disk(void)
{
	struct blkio_dev d = dev(512);
	uint8_t buf[4096];

	m.fail_from = 4;
	CHECK_EQ_I64(blkio_pread(&d, buf, 512, 4 * 512), -EIO);
	CHECK_EQ_I64(blkio_pwrite(&d, buf, 100, 4 * 512 + 3), -EIO);
	/* Edge (sector 3) fine, the middle from sector 4 fails. */
	CHECK_EQ_I64(blkio_pread(&d, buf, 2048, 3 * 512 + 10), 502);
	CHECK_EQ_I64(blkio_pwrite(&d, buf, 2048, 3 * 512 + 10), 502);
}

CHECK_MAIN("blkio", CHECK_TEST(test_edges_512), CHECK_TEST(test_edges_4096),
	   CHECK_TEST(test_disk_end), CHECK_TEST(test_large_pieces),
	   CHECK_TEST(test_failing_disk))
