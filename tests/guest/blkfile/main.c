/*
 * blkfile: the disks as files (/dev/xvdX fds), checked from dom0.
 *  - xvda (64 MiB of zeros): the pattern of tools/testhost/helpers/
 *    pattern.c written across all of it in pieces of odd sizes at odd
 *    offsets (pwrite, and write after lseek), fsync; dom0 hashes the
 *    backing file after the guest stopped and compares with the pattern.
 *  - xvdb (8 MiB of random bytes from dom0): read in pieces of odd sizes
 *    (1, 511, 4097, 65537 bytes, 1 MiB + 3, ...) with read() and with
 *    pread(); both hashes printed for dom0's to compare.
 *  - xvdc (read-only): reads work, writes give EROFS.
 *  - the edges: fstat's size and type, SEEK_END, reads at and across the
 *    end, ENOSPC at the end, a short write across it, EBADF for a write
 *    to an fd opened read-only, ENOENT for a disk that is not there.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <skiff/xenstore.h>

#include "../common/pattern.h"
#include "../common/sha256.h"

#define SEED 7
#define DISK_A (64u << 20)
#define DISK_B (8u << 20)

/* The pattern's bytes [off, off + len) into buf (len at most 1 MiB + 8). */
static void pattern(unsigned char *buf, uint64_t off, size_t len)
{
	pattern_fill(buf, SEED, off, len);
}

static int open_or_die(const char *path, int flags)
{
	int fd = open(path, flags);

	if (fd < 0) {
		printf("blkfile: open %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return fd;
}

/* Piece sizes that cross sector and request boundaries every way. */
static const size_t sizes[] = {1,	511,	       4097, 65537,
			       1048579, 12345,	       512,  3,
			       200000,	4096 * 11 + 7, 8191, 1 << 20};

static void write_pattern(void)
{
	static unsigned char buf[(1 << 20) + 8];
	int fd = open_or_die("/dev/xvda", O_RDWR);
	uint64_t off = 0;
	unsigned int i = 0;
	long r;

	while (off < DISK_A) {
		size_t n = sizes[i++ % (sizeof(sizes) / sizeof(sizes[0]))];

		if (n > DISK_A - off)
			n = DISK_A - off;
		pattern(buf, off, n);
		/* Every other piece through lseek + write. */
		if (i & 1) {
			r = pwrite(fd, buf, n, (off_t)off);
		} else {
			lseek(fd, (off_t)off, SEEK_SET);
			r = write(fd, buf, n);
		}
		if (r != (long)n) {
			printf("blkfile: write at %llu: %ld (%s)\n",
			       (unsigned long long)off, r, strerror(errno));
			exit(1);
		}
		off += n;
	}
	printf("blkfile: xvda written, fsync %d\n", fsync(fd));
	close(fd);
}

/* Hash xvdb read in odd pieces, with read() (pread == 0) or pread(). */
static void hash_b(int use_pread)
{
	static unsigned char buf[(1 << 20) + 8];
	int fd = open_or_die("/dev/xvdb", O_RDONLY);
	struct sha256 s;
	char hex[65];
	uint64_t off = 0;
	unsigned int i = 0;
	long r;

	sha256_init(&s);
	for (;;) {
		size_t n = sizes[i++ % (sizeof(sizes) / sizeof(sizes[0]))];

		r = use_pread ? pread(fd, buf, n, (off_t)off)
			      : read(fd, buf, n);
		if (r <= 0)
			break;
		sha256_update(&s, buf, (size_t)r);
		off += (uint64_t)r;
	}
	sha256_hex(&s, hex);
	printf("blkfile: xvdb %s %llu bytes, end %ld, sha256 %s\n",
	       use_pread ? "pread" : "read", (unsigned long long)off, r, hex);
	close(fd);
}

static void edges(void)
{
	unsigned char buf[2048] = {1};
	struct stat st;
	long r;
	int fd = open_or_die("/dev/xvdb", O_RDWR), ro;
	off_t end = lseek(fd, 0, SEEK_END);

	fstat(fd, &st);
	printf("blkfile: xvdb fstat %s size %lld blksize %ld, SEEK_END %lld\n",
	       S_ISBLK(st.st_mode) ? "blk" : "?", (long long)st.st_size,
	       (long)st.st_blksize, (long long)end);
	printf("blkfile: read at end %ld, across %ld\n",
	       (long)pread(fd, buf, 100, end),
	       (long)pread(fd, buf, 1000, end - 300));
	r = pwrite(fd, buf, 100, end);
	printf("blkfile: write at end %ld %s\n", r, strerror(errno));
	printf("blkfile: write across %ld\n",
	       (long)pwrite(fd, buf, 1000, end - 700));
	close(fd);

	ro = open_or_die("/dev/xvdb", O_RDONLY);
	r = write(ro, buf, 512);
	printf("blkfile: write to O_RDONLY fd %ld %s\n", r, strerror(errno));
	close(ro);

	fd = open_or_die("/dev/xvdc", O_RDWR);
	r = pwrite(fd, buf, 512, 0);
	printf("blkfile: xvdc write %ld %s\n", r, strerror(errno));
	printf("blkfile: xvdc read %ld\n", (long)pread(fd, buf, 777, 3));
	close(fd);

	r = open("/dev/xvdz", O_RDONLY);
	printf("blkfile: open xvdz %ld %s\n", r, strerror(errno));
	printf("blkfile: stat xvda %d %s\n", stat("/dev/xvda", &st),
	       S_ISBLK(st.st_mode) ? "blk" : "?");
}

int main(void)
{
	hash_b(0);
	hash_b(1);
	edges();
	write_pattern();
	xs_write("data/blkfile-done", "1");
	printf("blkfile: done\n");
	return 0;
}
