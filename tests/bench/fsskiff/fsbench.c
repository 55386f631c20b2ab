/*
 * fsbench: file-system figures from one static musl program that runs
 * unchanged on Skiff (this benchmark's image, the disk mounted at /data
 * by APP_MOUNTS) and in the Linux PV domU (job.sh; Linux's own ext4 on
 * the same kind of image), ROUNDS times:
 *  - seq_write_mibs: a 64 MiB file written in 1 MiB write()s, then
 *    fsync(), from open to fsync's return;
 *  - seq_read_mibs: the same file read back in 1 MiB read()s;
 *  - create_files_s: 2,000 files of 4 KiB in 20 directories, each
 *    created, written, fsync'd and closed;
 *  - read_files_s: the 2,000 files opened, read and closed.
 * Before each read the caches are dropped where the system lets a
 * program do it (Linux: /proc/sys/vm/drop_caches, as root); each round
 * says whether that worked. Each round's files are removed after it
 * (not timed). Prints every round, then the best of each figure as
 * "BENCH PREFIX_fs_..." lines for tools/bench.sh, then "fsbench: done".
 * A failed call prints "fsbench: FAIL ..." and exits 1.
 *   fsbench PREFIX [DIR [ROUNDS]]   (defaults /data and 3)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (1 << 20)
#define SEQ_MIB 64
#define NFILES 2000
#define NDIRS 20
#define SMALL 4096
#define MAX_ROUNDS 20

static const char *prefix, *dir;
static char buf[CHUNK];

static void fail(const char *what, const char *path)
{
	printf("fsbench: FAIL %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whether the system dropped its caches for us (Linux, as root). */
static int drop_caches(void)
{
	int fd;

	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	if (fd < 0)
		return 0;
	if (write(fd, "3\n", 2) != 2) {
		close(fd);
		return 0;
	}
	close(fd);
	return 1;
}

static double seq_write(const char *path)
{
	double t = now_s();
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		fail("create", path);
	for (int i = 0; i < SEQ_MIB; i++) {
		buf[0] = (char)i; /* each MiB a little different */
		if (write(fd, buf, CHUNK) != CHUNK)
			fail("write", path);
	}
	if (fsync(fd) != 0)
		fail("fsync", path);
	if (close(fd) != 0)
		fail("close", path);
	return SEQ_MIB / (now_s() - t);
}

static double seq_read(const char *path)
{
	double t = now_s();
	int fd = open(path, O_RDONLY);
	long n, total = 0;

	if (fd < 0)
		fail("open", path);
	while ((n = read(fd, buf, CHUNK)) > 0)
		total += n;
	if (n < 0 || total != (long)SEQ_MIB * CHUNK)
		fail("read", path);
	close(fd);
	return SEQ_MIB / (now_s() - t);
}

static void small_path(char *path, size_t len, int round, int i)
{
	snprintf(path, len, "%s/small%d/d%02d/f%04d", dir, round, i % NDIRS, i);
}

static double create_files(int round)
{
	char path[256];
	double t;
	int i, fd;

	snprintf(path, sizeof(path), "%s/small%d", dir, round);
	if (mkdir(path, 0755) != 0)
		fail("mkdir", path);
	for (i = 0; i < NDIRS; i++) {
		snprintf(path, sizeof(path), "%s/small%d/d%02d", dir, round, i);
		if (mkdir(path, 0755) != 0)
			fail("mkdir", path);
	}
	t = now_s();
	for (i = 0; i < NFILES; i++) {
		small_path(path, sizeof(path), round, i);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0)
			fail("create", path);
		buf[0] = (char)i;
		if (write(fd, buf, SMALL) != SMALL)
			fail("write", path);
		if (fsync(fd) != 0)
			fail("fsync", path);
		if (close(fd) != 0)
			fail("close", path);
	}
	return NFILES / (now_s() - t);
}

static double read_files(int round)
{
	char path[256];
	double t = now_s();
	int i, fd;

	for (i = 0; i < NFILES; i++) {
		small_path(path, sizeof(path), round, i);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			fail("open", path);
		if (read(fd, buf, CHUNK) != SMALL)
			fail("read", path);
		close(fd);
	}
	return NFILES / (now_s() - t);
}

/* The round's files go (untimed), so that every round starts alike. */
static void remove_round(int round, const char *seq)
{
	char path[256];
	int i;

	for (i = 0; i < NFILES; i++) {
		small_path(path, sizeof(path), round, i);
		if (unlink(path) != 0)
			fail("unlink", path);
	}
	for (i = 0; i < NDIRS; i++) {
		snprintf(path, sizeof(path), "%s/small%d/d%02d", dir, round, i);
		if (rmdir(path) != 0)
			fail("rmdir", path);
	}
	snprintf(path, sizeof(path), "%s/small%d", dir, round);
	if (rmdir(path) != 0)
		fail("rmdir", path);
	if (unlink(seq) != 0)
		fail("unlink", seq);
}

static const char *const names[4] = {"seq_write_mibs", "seq_read_mibs",
				     "create_files_s", "read_files_s"};
static const char *const units[4] = {"MiB/s", "MiB/s", "files/s", "files/s"};

int main(int argc, char **argv)
{
	double best[4] = {0, 0, 0, 0}, v[4];
	char seq[256];
	int rounds, r, k, dropped;

	prefix = argc > 1 ? argv[1] : "test";
	dir = argc > 2 ? argv[2] : "/data";
	rounds = argc > 3 ? atoi(argv[3]) : 3;
	if (rounds < 1 || rounds > MAX_ROUNDS)
		rounds = 3;
	memset(buf, 'f', sizeof(buf));
	snprintf(seq, sizeof(seq), "%s/seq.bin", dir);
	for (r = 0; r < rounds; r++) {
		v[0] = seq_write(seq);
		dropped = drop_caches();
		v[1] = seq_read(seq);
		v[2] = create_files(r);
		dropped &= drop_caches();
		v[3] = read_files(r);
		remove_round(r, seq);
		printf("fsbench: %s round %d", prefix, r + 1);
		for (k = 0; k < 4; k++) {
			printf(" %s %.1f", names[k], v[k]);
			if (v[k] > best[k])
				best[k] = v[k];
		}
		printf(" caches-dropped %s\n", dropped ? "yes" : "no");
	}
	for (k = 0; k < 4; k++)
		printf("BENCH %s_fs_%s %.1f %s\n", prefix, names[k], best[k],
		       units[k]);
	printf("fsbench: done\n");
	return 0;
}
