/*
 * Skiff's Linux-ABI headers (include/libc/) against the host C library's,
 * which are Linux's: every constant, size and offset in libc_abi.def must
 * be the same on both sides. libc_abi_skiff.c holds Skiff's values.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>

#include "check.h"

extern const long long skiff_abi_values[];

static const struct {
	const char *name;
	long long value;
} linux_values[] = {
#define ABI(name, expr) {#name, (long long)(expr)},
#include "libc_abi.def"
#undef ABI
};

static void same_as_linux(void)
{
	size_t i;

	for (i = 0; i < sizeof(linux_values) / sizeof(linux_values[0]); i++)
		if (!CHECK_EQ_I64(skiff_abi_values[i], linux_values[i].value))
			FAIL("%s differs", linux_values[i].name);
}

CHECK_MAIN("libc_abi", CHECK_TEST(same_as_linux))
