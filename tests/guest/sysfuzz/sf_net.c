/*
 * sysfuzz: generators for sockets and fd calls: socket, bind, connect,
 * sendto, recvfrom, getsockopt, setsockopt, dup3, fcntl and lseek. A
 * call that would bind or connect the fixture socket gets a fresh one
 * instead, so that every call starts from the same state; fds a call
 * makes are closed at once.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sysfuzz.h"

static long pick(struct sf *f, const long *v, int n, const char *tag)
{
	char cls[24];
	int i = (int)sf_below(f, (uint64_t)n);

	snprintf(cls, sizeof(cls), "%s%d", tag, i);
	sf_arg(f, cls);
	return v[i];
}

/* An fd; the fixture socket is replaced by a fresh one (*fresh). */
static int sock_fd(struct sf *f, int *fresh)
{
	int fd = sf_fd(f);

	*fresh = -1;
	if (fd != f->udp)
		return fd;
	*fresh = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	return *fresh;
}

static long done(int fresh, long r)
{
	if (fresh >= 0)
		close(fresh);
	return r;
}

static long pick_addrlen(struct sf *f)
{
	static const long len[] = {0, 16, 110, 3, -1, 1 << 20};

	return pick(f, len, 6, "l");
}

static long c_socket(struct sf *f)
{
	static const long dom[] = {AF_INET, AF_UNIX, AF_INET6, 999, -1};
	static const long type[] = {SOCK_STREAM, SOCK_DGRAM, 99,
				    SOCK_STREAM | SOCK_NONBLOCK,
				    SOCK_DGRAM | 0x40000000};
	static const long proto[] = {0, IPPROTO_TCP, IPPROTO_UDP, 999};
	long d = pick(f, dom, 5, "d"), t = pick(f, type, 5, "t");
	long r = sf_sys(SYS_socket, d, t, pick(f, proto, 4, "p"), 0, 0, 0);

	f->res = SF_SIGN;
	if (r >= 0)
		close((int)r);
	return r;
}

static long c_bind(struct sf *f)
{
	int fresh, fd = sock_fd(f, &fresh);
	void *sa = sf_sptr(f, SF_SA);

	return done(fresh,
		    sf_sys(SYS_bind, fd, (long)sa, pick_addrlen(f), 0, 0, 0));
}

static long c_connect(struct sf *f)
{
	int fresh, fd = sock_fd(f, &fresh);
	void *sa = sf_sptr(f, SF_SA);

	return done(
	    fresh, sf_sys(SYS_connect, fd, (long)sa, pick_addrlen(f), 0, 0, 0));
}

static long c_sendto(struct sf *f)
{
	static const long fl[] = {0, MSG_DONTWAIT, MSG_OOB, MSG_NOSIGNAL};
	int fresh, fd = sock_fd(f, &fresh);
	void *p = sf_ptr(f);
	size_t n = sf_len(f);
	long flags = pick(f, fl, 4, "f");
	void *sa = sf_sptr(f, SF_SA);
	long r = sf_sys(SYS_sendto, fd, (long)p, (long)n, flags, (long)sa,
			pick_addrlen(f));

	f->res = n <= 4096 ? SF_EXACT : SF_SIGN;
	return done(fresh, r);
}

static long c_recvfrom(struct sf *f)
{
	static const long fl[] = {0, MSG_DONTWAIT, MSG_PEEK, MSG_WAITALL,
				  MSG_OOB};
	int fd = sf_fd(f);
	void *p = sf_ptr(f);
	size_t n = sf_len(f);
	long flags = pick(f, fl, 5, "f");
	void *sa = sf_ptr(f), *salen = sf_sptr(f, SF_FUTEX);

	f->res = n <= 4096 ? SF_EXACT : SF_SIGN;
	return sf_sys(SYS_recvfrom, fd, (long)p, (long)n, flags, (long)sa,
		      (long)salen);
}

static const long levels[] = {SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP, 999, -1};
static const long opts[] = {SO_TYPE, SO_RCVBUF, SO_ERROR, SO_LINGER, 999, -1};

static long c_getsockopt(struct sf *f)
{
	int fd = sf_fd(f);
	long lvl = pick(f, levels, 5, "v"), opt = pick(f, opts, 6, "o");
	void *val = sf_ptr(f), *len = sf_sptr(f, SF_FUTEX);

	return sf_sys(SYS_getsockopt, fd, lvl, opt, (long)val, (long)len, 0);
}

static long c_setsockopt(struct sf *f)
{
	static const long len[] = {0, 4, 8, -1};
	int fresh, fd = sock_fd(f, &fresh);
	long lvl = pick(f, levels, 5, "v"), opt = pick(f, opts, 6, "o");
	void *val = sf_ptr(f);

	return done(fresh, sf_sys(SYS_setsockopt, fd, lvl, opt, (long)val,
				  pick(f, len, 4, "l"), 0));
}

static long c_dup3(struct sf *f)
{
	static const long fl[] = {0, O_CLOEXEC, 1, -1};
	static const long to[] = {500, -2, -1, 1 << 30, 1000};
	int old = sf_fd(f);
	long nfd = pick(f, to, 5, "n"), r;

	if (nfd == -2)
		nfd = old; /* the same fd: EINVAL for dup3 */
	r = sf_sys(SYS_dup3, old, nfd, pick(f, fl, 4, "f"), 0, 0, 0);
	if (r >= 0)
		close((int)r);
	return r;
}

static long c_fcntl(struct sf *f)
{
	static const long cmd[] = {F_GETFL,	 F_SETFL, F_GETFD,
				   F_SETFD,	 F_DUPFD, F_DUPFD_CLOEXEC,
				   F_GETPIPE_SZ, 999,	  -1};
	static const long arg[] = {0, O_NONBLOCK | O_APPEND, -1, 1 << 20, 2000};
	int fd = sf_fd(f);
	long c = pick(f, cmd, 9, "c");
	long r = sf_sys(SYS_fcntl, fd, c, pick(f, arg, 5, "a"), 0, 0, 0);

	if (r >= 0 && (c == F_DUPFD || c == F_DUPFD_CLOEXEC)) {
		close((int)r);
		f->res = SF_SIGN;
	}
	return r;
}

static long c_lseek(struct sf *f)
{
	static const long off[] = {0, -1, 1L << 62, 100, LONG_MAX};
	static const long wh[] = {SEEK_SET, SEEK_CUR, SEEK_END, 3, 4, 5, -1};
	int fd = sf_fd(f);
	long o = pick(f, off, 5, "o");

	return sf_sys(SYS_lseek, fd, o, pick(f, wh, 7, "w"), 0, 0, 0);
}

const struct sf_call sf_net_calls[] = {
    {"socket", c_socket},	  {"bind", c_bind},
    {"connect", c_connect},	  {"sendto", c_sendto},
    {"recvfrom", c_recvfrom},	  {"getsockopt", c_getsockopt},
    {"setsockopt", c_setsockopt}, {"dup3", c_dup3},
    {"fcntl", c_fcntl},		  {"lseek", c_lseek},
};
const int sf_net_ncalls = sizeof(sf_net_calls) / sizeof(sf_net_calls[0]);
