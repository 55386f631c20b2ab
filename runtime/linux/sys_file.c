/*
 * File and console calls of the Linux shim (sys_poll.c has pipes, poll,
 * epoll and eventfd): the Linux personality of the runtime core
 * (<runtime/fd.h>, <runtime/fs.h>, which already return negative Linux
 * errno values). Paths reach the VFS (the writable root, docs/files.md),
 * the devices and disks (/dev) and the synthesised files; a relative
 * path is taken from the working directory or the dirfd, as on Linux.
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

#include <runtime/epoll.h>
#include <runtime/fd.h>
#include <runtime/fs.h>
#include <runtime/pipe.h>

#include "linux_priv.h"

#define PATH_MAX_LINUX 4096
#define L_AT_FDCWD (-100)
#define L_AT_EMPTY_PATH 0x1000

/* Linux's open() flags on x86-64. */
#define L_O_ACCMODE 03
#define L_O_CREAT 0100
#define L_O_EXCL 0200
#define L_O_TRUNC 01000
#define L_O_APPEND 02000
#define L_O_DSYNC 010000
#define L_O_DIRECTORY 0200000
#define L_O_NOFOLLOW 0400000

static const struct {
	int linux_flag, newlib_flag;
} oflags[] = {
    {L_O_CREAT, O_CREAT},	  {L_O_EXCL, O_EXCL},
    {L_O_TRUNC, O_TRUNC},	  {L_O_APPEND, O_APPEND},
    {L_O_NONBLOCK, O_NONBLOCK},	  {L_O_DSYNC, O_SYNC},
    {L_O_DIRECTORY, O_DIRECTORY}, {L_O_CLOEXEC, O_CLOEXEC},
    {L_O_NOFOLLOW, O_NOFOLLOW},
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

/* A dirfd as <runtime/fs.h> takes it. */
static int dirfd_of(uint64_t dirfd)
{
	return (int64_t)dirfd == L_AT_FDCWD ? FS_AT_CWD : (int)dirfd;
}

/* A path argument into buf (PATH_MAX_LINUX + 1 bytes). */
static int get_path(uint64_t upath, char *buf)
{
	return linux_user_path(upath, buf, PATH_MAX_LINUX + 1);
}

static long open_at(uint64_t dirfd, uint64_t upath, uint64_t lflags,
		    uint64_t mode)
{
	char path[PATH_MAX_LINUX + 1];
	int rc = get_path(upath, path);

	if (rc < 0)
		return rc;
	if (!path[0]) /* Linux's getname(), before the dirfd is looked at */
		return -ENOENT;
	return path_open_at(dirfd_of(dirfd), path, linux_flags_from(lflags),
			    (unsigned int)mode & 07777 & ~linux_umask());
}

LINUX_SYS(openat)
{
	return open_at(A0(r), A1(r), A2(r), A3(r));
}

LINUX_SYS(open)
{
	return open_at((uint64_t)L_AT_FDCWD, A0(r), A1(r), A2(r));
}

LINUX_SYS(creat)
{
	return open_at((uint64_t)L_AT_FDCWD, A0(r), 01 | L_O_CREAT | L_O_TRUNC,
		       A1(r));
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

static long stat_at(uint64_t dirfd, uint64_t upath, uint64_t ust, bool follow)
{
	char path[PATH_MAX_LINUX + 1];
	struct stat st;
	int rc = get_path(upath, path);

	if (rc < 0)
		return rc;
	if (!path[0])
		return -ENOENT;
	memset(&st, 0, sizeof(st));
	rc = path_stat_at(dirfd_of(dirfd), path, &st, follow);
	return rc < 0 ? rc : put_stat(ust, &st);
}

LINUX_SYS(fstat)
{
	return stat_fd((int)A0(r), A1(r));
}

LINUX_SYS(stat)
{
	return stat_at((uint64_t)L_AT_FDCWD, A0(r), A1(r), true);
}

LINUX_SYS(lstat)
{
	return stat_at((uint64_t)L_AT_FDCWD, A0(r), A1(r), false);
}

#define L_AT_SYMLINK_NOFOLLOW 0x100
#define L_AT_REMOVEDIR 0x200
#define L_AT_SYMLINK_FOLLOW 0x400
#define L_AT_EACCESS 0x200

/* As Linux's vfs_fstatat(): with AT_EMPTY_PATH, a NULL or empty path
 * on an fd is fstat, before the flags are checked; on AT_FDCWD it is
 * the working directory. A path that could not be read fails after the
 * flags' check. */
LINUX_SYS(newfstatat)
{
	char path[PATH_MAX_LINUX + 1] = "";
	uint64_t flags = A3(r);
	int rc, prc = 0;

	if (flags & L_AT_EMPTY_PATH) {
		if (A1(r))
			prc = get_path(A1(r), path);
		if (!prc && !path[0] && (int)A0(r) >= 0)
			return stat_fd((int)A0(r), A2(r));
	}
	if (flags & ~(uint64_t)(L_AT_EMPTY_PATH | L_AT_SYMLINK_NOFOLLOW |
				0x800 /* AT_NO_AUTOMOUNT */ |
				0x6000 /* AT_STATX_SYNC_TYPE */))
		return -EINVAL;
	if (prc < 0)
		return prc;
	if ((flags & L_AT_EMPTY_PATH) && !path[0]) {
		struct stat st;

		memset(&st, 0, sizeof(st));
		rc = path_stat_at(dirfd_of(A0(r)), ".", &st, true);
		return rc < 0 ? rc : put_stat(A2(r), &st);
	}
	return stat_at(A0(r), A1(r), A2(r), !(flags & L_AT_SYMLINK_NOFOLLOW));
}

static long access_at(uint64_t dirfd, uint64_t upath, uint64_t mode,
		      uint64_t flags)
{
	char path[PATH_MAX_LINUX + 1];
	int rc;

	if ((uint32_t)mode & ~7u || /* F_OK and R_OK W_OK X_OK only */
	    flags & ~(uint64_t)(L_AT_EACCESS | L_AT_SYMLINK_NOFOLLOW |
				L_AT_EMPTY_PATH))
		return -EINVAL;
	if ((rc = get_path(upath, path)) < 0)
		return rc;
	if (!path[0] && (flags & L_AT_EMPTY_PATH)) {
		struct stat st;

		return fd_fstat((int)dirfd, &st);
	}
	if (!path[0])
		return -ENOENT;
	return path_access_at(dirfd_of(dirfd), path, (int)mode,
			      !(flags & L_AT_SYMLINK_NOFOLLOW));
}

LINUX_SYS(access)
{
	return access_at((uint64_t)L_AT_FDCWD, A0(r), A1(r), 0);
}

LINUX_SYS(faccessat)
{
	return access_at(A0(r), A1(r), A2(r), 0);
}

LINUX_SYS(faccessat2)
{
	return access_at(A0(r), A1(r), A2(r), A3(r));
}

/* /proc's links are procfs.c's (exe, cwd, root); the rest the VFS's.
 * The target is not terminated and is cut to the buffer, as Linux
 * does. */
static long readlink_at(uint64_t dirfd, uint64_t upath, uint64_t ubuf,
			int64_t size)
{
	char path[PATH_MAX_LINUX + 1], target[PATH_MAX_LINUX];
	int rc = get_path(upath, path), n;

	if (rc < 0)
		return rc;
	if (size <= 0)
		return -EINVAL;
	n = path[0] == '/' ? linux_readlink(path, target, sizeof(target))
			   : -ENOENT;
	if (n < 0)
		n = path_readlink_at(dirfd_of(dirfd), path, target,
				     sizeof(target));
	if (n < 0)
		return n;
	if (n > size)
		n = (int)size;
	return user_copy_to(ubuf, target, (size_t)n) < 0 ? -EFAULT : n;
}

LINUX_SYS(readlinkat)
{
	return readlink_at(A0(r), A1(r), A2(r), (int64_t)A3(r));
}

LINUX_SYS(readlink)
{
	return readlink_at((uint64_t)L_AT_FDCWD, A0(r), A1(r), (int64_t)A2(r));
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
	if ((rc = get_path(A1(r), path)) < 0)
		return rc;
	if (!path[0] && (flags & L_AT_EMPTY_PATH))
		rc = fd_fstat((int)A0(r), &st);
	else
		rc = path_stat_at(dirfd_of(A0(r)), path, &st,
				  !(flags & L_AT_SYMLINK_NOFOLLOW));
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

/* getdents64's fd for uio.c. */
struct fd_io {
	int fd;
};

#define L_SEEK_DATA 3
#define L_SEEK_HOLE 4

/* SEEK_DATA and SEEK_HOLE on a regular file, which has no holes: an
 * offset inside it is data, its end the first hole; past the end is
 * ENXIO. Other kinds of files answer for themselves. */
static long seek_data(int fd, long off, int whence)
{
	struct stat st;
	int rc = fd_fstat(fd, &st);

	if (rc < 0 || !S_ISREG(st.st_mode))
		return fd_lseek(fd, off, whence);
	if (off < 0 || off >= st.st_size)
		return -ENXIO;
	return fd_lseek(fd, whence == L_SEEK_DATA ? off : st.st_size, SEEK_SET);
}

/* Linux's order: the fd, a whence past SEEK_HOLE (EINVAL, even on a
 * pipe), then the file's own lseek; an epoll fd's does nothing (0). */
LINUX_SYS(lseek)
{
	int fd = (int)A0(r);
	unsigned int whence = (unsigned int)A2(r);

	if (fd_get_flags(fd) < 0)
		return -EBADF;
	if (whence > L_SEEK_HOLE)
		return -EINVAL;
	if (epoll_check(fd) == 0)
		return 0;
	if (whence >= L_SEEK_DATA)
		return seek_data(fd, (long)A1(r), (int)whence);
	return fd_lseek(fd, (long)A1(r), (int)whence);
}

LINUX_SYS(fsync)
{
	return fd_fsync((int)A0(r));
}

#define L_F_DUPFD_CLOEXEC 1030 /* Linux's; newlib's differs */
#define L_F_GETLK 5
#define L_F_SETLK 6
#define L_F_SETLKW 7
#define L_F_OFD_GETLK 36
#define L_F_OFD_SETLK 37
#define L_F_OFD_SETLKW 38
#define L_F_RDLCK 0
#define L_F_WRLCK 1
#define L_F_UNLCK 2

/* Linux's struct flock on x86-64. */
struct linux_flock {
	int16_t type, whence;
	int64_t start, len;
	int32_t pid, pad;
};

/* fcntl's record locks. There is one process: its own locks never
 * conflict with each other, so every lock is granted at once and
 * F_GETLK finds none in the way (F_UNLCK), as Linux answers a process
 * about its own locks. The fd, the lock's type against the access mode
 * and the range are checked as Linux checks them. */
static long record_lock(int fd, int cmd, uint64_t ulock)
{
	struct linux_flock l;
	int flags = fd_get_flags(fd);

	if (flags < 0)
		return flags;
	if (user_copy_from(&l, ulock, sizeof(l)) < 0)
		return -EFAULT;
	if (l.type != L_F_RDLCK && l.type != L_F_WRLCK && l.type != L_F_UNLCK)
		return -EINVAL;
	if (l.whence < 0 || l.whence > 2)
		return -EINVAL;
	if (cmd == L_F_GETLK || cmd == L_F_OFD_GETLK) {
		if (l.type == L_F_UNLCK)
			return -EINVAL;
		l.type = L_F_UNLCK;
		return user_copy_to(ulock, &l, sizeof(l)) < 0 ? -EFAULT : 0;
	}
	if (l.type == L_F_RDLCK && (flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (l.type == L_F_WRLCK && (flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	return 0;
}

#define L_F_GETPIPE_SZ 1032
#define L_O_DIRECT 040000
#define L_O_LARGEFILE 0100000
/* What open() used and F_GETFL does not report (Linux drops them). */
#define L_O_OPEN_ONLY (L_O_CREAT | L_O_EXCL | L_O_TRUNC | 0400)

/* Whether fd's file seeks (a file, a directory, a disk), or 0 / -EBADF. */
static int fd_seekable(int fd)
{
	struct file *f = fd_get(fd);
	int rc;

	if (!f)
		return -EBADF;
	rc = f->ops->lseek != NULL;
	file_put(f);
	return rc;
}

/* F_GETFL as Linux reports it: what open() took, with O_LARGEFILE,
 * which Linux adds to every file opened by path on x86-64 (only the
 * seekable ones here: pipes, sockets and epoll fds have none). */
static long getfl(int fd, int flags)
{
	long lf = linux_flags_to(flags) & ~L_O_OPEN_ONLY;

	return fd_seekable(fd) > 0 ? lf | L_O_LARGEFILE : lf;
}

/* F_SETFL's check: O_DIRECT is EINVAL on a file that cannot do it
 * (Linux: any but a pipe or a file system's file). */
static int setfl_check(int fd, int arg)
{
	int seek = fd_seekable(fd);

	if (seek < 0 || !(arg & L_O_DIRECT) || seek)
		return seek < 0 ? seek : 0;
	return pipe_capacity(fd) < 0 ? -EINVAL : 0;
}

/* The core's fcntl (runtime/fcntl.c) with Linux's open() flags
 * converted both ways; the command numbers are the same. */
LINUX_SYS(fcntl)
{
	int fd = (int)A0(r), cmd = (int)A1(r), arg = (int)A2(r), rc;

	if (cmd == L_F_GETLK || cmd == L_F_SETLK || cmd == L_F_SETLKW ||
	    cmd == L_F_OFD_GETLK || cmd == L_F_OFD_SETLK ||
	    cmd == L_F_OFD_SETLKW)
		return record_lock(fd, cmd, A2(r));
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
	if (cmd == L_F_GETPIPE_SZ)
		return pipe_capacity(fd);
	if (cmd == F_SETFL) {
		if ((rc = setfl_check(fd, arg)) < 0)
			return rc;
		arg = linux_flags_from((uint64_t)(unsigned int)arg);
	}
	rc = fd_fcntl(fd, cmd, arg);
	return cmd == F_GETFL && rc >= 0 ? getfl(fd, rc) : rc;
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

static long io_getdents(void *ctx, void *buf, size_t n, size_t done)
{
	(void)done;
	return fs_getdents64(((struct fd_io *)ctx)->fd, buf, n);
}

/* Whole records into one piece (a longer buffer gets what one holds).
 * As Linux's, the buffer is tried entry by entry (<runtime/take.h>): the
 * entries before one it cannot take, or EFAULT, and that one stays. */
LINUX_SYS(getdents64)
{
	struct fd_io io = {(int)A0(r)};

	return uio_in(A1(r), A2(r), io_getdents, &io, 0);
}

/* --- Names: directories, links, renames ------------------------------------------ */

/* Two path arguments, in one allocation (two 4 KiB arrays would weigh
 * on the stack the call runs on). */
struct two_paths {
	char a[PATH_MAX_LINUX + 1], b[PATH_MAX_LINUX + 1];
};

static long get_two(uint64_t ua, uint64_t ub, struct two_paths **out)
{
	struct two_paths *p = malloc(sizeof(*p));
	int rc;

	if (!p)
		return -ENOMEM;
	if ((rc = get_path(ua, p->a)) < 0 || (rc = get_path(ub, p->b)) < 0) {
		free(p);
		return rc;
	}
	*out = p;
	return 0;
}

static long mkdir_at(uint64_t dirfd, uint64_t upath, uint64_t mode)
{
	char path[PATH_MAX_LINUX + 1];
	int rc = get_path(upath, path);

	if (rc < 0)
		return rc;
	return path_mkdir_at(dirfd_of(dirfd), path,
			     (unsigned int)mode & 07777 & ~linux_umask());
}

LINUX_SYS(mkdir)
{
	return mkdir_at((uint64_t)L_AT_FDCWD, A0(r), A1(r));
}

LINUX_SYS(mkdirat)
{
	return mkdir_at(A0(r), A1(r), A2(r));
}

/* mknod and mknodat: FIFOs and socket inodes (and empty files); the
 * device number is unused, as devices cannot be made (EPERM). */
static long mknod_at(uint64_t dirfd, uint64_t upath, uint64_t mode)
{
	char path[PATH_MAX_LINUX + 1];
	int rc = get_path(upath, path);

	if (rc < 0)
		return rc;
	return path_mknod_at(dirfd_of(dirfd), path,
			     ((unsigned int)mode & 0170000) |
				 ((unsigned int)mode & 07777 & ~linux_umask()));
}

LINUX_SYS(mknod)
{
	return mknod_at((uint64_t)L_AT_FDCWD, A0(r), A1(r));
}

LINUX_SYS(mknodat)
{
	return mknod_at(A0(r), A1(r), A2(r));
}

static long remove_at(uint64_t dirfd, uint64_t upath, bool rmdir)
{
	char path[PATH_MAX_LINUX + 1];
	int rc = get_path(upath, path);

	return rc < 0 ? rc : path_remove_at(dirfd_of(dirfd), path, rmdir);
}

LINUX_SYS(rmdir)
{
	return remove_at((uint64_t)L_AT_FDCWD, A0(r), true);
}

LINUX_SYS(unlink)
{
	return remove_at((uint64_t)L_AT_FDCWD, A0(r), false);
}

LINUX_SYS(unlinkat)
{
	if (A2(r) & ~(uint64_t)L_AT_REMOVEDIR)
		return -EINVAL;
	return remove_at(A0(r), A1(r), A2(r) & L_AT_REMOVEDIR);
}

static long rename_at(uint64_t odir, uint64_t uold, uint64_t ndir,
		      uint64_t unew, uint64_t flags)
{
	struct two_paths *p;
	long rc = get_two(uold, unew, &p);

	if (rc < 0)
		return rc;
	rc = path_rename_at(dirfd_of(odir), p->a, dirfd_of(ndir), p->b,
			    (unsigned int)flags);
	free(p);
	return rc;
}

LINUX_SYS(rename)
{
	return rename_at((uint64_t)L_AT_FDCWD, A0(r), (uint64_t)L_AT_FDCWD,
			 A1(r), 0);
}

LINUX_SYS(renameat)
{
	return rename_at(A0(r), A1(r), A2(r), A3(r), 0);
}

/* RENAME_NOREPLACE and RENAME_EXCHANGE; RENAME_WHITEOUT (overlay file
 * systems' only) is EINVAL, as on tmpfs. */
LINUX_SYS(renameat2)
{
	if (A4(r) >> 32)
		return -EINVAL;
	return rename_at(A0(r), A1(r), A2(r), A3(r), A4(r));
}

static long link_at(uint64_t odir, uint64_t uold, uint64_t ndir, uint64_t unew,
		    uint64_t flags)
{
	struct two_paths *p;
	long rc;

	if (flags & ~(uint64_t)(L_AT_SYMLINK_FOLLOW | L_AT_EMPTY_PATH))
		return -EINVAL;
	if ((rc = get_two(uold, unew, &p)) < 0)
		return rc;
	rc = path_link_at(dirfd_of(odir), p->a, dirfd_of(ndir), p->b,
			  flags & L_AT_SYMLINK_FOLLOW);
	free(p);
	return rc;
}

LINUX_SYS(link)
{
	return link_at((uint64_t)L_AT_FDCWD, A0(r), (uint64_t)L_AT_FDCWD, A1(r),
		       0);
}

LINUX_SYS(linkat)
{
	return link_at(A0(r), A1(r), A2(r), A3(r), A4(r));
}

static long symlink_at(uint64_t utarget, uint64_t dirfd, uint64_t upath)
{
	struct two_paths *p;
	long rc = get_two(utarget, upath, &p);

	if (rc < 0)
		return rc;
	rc = path_symlink_at(p->a, dirfd_of(dirfd), p->b);
	free(p);
	return rc;
}

LINUX_SYS(symlink)
{
	return symlink_at(A0(r), (uint64_t)L_AT_FDCWD, A1(r));
}

LINUX_SYS(symlinkat)
{
	return symlink_at(A0(r), A1(r), A2(r));
}

/* --- Attributes ------------------------------------------------------------------- */

static long setattr_at(uint64_t dirfd, uint64_t upath, bool follow,
		       const struct vfs_attr *a)
{
	char path[PATH_MAX_LINUX + 1];
	int rc = get_path(upath, path);

	return rc < 0 ? rc : path_setattr_at(dirfd_of(dirfd), path, follow, a);
}

LINUX_SYS(chmod)
{
	struct vfs_attr a = {.mask = VFS_SET_MODE, .mode = (uint32_t)A1(r)};

	return setattr_at((uint64_t)L_AT_FDCWD, A0(r), true, &a);
}

LINUX_SYS(fchmodat)
{
	struct vfs_attr a = {.mask = VFS_SET_MODE, .mode = (uint32_t)A2(r)};

	return setattr_at(A0(r), A1(r), true, &a);
}

LINUX_SYS(fchmod)
{
	struct vfs_attr a = {.mask = VFS_SET_MODE, .mode = (uint32_t)A1(r)};

	return fs_fsetattr((int)A0(r), &a);
}

/* -1 (as 32 bits) leaves an id as it is. */
static struct vfs_attr owner(uint64_t uid, uint64_t gid)
{
	struct vfs_attr a;

	memset(&a, 0, sizeof(a));
	if ((uint32_t)uid != 0xffffffffu) {
		a.mask |= VFS_SET_UID;
		a.uid = (uint32_t)uid;
	}
	if ((uint32_t)gid != 0xffffffffu) {
		a.mask |= VFS_SET_GID;
		a.gid = (uint32_t)gid;
	}
	return a;
}

LINUX_SYS(chown)
{
	struct vfs_attr a = owner(A1(r), A2(r));

	return setattr_at((uint64_t)L_AT_FDCWD, A0(r), true, &a);
}

LINUX_SYS(lchown)
{
	struct vfs_attr a = owner(A1(r), A2(r));

	return setattr_at((uint64_t)L_AT_FDCWD, A0(r), false, &a);
}

LINUX_SYS(fchown)
{
	struct vfs_attr a = owner(A1(r), A2(r));

	return fs_fsetattr((int)A0(r), &a);
}

LINUX_SYS(fchownat)
{
	struct vfs_attr a = owner(A2(r), A3(r));
	char path[PATH_MAX_LINUX + 1];
	int rc;

	if (A4(r) & ~(uint64_t)(L_AT_SYMLINK_NOFOLLOW | L_AT_EMPTY_PATH))
		return -EINVAL;
	if ((rc = get_path(A1(r), path)) < 0)
		return rc;
	if (!path[0] && (A4(r) & L_AT_EMPTY_PATH))
		return fs_fsetattr((int)A0(r), &a);
	return path_setattr_at(dirfd_of(A0(r)), path,
			       !(A4(r) & L_AT_SYMLINK_NOFOLLOW), &a);
}

/* times NULL: both now; a nanosecond field may say UTIME_NOW or
 * UTIME_OMIT. A NULL path is the fd itself (futimens). */
LINUX_SYS(utimensat)
{
	struct vfs_attr a;
	int64_t ts[4];

	if (A3(r) & ~(uint64_t)(L_AT_SYMLINK_NOFOLLOW | L_AT_EMPTY_PATH))
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.mask = VFS_SET_ATIME | VFS_SET_MTIME;
	if (A2(r)) {
		if (user_copy_from(ts, A2(r), sizeof(ts)) < 0)
			return -EFAULT;
		for (int i = 1; i < 4; i += 2)
			if ((ts[i] < 0 || ts[i] > 999999999) &&
			    ts[i] != VFS_UTIME_NOW && ts[i] != VFS_UTIME_OMIT)
				return -EINVAL;
		a.atime.tv_sec = ts[0];
		a.atime.tv_nsec = ts[1];
		a.mtime.tv_sec = ts[2];
		a.mtime.tv_nsec = ts[3];
	} else {
		a.atime.tv_nsec = a.mtime.tv_nsec = VFS_UTIME_NOW;
	}
	if (!A1(r))
		return fs_fsetattr((int)A0(r), &a);
	return setattr_at(A0(r), A1(r), !(A3(r) & L_AT_SYMLINK_NOFOLLOW), &a);
}

LINUX_SYS(truncate)
{
	char path[PATH_MAX_LINUX + 1];
	int rc = get_path(A0(r), path);

	return rc < 0 ? rc : path_truncate_at(FS_AT_CWD, path, (int64_t)A1(r));
}

LINUX_SYS(ftruncate)
{
	return fs_ftruncate((int)A0(r), (int64_t)A1(r));
}

LINUX_SYS(fallocate)
{
	return fs_fallocate((int)A0(r), (int)A1(r), (int64_t)A2(r),
			    (int64_t)A3(r));
}

/* Linux's struct statfs on x86-64 (120 bytes). */
struct linux_statfs {
	int64_t type, bsize;
	uint64_t blocks, bfree, bavail, files, ffree;
	int32_t fsid[2];
	int64_t namelen, frsize, flags, spare[4];
};
_Static_assert(sizeof(struct linux_statfs) == 120, "Linux x86-64 statfs");

#define L_ST_RDONLY 1
#define L_ST_VALID 0x20
#define L_ST_RELATIME 0x400

static long put_statfs(uint64_t ubuf, const struct vfs_statfs *sf)
{
	struct linux_statfs l;

	memset(&l, 0, sizeof(l));
	l.type = (int64_t)sf->magic;
	l.bsize = l.frsize = (int64_t)sf->bsize;
	l.blocks = sf->blocks;
	l.bfree = l.bavail = sf->bfree;
	l.files = sf->files;
	l.ffree = sf->ffree;
	l.namelen = (int64_t)sf->namelen;
	l.flags = L_ST_VALID | L_ST_RELATIME | (sf->readonly ? L_ST_RDONLY : 0);
	return user_copy_to(ubuf, &l, sizeof(l));
}

LINUX_SYS(statfs)
{
	char path[PATH_MAX_LINUX + 1];
	struct vfs_statfs sf;
	int rc = get_path(A0(r), path);

	if (rc < 0 || (rc = path_statfs_at(FS_AT_CWD, path, &sf)) < 0)
		return rc;
	return put_statfs(A1(r), &sf);
}

LINUX_SYS(fstatfs)
{
	struct vfs_statfs sf;
	int rc = fs_fstatfs((int)A0(r), &sf);

	return rc < 0 ? rc : put_statfs(A1(r), &sf);
}

/* --- The working directory ----------------------------------------------------- */

LINUX_SYS(chdir)
{
	char path[PATH_MAX_LINUX + 1];
	int rc = get_path(A0(r), path);

	return rc < 0 ? rc : path_chdir(path);
}

LINUX_SYS(fchdir)
{
	return fd_chdir((int)A0(r));
}

LINUX_SYS(getcwd)
{
	char buf[PATH_MAX_LINUX];
	int n = path_getcwd(buf, A1(r) < sizeof(buf) ? A1(r) : sizeof(buf));

	if (n < 0)
		return n;
	return user_copy_to(A0(r), buf, (size_t)n) < 0 ? -EFAULT : n;
}

/* --- Locks and copies ------------------------------------------------------------- */

LINUX_SYS(flock)
{
	return fs_flock((int)A0(r), (int)A1(r));
}

#define COPY_CHUNK 65536

/* copy_file_range: between two regular files, through a buffer (not
 * between overlapping ranges of one file: EINVAL, as Linux). An
 * offset pointer works as sendfile's: the bytes come from (go to) it,
 * and the fd's own offset stays; without one the fd's offset moves. */
LINUX_SYS(copy_file_range)
{
	int in = (int)A0(r), out = (int)A2(r);
	uint64_t uin = A1(r), uout = A3(r);
	int64_t ipos, opos, total = 0, left = (int64_t)A4(r);
	struct stat si, so;
	long got, put = 0;
	int fi, fo;
	char *buf;

	if (A5(r))
		return -EINVAL;
	fi = fd_get_flags(in);
	fo = fd_get_flags(out);
	if (fi < 0 || fo < 0 || (fi & O_ACCMODE) == O_WRONLY ||
	    (fo & O_ACCMODE) == O_RDONLY || (fo & O_APPEND))
		return -EBADF;
	if (fd_fstat(in, &si) < 0 || fd_fstat(out, &so) < 0)
		return -EINVAL;
	if (S_ISDIR(si.st_mode) || S_ISDIR(so.st_mode))
		return -EISDIR;
	if (!S_ISREG(si.st_mode) || !S_ISREG(so.st_mode))
		return -EINVAL;
	if (uin ? user_copy_from(&ipos, uin, 8) < 0 : 0)
		return -EFAULT;
	if (uout ? user_copy_from(&opos, uout, 8) < 0 : 0)
		return -EFAULT;
	if (!uin)
		ipos = fd_lseek(in, 0, SEEK_CUR);
	if (!uout)
		opos = fd_lseek(out, 0, SEEK_CUR);
	if (ipos < 0 || opos < 0)
		return -EINVAL;
	if (left > SENDFILE_MAX)
		left = SENDFILE_MAX;
	/* What is there to copy (to the source's end), and Linux's EINVAL
	 * for ranges of one file that overlap. */
	if (left > si.st_size - ipos)
		left = ipos < si.st_size ? si.st_size - ipos : 0;
	if (si.st_dev == so.st_dev && si.st_ino == so.st_ino &&
	    opos < ipos + left && ipos < opos + left)
		return -EINVAL;
	buf = left ? malloc(left < COPY_CHUNK ? left : COPY_CHUNK) : NULL;
	if (left && !buf)
		return -ENOMEM;
	while (left > 0) {
		got = fd_pread(in, buf, left < COPY_CHUNK ? left : COPY_CHUNK,
			       ipos);
		if (got <= 0) {
			put = got;
			break;
		}
		put = fd_pwrite(out, buf, (size_t)got, opos);
		if (put <= 0)
			break;
		ipos += put;
		opos += put;
		total += put;
		left -= put;
		if (put < got)
			break;
	}
	free(buf);
	if (uin && user_copy_to(uin, &ipos, 8) < 0)
		return -EFAULT;
	if (uout && user_copy_to(uout, &opos, 8) < 0)
		return -EFAULT;
	if (!uin && total)
		fd_lseek(in, ipos, SEEK_SET);
	if (!uout && total)
		fd_lseek(out, opos, SEEK_SET);
	return total ? total : put < 0 ? put : 0;
}
