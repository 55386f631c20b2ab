/*
 * Name and service resolution, with the Linux x86-64 ABI (struct addrinfo
 * layout, AI_ and EAI_ values). Numeric hosts always resolve; names go to
 * DNS when a resolver is configured (the dns= boot option, or DHCP).
 */
#ifndef _SKIFF_NETDB_H
#define _SKIFF_NETDB_H

#include <sys/cdefs.h>
#include <sys/socket.h>

struct addrinfo {
	int ai_flags;
	int ai_family;
	int ai_socktype;
	int ai_protocol;
	socklen_t ai_addrlen;
	struct sockaddr *ai_addr;
	char *ai_canonname;
	struct addrinfo *ai_next;
};

#define AI_PASSIVE 0x0001
#define AI_CANONNAME 0x0002
#define AI_NUMERICHOST 0x0004
#define AI_V4MAPPED 0x0008
#define AI_ALL 0x0010
#define AI_ADDRCONFIG 0x0020
#define AI_NUMERICSERV 0x0400

#define EAI_BADFLAGS -1
#define EAI_NONAME -2
#define EAI_AGAIN -3
#define EAI_FAIL -4
#define EAI_FAMILY -6
#define EAI_SOCKTYPE -7
#define EAI_SERVICE -8
#define EAI_MEMORY -10
#define EAI_SYSTEM -11
#define EAI_OVERFLOW -12

#define NI_MAXHOST 1025
#define NI_MAXSERV 32

__BEGIN_DECLS

/* 0 and *res a list to free with freeaddrinfo(), or an EAI_ value. */
int getaddrinfo(const char *__restrict node, const char *__restrict service,
		const struct addrinfo *__restrict hints,
		struct addrinfo **__restrict res);
void freeaddrinfo(struct addrinfo *res);
const char *gai_strerror(int err);

__END_DECLS

#endif
