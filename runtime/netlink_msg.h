/*
 * Linux's netlink route (rtnetlink) messages, built and parsed: pure
 * code for netlink.c, host-tested in tests/host/test_netlink_msg.c. The
 * layouts are Linux's <linux/netlink.h> and <linux/rtnetlink.h>: a
 * 16-byte struct nlmsghdr, then the family's header (struct ifinfomsg,
 * struct ifaddrmsg), then attributes (struct rtattr), each padded to 4
 * bytes.
 */
#ifndef RUNTIME_NETLINK_MSG_H
#define RUNTIME_NETLINK_MSG_H

#include <stddef.h>
#include <stdint.h>

#define NL_HDRLEN 16
#define NL_ALIGN(n) (((n) + 3) & ~(size_t)3)

/* Message types and flags (Linux's). */
#define NL_NLMSG_NOOP 1
#define NL_NLMSG_ERROR 2
#define NL_NLMSG_DONE 3
#define NL_RTM_NEWLINK 16
#define NL_RTM_GETLINK 18
#define NL_RTM_NEWADDR 20
#define NL_RTM_GETADDR 22
#define NL_F_REQUEST 0x1
#define NL_F_MULTI 0x2
#define NL_F_ACK 0x4
#define NL_F_DUMP 0x300

/* A request's header and the family its body asks for (AF_UNSPEC when
 * the body is too short to say). */
struct nl_req {
	uint32_t len;
	uint16_t type, flags;
	uint32_t seq, pid;
	uint8_t family;
	int32_t index; /* ifinfomsg's ifi_index when the body has one */
};

/* The request at buf (len bytes left): 0 and *r, or -EINVAL when no
 * whole message is there. */
int nl_parse_req(const void *buf, size_t len, struct nl_req *r);

/* An interface for RTM_NEWLINK. */
struct nl_link {
	unsigned int index;
	const char *name;
	unsigned int mtu;
	unsigned int flags;  /* Linux's IFF_ bits */
	unsigned short type; /* ARPHRD_ETHER, ARPHRD_LOOPBACK */
	const uint8_t *mac;  /* 6 bytes */
	const uint8_t *brd;  /* 6 bytes, or NULL */
	uint8_t operstate;   /* IF_OPER_UP, IF_OPER_UNKNOWN */
};

/* An address for RTM_NEWADDR. */
struct nl_addr {
	unsigned int index;
	const char *label; /* the interface's name (IPv4) */
	uint8_t family;	   /* AF_INET, AF_INET6 */
	uint8_t prefix;
	uint8_t scope;	     /* RT_SCOPE_ */
	uint8_t flags;	     /* IFA_F_ */
	const uint8_t *addr; /* 4 or 16 bytes */
	const uint8_t *brd;  /* IPv4 broadcast, or NULL */
};

/* Each builds one message (a dump's part: NLM_F_MULTI) into buf of room
 * bytes and returns its length, or 0 when it does not fit. */
size_t nl_put_link(void *buf, size_t room, uint32_t seq, uint32_t pid,
		   const struct nl_link *l);
size_t nl_put_addr(void *buf, size_t room, uint32_t seq, uint32_t pid,
		   const struct nl_addr *a);
/* NLMSG_DONE, ending a dump. */
size_t nl_put_done(void *buf, size_t room, uint32_t seq, uint32_t pid);
/* NLMSG_ERROR with err (0: an acknowledgement; else a negative errno)
 * and the request's header. */
size_t nl_put_error(void *buf, size_t room, const struct nl_req *r, int err,
		    uint32_t pid);

#endif
