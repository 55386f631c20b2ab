/*
 * fs-ext4's error cases: each call that must fail prints "err LABEL NAME"
 * with the errno it got, and check.sh holds the name Linux gives for it
 * on ext4 (so a wrong errno shows as a wrong line, not only as a
 * failure). On /data (read-write): EEXIST, ENOENT, ENOTEMPTY, ENOTDIR,
 * EISDIR, ELOOP, ENAMETOOLONG, and EXDEV between /data and the root's
 * /tmp. On /ro (mounted read-only): EROFS for every change, while reads
 * still work.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsext4.h"

static const struct {
	int e;
	const char *name;
} names[] = {
    {EEXIST, "EEXIST"},
    {ENOENT, "ENOENT"},
    {ENOTEMPTY, "ENOTEMPTY"},
    {ENOTDIR, "ENOTDIR"},
    {EISDIR, "EISDIR"},
    {EXDEV, "EXDEV"},
    {ENAMETOOLONG, "ENAMETOOLONG"},
    {ELOOP, "ELOOP"},
    {EROFS, "EROFS"},
    {EACCES, "EACCES"},
    {EPERM, "EPERM"},
    {EINVAL, "EINVAL"},
    {ENOSYS, "ENOSYS"},
    {EBADF, "EBADF"},
    {EIO, "EIO"},
    {ENOSPC, "ENOSPC"},
    {EBUSY, "EBUSY"},
};

const char *fsext4_errname(int e)
{
	static char other[16];

	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].name;
	snprintf(other, sizeof(other), "E%d", e);
	return other;
}

void fsext4_report(const char *label, long r)
{
	printf("err %s %s\n", label, r >= 0 ? "ok" : fsext4_errname(errno));
}

/* open() that closes what it opened, for calls expected to fail. */
static long try_open(const char *path, int flags)
{
	int fd = open(path, flags, 0644);

	if (fd >= 0)
		close(fd);
	return fd;
}

static void exists_and_missing(void)
{
	fsext4_report("mkdir-existing", mkdir("/data/out", 0755));
	fsext4_report("creat-excl-existing",
		      try_open("/data/hello.txt", O_WRONLY | O_CREAT | O_EXCL));
	fsext4_report("open-missing", try_open("/data/nope", O_RDONLY));
	fsext4_report("unlink-missing", unlink("/data/nope"));
	fsext4_report("mkdir-missing-parent", mkdir("/data/nope/x", 0755));
	fsext4_report("rename-missing", rename("/data/nope", "/data/nope2"));
}

static void dirs_and_files(void)
{
	fsext4_report("rmdir-nonempty", rmdir("/data/out"));
	fsext4_report("rename-dir-over-nonempty",
		      rename("/data/a", "/data/out"));
	fsext4_report("open-under-file",
		      try_open("/data/hello.txt/x", O_RDONLY));
	fsext4_report("mkdir-under-file", mkdir("/data/hello.txt/x", 0755));
	fsext4_report("rmdir-file", rmdir("/data/hello.txt"));
	fsext4_report("rename-dir-over-file",
		      rename("/data/a", "/data/hello.txt"));
	fsext4_report("open-dir-for-writing", try_open("/data/out", O_WRONLY));
	fsext4_report("unlink-dir", unlink("/data/out"));
	EXPECT(mkdir("/data/emptydir", 0755) == 0, "mkdir /data/emptydir");
	fsext4_report("rename-file-over-dir",
		      rename("/data/hello.txt", "/data/emptydir"));
	fsext4_report("open-nofollow-symlink",
		      try_open("/data/link", O_RDONLY | O_NOFOLLOW));
}

/* Across the mount's edge: the root's /tmp is another file system. */
static void across_mounts(void)
{
	int fd = open("/tmp/on-root", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	EXPECT(fd >= 0 && close(fd) == 0, "create /tmp/on-root");
	fsext4_report("rename-data-to-tmp",
		      rename("/data/hello.txt", "/tmp/hello.txt"));
	fsext4_report("rename-tmp-to-data",
		      rename("/tmp/on-root", "/data/on-root"));
	fsext4_report("link-data-to-tmp", link("/data/hello.txt", "/tmp/h"));
	EXPECT(access("/data/hello.txt", F_OK) == 0, "hello.txt still there");
	EXPECT(access("/tmp/on-root", F_OK) == 0, "/tmp/on-root still there");
}

/* ext4's names are at most 255 bytes: 255 works, 256 does not. */
static void long_names(void)
{
	char path[6 + 257];

	memcpy(path, "/data/", 6);
	memset(path + 6, 'n', 256);
	path[6 + 256] = '\0';
	fsext4_report("create-name-256",
		      try_open(path, O_WRONLY | O_CREAT | O_TRUNC));
	path[6 + 255] = '\0';
	fsext4_report("create-name-255",
		      try_open(path, O_WRONLY | O_CREAT | O_TRUNC));
	fsext4_report("unlink-name-255", unlink(path));
}

void fsext4_errors(void)
{
	exists_and_missing();
	dirs_and_files();
	across_mounts();
	long_names();
}

/* /ro: the image is mounted read-only (the boot option overrides
 * app.mk's read-write entry), so reads work and every change gives
 * EROFS; dom0 checks afterwards that the image did not change at all. */
void fsext4_readonly(void)
{
	struct stat st;

	fsext4_sum("/ro/ro.txt", "/ro/ro.txt");
	EXPECT(stat("/ro/ro.txt", &st) == 0 && S_ISREG(st.st_mode),
	       "stat /ro/ro.txt");
	fsext4_report("ro-create", try_open("/ro/new", O_WRONLY | O_CREAT));
	fsext4_report("ro-open-for-writing", try_open("/ro/ro.txt", O_WRONLY));
	fsext4_report("ro-truncate",
		      try_open("/ro/ro.txt", O_WRONLY | O_TRUNC));
	fsext4_report("ro-mkdir", mkdir("/ro/dir", 0755));
	fsext4_report("ro-unlink", unlink("/ro/ro.txt"));
	fsext4_report("ro-rename", rename("/ro/ro.txt", "/ro/moved"));
	fsext4_report("ro-symlink", symlink("ro.txt", "/ro/sym"));
	fsext4_report("ro-chmod", chmod("/ro/ro.txt", 0600));
	fsext4_sum("/ro/ro.txt", "/ro/ro.txt-after");
}
