/*
 * fs-ext4: an ext4 image that dom0's mkfs.ext4 made (pre.sh), mounted at
 * /data by app.mk's APP_MOUNTS, read and written through newlib; a
 * second one at /ro, read-only (errors.c).
 *  - reads what dom0 put there (mke2fs -d): "sum PATH SIZE SHA256" lines
 *    that check.sh compares with dom0's own sums of the same files; a
 *    symbolic link, a directory of 200 entries, a 6 MiB file;
 *  - appends to one of dom0's files;
 *  - writes 2,000 files in nested directories /data/out/dNN/eN/fNNNN,
 *    renames some (in place and across directories, one over another
 *    file), deletes some, renames a directory and removes a whole tree
 *    through readdir: check.sh does the same on the build machine and
 *    compares the result with what dom0 finds on the disk;
 *  - a 64 MiB file of the pattern of tools/testhost/helpers/pattern.c,
 *    fsync'd, and a file edited with pwrite, ftruncate and O_APPEND, a
 *    sparse one, a hard link and a symbolic link;
 *  - the error cases (errors.c), then exits (the mounts are unmounted
 *    at exit, so that dom0's e2fsck -fn finds nothing to fix).
 * Prints "FAIL: ..." for each wrong answer and exits 1 if there was one.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "../common/sha256.h"
#include "fsext4.h"

#define NFILES 2000
#define BIG_SEED 9
#define BIG_SIZE (64u << 20)

int failures;

void fsext4_sum(const char *path, const char *label)
{
	static char buf[65536 + 7];
	struct sha256 s;
	char hex[65];
	long n, total = 0;
	int fd = open(path, O_RDONLY);

	EXPECT(fd >= 0, "open %s", path);
	if (fd < 0)
		return;
	sha256_init(&s);
	/* An odd size, so that reads straddle blocks. */
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		sha256_update(&s, buf, (size_t)n);
		total += n;
	}
	EXPECT(n == 0, "read %s", path);
	close(fd);
	sha256_hex(&s, hex);
	printf("sum %s %ld %s\n", label, total, hex);
}

static void put(const char *path, const void *data, size_t len, int flags)
{
	int fd = open(path, O_WRONLY | O_CREAT | flags, 0644);

	EXPECT(fd >= 0, "create %s", path);
	if (fd < 0)
		return;
	EXPECT(write(fd, data, len) == (long)len, "write %s", path);
	EXPECT(close(fd) == 0, "close %s", path);
}

static void mkdir_ok(const char *path)
{
	EXPECT(mkdir(path, 0755) == 0, "mkdir %s", path);
}

/* dom0's files: the 200 entries of /data/many counted by readdir and
 * summed in name order, the rest one by one; then one appended to. */
static void read_dom0_files(void)
{
	struct sha256 s;
	char path[64], link[64], hex[65], buf[32];
	struct dirent *e;
	struct stat st;
	DIR *d = opendir("/data/many");
	int n = 0, i;
	long r;

	fsext4_sum("/data/hello.txt", "/data/hello.txt");
	fsext4_sum("/data/a/b/c/deep.txt", "/data/a/b/c/deep.txt");
	fsext4_sum("/data/big.bin", "/data/big.bin");
	fsext4_sum("/data/empty", "/data/empty");
	fsext4_sum("/data/link", "/data/link");
	EXPECT(lstat("/data/link", &st) == 0 && S_ISLNK(st.st_mode), "lstat");
	r = readlink("/data/link", link, sizeof(link) - 1);
	EXPECT(r > 0, "readlink /data/link");
	printf("readlink /data/link %.*s\n", (int)(r > 0 ? r : 0), link);
	EXPECT(d != NULL, "opendir /data/many");
	while (d && (e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	sha256_init(&s);
	for (i = 0; i < 200; i++) {
		int fd;

		snprintf(path, sizeof(path), "/data/many/f%03d", i);
		fd = open(path, O_RDONLY);
		EXPECT(fd >= 0, "open %s", path);
		while (fd >= 0 && (r = read(fd, buf, sizeof(buf))) > 0)
			sha256_update(&s, buf, (size_t)r);
		if (fd >= 0)
			close(fd);
	}
	sha256_hex(&s, hex);
	printf("many %d entries, sum %s\n", n, hex);
	put("/data/hello.txt", "guest was here\n", 15, O_APPEND);
}

/* File i's content: lines "fs-ext4 file IIII line LL", 1 to 60 of them,
 * 600 more for every 100th file (several blocks). check.sh makes the
 * same. */
static size_t small_content(int i, char *buf)
{
	int lines = 1 + (i * 7) % 60 + (i % 100 == 0 ? 600 : 0), l;
	size_t len = 0;

	for (l = 0; l < lines; l++)
		len += (size_t)sprintf(buf + len,
				       "fs-ext4 file %04d line %02d\n", i, l);
	return len;
}

static void small_path(char *path, int i, char prefix)
{
	sprintf(path, "/data/out/d%02d/e%d/%c%04d", i / 100, (i / 10) % 10,
		prefix, i);
}

static void write_tree(void)
{
	static char buf[700 * 32];
	char path[64];
	int i;

	mkdir_ok("/data/out");
	mkdir_ok("/data/out/moved");
	for (i = 0; i < NFILES; i++) {
		if (i % 100 == 0) {
			sprintf(path, "/data/out/d%02d", i / 100);
			mkdir_ok(path);
		}
		if (i % 10 == 0) {
			sprintf(path, "/data/out/d%02d/e%d", i / 100,
				(i / 10) % 10);
			mkdir_ok(path);
		}
		small_path(path, i, 'f');
		put(path, buf, small_content(i, buf), O_EXCL);
	}
	printf("fs-ext4: wrote %d files\n", NFILES);
}

/* Removes the tree at path, finding its entries with readdir. */
static void remove_tree(const char *path)
{
	char sub[256];
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(path);

	EXPECT(d != NULL, "opendir %s", path);
	while (d && (e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		EXPECT(lstat(sub, &st) == 0, "lstat %s", sub);
		if (S_ISDIR(st.st_mode))
			remove_tree(sub);
		else
			EXPECT(unlink(sub) == 0, "unlink %s", sub);
	}
	if (d)
		closedir(d);
	EXPECT(rmdir(path) == 0, "rmdir %s", path);
}

/* The changes check.sh repeats: in this order. */
static void change_tree(void)
{
	char from[64], to[64];
	int i;

	for (i = 0; i < NFILES; i++) {
		small_path(from, i, 'f');
		if (i % 7 == 0) {
			small_path(to, i, 'r');
			EXPECT(rename(from, to) == 0, "rename %s", from);
		} else if (i % 13 == 0) {
			sprintf(to, "/data/out/moved/f%04d", i);
			EXPECT(rename(from, to) == 0, "rename %s", from);
		} else if (i % 11 == 0) {
			EXPECT(unlink(from) == 0, "unlink %s", from);
		}
	}
	EXPECT(rename("/data/out/d00/e0/f0001", "/data/out/d00/e0/f0002") == 0,
	       "rename over a file");
	EXPECT(rename("/data/out/d18", "/data/out/r18") == 0, "rename a dir");
	remove_tree("/data/out/d19");
	printf("fs-ext4: changed the tree\n");
}

/* The 64 MiB file: the pattern in pieces of odd sizes, then fsync. */
static void write_big(void)
{
	static uint64_t words[(1 << 17) + 2];
	static const size_t sizes[] = {1 << 20, 4097, 65536 + 8, 12345 * 8, 8};
	uint64_t off = 0;
	unsigned int n = 0;
	int fd;

	mkdir_ok("/data/big");
	fd = open("/data/big/big.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0, "create big.bin");
	if (fd < 0)
		return;
	while (off < BIG_SIZE) {
		size_t len = sizes[n++ % 5] & ~(size_t)7, i;

		if (len > BIG_SIZE - off)
			len = BIG_SIZE - off;
		for (i = 0; i < len / 8; i++) {
			uint64_t x =
			    (off / 8 + i) * 0x9e3779b97f4a7c15ull + BIG_SEED;

			words[i] = x ^ (x >> 29);
		}
		if (write(fd, words, len) != (long)len) {
			EXPECT(0, "write big.bin at %llu",
			       (unsigned long long)off);
			break;
		}
		off += len;
	}
	EXPECT(fsync(fd) == 0, "fsync big.bin");
	EXPECT(close(fd) == 0, "close big.bin");
	printf("fs-ext4: wrote big.bin %llu bytes\n", (unsigned long long)off);
}

/* pwrite, ftruncate, O_APPEND, a hole, a hard and a symbolic link. */
static void edit_files(void)
{
	static char as[10000];
	struct stat st;
	int fd;

	memset(as, 'a', sizeof(as));
	mkdir_ok("/data/edit");
	put("/data/edit/edit.bin", as, sizeof(as), O_TRUNC);
	fd = open("/data/edit/edit.bin", O_RDWR);
	EXPECT(fd >= 0 && pwrite(fd, "XYZ", 3, 5000) == 3, "pwrite");
	EXPECT(fd >= 0 && ftruncate(fd, 8000) == 0, "ftruncate");
	EXPECT(fd >= 0 && fdatasync(fd) == 0, "fdatasync");
	if (fd >= 0)
		close(fd);
	put("/data/edit/edit.bin", "END\n", 4, O_APPEND);
	fd = open("/data/edit/sparse.bin", O_WRONLY | O_CREAT | O_EXCL, 0644);
	EXPECT(fd >= 0 && pwrite(fd, "tail", 4, 10 << 20) == 4, "pwrite far");
	if (fd >= 0)
		close(fd);
	EXPECT(link("/data/edit/edit.bin", "/data/edit/edit.link") == 0,
	       "link");
	EXPECT(symlink("edit.bin", "/data/edit/edit.sym") == 0, "symlink");
	EXPECT(stat("/data/edit/edit.bin", &st) == 0 && st.st_nlink == 2 &&
		   st.st_size == 8004,
	       "stat edit.bin: %lu links, %ld bytes",
	       (unsigned long)st.st_nlink, (long)st.st_size);
	fsext4_sum("/data/edit/edit.bin", "/data/edit/edit.bin");
	fsext4_sum("/data/edit/edit.sym", "/data/edit/edit.sym");
	fsext4_sum("/data/edit/sparse.bin", "/data/edit/sparse.bin");
}

static void statvfs_data(void)
{
	struct statvfs sv;

	EXPECT(statvfs("/data", &sv) == 0, "statvfs /data");
	printf("statvfs /data bsize %lu blocks %lu\n",
	       (unsigned long)sv.f_bsize, (unsigned long)sv.f_blocks);
}

int main(void)
{
	read_dom0_files();
	write_tree();
	change_tree();
	write_big();
	edit_files();
	fsext4_sum("/data/big/big.bin", "/data/big/big.bin");
	statvfs_data();
	fsext4_errors();
	fsext4_readonly();
	if (failures) {
		printf("fs-ext4: %d failures\n", failures);
		return 1;
	}
	printf("fs-ext4: all checks passed\n");
	return 0;
}
