/*
 * AF_UNIX addresses, with the Linux x86-64 layout: a path, or an
 * abstract name when sun_path[0] is NUL (see docs/runtime.md).
 */
#ifndef _SKIFF_SYS_UN_H
#define _SKIFF_SYS_UN_H

#include <sys/socket.h>

struct sockaddr_un {
	sa_family_t sun_family;
	char sun_path[108];
};

#endif
