/*
 * Socket calls of the Linux shim, over the runtime's lwIP sockets
 * (<runtime/sock.h>), which already take Linux's values and address
 * layouts and return negative Linux errno values. Addresses and options
 * are copied between user memory and the kernel stack, data through
 * uio.c's buffers. The checks come in Linux's order: the fd (EBADF,
 * ENOTSOCK) before the pointers it reads, except where Linux's own
 * order differs (sendto and recvfrom check the buffer's range first,
 * connect reads the address before it asks whether fd is a socket).
 */
#include <kernel/errno.h>

#include <stdlib.h>

#include <runtime/fd.h>
#include <runtime/sock.h>

#include "linux_priv.h"

#define ADDR_MAX 128 /* struct sockaddr_storage */
#define OPT_MAX 256

/* Linux's constants for socket()'s checks. */
#define L_SOCK_TYPE_MASK 0xf
#define L_SOCK_MAX 11
#define L_SOCK_FLAGS (04000 | 02000000) /* SOCK_NONBLOCK, SOCK_CLOEXEC */
#define L_NPROTO 46
#define L_IPPROTO_MAX 263

/* Linux's checks before a family's own: stray type bits (EINVAL), the
 * family's range (EAFNOSUPPORT), the type's (EINVAL), and for the
 * internet families the protocol's range (EINVAL). */
LINUX_SYS(socket)
{
	int family = (int)A0(r), type = (int)A1(r), proto = (int)A2(r);

	if ((type & ~L_SOCK_TYPE_MASK) & ~L_SOCK_FLAGS)
		return -EINVAL;
	if (family < 0 || family >= L_NPROTO)
		return -EAFNOSUPPORT;
	if ((type & L_SOCK_TYPE_MASK) >= L_SOCK_MAX)
		return -EINVAL;
	if ((family == L_AF_INET || family == L_AF_INET6) &&
	    (proto < 0 || proto >= L_IPPROTO_MAX))
		return -EINVAL;
	return sock_create(family, type, proto);
}

/* Copy an address of ulen bytes in; -EINVAL for a length past ADDR_MAX
 * or negative (Linux's int). */
static int addr_in(uint64_t uaddr, uint64_t ulen, char *addr)
{
	if ((uint32_t)ulen > ADDR_MAX)
		return -EINVAL;
	return user_copy_from(addr, uaddr, (uint32_t)ulen);
}

/* Linux's MAX_RW_COUNT: what one send or receive moves at most; its
 * buffer's range is checked for this much (import_ubuf). */
#define RW_MAX 0x7ffff000UL

static bool buf_range_ok(uint64_t ubuf, uint64_t len)
{
	return user_range_ok(ubuf, len < RW_MAX ? len : RW_MAX);
}

LINUX_SYS(bind)
{
	char addr[ADDR_MAX];
	long rc;

	if ((rc = sock_check((int)A0(r))) < 0 ||
	    (rc = addr_in(A1(r), A2(r), addr)) < 0)
		return rc;
	return sock_bind((int)A0(r), addr, (unsigned int)A2(r));
}

/* Linux looks the fd up, reads the address, and only then asks whether
 * the file is a socket (ENOTSOCK, from sock_connect). */
LINUX_SYS(connect)
{
	char addr[ADDR_MAX];
	int rc;

	if (fd_get_flags((int)A0(r)) < 0)
		return -EBADF;
	if ((rc = addr_in(A1(r), A2(r), addr)) < 0)
		return rc;
	return sock_connect((int)A0(r), addr, (unsigned int)A2(r));
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

/* accept4() with flags; accept() is flags 0 (the caller's r10 left
 * alone: Linux changes no register but rax, rcx and r11). */
static long do_accept(struct user_regs *r, int flags)
{
	char addr[ADDR_MAX];
	unsigned int room = 0, len;
	long fd;
	int rc;

	if (A1(r) && (rc = addr_room(A2(r), &room)) < 0)
		return rc;
	len = room;
	fd = sock_accept((int)A0(r), A1(r) ? addr : NULL, A1(r) ? &len : NULL,
			 flags);
	if (fd >= 0 && A1(r) && addr_out(A1(r), A2(r), addr, room, len) < 0)
		return -EFAULT; /* as Linux: the connection is lost */
	return fd;
}

LINUX_SYS(accept4)
{
	return do_accept(r, (int)A3(r));
}

LINUX_SYS(accept)
{
	return do_accept(r, 0);
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

/* Linux's option levels besides SOL_SOCKET (IPPROTO_IP, TCP, UDP,
 * IPV6). */
#define L_SOL_IP 0
#define L_SOL_TCP 6
#define L_SOL_UDP 17
#define L_SOL_IPV6 41

/* Whether a protocol of socket fd answers options of level (Linux
 * passes other levels to the protocol, which refuses them before it
 * reads optlen). */
static bool level_known(int fd, int level)
{
	int type;

	if (level == L_SOL_SOCKET || level == L_SOL_IP || level == L_SOL_IPV6)
		return true;
	if (level != L_SOL_TCP && level != L_SOL_UDP)
		return false;
	if ((type = linux_sock_type(fd)) < 0)
		return true; /* let the layer answer */
	return level == (type == L_SOCK_STREAM ? L_SOL_TCP : L_SOL_UDP);
}

/* The option's value is copied in whole (at most OPT_MAX bytes: no
 * option is longer) once the fd and the length's sign are checked. */
LINUX_SYS(setsockopt)
{
	char val[OPT_MAX];
	int fd = (int)A0(r), len = (int)A4(r);
	long rc;

	if ((rc = sock_check(fd)) < 0)
		return rc;
	if (len < 0)
		return -EINVAL;
	if (len > OPT_MAX)
		len = OPT_MAX;
	if (user_copy_from(val, A3(r), (size_t)len) < 0)
		return -EFAULT;
	return sock_setsockopt(fd, (int)A1(r), (int)A2(r), val,
			       (unsigned int)len);
}

LINUX_SYS(getsockopt)
{
	char val[OPT_MAX];
	unsigned int room, len;
	long rc;

	if ((rc = sock_check((int)A0(r))) < 0)
		return rc;
	if (!level_known((int)A0(r), (int)A1(r)))
		return -EOPNOTSUPP;
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

/* sock_send/sock_recv as uio functions (uio.c): one piece a call, so
 * a datagram is never split. */
struct sock_io {
	int fd, flags;
	const void *addr;     /* send: the address, or NULL */
	unsigned int addrlen; /* send */
	void *from;	      /* recv: room for the sender, or NULL */
	unsigned int *fromlen;
};

static long io_send(void *ctx, void *buf, size_t n, size_t done)
{
	struct sock_io *io = ctx;

	(void)done;
	return sock_send(io->fd, buf, n, io->flags, io->addr, io->addrlen);
}

static long io_recv(void *ctx, void *buf, size_t n, size_t done)
{
	struct sock_io *io = ctx;

	(void)done;
	return sock_recv(io->fd, buf, n, io->flags, io->from, io->fromlen);
}

LINUX_SYS(sendto)
{
	char addr[ADDR_MAX];
	struct sock_io io = {(int)A0(r), (int)A3(r), NULL, 0, NULL, NULL};
	long ref;
	int rc;

	if (!buf_range_ok(A1(r), A2(r)))
		return -EFAULT;
	if ((rc = (int)sock_check(io.fd)) < 0)
		return rc;
	if (A4(r) && (rc = addr_in(A4(r), A5(r), addr)) < 0)
		return rc;
	if (A4(r)) {
		io.addr = addr;
		io.addrlen = (unsigned int)A5(r);
	}
	if ((rc = (int)uio_check_whole(io.fd, A2(r))) < 0)
		return rc;
	rc = (int)uio_out(A1(r), A2(r), io_send, &io, 0);
	if (rc == -EFAULT &&
	    (ref = sock_send_refusal(io.fd, io.flags, io.addr, io.addrlen)) < 0)
		return ref; /* Linux refuses before it reads the data */
	return rc;
}

/* The sender's address out after a receive (Linux's
 * move_addr_to_user): *ulen read only now, cut to the address's
 * length, negative EINVAL; the full length written back. */
static long from_out(uint64_t uaddr, uint64_t ulen, const char *addr,
		     unsigned int len)
{
	int32_t room, have = len < ADDR_MAX ? (int32_t)len : ADDR_MAX;

	if (user_copy_from(&room, ulen, sizeof(room)) < 0)
		return -EFAULT;
	if (room > have)
		room = have;
	if (room < 0)
		return -EINVAL;
	if (room && user_copy_to(uaddr, addr, (size_t)room) < 0)
		return -EFAULT;
	return user_copy_to(ulen, &len, sizeof(len)) < 0 ? -EFAULT : 0;
}

/* As Linux: the buffer's range, the fd, the receive, and only then the
 * sender's address (whose length it reads last). */
LINUX_SYS(recvfrom)
{
	char addr[ADDR_MAX];
	unsigned int len = ADDR_MAX;
	struct sock_io io = {(int)A0(r), (int)A3(r), NULL, 0, NULL, NULL};
	long got, rc;

	if (!buf_range_ok(A1(r), A2(r)))
		return -EFAULT;
	if ((rc = sock_check(io.fd)) < 0)
		return rc;
	if (A4(r)) {
		io.from = addr;
		io.fromlen = &len;
	}
	got = uio_in(A1(r), A2(r), io_recv, &io, 0);
	if (got >= 0 && A4(r) && (rc = from_out(A4(r), A5(r), addr, len)) < 0)
		return rc;
	return got;
}

LINUX_SYS(shutdown)
{
	return sock_shutdown((int)A0(r), (int)A1(r));
}

LINUX_SYS(socketpair)
{
	int fds[2];
	long rc = sock_pair((int)A0(r), (int)A1(r), (int)A2(r), fds);

	if (rc < 0)
		return rc;
	if (user_copy_to(A3(r), fds, sizeof(fds)) < 0) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

/* Linux's struct msghdr (x86-64), and where recvmsg() writes back. */
struct linux_msghdr {
	uint64_t name;
	uint32_t namelen, pad0;
	uint64_t iov, iovlen;
	uint64_t control, controllen;
	int32_t flags, pad1;
};
#define MSG_NAMELEN_OFF 8
#define MSG_CONTROLLEN_OFF 40
#define MSG_FLAGS_OFF 48
#define IOV_MAX 1024
/* Control data one call takes or gives (Linux's optmem_max). */
#define CONTROL_MAX 20480

/* The message header at umsg and its iovecs (malloc'ed, in *iov), each
 * in the user half (Linux's access_ok: the pages are tried when the
 * data moves). */
static long msg_in(uint64_t umsg, struct linux_msghdr *h, struct sock_iov **iov)
{
	size_t i, total = 0;

	*iov = NULL;
	if (user_copy_from(h, umsg, sizeof(*h)) < 0)
		return -EFAULT;
	if (h->iovlen > IOV_MAX)
		return -EMSGSIZE;
	*iov = malloc(h->iovlen ? h->iovlen * sizeof(**iov) : 1);
	if (!*iov)
		return -ENOMEM;
	if (h->iovlen &&
	    user_copy_from(*iov, h->iov, h->iovlen * sizeof(**iov)) < 0)
		goto fault;
	for (i = 0; i < h->iovlen; i++) {
		if ((*iov)[i].len > (size_t)INT64_MAX - total) {
			free(*iov);
			*iov = NULL;
			return -EINVAL;
		}
		total += (*iov)[i].len;
		if (!user_range_ok((uint64_t)(*iov)[i].base, (*iov)[i].len))
			goto fault;
	}
	return 0;
fault:
	free(*iov);
	*iov = NULL;
	return -EFAULT;
}

/* The iovecs' total length, at most UIO_CHUNK (a piece, uio.c). */
static size_t iov_piece(const struct sock_iov *iov, size_t n)
{
	size_t i, total = 0;

	for (i = 0; i < n && total < UIO_CHUNK; i++)
		total += iov[i].len;
	return total < UIO_CHUNK ? total : UIO_CHUNK;
}

/* Copy the user iovecs' first len bytes into buf (to: out of it) with
 * fault-safe copies; the bytes moved, or the fault when none were. */
static long iov_copy(const struct sock_iov *iov, size_t n, char *buf,
		     size_t len, bool to)
{
	size_t i, done = 0;
	long k = 0;

	for (i = 0; i < n && done < len; i++) {
		size_t c = len - done < iov[i].len ? len - done : iov[i].len;
		uint64_t u = (uint64_t)iov[i].base;

		k = to ? user_copy_to_some(u, buf + done, c)
		       : user_copy_from_some(buf + done, u, c);
		done += k > 0 ? (size_t)k : 0;
		if (k < 0 || (size_t)k < c)
			break;
	}
	return done ? (long)done : k < 0 ? k : 0;
}

/* The message's data into one kernel buffer (*buf, malloc'ed), which
 * then replaces its iovecs in *kiov: only fault-safe copies touch user
 * memory (uio.c). Returns the length, or -errno. */
static long msg_gather(int fd, const struct sock_iov *iov, size_t n, char **buf,
		       struct sock_iov *kiov)
{
	size_t i, total = 0;
	long got;

	for (i = 0; i < n; i++)
		total += iov[i].len;
	if ((got = uio_check_whole(fd, total)) < 0)
		return got;
	total = iov_piece(iov, n);
	if (!(*buf = malloc(total ? total : 1)))
		return -ENOMEM;
	got = total ? iov_copy(iov, n, *buf, total, false) : 0;
	if (got >= 0 && (size_t)got < total)
		got = -EFAULT; /* a socket takes no message cut short */
	*kiov = (struct sock_iov){*buf, got < 0 ? 0 : (size_t)got};
	return got;
}

LINUX_SYS(sendmsg)
{
	struct linux_msghdr h;
	struct sock_msg m = {0};
	struct sock_iov *iov, kiov;
	char addr[ADDR_MAX], *data = NULL;
	void *ctl = NULL;
	long rc = msg_in(A1(r), &h, &iov), ref;

	if (rc < 0)
		return rc;
	if (h.name && h.namelen) {
		if ((rc = addr_in(h.name, h.namelen, addr)) < 0)
			goto out;
		m.name = addr;
		m.namelen = h.namelen;
	}
	if (h.control && h.controllen) {
		rc = -ENOBUFS;
		if (h.controllen > CONTROL_MAX || !(ctl = malloc(h.controllen)))
			goto out;
		rc = -EFAULT;
		if (user_copy_from(ctl, h.control, h.controllen) < 0)
			goto out;
		m.control = ctl;
		m.controllen = h.controllen;
	}
	if ((rc = msg_gather((int)A0(r), iov, h.iovlen, &data, &kiov)) < 0) {
		/* Linux refuses a datagram before it reads the data. */
		if (rc == -EFAULT &&
		    (ref = sock_send_refusal((int)A0(r), (int)A2(r), m.name,
					     m.namelen)) < 0)
			rc = ref;
		goto out;
	}
	m.iov = &kiov;
	m.iovlen = 1;
	rc = sock_sendmsg((int)A0(r), &m, (int)A2(r));
out:
	free(data);
	free(ctl);
	free(iov);
	return rc;
}

LINUX_SYS(recvmsg)
{
	struct linux_msghdr h;
	struct sock_msg m = {0};
	struct sock_iov *iov, kiov;
	struct uio_take tk;
	char addr[ADDR_MAX], *data = NULL;
	unsigned int room = 0;
	void *ctl = NULL;
	uint32_t namelen = 0;
	uint64_t ctllen;
	size_t want;
	int32_t flags;
	long rc = msg_in(A1(r), &h, &iov), got;

	if (rc < 0)
		return rc;
	if (h.name) {
		if ((int32_t)h.namelen < 0) {
			rc = -EINVAL;
			goto out;
		}
		room = h.namelen > ADDR_MAX ? ADDR_MAX : h.namelen;
		m.name = addr;
		m.namelen = room;
	}
	if (h.control && h.controllen) {
		m.controllen =
		    h.controllen > CONTROL_MAX ? CONTROL_MAX : h.controllen;
		rc = -ENOMEM;
		if (!(ctl = malloc(m.controllen)))
			goto out;
		m.control = ctl;
	}
	/* Received into a kernel buffer, then scattered (uio.c). */
	kiov.len = iov_piece(iov, h.iovlen);
	rc = -ENOMEM;
	if (!(kiov.base = data = malloc(kiov.len ? kiov.len : 1)))
		goto out;
	m.iov = &kiov;
	m.iovlen = 1;
	/* The data stays queued when the iovecs cannot take it. */
	uio_take_begin(&tk, iov, h.iovlen);
	got = sock_recvmsg((int)A0(r), &m, (int)A2(r));
	uio_take_end();
	if (got < 0) {
		rc = got;
		goto out;
	}
	want = (size_t)got < kiov.len ? (size_t)got : kiov.len;
	if ((rc = iov_copy(iov, h.iovlen, data, want, true)) < 0)
		goto out;
	if ((size_t)rc < want) /* a fault part way: what was copied */
		got = rc;
	rc = -EFAULT;
	if (h.name) {
		namelen = m.namelen;
		if (user_copy_to(h.name, addr,
				 namelen < room ? namelen : room) < 0)
			goto out;
	}
	ctllen = ctl ? m.controllen : 0;
	flags = m.flags;
	if (user_copy_to(A1(r) + MSG_NAMELEN_OFF, &namelen, sizeof(namelen)) <
		0 ||
	    (ctllen && user_copy_to(h.control, ctl, ctllen) < 0) ||
	    user_copy_to(A1(r) + MSG_CONTROLLEN_OFF, &ctllen, sizeof(ctllen)) <
		0 ||
	    user_copy_to(A1(r) + MSG_FLAGS_OFF, &flags, sizeof(flags)) < 0)
		goto out;
	rc = got;
out:
	free(data);
	free(ctl);
	free(iov);
	return rc;
}
