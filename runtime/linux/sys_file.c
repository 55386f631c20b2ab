/*
 * File and console calls of the Linux shim (sys_poll.c has pipes, poll,
 * epoll and eventfd): the Linux personality of the runtime core
 * (<runtime/fd.h>, <runtime/fs.h>, which already return negative Linux
 * errno values). Paths reach the ramdisk (/) and the disks (/dev/xvdX);
 * a relative path is taken from "/", the only working directory.
 *
 * Two things are translated: open() flags (the fd table keeps newlib's
 * O_ values) and struct stat (newlib's layout in, Linux's x86-64 one
 * out, or statx's). /proc's links are procfs.c's; sendfile copies
 * through a buffer.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The only symbolic links are /proc's (procfs.c: exe, cwd, root); any
 * other existing path is not one (EINVAL). The target is not
 * terminated and is cut to the buffer, as Linux does. */
static long readlink_path(int64_t dirfd, uint64_t upath, uint64_t ubuf,
			  int64_t size)
{
	char path[PATH_MAX_LINUX + 1], target[PATH_MAX_LINUX];
	int rc = abs_path(dirfd, upath, path, sizeof(path)), n;

	if (rc < 0)
		return rc;
	if (size <= 0)
		return -EINVAL;
	n = linux_readlink(path, target, sizeof(target));
	if (n < 0) {
		struct stat st;

		rc = path_stat(path, &st);
		return rc < 0 ? rc : -EINVAL;
	}
	if (n > size)
		n = (int)size;
	return user_copy_to(ubuf, target, (size_t)n) < 0 ? -EFAULT : n;
}

LINUX_SYS(readlinkat)
{
	return readlink_path((int64_t)A0(r), A1(r), A2(r), (int64_t)A3(r));
}

LINUX_SYS(readlink)
{
	return readlink_path(L_AT_FDCWD, A0(r), A1(r), (int64_t)A2(r));
}

/* Linux's struct statx (256 bytes). */
struct linux_statx_time {
	int64_t sec;
	uint32_t nsec;
	int32_t reserved;
};
struct linux_statx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct linux_statx_time atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};
_Static_assert(sizeof(struct linux_statx) == 256, "Linux statx");

#define STATX_BASIC_STATS 0x7ffu
#define STATX__RESERVED 0x80000000u
#define L_AT_SYMLINK_NOFOLLOW 0x100
#define L_AT_NO_AUTOMOUNT 0x800
#define L_AT_STATX_SYNC_TYPE 0x6000

/* Linux's dev_t encoding of a major and minor pair, taken apart. */
static uint32_t dev_major(uint64_t d)
{
	return (uint32_t)(((d >> 32) & 0xfffff000u) | ((d >> 8) & 0xfffu));
}

static uint32_t dev_minor(uint64_t d)
{
	return (uint32_t)(((d >> 12) & 0xffffff00u) | (d & 0xffu));
}

static struct linux_statx_time statx_time(const struct timespec *ts)
{
	struct linux_statx_time t = {(int64_t)ts->tv_sec, (uint32_t)ts->tv_nsec,
				     0};

	return t;
}

/* What stat says, in statx's form; the basic fields whatever the mask
 * asks (Linux may give more than asked), no birth time. */
static long put_statx(uint64_t ubuf, const struct stat *st)
{
	struct linux_statx x;

	memset(&x, 0, sizeof(x));
	x.mask = STATX_BASIC_STATS;
	x.blksize = (uint32_t)st->st_blksize;
	x.nlink = (uint32_t)st->st_nlink;
	x.uid = (uint32_t)st->st_uid;
	x.gid = (uint32_t)st->st_gid;
	x.mode = (uint16_t)st->st_mode;
	x.ino = (uint64_t)st->st_ino;
	x.size = (uint64_t)st->st_size;
	x.blocks = (uint64_t)st->st_blocks;
	x.atime = statx_time(&st->st_atim);
	x.ctime = statx_time(&st->st_ctim);
	x.mtime = statx_time(&st->st_mtim);
	x.rdev_major = dev_major((uint64_t)st->st_rdev);
	x.rdev_minor = dev_minor((uint64_t)st->st_rdev);
	x.dev_major = dev_major((uint64_t)st->st_dev);
	x.dev_minor = dev_minor((uint64_t)st->st_dev);
	return user_copy_to(ubuf, &x, sizeof(x));
}

LINUX_SYS(statx)
{
	char path[PATH_MAX_LINUX + 1];
	uint64_t flags = A2(r);
	struct stat st;
	int rc;

	if (flags & ~(uint64_t)(L_AT_EMPTY_PATH | L_AT_SYMLINK_NOFOLLOW |
				L_AT_NO_AUTOMOUNT | L_AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & L_AT_STATX_SYNC_TYPE) == L_AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (A3(r) & STATX__RESERVED)
		return -EINVAL;
	memset(&st, 0, sizeof(st));
	if ((rc = linux_user_path(A1(r), path, sizeof(path))) < 0)
		return rc;
	if (!path[0] && (flags & L_AT_EMPTY_PATH))
		rc = fd_fstat((int)A0(r), &st);
	else if ((rc = abs_path((int64_t)A0(r), A1(r), path, sizeof(path))) ==
		 0)
		rc = path_stat(path, &st);
	return rc < 0 ? rc : put_statx(A4(r), &st);
}

#define SENDFILE_CHUNK 65536
#define SENDFILE_MAX 0x7ffff000L /* Linux's cap on one transfer */

/* sendfile: count bytes from in_fd (a seekable file) to out_fd (any
 * file: a socket, a pipe, the console). With an offset pointer the
 * bytes come from *offset, which moves past them, and in_fd's own
 * offset stays; without one they come from in_fd's offset, which
 * moves. A short or failed write ends the call: the bytes written so
 * far count, and only they are consumed (a non-blocking socket that
 * fills up returns what it took, then EAGAIN next time). */
/* splice and tee: EINVAL, Linux's answer for fds it cannot splice, so
 * that programs fall back to read and write (Go's io.Copy between
 * sockets tries splice first, and takes ENOSYS as a failure). */
LINUX_SYS(splice)
{
	(void)r;
	return -EINVAL;
}

LINUX_SYS(sendfile)
{
	int out = (int)A0(r), in = (int)A1(r);
	uint64_t uoff = A2(r);
	int64_t pos, total = 0, left = (int64_t)A3(r);
	long got, put = 0;
	char *buf;

	if (uoff) {
		if (user_copy_from(&pos, uoff, sizeof(pos)) < 0)
			return -EFAULT;
		if (pos < 0)
			return -EINVAL;
	} else if ((pos = fd_lseek(in, 0, SEEK_CUR)) < 0) {
		return pos == -ESPIPE ? -EINVAL : pos;
	}
	if (fd_get_flags(out) < 0 || fd_get_flags(in) < 0 ||
	    (fd_get_flags(in) & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (left > SENDFILE_MAX)
		left = SENDFILE_MAX;
	buf =
	    left ? malloc(left < SENDFILE_CHUNK ? left : SENDFILE_CHUNK) : NULL;
	if (left && !buf)
		return -ENOMEM;
	while (left > 0) {
		got = fd_pread(in, buf,
			       left < SENDFILE_CHUNK ? left : SENDFILE_CHUNK,
			       pos);
		if (got <= 0) {
			put = got;
			break;
		}
		put = fd_write(out, buf, (size_t)got);
		if (put <= 0)
			break;
		pos += put;
		total += put;
		left -= put;
		if (put < got)
			break;
	}
	free(buf);
	if (uoff) {
		if (user_copy_to(uoff, &pos, sizeof(pos)) < 0)
			return -EFAULT;
	} else if (total) {
		fd_lseek(in, pos, SEEK_SET);
	}
	return total ? total : put < 0 ? put : 0;
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

	if (cmd == F_GETFD) /* FD_CLOEXEC is the only fd flag */
		return fd_get_cloexec(fd);
	if (cmd == F_SETFD)
		return fd_set_cloexec(fd, arg & 1);
	if (cmd == L_F_DUPFD_CLOEXEC) {
		rc = fd_fcntl(fd, F_DUPFD, arg);
		if (rc >= 0)
			fd_set_cloexec(rc, true);
		return rc;
	}
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

/* dup2 with flags (only O_CLOEXEC); the same fd twice is EINVAL here,
 * unlike dup2. */
LINUX_SYS(dup3)
{
	int rc;

	if (A2(r) & ~(uint64_t)L_O_CLOEXEC)
		return -EINVAL;
	if (A0(r) == A1(r))
		return -EINVAL;
	rc = fd_dup2((int)A0(r), (int)A1(r));
	if (rc >= 0 && (A2(r) & L_O_CLOEXEC))
		fd_set_cloexec(rc, true);
	return rc;
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
