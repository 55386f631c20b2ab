/*
 * blkraw: blkfront seen from outside, through the raw block API
 * (<skiff/blkdev.h>). dom0's pre.sh gives the guest three disks: xvda
 * (64 MiB of random data), xvdb (64 MiB of zeros) and xvdc (read-only,
 * xvda's first MiB). The guest hashes xvda read in aligned 1 MiB pieces,
 * then again in pieces of odd sizes (one sector, a ring request's worth,
 * one more, ...) into buffers at odd and 512-byte offsets, writing each
 * piece to xvdb at the same place as it goes; then it flushes xvdb, hashes
 * it read back, checks xvdc against xvda's start and that writing it
 * fails, and tells dom0 it is done. dom0 compares xvda's hashes with its
 * own and hashes xvdb's backing file itself.
 */
#include <errno.h>
#include <skiff/blkdev.h>
#include <skiff/xenstore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/sha256.h"

#define CHUNK (1u << 20)
#define SECTOR 512u

static unsigned char *buf; /* CHUNK + a page, page-aligned */
static unsigned char first[CHUNK];

static int open_disk(const char *name, struct skiff_blkdev_info *info)
{
	int h = skiff_blkdev_open(name, 15000, info);

	if (h < 0) {
		printf("blkraw: open %s: %d\n", name, h);
		return h;
	}
	printf("blkraw: %s: %llu sectors of %u bytes, %s%s\n", info->name,
	       info->sectors, info->sector_size, info->read_only ? "ro" : "rw",
	       info->features & SKIFF_BLKDEV_F_FLUSH ? ", flush" : "");
	return h;
}

/* Hash the whole disk read in aligned CHUNK pieces (the first one kept
 * in first[] if keep). */
static int hash_aligned(int h, unsigned long long sectors, int keep,
			char hex[65])
{
	unsigned long long s, per = CHUNK / SECTOR, n;
	struct sha256 st;
	int rc;

	sha256_init(&st);
	for (s = 0; s < sectors; s += n) {
		n = sectors - s < per ? sectors - s : per;
		if ((rc = skiff_blkdev_read(h, s, buf, n)) < 0) {
			printf("blkraw: read at %llu: %d\n", s, rc);
			return rc;
		}
		if (keep && s == 0 && n == per)
			memcpy(first, buf, CHUNK);
		sha256_update(&st, buf, n * SECTOR);
	}
	sha256_hex(&st, hex);
	return 0;
}

/* Read src in pieces of odd sizes into buffers at odd offsets, hash
 * them, and write each to dst at the same place. */
static int copy_odd(int src, int dst, unsigned long long sectors, char hex[65])
{
	static const unsigned int counts[] = {1,   7,	 8,    88,   89, 176,
					      255, 1000, 2051, 2048, 3,	 11};
	static const unsigned int offs[] = {1, 512, 0, 4095, 3584};
	unsigned long long s, n;
	struct sha256 st;
	unsigned int i = 0;
	int rc;

	sha256_init(&st);
	for (s = 0; s < sectors; s += n, i++) {
		unsigned char *p = buf + offs[i % 5];

		n = counts[i % 12];
		if (n > sectors - s)
			n = sectors - s;
		if ((rc = skiff_blkdev_read(src, s, p, n)) < 0 ||
		    (rc = skiff_blkdev_write(dst, s, p, n)) < 0) {
			printf("blkraw: copy at %llu (%llu sectors): %d\n", s,
			       n, rc);
			return rc;
		}
		sha256_update(&st, p, n * SECTOR);
	}
	sha256_hex(&st, hex);
	return 0;
}

static void check_ro(int h, const struct skiff_blkdev_info *info)
{
	unsigned long long n =
	    info->sectors < CHUNK / SECTOR ? info->sectors : CHUNK / SECTOR;
	int rc = skiff_blkdev_read(h, 0, buf + 1, n);

	printf("blkraw: xvdc read %d, %s\n", rc,
	       rc == 0 && !memcmp(buf + 1, first, n * SECTOR) ? "matches"
							      : "DIFFERS");
	printf("blkraw: xvdc write %d\n", skiff_blkdev_write(h, 0, buf, 1));
}

/* A 4096-byte-sector disk holding xvda's first MiB: read it whole into a
 * misaligned and an aligned buffer, write its sector 1 and read it back. */
static void check_4k(int h, const struct skiff_blkdev_info *info)
{
	unsigned int ss = info->sector_size;
	int r1, r2, w, r3;
	unsigned int k;

	r1 = skiff_blkdev_read(h, 0, buf + 1, CHUNK / ss);
	r1 = r1 ? r1 : memcmp(buf + 1, first, CHUNK) ? 1 : 0;
	r2 = skiff_blkdev_read(h, 0, buf, CHUNK / ss);
	r2 = r2 ? r2 : memcmp(buf, first, CHUNK) ? 1 : 0;
	memset(buf + 512, 0x5a, ss);
	w = skiff_blkdev_write(h, 1, buf + 512, 1);
	r3 = skiff_blkdev_read(h, 0, buf + 3, 2);
	if (!r3 && memcmp(buf + 3, first, ss))
		r3 = 1;
	for (k = 0; !r3 && k < ss; k++)
		if (buf[3 + ss + k] != 0x5a)
			r3 = 2;
	printf("blkraw: xvdd 4k read %d %d, write %d, read back %d, "
	       "past the end %d\n",
	       r1, r2, w, r3, skiff_blkdev_read(h, info->sectors, buf, 1));
}

static void check_bounds(int h, const struct skiff_blkdev_info *info)
{
	printf("blkraw: past the end %d %d, count 0 %d, last sector %d\n",
	       skiff_blkdev_read(h, info->sectors, buf, 1),
	       skiff_blkdev_read(h, info->sectors - 1, buf, 2),
	       skiff_blkdev_read(h, 0, buf, 0),
	       skiff_blkdev_read(h, info->sectors - 1, buf, 1));
}

int main(void)
{
	struct skiff_blkdev_info ia, ib, ic, id;
	int a, b, c, d, rc;
	char hex[65];

	if (posix_memalign((void **)&buf, 4096, CHUNK + 4096))
		return 1;
	if ((a = open_disk("xvda", &ia)) < 0 ||
	    (b = open_disk("xvdb", &ib)) < 0 ||
	    (c = open_disk("xvdc", &ic)) < 0)
		return 1;
	d = open_disk("xvdd", &id);
	printf("blkraw: open xvdz: %d\n", skiff_blkdev_open("xvdz", 0, &ic));
	printf("blkraw: open xvde: %d\n", skiff_blkdev_open("xvde", 0, &ic));
	if (hash_aligned(a, ia.sectors, 1, hex) < 0)
		return 1;
	printf("blkraw: xvda sha256 aligned %s\n", hex);
	if (copy_odd(a, b, ia.sectors < ib.sectors ? ia.sectors : ib.sectors,
		     hex) < 0)
		return 1;
	printf("blkraw: xvda sha256 odd %s\n", hex);
	printf("blkraw: xvdb flush %d\n", rc = skiff_blkdev_flush(b));
	if (hash_aligned(b, ib.sectors, 0, hex) < 0)
		return 1;
	printf("blkraw: xvdb sha256 readback %s\n", hex);
	check_ro(c, &ic);
	if (d >= 0)
		check_4k(d, &id);
	check_bounds(a, &ia);
	xs_write("data/blkraw-done", "1");
	printf("blkraw: done\n");
	return rc ? 1 : 0;
}
