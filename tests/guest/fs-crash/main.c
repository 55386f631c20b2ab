/*
 * fs-crash: writes a new file under /data/crash every 100 ms, fsyncs it
 * and only then prints "synced NAME SIZE SHA256", while a log file that
 * is never synced grows next to it (so that the file system has changes
 * in flight whenever dom0 destroys the domain, which dom0.sh does in the
 * middle of this). The files' own fsync is all: fsync must make the data
 * and the metadata that reaches it (the name in its directory) durable.
 * dom0 then repairs the image with e2fsck -fy and checks that every
 * printed file is on it, whole. Gives up after MAX_FILES (dom0 should
 * have stopped it long before) and exits 2.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../common/sha256.h"

#define MAX_FILES 3000

static void fail(const char *what, const char *path)
{
	printf("FAIL: %s %s: %s\n", what, path, strerror(errno));
}

/* File i: 1,000 to 61,000 bytes of a pattern that depends on i. */
static size_t content(unsigned int i, unsigned char *buf)
{
	size_t len = 1000 + (i * 4099u) % 60000, k;
	uint64_t x = i * 0x9e3779b97f4a7c15ull + 1;

	for (k = 0; k < len; k++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[k] = (unsigned char)x;
	}
	return len;
}

/* Writes file i, fsyncs it and says so; 0 on success. */
static int one_file(unsigned int i, int logfd)
{
	static unsigned char buf[61000], line[4096];
	char path[64], hex[65];
	struct sha256 s;
	size_t len = content(i, buf);
	int fd;

	snprintf(path, sizeof(path), "/data/crash/f%05u", i);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return fail("create", path), -1;
	if (write(fd, buf, len) != (long)len)
		return fail("write", path), -1;
	/* Unsynced changes to a second file, in the same transaction. */
	memset(line, 'a' + i % 26, sizeof(line));
	if (write(logfd, line, sizeof(line)) != (long)sizeof(line))
		return fail("write", "the log"), -1;
	if (fsync(fd) != 0)
		return fail("fsync", path), -1;
	if (close(fd) != 0)
		return fail("close", path), -1;
	sha256_init(&s);
	sha256_update(&s, buf, len);
	sha256_hex(&s, hex);
	printf("synced %s %u %s\n", path + 12, (unsigned int)len, hex);
	return 0;
}

int main(void)
{
	struct timespec pause = {0, 100 * 1000 * 1000};
	unsigned int i;
	int logfd;

	if (mkdir("/data/crash", 0755) != 0)
		return fail("mkdir", "/data/crash"), 1;
	logfd = open("/data/crash/log", O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (logfd < 0)
		return fail("create", "/data/crash/log"), 1;
	printf("fs-crash: writing\n");
	for (i = 0; i < MAX_FILES; i++) {
		if (one_file(i, logfd) != 0)
			return 1;
		nanosleep(&pause, NULL);
	}
	printf("fs-crash: never destroyed\n");
	return 2;
}
