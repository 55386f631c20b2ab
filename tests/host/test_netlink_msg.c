/*
 * Tests of runtime/netlink_msg.c: the rtnetlink messages built are read
 * back with the host's (Linux's) <linux/netlink.h> and
 * <linux/rtnetlink.h> macros and structures, as a Linux program reads
 * them; requests parse; a message that does not fit is refused whole.
 */
#include <kernel/errno.h>

#include <linux/if_arp.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

#include "../../runtime/netlink_msg.h"
#include "check.h"

_Static_assert(NL_HDRLEN == NLMSG_HDRLEN, "nlmsghdr");
_Static_assert(NL_RTM_GETLINK == RTM_GETLINK && NL_RTM_GETADDR == RTM_GETADDR &&
		   NL_RTM_NEWLINK == RTM_NEWLINK &&
		   NL_RTM_NEWADDR == RTM_NEWADDR,
	       "types");
_Static_assert(NL_NLMSG_DONE == NLMSG_DONE && NL_NLMSG_ERROR == NLMSG_ERROR &&
		   NL_F_DUMP == NLM_F_DUMP && NL_F_MULTI == NLM_F_MULTI,
	       "control");

static const uint8_t mac[6] = {0x00, 0x16, 0x3e, 0x0a, 0x0b, 0x0c};

static void link_msg(void)
{
	static unsigned char buf[512];
	struct nl_link l = {.index = 2,
			    .name = "vif0",
			    .mtu = 1500,
			    .flags = 0x11043,
			    .type = ARPHRD_ETHER,
			    .mac = mac,
			    .operstate = 6};
	size_t n = nl_put_link(buf, sizeof(buf), 7, 1234, &l), seen = 0;
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct ifinfomsg *ifi;
	struct rtattr *a;
	int len;

	CHECK(n > 0);
	CHECK(NLMSG_OK(h, n));
	CHECK_EQ_U64(h->nlmsg_len, n);
	CHECK_EQ_U64(h->nlmsg_type, RTM_NEWLINK);
	CHECK_EQ_U64(h->nlmsg_flags, NLM_F_MULTI);
	CHECK_EQ_U64(h->nlmsg_seq, 7);
	CHECK_EQ_U64(h->nlmsg_pid, 1234);
	ifi = NLMSG_DATA(h);
	CHECK_EQ_I64(ifi->ifi_index, 2);
	CHECK_EQ_U64(ifi->ifi_flags, 0x11043);
	CHECK_EQ_U64(ifi->ifi_type, ARPHRD_ETHER);
	len = (int)IFLA_PAYLOAD(h);
	for (a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == IFLA_IFNAME) {
			CHECK_STR((char *)RTA_DATA(a), "vif0");
			seen |= 1;
		} else if (a->rta_type == IFLA_MTU) {
			CHECK_EQ_U64(*(uint32_t *)RTA_DATA(a), 1500);
			seen |= 2;
		} else if (a->rta_type == IFLA_ADDRESS) {
			CHECK_EQ_U64(RTA_PAYLOAD(a), 6);
			CHECK_MEM(RTA_DATA(a), mac, 6);
			seen |= 4;
		} else if (a->rta_type == IFLA_OPERSTATE) {
			CHECK_EQ_U64(*(uint8_t *)RTA_DATA(a), 6);
			seen |= 8;
		}
	}
	CHECK_EQ_I64(len, 0); /* the attributes fill the message exactly */
	CHECK_EQ_U64(seen, 15);
	/* Too little room: nothing, not a part. */
	CHECK_EQ_U64(nl_put_link(buf, n - 1, 7, 1234, &l), 0);
	CHECK_EQ_U64(nl_put_link(buf, n, 7, 1234, &l), n);
}

static void addr_msgs(void)
{
	static unsigned char buf[512];
	const uint8_t v4[4] = {169, 254, 10, 21}, brd[4] = {169, 254, 255, 255};
	const uint8_t v6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
	struct nl_addr a4 = {.index = 2,
			     .label = "vif0",
			     .family = AF_INET,
			     .prefix = 16,
			     .addr = v4,
			     .brd = brd};
	struct nl_addr a6 = {.index = 1,
			     .family = AF_INET6,
			     .prefix = 128,
			     .scope = RT_SCOPE_HOST,
			     .addr = v6};
	size_t n1 = nl_put_addr(buf, sizeof(buf), 1, 5, &a4);
	size_t n2 = nl_put_addr(buf + n1, sizeof(buf) - n1, 1, 5, &a6);
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	int left = (int)(n1 + n2), msgs = 0, first_attr;

	CHECK(n1 && n2);
	for (; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
		struct ifaddrmsg *ifa = NLMSG_DATA(h);
		struct rtattr *a;
		int len = (int)IFA_PAYLOAD(h);

		CHECK_EQ_U64(h->nlmsg_type, RTM_NEWADDR);
		first_attr = -1;
		for (a = IFA_RTA(ifa); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
			if (first_attr < 0)
				first_attr = a->rta_type;
			if (ifa->ifa_family == AF_INET &&
			    a->rta_type == IFA_LOCAL)
				CHECK_MEM(RTA_DATA(a), v4, 4);
			if (ifa->ifa_family == AF_INET &&
			    a->rta_type == IFA_BROADCAST)
				CHECK_MEM(RTA_DATA(a), brd, 4);
			if (ifa->ifa_family == AF_INET &&
			    a->rta_type == IFA_LABEL)
				CHECK_STR((char *)RTA_DATA(a), "vif0");
			if (ifa->ifa_family == AF_INET6 &&
			    a->rta_type == IFA_ADDRESS)
				CHECK_MEM(RTA_DATA(a), v6, 16);
		}
		CHECK_EQ_I64(first_attr, IFA_ADDRESS);
		if (msgs == 0) {
			CHECK_EQ_U64(ifa->ifa_family, AF_INET);
			CHECK_EQ_U64(ifa->ifa_prefixlen, 16);
			CHECK_EQ_U64(ifa->ifa_index, 2);
		} else {
			CHECK_EQ_U64(ifa->ifa_family, AF_INET6);
			CHECK_EQ_U64(ifa->ifa_prefixlen, 128);
			CHECK_EQ_U64(ifa->ifa_scope, RT_SCOPE_HOST);
			CHECK_EQ_U64(ifa->ifa_index, 1);
		}
		msgs++;
	}
	CHECK_EQ_I64(msgs, 2);
	CHECK_EQ_I64(left, 0);
}

static void request_index(void)
{
	struct {
		struct nlmsghdr h;
		struct ifinfomsg i;
	} req = {{NLMSG_LENGTH(sizeof(struct ifinfomsg)), RTM_GETLINK,
		  NLM_F_REQUEST, 3, 0},
		 {.ifi_family = AF_UNSPEC, .ifi_index = 42}};
	struct nl_req r;

	CHECK_EQ_I64(nl_parse_req(&req, sizeof(req), &r), 0);
	CHECK_EQ_I64(r.index, 42);
	CHECK_EQ_U64(r.flags, NLM_F_REQUEST);
}

static void done_error_and_requests(void)
{
	struct {
		struct nlmsghdr h;
		struct rtgenmsg g;
	} req = {{NLMSG_LENGTH(sizeof(struct rtgenmsg)), RTM_GETADDR,
		  NLM_F_REQUEST | NLM_F_DUMP, 9, 0},
		 {AF_INET6}};
	static unsigned char buf[128];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct nlmsgerr *e;
	struct nl_req r;
	size_t n;

	CHECK_EQ_I64(nl_parse_req(&req, sizeof(req), &r), 0);
	CHECK_EQ_U64(r.type, RTM_GETADDR);
	CHECK_EQ_U64(r.flags, NLM_F_REQUEST | NLM_F_DUMP);
	CHECK_EQ_U64(r.seq, 9);
	CHECK_EQ_U64(r.family, AF_INET6);
	CHECK_EQ_I64(r.index, 0); /* an rtgenmsg has no index */
	CHECK_EQ_I64(nl_parse_req(&req, NLMSG_HDRLEN - 1, &r), -EINVAL);
	CHECK_EQ_I64(nl_parse_req(&req, req.h.nlmsg_len - 1, &r), -EINVAL);
	req.h.nlmsg_len = 3;
	CHECK_EQ_I64(nl_parse_req(&req, sizeof(req), &r), -EINVAL);
	req.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtgenmsg));

	nl_parse_req(&req, sizeof(req), &r);
	n = nl_put_done(buf, sizeof(buf), r.seq, 77);
	CHECK_EQ_U64(n, NLMSG_LENGTH(sizeof(int)));
	CHECK_EQ_U64(h->nlmsg_type, NLMSG_DONE);
	CHECK_EQ_U64(h->nlmsg_seq, 9);
	CHECK_EQ_U64(h->nlmsg_pid, 77);
	n = nl_put_error(buf, sizeof(buf), &r, -EOPNOTSUPP, 77);
	CHECK_EQ_U64(n, NLMSG_LENGTH(sizeof(struct nlmsgerr)));
	CHECK_EQ_U64(h->nlmsg_type, NLMSG_ERROR);
	e = NLMSG_DATA(h);
	CHECK_EQ_I64(e->error, -EOPNOTSUPP);
	CHECK_EQ_U64(e->msg.nlmsg_type, RTM_GETADDR);
	CHECK_EQ_U64(e->msg.nlmsg_seq, 9);
	CHECK_EQ_U64(nl_put_error(buf, 20, &r, -EOPNOTSUPP, 77), 0);
}

CHECK_MAIN("netlink_msg", CHECK_TEST(link_msg), CHECK_TEST(addr_msgs),
	   CHECK_TEST(request_index), CHECK_TEST(done_error_and_requests))
