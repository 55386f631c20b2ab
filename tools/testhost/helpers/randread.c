/*
 * randread: random reads of one block size from a disk, one at a time
 * (queue depth 1) with O_DIRECT, for the storage benchmark's Linux
 * domU (busybox's dd cannot seek at random in one process).
 *   randread DEVICE BLOCK_BYTES COUNT [SEED]
 * Offsets are multiples of BLOCK_BYTES, drawn over the whole device by
 * a fixed generator (the same SEED reads the same blocks). Prints
 * "randread N reads in S s: X IOPS". Exit 1 on any error or short read.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned long long bytes, bs, count, seed, x, i;
	double t0, t;
	off_t end;
	void *buf;
	int fd;

	if (argc < 4 || argc > 5) {
		fprintf(stderr,
			"usage: randread DEVICE BLOCK_BYTES COUNT [SEED]\n");
		return 2;
	}
	bs = strtoull(argv[2], NULL, 0);
	count = strtoull(argv[3], NULL, 0);
	seed = argc == 5 ? strtoull(argv[4], NULL, 0) : 1;
	if (bs == 0 || bs % 512 || count == 0) {
		fprintf(stderr, "randread: BLOCK_BYTES must be a multiple of "
				"512, COUNT > 0\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_DIRECT);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	end = lseek(fd, 0, SEEK_END); /* a disk's size */
	bytes = end > 0 ? (unsigned long long)end : 0;
	if (bytes < bs || posix_memalign(&buf, 4096, bs) != 0) {
		fprintf(stderr, "randread: %s is smaller than one block\n",
			argv[1]);
		return 1;
	}
	x = seed * 0x9e3779b97f4a7c15ull + 1;
	t0 = now_s();
	for (i = 0; i < count; i++) {
		/* xorshift64: cheap, and the same blocks for the same seed. */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (pread(fd, buf, bs, (off_t)(x % (bytes / bs) * bs)) !=
		    (ssize_t)bs) {
			perror("randread: pread");
			return 1;
		}
	}
	t = now_s() - t0;
	printf("randread %llu reads in %.3f s: %.1f IOPS\n", count, t,
	       count / t);
	return 0;
}
