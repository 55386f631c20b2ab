/*
 * pattern: write the test pattern that guest tests write to disks, so
 * that dom0 can hash what the disk should hold.
 *   pattern SEED BYTES
 * Byte i is byte (i % 8) (little-endian) of mix(i / 8, SEED), mix being
 * the function in tests/guest/blkfile/main.c; output goes to stdout.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t mix(uint64_t k, uint64_t seed)
{
	uint64_t x = k * 0x9e3779b97f4a7c15ull + seed;

	return x ^ (x >> 29);
}

int main(int argc, char **argv)
{
	static uint64_t buf[8192];
	uint64_t seed, bytes, k = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: pattern SEED BYTES\n");
		return 2;
	}
	seed = strtoull(argv[1], NULL, 0);
	bytes = strtoull(argv[2], NULL, 0);
	if (bytes % 8) {
		fprintf(stderr, "pattern: BYTES must be a multiple of 8\n");
		return 2;
	}
	while (bytes) {
		size_t n = bytes / 8 < 8192 ? bytes / 8 : 8192, i;

		for (i = 0; i < n; i++)
			buf[i] = mix(k++, seed);
		if (fwrite(buf, 8, n, stdout) != n)
			return 1;
		bytes -= n * 8;
	}
	return fflush(stdout) ? 1 : 0;
}
