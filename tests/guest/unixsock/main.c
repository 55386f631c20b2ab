/*
 * unixsock: AF_UNIX, sendmsg/recvmsg and the netlink route socket, as a
 * static musl program (a Linux binary). Each part prints one line
 * "unixsock: NAME ok" (checked by check.sh) or "unixsock: FAIL ..." and
 * the program exits 1. The netlink part prints each interface and
 * address it read, which check.sh compares with the vif's MAC and
 * address given in app.mk.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static int failed;

static void fail(const char *fmt, ...)
{
	va_list ap;

	printf("unixsock: FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" (errno %d %s)\n", errno, strerror(errno));
	failed = 1;
}

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fail(__VA_ARGS__);                                     \
			return;                                                \
		}                                                              \
	} while (0)

static socklen_t un_addr(struct sockaddr_un *a, const char *name, int abstract)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	if (abstract) {
		memcpy(a->sun_path + 1, name, strlen(name));
		return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
				   strlen(name));
	}
	strcpy(a->sun_path, name);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
			   strlen(name) + 1);
}

/* socketpair, several iovecs each way, SCM_RIGHTS with a pipe's end. */
static void test_pair(void)
{
	int sv[2], p[2], got_fd = -1;
	char a[] = "one ", b[] = "two ", c[] = "three", r1[6], r2[32];
	struct iovec out[3] = {{a, 4}, {b, 4}, {c, 5}}, in[2];
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct msghdr m;
	struct cmsghdr *cm;
	ssize_t n;
	char pbuf[16];

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
	CHECK(pipe(p) == 0, "pipe");
	memset(&m, 0, sizeof(m));
	m.msg_iov = out;
	m.msg_iovlen = 3;
	m.msg_control = ctl.buf;
	m.msg_controllen = sizeof(ctl.buf);
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &p[0], sizeof(int));
	n = sendmsg(sv[0], &m, 0);
	CHECK(n == 13, "sendmsg of 3 iovecs gave %zd", n);
	/* The pipe's read end travels; close ours and read through theirs. */
	close(p[0]);
	CHECK(write(p[1], "through", 7) == 7, "pipe write");
	memset(&m, 0, sizeof(m));
	memset(&ctl, 0, sizeof(ctl));
	in[0].iov_base = r1;
	in[0].iov_len = 6;
	in[1].iov_base = r2;
	in[1].iov_len = sizeof(r2);
	m.msg_iov = in;
	m.msg_iovlen = 2;
	m.msg_control = ctl.buf;
	m.msg_controllen = sizeof(ctl.buf);
	n = recvmsg(sv[1], &m, 0);
	CHECK(n == 13, "recvmsg gave %zd", n);
	CHECK(!memcmp(r1, "one tw", 6) && !memcmp(r2, "o three", 7),
	      "recvmsg scattered wrongly");
	cm = CMSG_FIRSTHDR(&m);
	CHECK(
	    cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS &&
		cm->cmsg_len == CMSG_LEN(sizeof(int)),
	    "no SCM_RIGHTS message (controllen %zu)", (size_t)m.msg_controllen);
	memcpy(&got_fd, CMSG_DATA(cm), sizeof(int));
	CHECK(got_fd >= 0 && got_fd != p[0] + 1000, "bad fd");
	memset(pbuf, 0, sizeof(pbuf));
	CHECK(read(got_fd, pbuf, sizeof(pbuf)) == 7 && !strcmp(pbuf, "through"),
	      "read through the passed fd");
	close(got_fd);
	close(p[1]);
	/* SCM_RIGHTS into too small a control buffer: MSG_CTRUNC. */
	CHECK(pipe(p) == 0, "pipe");
	memset(&m, 0, sizeof(m));
	m.msg_iov = out;
	m.msg_iovlen = 1;
	m.msg_control = ctl.buf;
	m.msg_controllen = sizeof(ctl.buf);
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &p[0], sizeof(int));
	CHECK(sendmsg(sv[0], &m, 0) == 4, "sendmsg 2");
	memset(&m, 0, sizeof(m));
	m.msg_iov = in;
	m.msg_iovlen = 1;
	n = recvmsg(sv[1], &m, 0);
	CHECK(n == 4 && (m.msg_flags & MSG_CTRUNC), "no MSG_CTRUNC (%zd %x)", n,
	      m.msg_flags);
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	printf("unixsock: socketpair sendmsg/recvmsg SCM_RIGHTS ok\n");
}

struct srv {
	int lfd;
	int ok;
};

/* Accept one connection, echo what comes until the end. */
static void *echo_server(void *arg)
{
	struct srv *s = arg;
	char buf[256];
	ssize_t n;
	int c = accept(s->lfd, NULL, NULL);

	if (c < 0)
		return NULL;
	while ((n = read(c, buf, sizeof(buf))) > 0)
		if (write(c, buf, (size_t)n) != n)
			break;
	s->ok = n == 0;
	close(c);
	return NULL;
}

/* A stream by path and by abstract name, with names and credentials. */
static void test_stream(int abstract)
{
	const char *name = abstract ? "skiff-abstract" : "/tmp/unixsock.sock";
	struct sockaddr_un a, got;
	socklen_t alen = un_addr(&a, name, abstract), glen;
	struct srv s = {-1, 0};
	struct ucred cred;
	socklen_t clen = sizeof(cred);
	pthread_t t;
	char buf[64];
	int c, type;

	s.lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	CHECK(s.lfd >= 0, "socket");
	CHECK(bind(s.lfd, (struct sockaddr *)&a, alen) == 0, "bind %s", name);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(bind(c, (struct sockaddr *)&a, alen) < 0 && errno == EADDRINUSE,
	      "second bind to %s", name);
	close(c);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&a, alen) < 0 &&
		  errno == ECONNREFUSED,
	      "connect before listen");
	close(c);
	CHECK(listen(s.lfd, 4) == 0, "listen");
	glen = sizeof(got);
	CHECK(getsockname(s.lfd, (struct sockaddr *)&got, &glen) == 0 &&
		  glen == alen && !memcmp(&got, &a, alen),
	      "getsockname gave %u bytes", glen);
	CHECK(pthread_create(&t, NULL, echo_server, &s) == 0, "thread");
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&a, alen) == 0, "connect %s", name);
	glen = sizeof(got);
	CHECK(getpeername(c, (struct sockaddr *)&got, &glen) == 0 &&
		  glen == alen && !memcmp(&got, &a, alen),
	      "getpeername");
	CHECK(getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cred, &clen) == 0 &&
		  clen == sizeof(cred) && cred.pid == getpid() && cred.uid == 0,
	      "SO_PEERCRED");
	clen = sizeof(type);
	CHECK(getsockopt(c, SOL_SOCKET, SO_TYPE, &type, &clen) == 0 &&
		  type == SOCK_STREAM,
	      "SO_TYPE");
	CHECK(write(c, "ping over a name", 16) == 16, "write");
	CHECK(read(c, buf, sizeof(buf)) == 16 &&
		  !memcmp(buf, "ping over a name", 16),
	      "echo");
	CHECK(shutdown(c, SHUT_WR) == 0, "shutdown");
	CHECK(read(c, buf, sizeof(buf)) == 0, "end after shutdown");
	pthread_join(t, NULL);
	CHECK(s.ok, "server saw no end");
	close(c);
	close(s.lfd);
	/* An abstract name went with the socket; a path's file stays, as
	 * on Linux, with nobody behind it, until it is unlinked. */
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&a, alen) < 0 &&
		  errno == ECONNREFUSED,
	      "connect after close");
	if (!abstract) {
		CHECK(unlink(name) == 0, "unlink %s", name);
		CHECK(connect(c, (struct sockaddr *)&a, alen) < 0 &&
			  errno == ENOENT,
		      "connect after unlink");
	}
	close(c);
	printf("unixsock: stream %s ok\n", abstract ? "abstract" : "path");
}

/* Datagrams: by name, unbound senders, MSG_PEEK, MSG_TRUNC, connect. */
static void test_dgram(int abstract)
{
	const char *name = abstract ? "skiff-dgram" : "/tmp/unixsock.dgram";
	struct sockaddr_un a, from, cname;
	socklen_t alen = un_addr(&a, name, abstract), flen, clen;
	int srv = socket(AF_UNIX, SOCK_DGRAM, 0), cl, cl2;
	char buf[8];
	ssize_t n;

	CHECK(srv >= 0 && bind(srv, (struct sockaddr *)&a, alen) == 0,
	      "dgram bind");
	cl = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK(sendto(cl, "first", 5, 0, (struct sockaddr *)&a, alen) == 5,
	      "sendto");
	CHECK(sendto(cl, "a longer datagram", 17, 0, (struct sockaddr *)&a,
		     alen) == 17,
	      "sendto 2");
	flen = sizeof(from);
	n = recvfrom(srv, buf, sizeof(buf), MSG_PEEK, (struct sockaddr *)&from,
		     &flen);
	CHECK(n == 5 && !memcmp(buf, "first", 5) && flen == 0,
	      "peek: %zd, name of %u bytes from an unbound sender", n, flen);
	CHECK(recv(srv, buf, sizeof(buf), 0) == 5, "recv after peek");
	n = recv(srv, buf, 4, MSG_TRUNC);
	CHECK(n == 17 && !memcmp(buf, "a lo", 4), "MSG_TRUNC gave %zd", n);
	/* A bound sender: its name comes with the datagram (autobind). */
	cl2 = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK(bind(cl2, (struct sockaddr *)&(struct sockaddr_un){AF_UNIX},
		   sizeof(sa_family_t)) == 0,
	      "autobind");
	clen = sizeof(cname);
	CHECK(getsockname(cl2, (struct sockaddr *)&cname, &clen) == 0 &&
		  clen == 8 && cname.sun_path[0] == 0,
	      "autobind name of %u bytes", clen);
	CHECK(connect(cl2, (struct sockaddr *)&a, alen) == 0, "dgram connect");
	CHECK(send(cl2, "hi", 2, 0) == 2, "send connected");
	flen = sizeof(from);
	CHECK(recvfrom(srv, buf, sizeof(buf), 0, (struct sockaddr *)&from,
		       &flen) == 2 &&
		  flen == clen && !memcmp(&from, &cname, clen),
	      "sender's name");
	/* Non-blocking empty queue. */
	CHECK(recv(srv, buf, sizeof(buf), MSG_DONTWAIT) < 0 && errno == EAGAIN,
	      "EAGAIN");
	close(srv);
	CHECK(send(cl2, "hi", 2, 0) < 0 && errno == ECONNREFUSED,
	      "send to a closed peer");
	close(cl);
	close(cl2);
	printf("unixsock: dgram %s ok\n", abstract ? "abstract" : "path");
}

static void test_seqpacket(void)
{
	int sv[2];
	char buf[16];

	CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0, "socketpair");
	CHECK(write(sv[0], "rec1", 4) == 4 && write(sv[0], "record2", 7) == 7,
	      "write records");
	CHECK(read(sv[1], buf, sizeof(buf)) == 4, "first record");
	CHECK(read(sv[1], buf, sizeof(buf)) == 7, "second record");
	close(sv[0]);
	CHECK(read(sv[1], buf, sizeof(buf)) == 0, "end");
	close(sv[1]);
	printf("unixsock: seqpacket ok\n");
}

/* EPIPE, and epoll on non-blocking sockets. */
static void test_epipe_epoll(void)
{
	int sv[2], ep, n, total = 0;
	struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP},
			   got[4];
	char buf[4096];

	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) == 0,
	      "socketpair");
	ep = epoll_create1(0);
	ev.data.fd = sv[1];
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, sv[1], &ev) == 0, "epoll_ctl");
	n = epoll_wait(ep, got, 4, 0);
	CHECK(n == 1 && got[0].events == EPOLLOUT, "idle: %d events %x", n,
	      n > 0 ? got[0].events : 0);
	CHECK(read(sv[1], buf, 1) < 0 && errno == EAGAIN, "EAGAIN");
	CHECK(write(sv[0], "x", 1) == 1, "write");
	n = epoll_wait(ep, got, 4, 1000);
	CHECK(n == 1 && (got[0].events & EPOLLIN), "readable: %d", n);
	CHECK(read(sv[1], buf, sizeof(buf)) == 1, "read");
	/* Fill the peer's queue: writes stop with EAGAIN. */
	memset(buf, 'f', sizeof(buf));
	while ((n = (int)write(sv[1], buf, sizeof(buf))) > 0)
		total += n;
	CHECK(n < 0 && errno == EAGAIN && total >= 65536,
	      "fill: %d bytes then %d", total, n);
	n = epoll_wait(ep, got, 4, 0);
	CHECK(n == 0, "full yet ready: %d %x", n, n > 0 ? got[0].events : 0);
	while (read(sv[0], buf, sizeof(buf)) > 0)
		;
	n = epoll_wait(ep, got, 4, 1000);
	CHECK(n == 1 && (got[0].events & EPOLLOUT), "writable again");
	close(sv[0]);
	n = epoll_wait(ep, got, 4, 1000);
	CHECK(n == 1 && (got[0].events & (EPOLLHUP | EPOLLRDHUP)) ==
			    (EPOLLHUP | EPOLLRDHUP),
	      "hang-up: %d %x", n, n > 0 ? got[0].events : 0);
	CHECK(send(sv[1], "x", 1, MSG_NOSIGNAL) < 0 && errno == EPIPE, "EPIPE");
	CHECK(read(sv[1], buf, 1) == 0, "end");
	close(sv[1]);
	close(ep);
	printf("unixsock: EPIPE and epoll ok\n");
}

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* SO_RCVTIMEO: a blocking read gives up with EAGAIN. */
static void test_timeout(void)
{
	struct timeval tv = {0, 150000}, back;
	socklen_t len = sizeof(back);
	int sv[2];
	char c;
	long t0, dt;

	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0, "socketpair");
	CHECK(setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0,
	      "SO_RCVTIMEO");
	CHECK(getsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &back, &len) == 0 &&
		  back.tv_sec == 0 && back.tv_usec == 150000,
	      "SO_RCVTIMEO back");
	t0 = now_ms();
	CHECK(read(sv[1], &c, 1) < 0 && errno == EAGAIN, "timed out read");
	dt = now_ms() - t0;
	CHECK(dt >= 140 && dt < 2000, "waited %ld ms", dt);
	CHECK(shutdown(sv[1], SHUT_RD) == 0, "shutdown of a datagram socket");
	CHECK(read(sv[1], &c, 1) == 0, "read after SHUT_RD");
	close(sv[0]);
	close(sv[1]);
	printf("unixsock: SO_RCVTIMEO %ld ms ok\n", dt);
}

struct blocked {
	int fd;
	ssize_t got;
	char buf[8];
};

static void *blocked_reader(void *arg)
{
	struct blocked *b = arg;

	b->got = read(b->fd, b->buf, sizeof(b->buf));
	return NULL;
}

/* A read blocked on an fd that another thread closes goes on, as on
 * Linux: it gets what the peer sends next. */
static void test_close_blocked(void)
{
	struct blocked b = {-1, -2, {0}};
	pthread_t t;
	int sv[2];

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
	b.fd = sv[1];
	CHECK(pthread_create(&t, NULL, blocked_reader, &b) == 0, "thread");
	usleep(20000);
	CHECK(close(sv[1]) == 0, "close under the reader");
	usleep(20000);
	CHECK(write(sv[0], "late", 4) == 4, "write");
	pthread_join(t, NULL);
	CHECK(b.got == 4 && !memcmp(b.buf, "late", 4), "reader got %zd", b.got);
	close(sv[0]);
	printf("unixsock: close under a blocked read ok\n");
}

/* sendmsg/recvmsg over lwIP's loopback: UDP with iovecs and MSG_TRUNC,
 * TCP with iovecs. */
static void test_inet(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET}, from;
	socklen_t alen = sizeof(a), flen = sizeof(from);
	char p1[] = "udp ", p2[] = "iovecs", r1[3], r2[3];
	struct iovec out[2] = {{p1, 4}, {p2, 6}}, in[2] = {{r1, 3}, {r2, 3}};
	struct msghdr m = {0};
	int u = socket(AF_INET, SOCK_DGRAM, 0), v, l, c, s;
	ssize_t n;
	char buf[32];

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK(u >= 0 && bind(u, (struct sockaddr *)&a, alen) == 0, "udp bind");
	CHECK(getsockname(u, (struct sockaddr *)&a, &alen) == 0, "name");
	v = socket(AF_INET, SOCK_DGRAM, 0);
	m.msg_name = &a;
	m.msg_namelen = sizeof(a);
	m.msg_iov = out;
	m.msg_iovlen = 2;
	CHECK(sendmsg(v, &m, 0) == 10, "udp sendmsg");
	memset(&m, 0, sizeof(m));
	m.msg_name = &from;
	m.msg_namelen = flen;
	m.msg_iov = in;
	m.msg_iovlen = 2;
	n = recvmsg(u, &m, 0);
	CHECK(n == 6 && (m.msg_flags & MSG_TRUNC) && !memcmp(r1, "udp", 3) &&
		  !memcmp(r2, " io", 3) && m.msg_namelen == sizeof(from) &&
		  from.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	      "udp recvmsg: %zd flags %x", n, m.msg_flags);
	close(u);
	close(v);
	l = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_port = 0;
	alen = sizeof(a);
	CHECK(bind(l, (struct sockaddr *)&a, alen) == 0 && listen(l, 1) == 0 &&
		  getsockname(l, (struct sockaddr *)&a, &alen) == 0,
	      "tcp listen");
	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&a, alen) == 0, "tcp connect");
	s = accept(l, NULL, NULL);
	CHECK(s >= 0, "accept");
	memset(&m, 0, sizeof(m));
	m.msg_iov = out;
	m.msg_iovlen = 2;
	CHECK(sendmsg(c, &m, MSG_NOSIGNAL) == 10, "tcp sendmsg");
	n = 0;
	while (n < 10) {
		ssize_t k = recv(s, buf + n, sizeof(buf) - (size_t)n, 0);

		CHECK(k > 0, "tcp recv");
		n += k;
	}
	CHECK(!memcmp(buf, "udp iovecs", 10), "tcp bytes");
	close(c);
	close(s);
	close(l);
	printf("unixsock: inet sendmsg/recvmsg over loopback ok\n");
}

/* A listener closed with connections it never accepted (a server that
 * stops with a backlog): the pending ones are reset, the clients see
 * the end, and the kernel goes on. */
static void test_close_backlog(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t alen = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0), c[3], i;
	char b;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK(l >= 0 && bind(l, (struct sockaddr *)&a, alen) == 0 &&
		  listen(l, 4) == 0 &&
		  getsockname(l, (struct sockaddr *)&a, &alen) == 0,
	      "backlog listen");
	for (i = 0; i < 3; i++) {
		c[i] = socket(AF_INET, SOCK_STREAM, 0);
		CHECK(connect(c[i], (struct sockaddr *)&a, alen) == 0,
		      "backlog connect %d", i);
	}
	usleep(50000); /* all three queued, none accepted */
	CHECK(close(l) == 0, "close of the listener");
	for (i = 0; i < 3; i++) {
		CHECK(recv(c[i], &b, 1, 0) <= 0, "client %d got data", i);
		close(c[i]);
	}
	printf("unixsock: listener closed with 3 pending connections ok\n");
}

/* The netlink route socket, read by hand as Go does. */
struct nlh {
	uint32_t len;
	uint16_t type, flags;
	uint32_t seq, pid;
};

static void print_rta(int type, int family, const unsigned char *p,
		      unsigned int len, int link)
{
	char s[64];

	if (link && type == 3)
		printf(" name %.*s", (int)len, p);
	else if (link && type == 4 && len == 4)
		printf(" mtu %u", *(const uint32_t *)p);
	else if (link && type == 1 && len == 6)
		printf(" mac %02x:%02x:%02x:%02x:%02x:%02x", p[0], p[1], p[2],
		       p[3], p[4], p[5]);
	else if (!link && type == 1)
		printf(" addr %s", inet_ntop(family, p, s, sizeof(s)));
}

static int nl_dump(int fd, int type, const char *what)
{
	struct {
		struct nlh h;
		unsigned char family, pad[3];
	} req = {{sizeof(req), (uint16_t)type, 0x301, 1, 0}, AF_UNSPEC};
	static unsigned char buf[4096];
	struct sockaddr_nl_like {
		unsigned short family, pad;
		uint32_t pid, groups;
	} sa = {16, 0, 0, 0};
	int count = 0, last = 0;

	if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&sa,
		   sizeof(sa)) != sizeof(req))
		return -1;
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		size_t off = 0;

		if (n < (ssize_t)sizeof(struct nlh))
			return -1;
		while (off + sizeof(struct nlh) <= (size_t)n) {
			struct nlh *h = (struct nlh *)(buf + off);
			unsigned char *body = buf + off + 16;
			size_t hl = type == 18 ? 16 : 8, ro;

			if (h->type == 3)
				return count;
			if (h->type == 2 || h->seq != 1)
				return -1;
			/* Linux lists interfaces by index. */
			if (type == 18 && *(int *)(body + 4) <= last)
				return -1;
			if (type == 18)
				last = *(int *)(body + 4);
			if (type == 18)
				printf("unixsock: netlink link %d flags %#x",
				       *(int *)(body + 4),
				       *(unsigned int *)(body + 8));
			else
				printf("unixsock: netlink addr if %u family "
				       "%u prefix %u",
				       *(unsigned int *)(body + 4), body[0],
				       body[1]);
			for (ro = 16 + hl; ro + 4 <= h->len;) {
				unsigned short rl = *(unsigned short *)(buf +
									off +
									ro),
					       rt = *(unsigned short *)(buf +
									off +
									ro + 2);

				if (rl < 4)
					break;
				print_rta(
				    rt, body[0] == 10 ? AF_INET6 : AF_INET,
				    buf + off + ro + 4, rl - 4u, type == 18);
				ro += (rl + 3u) & ~3u;
			}
			printf("\n");
			count++;
			off += (h->len + 3) & ~3u;
		}
		(void)what;
	}
}

static void test_netlink(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0);
	struct {
		struct nlh h;
		unsigned char body[16];
	} bad = {{sizeof(bad), 24 /* RTM_NEWROUTE */, 0x5, 7, 0}, {0}};
	unsigned char buf[256];
	struct ifaddrs *ifa, *i;
	int links, addrs, err;

	CHECK(fd >= 0, "netlink socket");
	links = nl_dump(fd, 18, "link");
	CHECK(links >= 1, "RTM_GETLINK dump");
	addrs = nl_dump(fd, 22, "addr");
	CHECK(addrs >= 2, "RTM_GETADDR dump");
	CHECK(send(fd, &bad, sizeof(bad), 0) == sizeof(bad), "send bad");
	CHECK(recv(fd, buf, sizeof(buf), 0) >= 36 &&
		  ((struct nlh *)buf)->type == 2,
	      "no NLMSG_ERROR");
	memcpy(&err, buf + 16, 4);
	CHECK(err == -EOPNOTSUPP, "error %d", err);
	/* One link by index: no NLM_F_MULTI; an unknown index: ENODEV. */
	memset(&bad, 0, sizeof(bad));
	bad.h = (struct nlh){sizeof(bad), 18, 1, 8, 0};
	bad.body[4] = 1; /* ifi_index */
	CHECK(send(fd, &bad, sizeof(bad), 0) == sizeof(bad), "send get");
	CHECK(recv(fd, buf, sizeof(buf), 0) > 32 &&
		  ((struct nlh *)buf)->type == 16 &&
		  ((struct nlh *)buf)->flags == 0 && buf[20] == 1,
	      "RTM_GETLINK of lo");
	bad.body[4] = 99;
	CHECK(send(fd, &bad, sizeof(bad), 0) == sizeof(bad), "send get 99");
	CHECK(recv(fd, buf, sizeof(buf), 0) >= 36 &&
		  ((struct nlh *)buf)->type == 2,
	      "no NLMSG_ERROR for index 99");
	memcpy(&err, buf + 16, 4);
	CHECK(err == -ENODEV, "index 99: error %d", err);
	close(fd);
	printf("unixsock: netlink %d links %d addresses ok\n", links, addrs);
	/* musl's getifaddrs() reads the same dumps. */
	CHECK(getifaddrs(&ifa) == 0, "getifaddrs");
	for (i = ifa; i; i = i->ifa_next) {
		char s[64] = "-";

		if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET)
			inet_ntop(
			    AF_INET,
			    &((struct sockaddr_in *)i->ifa_addr)->sin_addr, s,
			    sizeof(s));
		else if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET6)
			inet_ntop(
			    AF_INET6,
			    &((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr, s,
			    sizeof(s));
		else
			continue;
		printf("unixsock: getifaddrs %s %s\n", i->ifa_name, s);
	}
	freeifaddrs(ifa);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_pair();
	test_stream(0);
	test_stream(1);
	test_dgram(0);
	test_dgram(1);
	test_seqpacket();
	test_epipe_epoll();
	test_close_blocked();
	test_timeout();
	test_inet();
	test_close_backlog();
	test_netlink();
	printf("unixsock: %s\n", failed ? "FAILED" : "PASS");
	return failed;
}
