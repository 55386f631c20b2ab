/*
 * newlib's file system calls. newlib is built for a target it does not
 * know, so it calls these by their POSIX names (read, write, ...; its
 * MISSING_SYSCALL_NAMES convention), and they are the app's too.
 *
 * Calls on an fd go through the fd table. The calls by path (open,
 * stat, mkdir, rename, ...) are vfs_calls.c's, in the files unit.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include <runtime/fd.h>

#include "runtime_priv.h"

/* newlib declares read() and write() to return int here: longer
 * transfers are cut short at Linux's limit, a legal short count. */
#define RW_MAX 0x7ffff000UL

_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t len)
{
	return runtime_ret(fd_read(fd, buf, len < RW_MAX ? len : RW_MAX));
}

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t len)
{
	return runtime_ret(fd_write(fd, buf, len < RW_MAX ? len : RW_MAX));
}

int close(int fd)
{
	return (int)runtime_ret(fd_close(fd));
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
	return runtime_ret(fd_pread(fd, buf, len < RW_MAX ? len : RW_MAX, off));
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	return runtime_ret(
	    fd_pwrite(fd, buf, len < RW_MAX ? len : RW_MAX, off));
}

int fsync(int fd)
{
	return (int)runtime_ret(fd_fsync(fd));
}

/* Disks have no metadata apart from their data: the same as fsync. */
int fdatasync(int fd)
{
	return fsync(fd);
}

off_t lseek(int fd, off_t off, int whence)
{
	return runtime_ret(fd_lseek(fd, off, whence));
}

int fstat(int fd, struct stat *st)
{
	return (int)runtime_ret(fd_fstat(fd, st));
}

/* 1 for a terminal; else 0 with errno ENOTTY (or EBADF). */
int isatty(int fd)
{
	int r = fd_isatty(fd);

	if (r < 0) {
		runtime_ret(r);
		return 0;
	}
	return 1;
}

int dup(int fd)
{
	return (int)runtime_ret(fd_dup(fd, 0));
}

int dup2(int fd, int newfd)
{
	return (int)runtime_ret(fd_dup2(fd, newfd));
}

/* The flag commands and F_DUPFD (fcntl.c); there is no exec to close
 * on. */
/* Record locks are the file system's (vfs_calls.c, the files unit):
 * weak, so that an image that opens no path carries none of it. */
extern int fs_record_lock(int fd, int cmd, void *lock) __attribute__((weak));

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	int arg = 0;

	if (cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW) {
		void *l;

		va_start(ap, cmd);
		l = va_arg(ap, void *);
		va_end(ap);
		if (fs_record_lock)
			return fs_record_lock(fd, cmd, l);
		return (int)runtime_ret(fd_get_flags(fd) < 0 ? -EBADF
							     : -EINVAL);
	}

	if (cmd == F_SETFL || cmd == F_DUPFD) { /* the ones with an argument */
		va_start(ap, cmd);
		arg = va_arg(ap, int);
		va_end(ap);
	}
	return (int)runtime_ret(fd_fcntl(fd, cmd, arg));
}
