/*
 * fs-root test: the writable root as a C app sees it through newlib.
 * Writes files and prints "sum PATH SIZE SHA256" of what it reads back
 * (check.sh makes the same contents and compares), renames over an
 * existing file, makes and removes directories, symbolic and hard links,
 * reads an unlinked file it still holds, changes the working directory,
 * writes a ramdisk file, and fills the 1 MiB bound (APP_ROOT_SIZE) to
 * ENOSPC, then frees it and writes again. Prints "FAIL: ..." for each
 * wrong answer and exits 1 if there was one.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "../common/sha256.h"

/* newlib declares it for _GNU_SOURCE only. */
int renameat2(int odirfd, const char *old, int ndirfd, const char *new,
	      unsigned int flags);

static int failures;

#define EXPECT(cond, ...)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("FAIL: " __VA_ARGS__);                          \
			printf(" (line %d, errno %s)\n", __LINE__,             \
			       strerror(errno));                               \
			failures++;                                            \
		}                                                              \
	} while (0)

/* Print the size and checksum of what fd holds from its offset on. */
static void sum_fd(int fd, const char *label)
{
	static char buf[1500];
	struct sha256 s;
	char hex[65];
	long n, total = 0;

	sha256_init(&s);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		sha256_update(&s, buf, (size_t)n);
		total += n;
	}
	EXPECT(n == 0, "read %s", label);
	sha256_hex(&s, hex);
	printf("sum %s %ld %s\n", label, total, hex);
}

static void sum(const char *path)
{
	int fd = open(path, O_RDONLY);

	EXPECT(fd >= 0, "open %s", path);
	if (fd >= 0) {
		sum_fd(fd, path);
		close(fd);
	}
}

static void put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	EXPECT(fd >= 0, "create %s", path);
	EXPECT(write(fd, text, strlen(text)) == (long)strlen(text), "write %s",
	       path);
	close(fd);
}

/* 20,000 lines "line N" in writes of odd sizes. */
static void lines(void)
{
	static char text[240000]; /* 208,890 bytes */
	size_t len = 0, off, n;
	int i, fd;

	for (i = 0; i < 20000; i++)
		len += (size_t)sprintf(text + len, "line %d\n", i);
	fd = open("/tmp/lines", O_WRONLY | O_CREAT | O_EXCL, 0600);
	EXPECT(fd >= 0, "create /tmp/lines");
	for (off = 0; off < len; off += n) {
		n = len - off < 777 ? len - off : 777;
		EXPECT(write(fd, text + off, n) == (long)n, "write lines");
	}
	close(fd);
	EXPECT(open("/tmp/lines", O_WRONLY | O_CREAT | O_EXCL, 0600) < 0 &&
		   errno == EEXIST,
	       "O_EXCL on an existing file");
	sum("/tmp/lines");
}

static void renames_and_links(void)
{
	struct stat st, st2;
	char buf[64];
	int fd;

	put("/tmp/old", "first file\n\n");
	put("/tmp/new", "second\n");
	EXPECT(stat("/tmp/old", &st) == 0, "stat old");
	EXPECT(rename("/tmp/old", "/tmp/new") == 0, "rename over a file");
	EXPECT(stat("/tmp/new", &st2) == 0 && st2.st_ino == st.st_ino,
	       "the renamed inode");
	EXPECT(access("/tmp/old", F_OK) < 0 && errno == ENOENT, "old gone");
	sum("/tmp/new");
	/* A hard link: one inode, two names, nlink 2. */
	EXPECT(link("/tmp/new", "/tmp/hard") == 0, "link");
	EXPECT(stat("/tmp/hard", &st) == 0 && st.st_nlink == 2 &&
		   st.st_ino == st2.st_ino,
	       "hard link nlink %d", (int)st.st_nlink);
	EXPECT(link("/tmp/new", "/tmp/hard") < 0 && errno == EEXIST,
	       "link over a name");
	EXPECT(unlink("/tmp/new") == 0, "unlink one name");
	sum("/tmp/hard");
	/* Symbolic links. */
	EXPECT(symlink("hard", "/tmp/soft") == 0, "symlink");
	EXPECT(readlink("/tmp/soft", buf, sizeof(buf)) == 4 &&
		   !memcmp(buf, "hard", 4),
	       "readlink");
	EXPECT(lstat("/tmp/soft", &st) == 0 && S_ISLNK(st.st_mode),
	       "lstat of a link");
	EXPECT(stat("/tmp/soft", &st) == 0 && S_ISREG(st.st_mode) &&
		   st.st_size == 12,
	       "stat through a link");
	EXPECT(symlink("/tmp/loop", "/tmp/loop") == 0, "a looping link");
	EXPECT(open("/tmp/loop", O_RDONLY) < 0 && errno == ELOOP, "ELOOP");
	fd = open("/tmp/soft", O_RDONLY | O_NOFOLLOW);
	EXPECT(fd < 0 && errno == ELOOP, "O_NOFOLLOW");
	EXPECT(unlink("/tmp/soft") == 0 && unlink("/tmp/loop") == 0,
	       "unlink links");
}

static int count_entries(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	EXPECT(d != NULL, "opendir %s", dir);
	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void directories(void)
{
	char path[64], cwd[64];
	struct stat st;
	int i;

	EXPECT(stat("/tmp", &st) == 0 && (st.st_mode & 07777) == 01777,
	       "/tmp mode %o", (unsigned)st.st_mode);
	EXPECT(mkdir("/tmp/work", 0755) == 0, "mkdir");
	EXPECT(mkdir("/tmp/work", 0755) < 0 && errno == EEXIST, "EEXIST");
	EXPECT(mkdir("/tmp/none/x", 0755) < 0 && errno == ENOENT, "ENOENT");
	EXPECT(mkdir("/tmp/hard/x", 0755) < 0 && errno == ENOTDIR, "ENOTDIR");
	EXPECT(mkdir("/tmp/work/sub", 0700) == 0, "mkdir sub");
	for (i = 0; i < 50; i++) {
		snprintf(path, sizeof(path), "/tmp/work/sub/f%02d", i);
		put(path, "x");
	}
	EXPECT(count_entries("/tmp/work/sub") == 50, "50 entries");
	EXPECT(rmdir("/tmp/work/sub") < 0 && errno == ENOTEMPTY, "ENOTEMPTY");
	EXPECT(rename("/tmp/work", "/tmp/work/sub/in") < 0 && errno == EINVAL,
	       "a directory into itself");
	/* The working directory, and paths relative to it. */
	EXPECT(chdir("/tmp/work/sub") == 0, "chdir");
	EXPECT(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd");
	printf("fs-root: cwd %s\n", cwd);
	put("rel", "relative");
	EXPECT(stat("/tmp/work/sub/rel", &st) == 0 && st.st_size == 8,
	       "a relative create");
	EXPECT(stat("../sub/./rel", &st) == 0, "../ from the cwd");
	/* /dev is a mount of the VFS: relative paths reach it too. */
	{
		int fd = open("../../../dev/null", O_WRONLY);

		EXPECT(fd >= 0 && write(fd, "x", 1) == 1, "../../../dev/null");
		close(fd);
	}
	for (i = 40; i < 50; i++) {
		snprintf(path, sizeof(path), "f%02d", i);
		EXPECT(unlink(path) == 0, "unlink %s", path);
	}
	EXPECT(count_entries(".") == 41, "41 entries left");
	for (i = 0; i < 40; i++) {
		snprintf(path, sizeof(path), "f%02d", i);
		EXPECT(unlink(path) == 0, "unlink %s", path);
	}
	EXPECT(unlink("rel") == 0, "unlink rel");
	EXPECT(chdir("/") == 0, "chdir /");
	EXPECT(rmdir("/tmp/work/sub") == 0 && rmdir("/tmp/work") == 0, "rmdir");
	EXPECT(count_entries("/tmp") == 2, "/tmp: lines and hard left");
}

/* The *at calls from a directory fd, renameat2's flags, fchmodat. */
static void at_calls(void)
{
	char buf[16];
	struct stat st;
	int d;

	EXPECT(mkdir("/tmp/at", 0755) == 0, "mkdir /tmp/at");
	d = open("/tmp/at", O_RDONLY | O_DIRECTORY);
	EXPECT(d >= 0, "open /tmp/at");
	EXPECT(mkdirat(d, "sub", 0700) == 0, "mkdirat");
	EXPECT(symlinkat("sub", d, "ln") == 0, "symlinkat");
	EXPECT(readlinkat(d, "ln", buf, sizeof(buf)) == 3 &&
		   !memcmp(buf, "sub", 3),
	       "readlinkat");
	close(openat(d, "sub/a", O_WRONLY | O_CREAT, 0644));
	close(openat(d, "b", O_WRONLY | O_CREAT, 0644));
	EXPECT(linkat(d, "ln/a", d, "a2", AT_SYMLINK_FOLLOW) == 0, "linkat");
	EXPECT(fstatat(d, "a2", &st, 0) == 0 && st.st_nlink == 2,
	       "fstatat nlink %d", (int)st.st_nlink);
	EXPECT(renameat2(d, "a2", d, "b", 1 /* RENAME_NOREPLACE */) < 0 &&
		   errno == EEXIST,
	       "RENAME_NOREPLACE");
	EXPECT(renameat2(d, "a2", d, "sub", 2 /* RENAME_EXCHANGE */) == 0,
	       "RENAME_EXCHANGE");
	EXPECT(fstatat(d, "a2", &st, 0) == 0 && S_ISDIR(st.st_mode),
	       "a2 is the directory now");
	EXPECT(fchmodat(d, "b", 0600, 0) == 0 &&
		   fstatat(d, "b", &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		   (st.st_mode & 07777) == 0600,
	       "fchmodat");
	EXPECT(unlinkat(d, "a2", 0) < 0 && errno == EISDIR, "unlinkat dir");
	EXPECT(unlinkat(d, "a2/a", 0) == 0 &&
		   unlinkat(d, "a2", AT_REMOVEDIR) == 0 &&
		   unlinkat(d, "sub", 0) == 0 && unlinkat(d, "b", 0) == 0 &&
		   unlinkat(d, "ln", 0) == 0,
	       "unlinkat");
	close(d);
	EXPECT(rmdir("/tmp/at") == 0, "rmdir /tmp/at");
	EXPECT(remove("/tmp") < 0 && errno == ENOTEMPTY, "remove a directory");
}

/* The devices, listed and used through /dev. */
static void devices(void)
{
	static const char *const want[] = {"null", "zero", "full", "random",
					   "urandom"};
	struct dirent *e;
	struct stat st;
	unsigned int i, found = 0;
	char c = 1;
	DIR *d = opendir("/dev");
	int fd;

	EXPECT(d != NULL, "opendir /dev");
	while (d && (e = readdir(d)) != NULL)
		for (i = 0; i < 5; i++)
			if (!strcmp(e->d_name, want[i]) && e->d_type == DT_CHR)
				found |= 1u << i;
	if (d)
		closedir(d);
	EXPECT(found == 0x1f, "/dev lists the five devices (%#x)", found);
	EXPECT(stat("/dev/zero", &st) == 0 && S_ISCHR(st.st_mode) &&
		   st.st_rdev == (1 << 8 | 5),
	       "stat /dev/zero");
	fd = open("/dev/zero", O_RDONLY);
	EXPECT(fd >= 0 && read(fd, &c, 1) == 1 && c == 0, "read /dev/zero");
	close(fd);
	fd = open("/dev/full", O_WRONLY);
	EXPECT(fd >= 0 && write(fd, &c, 1) < 0 && errno == ENOSPC, "/dev/full");
	close(fd);
	EXPECT(rename("/tmp/hard", "/dev/hard") < 0 && errno == EXDEV,
	       "rename into /dev");
	EXPECT(open("/dev/nope", O_RDONLY) < 0 && errno == ENOENT, "/dev/nope");
}

/* An unlinked file stays readable while open. */
static void unlinked(void)
{
	char block[4096];
	struct stat st;
	int fd = open("/tmp/gone", O_RDWR | O_CREAT | O_TRUNC, 0600);

	memset(block, 'u', sizeof(block));
	EXPECT(fd >= 0 && write(fd, block, sizeof(block)) == sizeof(block),
	       "write /tmp/gone");
	EXPECT(unlink("/tmp/gone") == 0, "unlink an open file");
	EXPECT(access("/tmp/gone", F_OK) < 0, "no name");
	EXPECT(fstat(fd, &st) == 0 && st.st_nlink == 0, "nlink 0");
	EXPECT(lseek(fd, 0, SEEK_SET) == 0, "lseek");
	sum_fd(fd, "unlinked");
	close(fd);
}

/* A ramdisk file written: a copy of its own, the rest as it was. */
static void ramdisk_file(void)
{
	int fd = open("/etc/app.conf", O_WRONLY | O_APPEND);

	EXPECT(fd >= 0 && write(fd, "written\n", 8) == 8, "append");
	close(fd);
	sum("/etc/app.conf");
}

/* The ramdisk's symbolic link (gen.sh): kept, and followed. */
static void ramdisk_link(void)
{
	char buf[32];
	struct stat st;

	EXPECT(lstat("/etc/link", &st) == 0 && S_ISLNK(st.st_mode),
	       "/etc/link is a link");
	EXPECT(readlink("/etc/link", buf, sizeof(buf)) == 8 &&
		   !memcmp(buf, "app.conf", 8),
	       "readlink /etc/link");
	sum("/etc/link");
}

static void locks(void)
{
	int a = open("/tmp/hard", O_RDONLY), b = open("/tmp/hard", O_RDONLY);

	EXPECT(flock(a, LOCK_EX | LOCK_NB) == 0, "flock a");
	EXPECT(flock(b, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK,
	       "flock b conflicts");
	EXPECT(flock(a, LOCK_UN) == 0 && flock(b, LOCK_EX | LOCK_NB) == 0,
	       "flock b after a let go");
	close(a);
	close(b);
}

/* Fill the bound, see ENOSPC, free it, write again. */
static void full(void)
{
	static char chunk[65536];
	long n, total = 0, again = 0;
	int fd, err = 0;

	struct statvfs sv;

	EXPECT(statvfs("/tmp", &sv) == 0 &&
		   sv.f_blocks * sv.f_frsize == 1024 * 1024,
	       "statvfs: %lu blocks of %lu", sv.f_blocks, sv.f_frsize);
	EXPECT(unlink("/tmp/lines") == 0, "unlink lines");
	memset(chunk, 'f', sizeof(chunk));
	fd = open("/tmp/fill", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	EXPECT(fd >= 0, "create /tmp/fill");
	for (;;) {
		n = write(fd, chunk, sizeof(chunk));
		if (n < 0) {
			err = errno;
			break;
		}
		total += n;
		if (total > 4 * 1024 * 1024)
			break;
	}
	EXPECT(err == ENOSPC, "writing past the bound");
	EXPECT(fstatvfs(fd, &sv) == 0 && sv.f_bfree == 0,
	       "fstatvfs when full: %lu free", sv.f_bfree);
	printf("fs-root: filled %ld bytes, then ENOSPC\n", total);
	close(fd);
	EXPECT(unlink("/tmp/fill") == 0, "unlink fill");
	fd = open("/tmp/again", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	for (int i = 0; i < 8; i++)
		if ((n = write(fd, chunk, sizeof(chunk))) > 0)
			again += n;
	close(fd);
	printf("fs-root: after freeing, wrote %ld bytes\n", again);
}

int main(void)
{
	lines();
	renames_and_links();
	directories();
	at_calls();
	devices();
	unlinked();
	ramdisk_file();
	ramdisk_link();
	locks();
	full();
	if (failures) {
		printf("fs-root: %d checks failed\n", failures);
		return 1;
	}
	printf("fs-root: all checks passed\n");
	return 0;
}
