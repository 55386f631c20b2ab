/*
 * The Skiff side of test_libc_abi: the values of libc_abi.def as Skiff's
 * include/libc/ headers give them, compiled without the host C library
 * (see the Makefile's flags for this file).
 */
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

extern const long long skiff_abi_values[];
const long long skiff_abi_values[] = {
#define ABI(name, expr) (long long)(expr),
#include "libc_abi.def"
#undef ABI
};
