/*
 * ramfs test: walks the ramdisk with opendir/readdir/stat, reads every
 * file in odd-sized pieces and prints "file PATH SIZE SHA256" (check.sh
 * compares these with the archive the build wrote), then tries the
 * errors a path gives (writing is fs-root's test). Prints "FAIL: ..."
 * for each wrong answer and exits 1 if there was one.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/sha256.h"

static int failures;
static int nfiles, ndirs;

#define EXPECT(cond, ...)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("FAIL: " __VA_ARGS__);                          \
			printf(" (line %d)\n", __LINE__);                      \
			failures++;                                            \
		}                                                              \
	} while (0)

/* Read path in pieces of 1000 bytes (never aligned to anything) and
 * print its size and checksum; check fstat and the end of file. */
static void read_file(const char *path, const struct stat *st)
{
	static char buf[1000];
	struct sha256 s;
	struct stat fst;
	char hex[65];
	long total = 0, n;
	int fd = open(path, O_RDONLY);

	EXPECT(fd >= 0, "open %s: %s", path, strerror(errno));
	if (fd < 0)
		return;
	sha256_init(&s);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		sha256_update(&s, buf, (size_t)n);
		total += n;
	}
	EXPECT(n == 0, "read %s: %s", path, strerror(errno));
	EXPECT(total == st->st_size, "%s: read %ld bytes, stat says %ld", path,
	       total, (long)st->st_size);
	EXPECT(fstat(fd, &fst) == 0 && fst.st_size == st->st_size &&
		   fst.st_ino == st->st_ino,
	       "fstat %s differs from stat", path);
	EXPECT(lseek(fd, 0, SEEK_END) == total, "lseek end of %s", path);
	EXPECT(read(fd, buf, 1) == 0, "read at the end of %s", path);
	sha256_hex(&s, hex);
	printf("file %s %ld %s\n", path, total, hex);
	close(fd);
}

/* Check "." and ".." come first, then recurse into every entry. */
static void walk(const char *dir)
{
	char path[512];
	struct dirent *e;
	struct stat st;
	int i = 0;
	DIR *d = opendir(dir);

	EXPECT(d != NULL, "opendir %s: %s", dir, strerror(errno));
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (i++ < 2) {
			EXPECT(!strcmp(e->d_name, i == 1 ? "." : ".."),
			       "%s: entry %d is %s", dir, i, e->d_name);
			EXPECT(e->d_type == DT_DIR, "%s: . or .. type", dir);
			continue;
		}
		snprintf(path, sizeof(path), "%s%s%s", dir,
			 strcmp(dir, "/") ? "/" : "", e->d_name);
		if (!strcmp(path, "/dev")) /* the devices: fs-root's */
			continue;
		EXPECT(stat(path, &st) == 0, "stat %s: %s", path,
		       strerror(errno));
		EXPECT(st.st_ino == e->d_ino, "%s: inode", path);
		if (S_ISDIR(st.st_mode)) {
			EXPECT(e->d_type == DT_DIR, "%s: d_type", path);
			EXPECT(st.st_nlink >= 2, "%s: nlink", path);
			printf("dir %s %o\n", path, (unsigned)st.st_mode);
			ndirs++;
			walk(path);
		} else {
			EXPECT(S_ISREG(st.st_mode) && e->d_type == DT_REG,
			       "%s: not a regular file", path);
			read_file(path, &st);
			nfiles++;
		}
	}
	EXPECT(i >= 2, "%s: no . and ..", dir);
	closedir(d);
}

/* open() must fail with errno want. */
static void open_fails(const char *path, int flags, int want)
{
	int fd = open(path, flags, 0644);

	EXPECT(fd < 0 && errno == want, "open %s (flags %#x): got %d, errno %s",
	       path, flags, fd, strerror(errno));
	if (fd >= 0)
		close(fd);
}

static void errors(void)
{
	struct stat st;
	char c;
	int fd;

	open_fails("/nope", O_RDONLY, ENOENT);
	open_fails("/etc/nope/x", O_RDONLY, ENOENT);
	open_fails("/etc/app.conf", O_RDONLY | O_CREAT | O_EXCL, EEXIST);
	open_fails("/etc/nope/new", O_WRONLY | O_CREAT, ENOENT);
	open_fails("/etc/app.conf/new", O_WRONLY | O_CREAT, ENOTDIR);
	open_fails("/etc/app.conf/x", O_RDONLY, ENOTDIR);
	open_fails("/etc/app.conf", O_RDONLY | O_DIRECTORY, ENOTDIR);
	open_fails("/etc", O_WRONLY, EISDIR);
	EXPECT(stat("/one/x", &st) < 0 && errno == ENOTDIR, "stat /one/x");
	EXPECT(stat("/nope", &st) < 0 && errno == ENOENT, "stat /nope");
	EXPECT(opendir("/one") == NULL && errno == ENOTDIR, "opendir /one");
	fd = open("/a/b", O_RDONLY); /* a directory, without O_DIRECTORY */
	EXPECT(fd >= 0, "open /a/b: %s", strerror(errno));
	EXPECT(read(fd, &c, 1) < 0 && errno == EISDIR, "read of a directory");
	close(fd);
	EXPECT(stat("./a/../etc//app.conf", &st) == 0 && st.st_size == 46,
	       "a path with . and .. (size %ld)", (long)st.st_size);
}

/* Reads from the middle, across the 4096-byte mark, and from a FILE. */
static void offsets(void)
{
	char buf[16], line[80];
	FILE *f;
	int fd;

	fd = open("/a/s4097", O_RDONLY);
	EXPECT(lseek(fd, 4090, SEEK_SET) == 4090, "lseek 4090");
	EXPECT(read(fd, buf, sizeof(buf)) == 7, "read across 4096");
	EXPECT(lseek(fd, -3, SEEK_CUR) == 4094, "lseek back");
	EXPECT(lseek(fd, -5000, SEEK_CUR) < 0 && errno == EINVAL, "lseek <0");
	close(fd);
	f = fopen("/etc/app.conf", "r");
	EXPECT(f && fgets(line, sizeof(line), f), "fopen /etc/app.conf");
	if (f) {
		printf("app.conf: %s", line);
		fclose(f);
	}
}

int main(void)
{
	walk("/");
	printf("walked %d files, %d directories\n", nfiles, ndirs);
	errors();
	offsets();
	if (failures) {
		printf("ramfs test: %d checks failed\n", failures);
		return 1;
	}
	printf("ramfs test: all checks passed\n");
	return 0;
}
