/*
 * The file-descriptor table. Every open fd is an object plus a table of
 * operations, so the console, sockets, block devices and files plug in
 * the same way. Private to runtime/ (the system calls and the backends).
 *
 * Return convention, for the ops and the fd_ functions alike: a count,
 * an offset or 0 on success, a negative Linux errno value (the kernel's
 * convention) on failure. The system calls turn that into errno.
 */
#ifndef RUNTIME_FD_H
#define RUNTIME_FD_H

#include <stddef.h>

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

/* Any op may be NULL; fd.c then gives the usual answer for a file that
 * cannot do it (see each op). */
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
	/* Release obj. Called once, after the fd has left the table, so it
	 * may block. NULL: nothing to release. */
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
	 * hang-up happened): epoll's edge triggering reports an fd again
	 * only after it moved. Read before the poll op, so a change in
	 * between is seen next time. NULL: it never moves. */
	unsigned long (*event_count)(void *obj);
};

/* Enter obj at the lowest free fd. Returns the fd, or -EMFILE. flags are
 * the open() flags, kept for fcntl(F_GETFL). */
int fd_open(const struct fd_ops *ops, void *obj, int flags);

/* Take fd out of the table, then call its close op if no other fd (a
 * dup) holds the same object. Returns its result (the fd is gone either
 * way; 0 when a dup keeps the object), or -EBADF. */
int fd_close(int fd);

/* dup(): the lowest free fd from min up now holds fd's object and flags
 * too (fcntl F_DUPFD; dup() is min 0). Returns it, -EBADF, -EINVAL for a
 * min outside the table, or -EMFILE. */
int fd_dup(int fd, int min);

/* dup2(): newfd holds fd's object; what newfd held before is closed
 * (its close op's error is ignored, as Linux does). newfd == fd is fd,
 * unchanged. Returns newfd, or -EBADF (fd not open, newfd outside the
 * table). */
int fd_dup2(int fd, int newfd);

/* The object behind fd if it is open with exactly these ops (a socket
 * call uses it to find its socket), else NULL. */
void *fd_object(int fd, const struct fd_ops *ops);

/* For lseek ops: the offset lseek(off, whence) moves a file at pos, of
 * size bytes, to. Any offset from 0 up is fine, past the end too.
 * Returns it, or -EINVAL (a bad whence, a result below 0), -EOVERFLOW. */
long fd_seek_offset(long pos, long size, long off, int whence);

/* Dispatch to the op of an open fd; -EBADF for a closed or bad fd. */
long fd_read(int fd, void *buf, size_t len);
long fd_write(int fd, const void *buf, size_t len);
long fd_lseek(int fd, long off, int whence);
int fd_fstat(int fd, struct stat *st);
/* -EINVAL for a negative offset. */
long fd_pread(int fd, void *buf, size_t len, long off);
long fd_pwrite(int fd, const void *buf, size_t len, long off);
int fd_fsync(int fd);
/* 1, or -ENOTTY or -EBADF. */
int fd_isatty(int fd);

/* The FD_POLL_ bits of an open fd (see the poll op), or -EBADF. */
int fd_poll(int fd);

/* Whether fd is open and has a poll op (epoll can watch it). */
int fd_pollable(int fd);

/* For epoll: the event counter of fd in *count (see the event_count op;
 * read first), then its FD_POLL_ bits as fd_poll() gives them. Returns
 * those, -EBADF, or -EPERM for a file without a poll op (a regular file
 * or a disk, always ready, which Linux's epoll refuses to watch). */
int fd_poll_count(int fd, unsigned long *count);

/* Call hook(fd) from fd_close() for every fd that closes, after it left
 * the table and before its close op runs (epoll forgets it there). The
 * hook must not block. One hook; NULL removes it. */
void fd_set_close_hook(void (*hook)(int fd));

/* The stored open() flags, or -EBADF. */
int fd_get_flags(int fd);
/* Replace the stored flags (of fd and every dup of it), after the
 * set_flags op accepted them. Returns 0, -EBADF, or the op's error. */
int fd_set_flags(int fd, int flags);

#endif
