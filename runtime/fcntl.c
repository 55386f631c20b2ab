/*
 * fcntl() for both personalities: the commands on an fd, with newlib's
 * numbers and open() flags (F_DUPFD ... F_SETFL are Linux's numbers
 * too; the Linux shim converts the flags and F_DUPFD_CLOEXEC).
 */
#include <kernel/errno.h>

#include <fcntl.h>

#include <runtime/fd.h>

/* The flags F_SETFL may change; the others are fixed at open time. */
#define FD_SETTABLE_FLAGS (O_APPEND | O_NONBLOCK)

_Static_assert(F_DUPFD == 0 && F_GETFD == 1 && F_SETFD == 2 && F_GETFL == 3 &&
		   F_SETFL == 4,
	       "newlib's fcntl commands are Linux's");

/* F_SETFL: the settable bits from flags, the rest as they were. */
static int fd_setfl(int fd, int flags)
{
	int old = fd_get_flags(fd);

	if (old < 0)
		return old;
	flags = (old & ~FD_SETTABLE_FLAGS) | (flags & FD_SETTABLE_FLAGS);
	return fd_set_flags(fd, flags);
}

int fd_fcntl(int fd, int cmd, int arg)
{
	int flags = fd_get_flags(fd);

	if (flags < 0)
		return flags; /* -EBADF before anything, as Linux checks */
	switch (cmd) {
	case F_GETFL:
		return flags;
	case F_SETFL:
		return fd_setfl(fd, arg);
	case F_DUPFD:
		return fd_dup(fd, arg);
	case F_GETFD: /* close-on-exec is kept nowhere: there is no exec */
	case F_SETFD:
		return 0;
	default:
		return -EINVAL;
	}
}
