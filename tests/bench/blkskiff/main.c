/*
 * blkskiff: Skiff's storage figures, measured the way the Linux domU's
 * are (tools/testhost/domu/init, skiff.blkbench): on /dev/xvda, ROUNDS
 * of
 *  - a sequential write of MIB MiB in 1 MiB pwrite()s from one aligned
 *    buffer of zeros, then fsync() (dd bs=1M oflag=direct conv=fsync);
 *  - a sequential read of the same in 1 MiB pread()s (dd iflag=direct);
 *  - 2000 random 4 KiB pread()s at block offsets drawn by randread's
 *    generator with the same seeds (tools/testhost/helpers/randread.c),
 *    one at a time.
 * Prints each round, then the best of each as "BENCH skiff_blk_..."
 * lines for tools/bench.sh. Argument: MIB (default 128).
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 5
#define CHUNK (1u << 20)
#define RAND_BS 4096u
#define RAND_COUNT 2000u

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fail(const char *what)
{
	printf("blkskiff: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double seq_write(int fd, const void *buf, unsigned mib)
{
	double t0 = now_s();

	for (unsigned i = 0; i < mib; i++)
		if (pwrite(fd, buf, CHUNK, (off_t)i * CHUNK) != CHUNK)
			fail("pwrite");
	if (fsync(fd) != 0)
		fail("fsync");
	return mib / (now_s() - t0);
}

static double seq_read(int fd, void *buf, unsigned mib)
{
	double t0 = now_s();

	for (unsigned i = 0; i < mib; i++)
		if (pread(fd, buf, CHUNK, (off_t)i * CHUNK) != CHUNK)
			fail("pread");
	return mib / (now_s() - t0);
}

/* randread's offsets: xorshift64 from seed * golden ratio + 1. */
static double rand_read(int fd, void *buf, uint64_t bytes, uint64_t seed)
{
	uint64_t x = seed * 0x9e3779b97f4a7c15ull + 1;
	double t0 = now_s();

	for (unsigned i = 0; i < RAND_COUNT; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (pread(fd, buf, RAND_BS,
			  (off_t)(x % (bytes / RAND_BS) * RAND_BS)) != RAND_BS)
			fail("random pread");
	}
	return RAND_COUNT / (now_s() - t0);
}

static double max(double a, double b)
{
	return a > b ? a : b;
}

int main(int argc, char **argv)
{
	unsigned mib = argc > 1 ? (unsigned)atoi(argv[1]) : 128;
	double w = 0, r = 0, iops = 0;
	struct stat st;
	void *buf;
	int fd;

	fd = open("/dev/xvda", O_RDWR);
	if (fd < 0)
		fail("open /dev/xvda");
	if (fstat(fd, &st) != 0)
		fail("fstat");
	if (mib == 0 || (uint64_t)mib * CHUNK > (uint64_t)st.st_size) {
		printf("blkskiff: %u MiB do not fit the %lld-byte disk\n", mib,
		       (long long)st.st_size);
		return 1;
	}
	buf = memalign(4096, CHUNK);
	if (!buf)
		fail("memalign");
	memset(buf, 0, CHUNK);
	for (unsigned i = 0; i < ROUNDS; i++) {
		double rw = seq_write(fd, buf, mib),
		       rr = seq_read(fd, buf, mib),
		       ri = rand_read(fd, buf, (uint64_t)st.st_size, i + 1);

		printf("blkskiff: round %u: write %.1f MiB/s, read %.1f MiB/s, "
		       "random 4 KiB reads %.1f IOPS\n",
		       i + 1, rw, rr, ri);
		w = max(w, rw), r = max(r, rr), iops = max(iops, ri);
	}
	printf("BENCH skiff_blk_seq_write_mibs %.1f MiB/s\n", w);
	printf("BENCH skiff_blk_seq_read_mibs %.1f MiB/s\n", r);
	printf("BENCH skiff_blk_rand_read_iops %.1f IOPS\n", iops);
	return 0;
}
