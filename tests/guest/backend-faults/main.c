/*
 * backend-faults: a workload that notices corruption, kept running while
 * dom0 breaks its backends.
 *
 * - The disk thread writes the pattern of a new seed over /dev/xvdb in
 *   64 KiB pieces, each read back and compared, plus an unaligned piece
 *   through the bounce sector; an error closes the disk and opens it
 *   again (it may be gone, reconnecting, or a new disk with other
 *   sectors). When dom0 writes data/final, it writes the pattern of seed
 *   7 over the whole disk, fsyncs and writes data/faults-done; dom0
 *   hashes the disk after the domain stopped.
 * - A checker thread keeps 4 MiB of a known pattern and checks it every
 *   300 ms: a frame reused while a backend still writes it would show.
 * - A TCP echo server on port 7 for dom0's transfers.
 * At xl shutdown (atexit) the counts are printed.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <skiff/xenstore.h>

#include "../common/echo.h"
#include "../common/pattern.h"

#define CHUNK (64u << 10)
#define CANARY (4u << 20)
#define FINAL_SEED 7

static struct {
	unsigned long passes, errors, mismatches, checks, corrupt;
	unsigned long seed;
	unsigned char *canary;
} w;

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

static void *checker(void *arg)
{
	static unsigned char want[65536];
	size_t off;

	(void)arg;
	for (;;) {
		for (off = 0; off < CANARY; off += sizeof(want)) {
			pattern_fill(want, 99, off, sizeof(want));
			if (memcmp(want, w.canary + off, sizeof(want))) {
				printf("faults: MEMORY CORRUPTED near offset "
				       "%zu\n",
				       off);
				w.corrupt++;
				pattern_fill(w.canary + off, 99, off,
					     sizeof(want));
			}
		}
		w.checks++;
		sleep_ms(300);
	}
	return NULL;
}

static bool final_asked(void)
{
	char v[8];

	return xs_read("data/final", v, sizeof(v)) > 0;
}

/* One piece at off: written, read back, compared. 0, or -1 on an I/O
 * error (errno set). A mismatch is counted and reported. */
static int piece(int fd, unsigned long seed, uint64_t off, size_t len)
{
	static unsigned char buf[CHUNK], back[CHUNK];

	pattern_fill(buf, seed, off, len);
	if (pwrite(fd, buf, len, (off_t)off) != (ssize_t)len ||
	    pread(fd, back, len, (off_t)off) != (ssize_t)len)
		return -1;
	if (memcmp(buf, back, len)) {
		printf("faults: DISK MISMATCH at %llu (seed %lu)\n",
		       (unsigned long long)off, seed);
		w.mismatches++;
	}
	return 0;
}

/* One pass over the disk with seed; 0, or -1 on an I/O error. */
static int pass(int fd, unsigned long seed, uint64_t size)
{
	uint64_t off;

	for (off = 0; off < size; off += CHUNK)
		if (piece(fd, seed, off,
			  (size_t)(size - off < CHUNK ? size - off : CHUNK)))
			return -1;
	/* Across a sector boundary, unaligned: the bounce sector. */
	return piece(fd, seed, 4096 - 300, 700);
}

static int open_disk(struct stat *st)
{
	int fd;

	while ((fd = open("/dev/xvdb", O_RDWR)) < 0)
		sleep_ms(100);
	if (fstat(fd, st)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void final_pass(int fd, uint64_t size)
{
	if (pass(fd, FINAL_SEED, size) || fsync(fd)) {
		printf("faults: final pass failed: %s\n", strerror(errno));
		return;
	}
	/* pass() left the unaligned piece in seed 7 too: all one pattern. */
	printf("faults: final pass written, %llu bytes\n",
	       (unsigned long long)size);
	xs_write("data/faults-done", "1");
}

static void *disk(void *arg)
{
	struct stat st;
	int fd;

	(void)arg;
	for (;;) {
		if ((fd = open_disk(&st)) < 0)
			continue;
		printf("faults: xvdb open, %lld bytes, %ld-byte sectors\n",
		       (long long)st.st_size, (long)st.st_blksize);
		while (!final_asked()) {
			if (pass(fd, ++w.seed + 100, (uint64_t)st.st_size))
				break;
			w.passes++;
			printf("faults: pass %lu ok (%ld-byte sectors)\n",
			       w.passes, (long)st.st_blksize);
		}
		if (final_asked()) {
			final_pass(fd, (uint64_t)st.st_size);
			return NULL;
		}
		if (w.errors++ < 20)
			printf("faults: xvdb error: %s; opening again\n",
			       strerror(errno));
		close(fd);
	}
}

static void summary(void)
{
	printf("faults: %lu passes, %lu errors, %lu mismatches; memory %s "
	       "(%lu checks)\n",
	       w.passes, w.errors, w.mismatches,
	       w.corrupt ? "CORRUPTED" : "intact", w.checks);
}

int main(void)
{
	pthread_t t1, t2;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!(w.canary = malloc(CANARY)))
		return 1;
	for (size_t off = 0; off < CANARY; off += PATTERN_MAX)
		pattern_fill(w.canary + off, 99, off, PATTERN_MAX);
	atexit(summary);
	if (echo_start("faults", 7) ||
	    pthread_create(&t1, NULL, checker, NULL) ||
	    pthread_create(&t2, NULL, disk, NULL))
		return 1;
	for (;;)
		sleep(60); /* until xl shutdown */
}
