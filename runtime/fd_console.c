/*
 * The console as a file: fds 0, 1 and 2 at start-up. Reads block until
 * console input arrives (or fail with EAGAIN under O_NONBLOCK), writes go
 * to the PV console ring, and it is a character device and a terminal, so
 * newlib line-buffers stdout on it. poll() and epoll see input arrive
 * through the console's input hook.
 */
#include <kernel/console.h>
#include <kernel/console_ring.h>
#include <kernel/errno.h>
#include <kernel/printk.h>

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include <runtime/fd.h>
#include "runtime_priv.h"

/* The console's device number as Linux gives /dev/console (5, 1). */
#define CONSOLE_RDEV ((5 << 8) | 1)

/* One per console fd: the fds share the console but not their flags. */
struct con_file {
	bool nonblock; /* O_NONBLOCK */
};

static struct {
	bool after_cr; /* the last byte read was "\r" (console_input_crlf) */
	struct con_file files[3];
	struct file open[3];  /* their open files, static: see below */
	unsigned long events; /* moves on every input event (epoll's edges) */
} con_in;

/* Line endings arrive as a terminal sends them; readers get "\n". A chunk
 * that was only the "\n" of a "\r\n" reads on rather than return 0,
 * which would mean end of file (as it does without a console ring). */
static long console_fd_read(void *obj, void *buf, size_t len)
{
	struct con_file *f = obj;
	size_t got, n;

	if (!len)
		return 0;
	do {
		if (f->nonblock && !console_input_ready())
			return -EAGAIN;
		got = console_read(buf, len);
		n = console_input_crlf(buf, got, &con_in.after_cr);
	} while (got && !n);
	return (long)n;
}

/* Output never waits long (the ring drains into dom0), so the console is
 * always writable. */
static int console_fd_poll(void *obj)
{
	(void)obj;
	return FD_POLL_OUT | (console_input_ready() ? FD_POLL_IN : 0);
}

/* Output never fills up, so only input makes the console more ready. */
static unsigned long console_fd_event_count(void *obj)
{
	(void)obj;
	return READ_ONCE(con_in.events);
}

/* The console's input hook, in upcall context: one word written on this
 * vCPU only, then the pollers' wake-up (safe there too). */
static void console_fd_input(void)
{
	con_in.events++;
	runtime_poll_wake();
}

static int console_fd_set_flags(void *obj, int flags)
{
	struct con_file *f = obj;

	f->nonblock = !!(flags & O_NONBLOCK);
	return 0;
}

static long console_fd_write(void *obj, const void *buf, size_t len)
{
	(void)obj;
	console_write(buf, len);
	return (long)len;
}

static int console_fd_fstat(void *obj, struct stat *st)
{
	(void)obj;
	file_stat_init(st, S_IFCHR | S_IRUSR | S_IWUSR | S_IWGRP, 1024);
	st->st_rdev = CONSOLE_RDEV;
	return 0;
}

static int console_fd_isatty(void *obj)
{
	(void)obj;
	return 1;
}

/* No lseek (-ESPIPE) and nothing to release on close. */
static const struct fd_ops console_fd_ops = {
    .read = console_fd_read,
    .write = console_fd_write,
    .fstat = console_fd_fstat,
    .isatty = console_fd_isatty,
    .poll = console_fd_poll,
    .set_flags = console_fd_set_flags,
    .event_count = console_fd_event_count,
};

void fd_console_open_std(void)
{
	int i;

	/* This runs in the boot context, which must not call malloc(): the
	 * open files are static, and each keeps a reference of its own, so
	 * closing its fds never frees it. The table is empty at start-up,
	 * so they become fds 0, 1 and 2. */
	for (i = 0; i < 3; i++) {
		file_init(&con_in.open[i], &console_fd_ops, &con_in.files[i],
			  O_RDWR);
		if (fd_install(&con_in.open[i], 0) != i)
			panic("runtime: the console is not fd %d", i);
	}
	console_set_input_hook(console_fd_input);
}
