/*
 * Socket calls of the Linux shim, over the runtime's lwIP sockets
 * (<runtime/sock.h>), which already take Linux's values and address
 * layouts and return negative Linux errno values. Addresses and options
 * are copied between user memory and the kernel stack; data buffers are
 * checked and used in place.
 */
#include <kernel/errno.h>

#include <runtime/sock.h>

#include "linux_priv.h"

#define ADDR_MAX 128 /* struct sockaddr_storage */
#define OPT_MAX 256

LINUX_SYS(socket)
{
	return sock_create((int)A0(r), (int)A1(r), (int)A2(r));
}

/* Copy an address of ulen bytes in; -EINVAL for a length past ADDR_MAX. */
static int addr_in(uint64_t uaddr, uint64_t ulen, char *addr)
{
	if (ulen > ADDR_MAX)
		return -EINVAL;
	return user_copy_from(addr, uaddr, ulen);
}

LINUX_SYS(bind)
{
	char addr[ADDR_MAX];
	int rc = addr_in(A1(r), A2(r), addr);

	return rc < 0 ? rc : sock_bind((int)A0(r), addr, (unsigned int)A2(r));
}

LINUX_SYS(connect)
{
	char addr[ADDR_MAX];
	int rc = addr_in(A1(r), A2(r), addr);

	return rc < 0 ? rc
		      : sock_connect((int)A0(r), addr, (unsigned int)A2(r));
}

LINUX_SYS(listen)
{
	return sock_listen((int)A0(r), (int)A1(r));
}

/* An address out: *ulen says the room, gets the full length; the
 * address is cut to the room, as Linux does. */
static int addr_room(uint64_t ulen, unsigned int *len)
{
	uint32_t room;

	if (user_copy_from(&room, ulen, sizeof(room)) < 0)
		return -EFAULT;
	if ((int32_t)room < 0)
		return -EINVAL;
	*len = room > ADDR_MAX ? ADDR_MAX : room;
	return 0;
}

static int addr_out(uint64_t uaddr, uint64_t ulen, const char *addr,
		    unsigned int room, unsigned int len)
{
	if (user_copy_to(uaddr, addr, len < room ? len : room) < 0 ||
	    user_copy_to(ulen, &len, sizeof(len)) < 0)
		return -EFAULT;
	return 0;
}

LINUX_SYS(accept4)
{
	char addr[ADDR_MAX];
	unsigned int room = 0, len;
	long fd;
	int rc;

	if (A1(r) && (rc = addr_room(A2(r), &room)) < 0)
		return rc;
	len = room;
	fd = sock_accept((int)A0(r), A1(r) ? addr : NULL, A1(r) ? &len : NULL,
			 (int)A3(r));
	if (fd >= 0 && A1(r) && addr_out(A1(r), A2(r), addr, room, len) < 0)
		return -EFAULT; /* as Linux: the connection is lost */
	return fd;
}

LINUX_SYS(accept)
{
	r->r10 = 0;
	return sys_accept4(r);
}

static long name(struct user_regs *r, bool peer)
{
	char addr[ADDR_MAX];
	unsigned int room, len;
	long rc;

	if ((rc = addr_room(A2(r), &room)) < 0)
		return rc;
	len = room;
	if ((rc = sock_name((int)A0(r), addr, &len, peer)) < 0)
		return rc;
	return addr_out(A1(r), A2(r), addr, room, len);
}

LINUX_SYS(getsockname)
{
	return name(r, false);
}

LINUX_SYS(getpeername)
{
	return name(r, true);
}

LINUX_SYS(setsockopt)
{
	char val[OPT_MAX];

	if (A4(r) > OPT_MAX)
		return -EINVAL;
	if (user_copy_from(val, A3(r), A4(r)) < 0)
		return -EFAULT;
	return sock_setsockopt((int)A0(r), (int)A1(r), (int)A2(r), val,
			       (unsigned int)A4(r));
}

LINUX_SYS(getsockopt)
{
	char val[OPT_MAX];
	unsigned int room, len;
	long rc;

	if (user_copy_from(&room, A4(r), sizeof(room)) < 0)
		return -EFAULT;
	if ((int)room < 0)
		return -EINVAL;
	len = room > OPT_MAX ? OPT_MAX : room;
	if ((rc = sock_getsockopt((int)A0(r), (int)A1(r), (int)A2(r), val,
				  &len)) < 0)
		return rc;
	if (len > room)
		len = room;
	if (user_copy_to(A3(r), val, len) < 0 ||
	    user_copy_to(A4(r), &len, sizeof(len)) < 0)
		return -EFAULT;
	return 0;
}

LINUX_SYS(sendto)
{
	char addr[ADDR_MAX];
	int rc;

	if (!user_access_ok(A1(r), A2(r), false))
		return -EFAULT;
	if (A4(r) && (rc = addr_in(A4(r), A5(r), addr)) < 0)
		return rc;
	return sock_send((int)A0(r), (const void *)A1(r), A2(r), (int)A3(r),
			 A4(r) ? addr : NULL, (unsigned int)A5(r));
}

LINUX_SYS(recvfrom)
{
	char addr[ADDR_MAX];
	unsigned int room = 0, len;
	long got;
	int rc;

	if (!user_access_ok(A1(r), A2(r), true))
		return -EFAULT;
	if (A4(r) && A5(r) && (rc = addr_room(A5(r), &room)) < 0)
		return rc;
	len = room;
	got = sock_recv((int)A0(r), (void *)A1(r), A2(r), (int)A3(r),
			A4(r) && A5(r) ? addr : NULL,
			A4(r) && A5(r) ? &len : NULL);
	if (got >= 0 && A4(r) && A5(r) &&
	    addr_out(A4(r), A5(r), addr, room, len) < 0)
		return -EFAULT;
	return got;
}

LINUX_SYS(shutdown)
{
	return sock_shutdown((int)A0(r), (int)A1(r));
}
