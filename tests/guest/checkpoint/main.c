/*
 * checkpoint: writes 64 KiB blocks one after another to its disk
 * (/dev/xvdb), each synced and then announced as "wrote N SHA256", and
 * keeps their checksums in memory. dom0 takes a checkpoint (xl save -c)
 * meanwhile, lets this instance go on, destroys it and restores the
 * checkpoint; once data/verify appears in xenstore, the restored guest
 * reads back every block its memory says it wrote and compares. Every
 * 50 ms pause is timed on CLOCK_MONOTONIC: the time the domain spent
 * saved must not show in it.
 */
#include <fcntl.h>
#include <skiff/xenstore.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../common/sha256.h"

#define BLOCK 65536
#define MAX_BLOCKS 500 /* 31.25 MiB of the 32 MiB disk */
#define LONG_SLEEP_MS 2000

static char sums[MAX_BLOCKS][65];
static unsigned char buf[BLOCK];

static void fill(unsigned int i)
{
	uint64_t x = i * 0x9e3779b97f4a7c15ull + 7;
	size_t k;

	for (k = 0; k < BLOCK; k++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[k] = (unsigned char)x;
	}
}

static uint64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

static int verify(int fd, unsigned int n, uint64_t longest)
{
	unsigned int i, bad = 0;
	char sum[65];
	struct sha256 s;

	for (i = 0; i < n; i++) {
		if (pread(fd, buf, BLOCK, (off_t)i * BLOCK) != BLOCK) {
			printf("FAIL: read of block %u\n", i);
			return 1;
		}
		sha256_init(&s);
		sha256_update(&s, buf, BLOCK);
		sha256_hex(&s, sum);
		if (strcmp(sum, sums[i])) {
			printf("FAIL: block %u differs\n", i);
			bad++;
		}
	}
	if (bad)
		return 1;
	printf("verified %u blocks intact\n", n);
	printf("longest 50 ms sleep: %llu ms (%s)\n",
	       (unsigned long long)longest,
	       longest < LONG_SLEEP_MS ? "ok" : "too long");
	return longest < LONG_SLEEP_MS ? 0 : 1;
}

int main(void)
{
	struct timespec pause = {0, 50 * 1000 * 1000};
	uint64_t longest = 0;
	char v[8];
	struct sha256 s;
	unsigned int i;
	int fd = open("/dev/xvdb", O_RDWR);

	if (fd < 0) {
		printf("FAIL: open /dev/xvdb\n");
		return 1;
	}
	for (i = 0; i < MAX_BLOCKS; i++) {
		uint64_t t0;

		fill(i);
		if (pwrite(fd, buf, BLOCK, (off_t)i * BLOCK) != BLOCK ||
		    fsync(fd)) {
			printf("FAIL: write of block %u\n", i);
			return 1;
		}
		sha256_init(&s);
		sha256_update(&s, buf, BLOCK);
		sha256_hex(&s, sums[i]);
		printf("wrote %u %s\n", i, sums[i]);
		if (xs_read("data/verify", v, sizeof(v)) > 0)
			return verify(fd, i + 1, longest);
		t0 = now_ms();
		nanosleep(&pause, NULL);
		if (now_ms() - t0 > longest)
			longest = now_ms() - t0;
	}
	printf("FAIL: never asked to verify\n");
	return 2;
}
