/*
 * The one place where kernel errors become the C library's errno. Below
 * runtime/ errors are negative Linux errno values (include/kernel/errno.h);
 * newlib numbers its errno differently above 34 (ENOSYS is 38 in Linux,
 * 88 in newlib), so every system call maps through runtime_ret().
 */
#include <errno.h>

#include "runtime_priv.h"

/*
 * Indexed by the Linux number (the Linux x86 ABI numbering, the one Xen
 * and xenstore use too); the value is newlib's name for the same error.
 * Numbers newlib only names with __LINUX_ERRNO_EXTENSIONS__ (ENOTBLK,
 * ESHUTDOWN, ...) are left out: 0 here, EIO to the application.
 */
static const unsigned char linux_to_newlib[] = {
    [1] = EPERM,
    [2] = ENOENT,
    [3] = ESRCH,
    [4] = EINTR,
    [5] = EIO,
    [6] = ENXIO,
    [7] = E2BIG,
    [8] = ENOEXEC,
    [9] = EBADF,
    [10] = ECHILD,
    [11] = EAGAIN,
    [12] = ENOMEM,
    [13] = EACCES,
    [14] = EFAULT,
    [16] = EBUSY,
    [17] = EEXIST,
    [18] = EXDEV,
    [19] = ENODEV,
    [20] = ENOTDIR,
    [21] = EISDIR,
    [22] = EINVAL,
    [23] = ENFILE,
    [24] = EMFILE,
    [25] = ENOTTY,
    [26] = ETXTBSY,
    [27] = EFBIG,
    [28] = ENOSPC,
    [29] = ESPIPE,
    [30] = EROFS,
    [31] = EMLINK,
    [32] = EPIPE,
    [33] = EDOM,
    [34] = ERANGE,
    [35] = EDEADLK,
    [36] = ENAMETOOLONG,
    [37] = ENOLCK,
    [38] = ENOSYS,
    [39] = ENOTEMPTY,
    [40] = ELOOP,
    [42] = ENOMSG,
    [43] = EIDRM,
    [60] = ENOSTR,
    [61] = ENODATA,
    [62] = ETIME,
    [63] = ENOSR,
    [67] = ENOLINK,
    [71] = EPROTO,
    [72] = EMULTIHOP,
    [74] = EBADMSG,
    [75] = EOVERFLOW,
    [84] = EILSEQ,
    [88] = ENOTSOCK,
    [89] = EDESTADDRREQ,
    [90] = EMSGSIZE,
    [91] = EPROTOTYPE,
    [92] = ENOPROTOOPT,
    [93] = EPROTONOSUPPORT,
    /* One Linux number for ENOTSUP and EOPNOTSUPP; the kernel
	 * headers call it ENOTSUP, and so does the C library here. */
    [95] = ENOTSUP,
    [96] = EPFNOSUPPORT,
    [97] = EAFNOSUPPORT,
    [98] = EADDRINUSE,
    [99] = EADDRNOTAVAIL,
    [100] = ENETDOWN,
    [101] = ENETUNREACH,
    [102] = ENETRESET,
    [103] = ECONNABORTED,
    [104] = ECONNRESET,
    [105] = ENOBUFS,
    [106] = EISCONN,
    [107] = ENOTCONN,
    [109] = ETOOMANYREFS,
    [110] = ETIMEDOUT,
    [111] = ECONNREFUSED,
    [112] = EHOSTDOWN,
    [113] = EHOSTUNREACH,
    [114] = EALREADY,
    [115] = EINPROGRESS,
    [116] = ESTALE,
    [122] = EDQUOT,
    [125] = ECANCELED,
    [130] = EOWNERDEAD,
    [131] = ENOTRECOVERABLE,
};
_Static_assert(ENOTRECOVERABLE < 256 && ENOTSUP < 256, "fits the table");

int runtime_errno(int linux_errno)
{
	if (linux_errno > 0 &&
	    (unsigned int)linux_errno < sizeof(linux_to_newlib) &&
	    linux_to_newlib[linux_errno])
		return linux_to_newlib[linux_errno];
	return EIO;
}

int runtime_errno_to_linux(int newlib_errno)
{
	unsigned int i;

	/* The table read backwards; a number newlib gives that has no Linux
	 * twin here is an I/O error. newlib's EOPNOTSUPP (lwIP uses it) is
	 * not in the table: Linux's one number for both is ENOTSUP's. */
	if (newlib_errno == EOPNOTSUPP)
		return 95;
	for (i = 1; i < sizeof(linux_to_newlib); i++)
		if (linux_to_newlib[i] && linux_to_newlib[i] == newlib_errno)
			return (int)i;
	return 5; /* EIO */
}

int runtime_errno_linux_now(void)
{
	return runtime_errno_to_linux(errno);
}

long runtime_ret(long kret)
{
	if (kret >= 0)
		return kret;
	errno = runtime_errno((int)-kret);
	return -1;
}

int runtime_set_errno(int newlib_errno)
{
	errno = newlib_errno;
	return -1;
}
