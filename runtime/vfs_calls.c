/*
 * newlib's calls by path and the file calls POSIX adds (the app's,
 * through newlib's names): open, stat, mkdir, rename, chdir, ... over
 * <runtime/fs.h>, errno set from the negative Linux value. In the files
 * unit: an app that calls none of them carries none of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <unistd.h>

#include <runtime/fs.h>

#include "runtime_priv.h"

#define NULL_FAULT(p)                                                          \
	do {                                                                   \
		if (!(p))                                                      \
			return runtime_set_errno(EFAULT);                      \
	} while (0)

/* Linux's number, as <runtime/fs.h> answers (newlib's <errno.h> is
 * the app's). */
#define L_EISDIR 21

/* newlib's value, which <fcntl.h> shows only to some dialects. */
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 16
#endif

/* newlib's AT_ values differ from Linux's. */
static int at(int dirfd)
{
	return dirfd == AT_FDCWD ? FS_AT_CWD : dirfd;
}

static mode_t umask_bits = 022;

mode_t umask(mode_t mask)
{
	mode_t old = umask_bits;

	umask_bits = mask & 0777;
	return old;
}

int openat(int dirfd, const char *path, int flags, ...)
{
	unsigned int mode = 0;
	va_list ap;

	NULL_FAULT(path);
	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, unsigned int);
		va_end(ap);
	}
	return (int)runtime_ret(
	    path_open_at(at(dirfd), path, flags, mode & ~umask_bits));
}

int open(const char *path, int flags, ...)
{
	unsigned int mode = 0;
	va_list ap;

	NULL_FAULT(path);
	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, unsigned int);
		va_end(ap);
	}
	return (int)runtime_ret(
	    path_open_at(FS_AT_CWD, path, flags, mode & ~umask_bits));
}

int stat(const char *restrict path, struct stat *restrict st)
{
	NULL_FAULT(path && st);
	return (int)runtime_ret(path_stat_at(FS_AT_CWD, path, st, true));
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	NULL_FAULT(path && st);
	return (int)runtime_ret(path_stat_at(FS_AT_CWD, path, st, false));
}

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st,
	    int flags)
{
	NULL_FAULT(path && st);
	if (!path[0] && (flags & AT_EMPTY_PATH))
		return fstat(dirfd, st);
	return (int)runtime_ret(
	    path_stat_at(at(dirfd), path, st, !(flags & AT_SYMLINK_NOFOLLOW)));
}

int mkdir(const char *path, mode_t mode)
{
	NULL_FAULT(path);
	return (int)runtime_ret(
	    path_mkdir_at(FS_AT_CWD, path, mode & ~umask_bits));
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	NULL_FAULT(path);
	return (int)runtime_ret(
	    path_mkdir_at(at(dirfd), path, mode & ~umask_bits));
}

int rmdir(const char *path)
{
	NULL_FAULT(path);
	return (int)runtime_ret(path_remove_at(FS_AT_CWD, path, true));
}

int unlink(const char *path)
{
	NULL_FAULT(path);
	return (int)runtime_ret(path_remove_at(FS_AT_CWD, path, false));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	NULL_FAULT(path);
	if (flags & ~AT_REMOVEDIR)
		return runtime_set_errno(EINVAL);
	return (int)runtime_ret(
	    path_remove_at(at(dirfd), path, flags & AT_REMOVEDIR));
}

/* newlib's own rename() is link and unlink: not atomic, and it fails
 * over an existing file. This one is the file system's. */
int rename(const char *old, const char *new)
{
	NULL_FAULT(old && new);
	return (int)runtime_ret(
	    path_rename_at(FS_AT_CWD, old, FS_AT_CWD, new, 0));
}

int renameat(int odirfd, const char *old, int ndirfd, const char *new)
{
	NULL_FAULT(old && new);
	return (int)runtime_ret(
	    path_rename_at(at(odirfd), old, at(ndirfd), new, 0));
}

/* POSIX's remove(): a directory is removed as rmdir() would (newlib's
 * only unlinks). */
int remove(const char *path)
{
	int rc;

	NULL_FAULT(path);
	rc = path_remove_at(FS_AT_CWD, path, false);
	if (rc == -L_EISDIR)
		rc = path_remove_at(FS_AT_CWD, path, true);
	return (int)runtime_ret(rc);
}

/* renameat2's flags are Linux's (RENAME_NOREPLACE 1, RENAME_EXCHANGE
 * 2), as <runtime/fs.h> takes them. */
int renameat2(int odirfd, const char *old, int ndirfd, const char *new,
	      unsigned int flags);
int renameat2(int odirfd, const char *old, int ndirfd, const char *new,
	      unsigned int flags)
{
	NULL_FAULT(old && new);
	return (int)runtime_ret(
	    path_rename_at(at(odirfd), old, at(ndirfd), new, flags));
}

int linkat(int odirfd, const char *old, int ndirfd, const char *new, int flags)
{
	NULL_FAULT(old && new);
	if (flags & ~AT_SYMLINK_FOLLOW)
		return runtime_set_errno(EINVAL);
	return (int)runtime_ret(path_link_at(at(odirfd), old, at(ndirfd), new,
					     flags & AT_SYMLINK_FOLLOW));
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	NULL_FAULT(target && path);
	return (int)runtime_ret(path_symlink_at(target, at(dirfd), path));
}

ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf,
		   size_t size)
{
	NULL_FAULT(path && buf);
	if (!size)
		return runtime_set_errno(EINVAL);
	return runtime_ret(path_readlink_at(at(dirfd), path, buf, size));
}

int link(const char *old, const char *new)
{
	NULL_FAULT(old && new);
	return (int)runtime_ret(
	    path_link_at(FS_AT_CWD, old, FS_AT_CWD, new, false));
}

int symlink(const char *target, const char *path)
{
	NULL_FAULT(target && path);
	return (int)runtime_ret(path_symlink_at(target, FS_AT_CWD, path));
}

ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
	NULL_FAULT(path && buf);
	if (!size)
		return runtime_set_errno(EINVAL);
	return runtime_ret(path_readlink_at(FS_AT_CWD, path, buf, size));
}

int chdir(const char *path)
{
	NULL_FAULT(path);
	return (int)runtime_ret(path_chdir(path));
}

int fchdir(int fd)
{
	return (int)runtime_ret(fd_chdir(fd));
}

/* buf NULL: a buffer of its own (malloc), as glibc and musl do. */
char *getcwd(char *buf, size_t size)
{
	char tmp[4096];
	int rc;

	if (buf && !size) {
		errno = EINVAL;
		return NULL;
	}
	rc = path_getcwd(buf ? buf : tmp, buf ? size : sizeof(tmp));
	if (rc < 0) {
		runtime_ret(rc);
		return NULL;
	}
	if (!buf && !(buf = strdup(tmp)))
		errno = ENOMEM;
	return buf;
}

static int set_mode(int dirfd, const char *path, mode_t mode, bool follow)
{
	struct vfs_attr a = {.mask = VFS_SET_MODE, .mode = mode};

	NULL_FAULT(path);
	return (int)runtime_ret(path_setattr_at(dirfd, path, follow, &a));
}

int chmod(const char *path, mode_t mode)
{
	return set_mode(FS_AT_CWD, path, mode, true);
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	/* Linux has no modes on symbolic links: NOFOLLOW is refused. */
	if (flags & AT_SYMLINK_NOFOLLOW)
		return runtime_set_errno(EOPNOTSUPP);
	if (flags)
		return runtime_set_errno(EINVAL);
	return set_mode(at(dirfd), path, mode, true);
}

int fchmod(int fd, mode_t mode)
{
	struct vfs_attr a = {.mask = VFS_SET_MODE, .mode = mode};

	return (int)runtime_ret(fs_fsetattr(fd, &a));
}

/* -1 leaves an id as it is. */
static void owner(struct vfs_attr *a, uid_t uid, gid_t gid)
{
	a->mask = 0;
	if (uid != (uid_t)-1) {
		a->mask |= VFS_SET_UID;
		a->uid = uid;
	}
	if (gid != (gid_t)-1) {
		a->mask |= VFS_SET_GID;
		a->gid = gid;
	}
}

static int set_owner(const char *path, uid_t uid, gid_t gid, bool follow)
{
	struct vfs_attr a;

	NULL_FAULT(path);
	owner(&a, uid, gid);
	return (int)runtime_ret(path_setattr_at(FS_AT_CWD, path, follow, &a));
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return set_owner(path, uid, gid, true);
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return set_owner(path, uid, gid, false);
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	struct vfs_attr a;

	NULL_FAULT(path);
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return runtime_set_errno(EINVAL);
	if (!path[0] && (flags & AT_EMPTY_PATH))
		return fchown(dirfd, uid, gid);
	owner(&a, uid, gid);
	return (int)runtime_ret(path_setattr_at(
	    at(dirfd), path, !(flags & AT_SYMLINK_NOFOLLOW), &a));
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	struct vfs_attr a;

	owner(&a, uid, gid);
	return (int)runtime_ret(fs_fsetattr(fd, &a));
}

int truncate(const char *path, off_t size)
{
	NULL_FAULT(path);
	return (int)runtime_ret(path_truncate_at(FS_AT_CWD, path, size));
}

int ftruncate(int fd, off_t size)
{
	return (int)runtime_ret(fs_ftruncate(fd, size));
}

int access(const char *path, int mode)
{
	NULL_FAULT(path);
	return (int)runtime_ret(path_access_at(FS_AT_CWD, path, mode, true));
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	NULL_FAULT(path);
	return (int)runtime_ret(path_access_at(at(dirfd), path, mode,
					       !(flags & AT_SYMLINK_NOFOLLOW)));
}

/* times NULL: both now. */
static void times_attr(struct vfs_attr *a, const struct timespec *times)
{
	a->mask = VFS_SET_ATIME | VFS_SET_MTIME;
	if (times) {
		a->atime = times[0];
		a->mtime = times[1];
	} else {
		a->atime.tv_nsec = a->mtime.tv_nsec = VFS_UTIME_NOW;
	}
}

int utimensat(int dirfd, const char *path, const struct timespec *times,
	      int flags)
{
	struct vfs_attr a;

	NULL_FAULT(path);
	times_attr(&a, times);
	return (int)runtime_ret(path_setattr_at(
	    at(dirfd), path, !(flags & AT_SYMLINK_NOFOLLOW), &a));
}

int futimens(int fd, const struct timespec *times)
{
	struct vfs_attr a;

	times_attr(&a, times);
	return (int)runtime_ret(fs_fsetattr(fd, &a));
}

int utimes(const char *path, const struct timeval *tv)
{
	struct timespec ts[2];

	if (!tv)
		return utimensat(AT_FDCWD, path, NULL, 0);
	ts[0].tv_sec = tv[0].tv_sec;
	ts[0].tv_nsec = tv[0].tv_usec * 1000;
	ts[1].tv_sec = tv[1].tv_sec;
	ts[1].tv_nsec = tv[1].tv_usec * 1000;
	return utimensat(AT_FDCWD, path, ts, 0);
}

int flock(int fd, int op);
int flock(int fd, int op)
{
	return (int)runtime_ret(fs_flock(fd, op));
}

/* fcntl's record locks (syscalls_io.c's fcntl calls here): one program,
 * whose own locks never conflict, so every lock is granted and F_GETLK
 * finds none in the way (as Linux answers a process about its own
 * locks); the fd and the lock are checked. */
int fs_record_lock(int fd, int cmd, void *lock);
int fs_record_lock(int fd, int cmd, void *lock)
{
	struct flock *l = lock;
	int flags = fcntl(fd, F_GETFL);

	if (flags < 0)
		return -1;
	NULL_FAULT(l);
	if ((l->l_type != F_RDLCK && l->l_type != F_WRLCK &&
	     l->l_type != F_UNLCK) ||
	    l->l_whence < 0 || l->l_whence > 2)
		return runtime_set_errno(EINVAL);
	if (cmd == F_GETLK) {
		if (l->l_type == F_UNLCK)
			return runtime_set_errno(EINVAL);
		l->l_type = F_UNLCK;
		return 0;
	}
	if ((l->l_type == F_RDLCK && (flags & O_ACCMODE) == O_WRONLY) ||
	    (l->l_type == F_WRLCK && (flags & O_ACCMODE) == O_RDONLY))
		return runtime_set_errno(EBADF);
	return 0;
}

static int to_statvfs(int rc, const struct vfs_statfs *sf, struct statvfs *st)
{
	if (rc < 0)
		return (int)runtime_ret(rc);
	memset(st, 0, sizeof(*st));
	st->f_bsize = st->f_frsize = sf->bsize;
	st->f_blocks = sf->blocks;
	st->f_bfree = st->f_bavail = sf->bfree;
	st->f_files = sf->files;
	st->f_ffree = st->f_favail = sf->ffree;
	st->f_namemax = sf->namelen;
	st->f_flag = sf->readonly ? ST_RDONLY : 0;
	return 0;
}

int statvfs(const char *restrict path, struct statvfs *restrict st)
{
	struct vfs_statfs sf;

	NULL_FAULT(path && st);
	return to_statvfs(path_statfs_at(FS_AT_CWD, path, &sf), &sf, st);
}

int fstatvfs(int fd, struct statvfs *st)
{
	struct vfs_statfs sf;

	NULL_FAULT(st);
	return to_statvfs(fs_fstatfs(fd, &sf), &sf, st);
}
