/*
 * The runtime core's pipes: an fd pair over a 64 KiB byte ring (pipe.c),
 * for both personalities (C apps' pipe()/pipe2(), the Linux shim's
 * pipe/pipe2).
 */
#ifndef RUNTIME_PIPE_H
#define RUNTIME_PIPE_H

#include <stdbool.h>

/*
 * pipe2() with Linux's semantics: fds[0] is the read end, fds[1] the
 * write end. flags (open() flags, newlib's values as every file's):
 * O_NONBLOCK (both ends), O_CLOEXEC (accepted; there is no exec). Returns 0, or
 * -EINVAL (another flag), -EFAULT (fds NULL), -EMFILE, -ENOMEM; fds is
 * untouched on failure.
 *
 * The ends behave as Linux's: reads block until a byte is there or the
 * write end is closed (then 0, the end of file); writes of up to 4096
 * bytes (PIPE_BUF) go in whole, longer ones in pieces as room appears; a
 * write with the read end closed fails with -EPIPE (no signal);
 * O_NONBLOCK makes a call that would wait fail with -EAGAIN, or a long
 * write return short. fcntl(F_SETFL) switches O_NONBLOCK per end.
 * fstat gives S_IFIFO. poll/select/epoll: the read end is readable with
 * bytes in the ring, and hung up (POLLHUP) once the write end is closed;
 * the write end is writable with room for 4096 bytes, and in error
 * (POLLERR) once the read end is closed.
 */
int pipe_open(int fds[2], int flags);

/* fcntl(F_GETPIPE_SZ): the bytes fd's pipe holds at most (64 KiB, fixed),
 * or -EBADF when fd is not a pipe's end, as Linux answers. */
int pipe_capacity(int fd);

/* Whether open file f is an end of a pipe or FIFO. */
struct file;
bool pipe_file(const struct file *f);

struct pipe;

/*
 * Open a FIFO (a named pipe: vfs_fifo.c keeps one per FIFO inode in
 * *slot, NULL while nobody has it open) as Linux does: flags' access
 * mode and O_NONBLOCK. O_RDONLY waits for a writer to open it unless
 * O_NONBLOCK; O_WRONLY waits for a reader, and with O_NONBLOCK fails
 * with -ENXIO when there is none; O_RDWR never waits. Then the open
 * file is a pipe end as above (the end of file once the last writer
 * closes). When the last open file goes, the pipe and its bytes are
 * freed, *slot becomes NULL and released(ctx) is called (also when
 * this call fails and nobody else has it open). Returns the
 * fd, or -EINTR, -ENXIO, -EINVAL, -EMFILE, -ENOMEM.
 */
int pipe_fifo_open(struct pipe **slot, int flags, void (*released)(void *),
		   void *ctx);

#endif
