/*
 * Open files and the file-descriptor table. An open file (struct file:
 * ops, object, open flags, a reference count) is what open(), socket(),
 * pipe() ... make; fds point at it. dup() shares it; every call in
 * progress holds a reference to it, so closing an fd that another
 * thread is using frees nothing under that thread: the file's close op
 * runs once, when its last reference goes, as Linux's struct file.
 * The runtime core's heart, for the kinds of files (the backends) and
 * for both personalities (newlib's system calls and the Linux shim).
 *
 * Return convention, for the ops and the fd_/file_ functions alike: a
 * count, an offset or 0 on success, a negative Linux errno value (the
 * kernel's convention) on failure. The system calls turn that into errno.
 */
#ifndef RUNTIME_FD_H
#define RUNTIME_FD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Linux's usual soft RLIMIT_NOFILE. Sockets are fewer: lwIP's tables
 * hold 256 (net/include/lwipopts.h). */
#define FD_MAX 1024

/* Readiness bits of the poll op: Linux's POLLIN, POLLOUT, POLLERR,
 * POLLHUP and POLLRDHUP (<poll.h>, and the same values as EPOLLIN ...
 * in <sys/epoll.h>; runtime/poll.c and runtime/epoll.c check they
 * agree). RDHUP: the peer will send nothing more (a stream's end came). */
#define FD_POLL_IN 0x001
#define FD_POLL_OUT 0x004
#define FD_POLL_ERR 0x008
#define FD_POLL_HUP 0x010
#define FD_POLL_RDHUP 0x2000

struct stat;

/* What a kind of file does. obj is the file's object, one per open file
 * (a file kind that has an offset keeps it there). Any op may be NULL;
 * file.c then gives the usual answer for a file that cannot do it. The
 * ops run with a reference held, so obj stays valid while they block. */
struct fd_ops {
	/* Bytes read, 0 at end of file; may block. NULL: -EBADF. */
	long (*read)(void *obj, void *buf, size_t len);
	/* Bytes written; may block. NULL: -EBADF. */
	long (*write)(void *obj, const void *buf, size_t len);
	/* The new offset. NULL: not seekable, -ESPIPE. */
	long (*lseek)(void *obj, long off, int whence);
	/* Bytes read or written at offset off, the file offset untouched.
	 * NULL: done with lseek and read/write on a seekable file (which
	 * must not block in between), else -ESPIPE. */
	long (*pread)(void *obj, void *buf, size_t len, long off);
	long (*pwrite)(void *obj, const void *buf, size_t len, long off);
	/* Put what was written on stable storage; may block. NULL: 0 for a
	 * seekable file (nothing to do), -EINVAL for others (Linux's answer
	 * for pipes, sockets and terminals). */
	int (*fsync)(void *obj);
	/* Fill *st completely. NULL: -ENOSYS. */
	int (*fstat)(void *obj, struct stat *st);
	/* 1 for a terminal. NULL: not a terminal. */
	int (*isatty)(void *obj);
	/* Release obj. Called once, when the last reference to the file
	 * went (no fd and no call uses it any more), so it may block.
	 * NULL: nothing to release. */
	int (*close)(void *obj);
	/* The FD_POLL_ bits that hold now; never blocks. NULL: always ready
	 * to read and write, as a regular file is. */
	int (*poll)(void *obj);
	/* fcntl(F_SETFL) is about to store these open() flags (only
	 * O_APPEND and O_NONBLOCK change): apply them, return 0, or a
	 * negative errno and the flags stay as they were. NULL: nothing to
	 * apply. */
	int (*set_flags)(void *obj, int flags);
	/* A counter that moves whenever the poll bits may have gained one
	 * (data or a connection arrived, room appeared, an error or a
	 * hang-up happened): epoll's edge triggering reports a file again
	 * only after it moved. Read before the poll op, so a change in
	 * between is seen next time. NULL: it never moves. */
	unsigned long (*event_count)(void *obj);
};

/* An open file. Threads are cooperative on one vCPU: the count needs no
 * atomics. */
struct file {
	const struct fd_ops *ops;
	void *obj;
	int flags;	   /* open() flags (newlib's O_ values), F_GETFL */
	unsigned int refs; /* the fds that hold it, and each call inside */
};

/* --- Open files (file.c) ------------------------------------------------ */

/* A new open file with one reference (the caller's), or NULL without
 * memory. */
struct file *file_new(const struct fd_ops *ops, void *obj, int flags);

/* Set up a file the caller owns (static: the console's), with one
 * reference that the caller keeps for good, so it is never freed and
 * its close op never runs. No allocation: fit for the boot context. */
void file_init(struct file *f, const struct fd_ops *ops, void *obj, int flags);

/* Another reference to f, which the caller holds one of. */
void file_get(struct file *f);

/* Drop a reference. The last one tells the release hook, runs the close
 * op (it may block) and frees f; returns the close op's result then,
 * else 0. */
int file_put(struct file *f);

/* f's object if f is of this kind (ops), else NULL. */
void *file_object(const struct file *f, const struct fd_ops *ops);

/* For fstat ops: *st cleared, then st_mode, st_nlink 1 and st_blksize. */
void file_stat_init(struct stat *st, unsigned int mode, long blksize);

/* A close op for objects that only need free(). */
int file_close_free(void *obj);

/* Call hook(f) when f's last reference goes, before its close op runs
 * (epoll forgets the file there). The hook must not block. One hook;
 * NULL removes it. */
void file_set_release_hook(void (*hook)(struct file *f));

/* The ops on a file the caller holds a reference to. */
long file_read(struct file *f, void *buf, size_t len);
long file_write(struct file *f, const void *buf, size_t len);
long file_lseek(struct file *f, long off, int whence);
/* -EINVAL for a negative offset. */
long file_pread(struct file *f, void *buf, size_t len, long off);
long file_pwrite(struct file *f, const void *buf, size_t len, long off);
int file_fsync(struct file *f);
int file_fstat(struct file *f, struct stat *st);
/* 1, or -ENOTTY. */
int file_isatty(struct file *f);
/* The FD_POLL_ bits now (see the poll op). */
int file_poll(struct file *f);
/* For epoll: the event counter in *count (read first), then the
 * FD_POLL_ bits; -EPERM for a file without a poll op (a regular file or
 * a disk, always ready, which Linux's epoll refuses to watch). */
int file_poll_count(struct file *f, unsigned long *count);
/* Apply (set_flags op) and store new open() flags: 0 or the op's error. */
int file_set_flags(struct file *f, int flags);

/* For lseek ops: the offset lseek(off, whence) moves a file at pos, of
 * size bytes, to. Any offset from 0 up is fine, past the end too.
 * Returns it, or -EINVAL (a bad whence, a result below 0), -EOVERFLOW. */
long file_seek_offset(long pos, long size, long off, int whence);

/* --- The fd table (fd.c) ------------------------------------------------ */

/* A table of fds. A process has its own (fork copies it); without a
 * hook, every caller shares the boot table. */
struct fd_table {
	struct file *slot[FD_MAX];     /* NULL: the fd is free */
	uint64_t cloexec[FD_MAX / 64]; /* close-on-exec, per fd */
};
/* How the fd calls find the caller's table (NULL from hook: the boot
 * table). Set once, by the layer that has processes. */
void fd_set_table_hook(struct fd_table *(*hook)(void));
struct fd_table *fd_table_boot(void);
/* dst := src, each open file with one more reference (fork). */
void fd_table_copy(struct fd_table *dst, const struct fd_table *src);
/* Close every fd of t (a process ends). */
void fd_table_close_all(struct fd_table *t);
/* Close the fds of t marked close-on-exec (execve). */
void fd_table_close_on_exec(struct fd_table *t);
/* The close-on-exec mark of a caller's fd (FD_CLOEXEC): 0 or -EBADF;
 * 0/1 or -EBADF. A new fd starts without it. */
int fd_set_cloexec(int fd, bool on);
int fd_get_cloexec(int fd);

/* A new open file of (ops, obj, flags) at the lowest free fd. Returns the
 * fd, or -EMFILE / -ENOMEM; the close op is not run then (the caller
 * still owns obj). */
int fd_open(const struct fd_ops *ops, void *obj, int flags);

/* Put f (the table takes a reference of its own) at the lowest free fd
 * from min up. Returns it, -EINVAL for a min outside the table, or
 * -EMFILE. */
int fd_install(struct file *f, int min);

/* The open file behind fd with a reference for the caller (file_put()
 * when done), or NULL when fd is not open. */
struct file *fd_get(int fd);

/* fd's open file if it is of kind ops (a socket call finds its socket
 * so), with a reference for the caller; else NULL and *err -EBADF (not
 * open) or wrong_kind (another kind of file: -ENOTSOCK, ...). */
struct file *fd_get_kind(int fd, const struct fd_ops *ops, int wrong_kind,
			 int *err);

/* Take fd out of the table and drop the table's reference: the close op
 * runs if that was the last (its result is returned; 0 when a dup or a
 * call in progress keeps the file). -EBADF if fd is not open. */
int fd_close(int fd);

/* dup(): the lowest free fd from min up now holds fd's file too (fcntl
 * F_DUPFD; dup() is min 0). Returns it, -EBADF, -EINVAL for a min
 * outside the table, or -EMFILE. */
int fd_dup(int fd, int min);

/* dup2(): newfd holds fd's file; what newfd held before is closed (its
 * close op's error is ignored, as Linux does). newfd == fd is fd,
 * unchanged. Returns newfd, or -EBADF (fd not open, newfd outside the
 * table). */
int fd_dup2(int fd, int newfd);

/* The file ops by fd number: a reference for the call's length; -EBADF
 * for an fd that is not open. */
long fd_read(int fd, void *buf, size_t len);
long fd_write(int fd, const void *buf, size_t len);
long fd_lseek(int fd, long off, int whence);
int fd_fstat(int fd, struct stat *st);
long fd_pread(int fd, void *buf, size_t len, long off);
long fd_pwrite(int fd, const void *buf, size_t len, long off);
int fd_fsync(int fd);
int fd_isatty(int fd);
int fd_poll(int fd);

/* fcntl(fd, cmd, arg) (fcntl.c) with newlib's command numbers (F_DUPFD
 * to F_SETFL, the same as Linux's) and open() flags: F_GETFL the flags,
 * F_SETFL changes O_APPEND and O_NONBLOCK only, F_DUPFD is fd_dup(fd,
 * arg), F_GETFD/F_SETFD 0 (there is no exec). -EBADF first for an fd
 * not open, -EINVAL for another command. */
int fd_fcntl(int fd, int cmd, int arg);

/* The stored open() flags, or -EBADF. */
int fd_get_flags(int fd);
/* Replace the stored flags of fd's open file (every dup sees them),
 * after the set_flags op accepted them. Returns 0, -EBADF, or the op's
 * error. */
int fd_set_flags(int fd, int flags);

#endif
