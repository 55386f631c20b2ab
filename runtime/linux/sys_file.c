/*
 * File and console calls of the Linux shim (sys_poll.c has pipes, poll,
 * epoll and eventfd): the Linux personality of the runtime core
 * (<runtime/fd.h>, <runtime/fs.h>, which already return negative Linux
 * errno values). Paths reach the ramdisk (/) and the disks (/dev/xvdX);
 * a relative path is taken from "/", the only working directory.
 *
 * Two things are translated: open() flags (the fd table keeps newlib's
 * O_ values) and struct stat (newlib's layout in, Linux's x86-64 one
 * out).
 */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include <kernel/errno.h>

#include <runtime/fd.h>
#include <runtime/fs.h>

#include "linux_priv.h"

#define PATH_MAX_LINUX 4096
#define L_AT_FDCWD (-100)
#define L_AT_EMPTY_PATH 0x1000
#define IOV_MAX 1024

/* Linux's open() flags on x86-64. */
#define L_O_ACCMODE 03
#define L_O_CREAT 0100
#define L_O_EXCL 0200
#define L_O_TRUNC 01000
#define L_O_APPEND 02000
#define L_O_DSYNC 010000
#define L_O_DIRECTORY 0200000

static const struct {
	int linux_flag, newlib_flag;
} oflags[] = {
    {L_O_CREAT, O_CREAT},	  {L_O_EXCL, O_EXCL},
    {L_O_TRUNC, O_TRUNC},	  {L_O_APPEND, O_APPEND},
    {L_O_NONBLOCK, O_NONBLOCK},	  {L_O_DSYNC, O_SYNC},
    {L_O_DIRECTORY, O_DIRECTORY}, {L_O_CLOEXEC, O_CLOEXEC},
};

int linux_flags_from(uint64_t lf)
{
	int f = (int)(lf & L_O_ACCMODE);
	unsigned int i;

	for (i = 0; i < sizeof(oflags) / sizeof(oflags[0]); i++)
		if (lf & (uint64_t)oflags[i].linux_flag)
			f |= oflags[i].newlib_flag;
	return f;
}

int linux_flags_to(int f)
{
	int lf = f & O_ACCMODE;
	unsigned int i;

	for (i = 0; i < sizeof(oflags) / sizeof(oflags[0]); i++)
		if (f & oflags[i].newlib_flag)
			lf |= oflags[i].linux_flag;
	return lf;
}

int linux_user_path(uint64_t upath, char *buf, size_t size)
{
	size_t i;

	for (i = 0; i < size; i++) {
		if (user_copy_from(&buf[i], upath + i, 1) < 0)
			return -EFAULT;
		if (!buf[i])
			return 0;
	}
	return -ENAMETOOLONG;
}

/* The absolute path of upath, relative to dirfd (only L_AT_FDCWD, "/"). */
static int abs_path(int64_t dirfd, uint64_t upath, char *buf, size_t size)
{
	int rc;

	if ((rc = linux_user_path(upath, buf + 1, size - 1)) < 0)
		return rc;
	if (buf[1] == '/') {
		memmove(buf, buf + 1, strlen(buf + 1) + 1);
		return 0;
	}
	if (dirfd != L_AT_FDCWD)
		return fd_get_flags((int)dirfd) < 0 ? -EBADF : -ENOTDIR;
	if (!buf[1])
		return -ENOENT;
	buf[0] = '/';
	return 0;
}

LINUX_SYS(openat)
{
	char path[PATH_MAX_LINUX + 1];
	int rc = abs_path((int64_t)A0(r), A1(r), path, sizeof(path));

	return rc < 0 ? rc : path_open(path, linux_flags_from(A2(r)));
}

LINUX_SYS(open)
{
	char path[PATH_MAX_LINUX + 1];
	int rc = abs_path(L_AT_FDCWD, A0(r), path, sizeof(path));

	return rc < 0 ? rc : path_open(path, linux_flags_from(A1(r)));
}

LINUX_SYS(close)
{
	return fd_close((int)A0(r));
}

/* Linux's struct stat on x86-64 (144 bytes). */
struct linux_stat {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid, pad0;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	int64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	int64_t unused[3];
};
_Static_assert(sizeof(struct linux_stat) == 144, "Linux x86-64 stat");

static long put_stat(uint64_t ust, const struct stat *st)
{
	struct linux_stat l;

	memset(&l, 0, sizeof(l));
	l.dev = (uint64_t)st->st_dev;
	l.ino = (uint64_t)st->st_ino;
	l.nlink = (uint64_t)st->st_nlink;
	l.mode = (uint32_t)st->st_mode;
	l.uid = (uint32_t)st->st_uid;
	l.gid = (uint32_t)st->st_gid;
	l.rdev = (uint64_t)st->st_rdev;
	l.size = (int64_t)st->st_size;
	l.blksize = (int64_t)st->st_blksize;
	l.blocks = (int64_t)st->st_blocks;
	l.atime = (int64_t)st->st_atim.tv_sec;
	l.atime_ns = st->st_atim.tv_nsec;
	l.mtime = (int64_t)st->st_mtim.tv_sec;
	l.mtime_ns = st->st_mtim.tv_nsec;
	l.ctime = (int64_t)st->st_ctim.tv_sec;
	l.ctime_ns = st->st_ctim.tv_nsec;
	return user_copy_to(ust, &l, sizeof(l));
}

static long stat_fd(int fd, uint64_t ust)
{
	struct stat st;
	int rc;

	memset(&st, 0, sizeof(st));
	if ((rc = fd_fstat(fd, &st)) < 0)
		return rc;
	return put_stat(ust, &st);
}

static long stat_path(const char *path, uint64_t ust)
{
	struct stat st;
	int rc;

	memset(&st, 0, sizeof(st));
	rc = path_stat(path, &st);
	return rc < 0 ? rc : put_stat(ust, &st);
}

LINUX_SYS(fstat)
{
	return stat_fd((int)A0(r), A1(r));
}

/* Also lstat: there are no symbolic links. */
LINUX_SYS(stat)
{
	char path[PATH_MAX_LINUX + 1];
	int rc = abs_path(L_AT_FDCWD, A0(r), path, sizeof(path));

	return rc < 0 ? rc : stat_path(path, A1(r));
}

LINUX_SYS(newfstatat)
{
	char path[PATH_MAX_LINUX + 1];
	int rc;

	if (A3(r) & L_AT_EMPTY_PATH) {
		if ((rc = linux_user_path(A1(r), path, sizeof(path))) < 0)
			return rc;
		if (!path[0])
			return stat_fd((int)A0(r), A2(r));
	}
	rc = abs_path((int64_t)A0(r), A1(r), path, sizeof(path));
	return rc < 0 ? rc : stat_path(path, A2(r));
}

static long access_path(int64_t dirfd, uint64_t upath)
{
	char path[PATH_MAX_LINUX + 1];
	struct stat st;
	int rc = abs_path(dirfd, upath, path, sizeof(path));

	if (rc < 0)
		return rc;
	return path_stat(path, &st);
}

LINUX_SYS(access)
{
	return access_path(L_AT_FDCWD, A0(r));
}

LINUX_SYS(faccessat)
{
	return access_path((int64_t)A0(r), A1(r));
}

/* No symbolic links: an existing path is not one. */
LINUX_SYS(readlinkat)
{
	long rc = access_path((int64_t)A0(r), A1(r));

	return rc < 0 ? rc : -EINVAL;
}

LINUX_SYS(read)
{
	if (!user_access_ok(A1(r), A2(r), true))
		return -EFAULT;
	return fd_read((int)A0(r), (void *)A1(r), A2(r));
}

LINUX_SYS(write)
{
	if (!user_access_ok(A1(r), A2(r), false))
		return -EFAULT;
	return fd_write((int)A0(r), (const void *)A1(r), A2(r));
}

LINUX_SYS(pread64)
{
	if (!user_access_ok(A1(r), A2(r), true))
		return -EFAULT;
	return fd_pread((int)A0(r), (void *)A1(r), A2(r), (long)A3(r));
}

LINUX_SYS(pwrite64)
{
	if (!user_access_ok(A1(r), A2(r), false))
		return -EFAULT;
	return fd_pwrite((int)A0(r), (const void *)A1(r), A2(r), (long)A3(r));
}

/* readv/writev: piece by piece, stopping at a short transfer; an error
 * after some bytes moved returns the bytes. */
static long vector_io(struct user_regs *r, bool write)
{
	uint64_t iov[2], n = A2(r), i;
	long total = 0, got;

	if (n > IOV_MAX)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (user_copy_from(iov, A1(r) + i * sizeof(iov), sizeof(iov)) <
		    0)
			return total ? total : -EFAULT;
		if (!iov[1])
			continue;
		if (!user_access_ok(iov[0], iov[1], !write))
			return total ? total : -EFAULT;
		got = write ? fd_write((int)A0(r), (const void *)iov[0], iov[1])
			    : fd_read((int)A0(r), (void *)iov[0], iov[1]);
		if (got < 0)
			return total ? total : got;
		total += got;
		if ((uint64_t)got < iov[1])
			break;
	}
	return total;
}

LINUX_SYS(readv)
{
	return vector_io(r, false);
}

LINUX_SYS(writev)
{
	return vector_io(r, true);
}

LINUX_SYS(lseek)
{
	return fd_lseek((int)A0(r), (long)A1(r), (int)A2(r));
}

LINUX_SYS(fsync)
{
	return fd_fsync((int)A0(r));
}

#define L_F_DUPFD_CLOEXEC 1030 /* Linux's; newlib's differs */

/* The core's fcntl (runtime/fcntl.c) with Linux's open() flags
 * converted both ways; the command numbers are the same. */
LINUX_SYS(fcntl)
{
	int fd = (int)A0(r), cmd = (int)A1(r), arg = (int)A2(r), rc;

	if (cmd == L_F_DUPFD_CLOEXEC) /* close-on-exec is kept nowhere */
		cmd = F_DUPFD;
	if (cmd == F_SETFL)
		arg = linux_flags_from((uint64_t)(unsigned int)arg);
	rc = fd_fcntl(fd, cmd, arg);
	return cmd == F_GETFL && rc >= 0 ? linux_flags_to(rc) : rc;
}

/* The copies share the open file (offset, flags), as on Linux. */
LINUX_SYS(dup)
{
	return fd_dup((int)A0(r), 0);
}

LINUX_SYS(dup2)
{
	return fd_dup2((int)A0(r), (int)A1(r));
}

/* dup2 with flags (only O_CLOEXEC, kept nowhere); the same fd twice is
 * EINVAL here, unlike dup2. */
LINUX_SYS(dup3)
{
	if (A2(r) & ~(uint64_t)L_O_CLOEXEC)
		return -EINVAL;
	if (A0(r) == A1(r))
		return -EINVAL;
	return fd_dup2((int)A0(r), (int)A1(r));
}

#define FIONBIO 0x5421

/* Nothing is a terminal (TCGETS and the rest: ENOTTY). */
LINUX_SYS(ioctl)
{
	int fd = (int)A0(r), on, f = fd_get_flags(fd);

	if (f < 0)
		return f;
	if (A1(r) == FIONBIO) {
		if (user_copy_from(&on, A2(r), sizeof(on)) < 0)
			return -EFAULT;
		return fd_fcntl(fd, F_SETFL,
				on ? f | O_NONBLOCK : f & ~O_NONBLOCK);
	}
	return -ENOTTY;
}

LINUX_SYS(getdents64)
{
	if (!user_access_ok(A1(r), A2(r), true))
		return -EFAULT;
	return ramfs_getdents64((int)A0(r), (void *)A1(r), A2(r));
}
