/*
 * struct iovec, with the Linux x86-64 layout (a base and a length), for
 * <sys/socket.h>'s struct msghdr.
 */
#ifndef _SKIFF_SYS_UIO_H
#define _SKIFF_SYS_UIO_H

#include <stddef.h>

struct iovec {
	void *iov_base;
	size_t iov_len;
};

#endif
