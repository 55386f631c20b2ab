/*
 * The BSD socket API's error paths and a few real exchanges with dom0:
 * bad fds (EBADF), non-sockets (ENOTSOCK), bad families, types and
 * protocols, a port bound twice (EADDRINUSE), non-blocking accept and
 * recv (EAGAIN), poll and select timeouts, options, UDP over the
 * loopback; then dom0 connects to us (poll over the listener and the
 * console together), we connect to dom0, to a closed port of dom0
 * (ECONNREFUSED) and to a dom0 peer that resets (EPIPE). Each check
 * prints a line; the exit code is the number of failed checks.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <skiff/xenstore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define DOM0 "169.254.0.1"

static int failures;

/* One check: print it, count it if it failed. */
#define EXPECT(cond, ...)                                                      \
	do {                                                                   \
		int ok_ = !!(cond);                                            \
		printf("sockapi: %s: ", ok_ ? "ok" : "FAIL");                  \
		printf(__VA_ARGS__);                                           \
		printf(" (%s, errno %d)\n", #cond, errno);                     \
		failures += !ok_;                                              \
	} while (0)

/* r == -1 with errno e. */
#define EXPECT_ERR(r, e, what)                                                 \
	do {                                                                   \
		errno = 0;                                                     \
		long r_ = (long)(r);                                           \
		EXPECT(r_ == -1 && errno == (e), "%s -> %ld", what, r_);       \
	} while (0)

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct sockaddr_in addr_of(const char *ip, int port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, ip, &sin.sin_addr);
	return sin;
}

static int tcp_listener(const char *ip, int port)
{
	struct sockaddr_in sin = addr_of(ip, port);
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) || listen(fd, 8)) {
		printf("sockapi: cannot listen on %s:%d: errno %d\n", ip, port,
		       errno);
		close(fd);
		return -1;
	}
	return fd;
}

static void bad_fds(void)
{
	char c = 0;
	struct sockaddr_in sin = addr_of("127.0.0.1", 1);
	socklen_t len = sizeof(sin);
	int one = 1;

	EXPECT_ERR(send(42, &c, 1, 0), EBADF, "send on a closed fd");
	EXPECT_ERR(recv(-1, &c, 1, 0), EBADF, "recv on fd -1");
	EXPECT_ERR(bind(63, (struct sockaddr *)&sin, sizeof(sin)), EBADF,
		   "bind on a closed fd");
	EXPECT_ERR(close(42), EBADF, "close of a closed fd");
	EXPECT_ERR(listen(0, 1), ENOTSOCK, "listen on the console");
	EXPECT_ERR(getsockname(1, (struct sockaddr *)&sin, &len), ENOTSOCK,
		   "getsockname on the console");
	EXPECT_ERR(setsockopt(2, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)),
		   ENOTSOCK, "setsockopt on the console");
}

static void bad_sockets(void)
{
	EXPECT_ERR(socket(17 /* AF_PACKET */, SOCK_RAW, 0), EAFNOSUPPORT,
		   "AF_PACKET");
	EXPECT_ERR(socket(12345, SOCK_STREAM, 0), EAFNOSUPPORT, "family 12345");
	EXPECT_ERR(socket(AF_INET, 77, 0), EINVAL, "type 77");
	EXPECT_ERR(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), EPROTONOSUPPORT,
		   "a UDP stream");
}

/* A C app's AF_UNIX: socketpair, sendmsg/recvmsg with iovecs and a
 * passed fd (the other end of the pair itself). */
static void unix_pair(void)
{
	int sv[2], fd = -1, got = -1;
	char a[] = "ab", b[] = "cde", r1[4] = {0}, r2[4] = {0};
	struct iovec out[2] = {{a, 2}, {b, 3}}, in[2] = {{r1, 3}, {r2, 3}};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} c;
	struct msghdr m = {0};
	struct cmsghdr *h;

	EXPECT(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
	fd = sv[0];
	m.msg_iov = out;
	m.msg_iovlen = 2;
	m.msg_control = c.buf;
	m.msg_controllen = sizeof(c.buf);
	h = CMSG_FIRSTHDR(&m);
	h->cmsg_level = SOL_SOCKET;
	h->cmsg_type = SCM_RIGHTS;
	h->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(h), &fd, sizeof(fd));
	EXPECT(sendmsg(sv[0], &m, 0) == 5, "sendmsg on AF_UNIX");
	memset(&m, 0, sizeof(m));
	m.msg_iov = in;
	m.msg_iovlen = 2;
	m.msg_control = c.buf;
	m.msg_controllen = sizeof(c.buf);
	EXPECT(recvmsg(sv[1], &m, 0) == 5 && !strcmp(r1, "abc") &&
		   !strcmp(r2, "de"),
	       "recvmsg on AF_UNIX: '%s' '%s'", r1, r2);
	h = CMSG_FIRSTHDR(&m);
	if (h && h->cmsg_type == SCM_RIGHTS)
		memcpy(&got, CMSG_DATA(h), sizeof(got));
	/* The passed fd is sv[0]'s socket: writing on it reaches sv[1]. */
	EXPECT(got >= 0 && got != sv[0] && write(got, "x", 1) == 1 &&
		   read(sv[1], r1, 1) == 1 && r1[0] == 'x',
	       "SCM_RIGHTS gave fd %d", got);
	close(got);
	close(sv[0]);
	close(sv[1]);
}

static void bind_twice(void)
{
	struct sockaddr_in sin = addr_of("0.0.0.0", 7300), got;
	socklen_t len = sizeof(got);
	int a = socket(AF_INET, SOCK_STREAM, 0);
	int b = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr bad = {.sa_family = AF_INET};

	EXPECT(a >= 0 && b >= 0, "two sockets: %d %d", a, b);
	EXPECT(bind(a, (struct sockaddr *)&sin, sizeof(sin)) == 0, "bind 7300");
	EXPECT_ERR(bind(b, (struct sockaddr *)&sin, sizeof(sin)), EADDRINUSE,
		   "bind 7300 again");
	EXPECT_ERR(bind(b, &bad, 4), EINVAL, "bind with a short address");
	EXPECT(getsockname(a, (struct sockaddr *)&got, &len) == 0 &&
		   len == sizeof(got) && ntohs(got.sin_port) == 7300 &&
		   got.sin_family == AF_INET,
	       "getsockname: port %d, len %u", ntohs(got.sin_port), len);
	close(a);
	close(b);
}

static void options(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), v = 0;
	socklen_t len = sizeof(v);
	struct stat st;

	EXPECT(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len) == 0 &&
		   v == SOCK_STREAM && len == sizeof(int),
	       "SO_TYPE is %d", v);
	v = 1;
	EXPECT(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, sizeof(v)) == 0,
	       "TCP_NODELAY on");
	v = 0;
	len = sizeof(v);
	EXPECT(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, &len) == 0 && v,
	       "TCP_NODELAY reads %d", v);
	EXPECT_ERR(setsockopt(fd, SOL_SOCKET, SO_PEERCRED, &v, sizeof(v)),
		   ENOPROTOOPT, "SO_PEERCRED");
	EXPECT_ERR(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &v, 2), EINVAL,
		   "a 2-byte option");
	len = sizeof(v);
	EXPECT(getsockopt(fd, SOL_SOCKET, SO_ERROR, &v, &len) == 0 && v == 0,
	       "SO_ERROR is %d", v);
	EXPECT(fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode), "fstat: a socket");
	close(fd);
}

static void nonblocking(void)
{
	int l = tcp_listener("0.0.0.0", 7301), a, fl;
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	char c;

	fl = fcntl(l, F_GETFL);
	EXPECT(fl >= 0 && !(fl & O_NONBLOCK), "a blocking listener");
	EXPECT(fcntl(l, F_SETFL, fl | O_NONBLOCK) == 0, "F_SETFL O_NONBLOCK");
	EXPECT(fcntl(l, F_GETFL) & O_NONBLOCK, "F_GETFL shows O_NONBLOCK");
	EXPECT_ERR(accept(l, NULL, NULL), EAGAIN, "non-blocking accept");
	EXPECT_ERR(accept4(l, NULL, NULL, 0x1), EINVAL, "accept4 flag 1");
	EXPECT(fcntl(s, F_GETFL) & O_NONBLOCK, "SOCK_NONBLOCK shows");
	a = socket(AF_INET, SOCK_DGRAM, 0);
	{
		struct sockaddr_in sin = addr_of("127.0.0.1", 7302);

		bind(a, (struct sockaddr *)&sin, sizeof(sin));
	}
	EXPECT_ERR(recv(a, &c, 1, MSG_DONTWAIT), EAGAIN, "MSG_DONTWAIT recv");
	/* A datagram has no out-of-band data: Linux's UDP ignores MSG_OOB,
	 * a stream here refuses it. Linux's one number for EOPNOTSUPP and
	 * ENOTSUP is newlib's ENOTSUP (docs/runtime.md, "Errors"). */
	EXPECT_ERR(recv(a, &c, 1, MSG_OOB | MSG_DONTWAIT), EAGAIN,
		   "MSG_OOB recv on UDP");
	EXPECT_ERR(recv(s, &c, 1, MSG_OOB), ENOTSUP, "MSG_OOB recv on TCP");
	close(a);
	close(s);
	close(l);
}

static void timeouts(void)
{
	int l = tcp_listener("0.0.0.0", 7303);
	struct pollfd p = {.fd = l, .events = POLLIN};
	struct pollfd bad = {.fd = 40, .events = POLLIN};
	struct timeval tv = {0, 150000};
	fd_set rd;
	long t0 = now_ms(), dt;
	int r;

	r = poll(&p, 1, 300);
	dt = now_ms() - t0;
	EXPECT(r == 0 && p.revents == 0 && dt >= 290 && dt < 2000,
	       "poll timed out after %ld ms", dt);
	t0 = now_ms();
	EXPECT(poll(&p, 1, 0) == 0 && now_ms() - t0 < 50, "poll(0) at once");
	EXPECT(poll(&bad, 1, 0) == 1 && bad.revents == POLLNVAL,
	       "POLLNVAL for a closed fd");
	FD_ZERO(&rd);
	FD_SET(l, &rd);
	t0 = now_ms();
	r = select(l + 1, &rd, NULL, NULL, &tv);
	dt = now_ms() - t0;
	EXPECT(r == 0 && !FD_ISSET(l, &rd) && dt >= 140,
	       "select timed out after %ld ms", dt);
	FD_ZERO(&rd);
	FD_SET(40, &rd);
	tv.tv_usec = 0;
	EXPECT_ERR(select(41, &rd, NULL, NULL, &tv), EBADF,
		   "select on a closed fd");
	/* The console is writable at once. */
	FD_ZERO(&rd);
	FD_SET(1, &rd);
	EXPECT(select(2, NULL, &rd, NULL, NULL) == 1 && FD_ISSET(1, &rd),
	       "select: the console is writable");
	close(l);
}

/* UDP to ourselves over the loopback: sendto, recvfrom with the sender. */
static void udp_loopback(void)
{
	struct sockaddr_in a = addr_of("127.0.0.1", 7304), from;
	socklen_t len = sizeof(from);
	int s = socket(AF_INET, SOCK_DGRAM, 0),
	    c = socket(AF_INET, SOCK_DGRAM, 0);
	struct pollfd p = {.fd = s, .events = POLLIN};
	char buf[32] = "";
	long n;

	EXPECT(bind(s, (struct sockaddr *)&a, sizeof(a)) == 0, "bind UDP 7304");
	n = sendto(c, "datagram", 8, 0, (struct sockaddr *)&a, sizeof(a));
	EXPECT(n == 8, "sendto: %ld", n);
	EXPECT(poll(&p, 1, 2000) == 1 && (p.revents & POLLIN),
	       "poll: the datagram is there");
	n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
	EXPECT(n == 8 && !memcmp(buf, "datagram", 8) &&
		   from.sin_addr.s_addr == htonl(INADDR_LOOPBACK) &&
		   len == sizeof(from),
	       "recvfrom: %ld bytes from %s", n, inet_ntoa(from.sin_addr));
	close(s);
	close(c);
}

static void resolve(void)
{
	struct addrinfo hints = {.ai_family = AF_INET,
				 .ai_socktype = SOCK_STREAM};
	struct addrinfo *res = NULL;
	int r;

	r = getaddrinfo(DOM0, "7100", &hints, &res);
	EXPECT(r == 0 && res && !res->ai_next && res->ai_family == AF_INET &&
		   ((struct sockaddr_in *)res->ai_addr)->sin_port ==
		       htons(7100),
	       "getaddrinfo numeric: %d", r);
	freeaddrinfo(res);
	r = getaddrinfo("no-such-host.invalid", "80", &hints, &res);
	EXPECT(r == EAI_NONAME, "no resolver: %d (%s)", r, gai_strerror(r));
	EXPECT(getaddrinfo(NULL, "http", &hints, &res) == EAI_SERVICE,
	       "a service name");
}

/* dom0 connects to us; we wait with poll over the listener and the
 * console together, answer in upper case, and close. */
static void served_dom0(void)
{
	int l = tcp_listener("0.0.0.0", 7000), c, i;
	struct pollfd p[2] = {{.fd = 0, .events = POLLIN},
			      {.fd = l, .events = POLLIN}};
	struct sockaddr_in peer;
	socklen_t len = sizeof(peer);
	char buf[64];
	long n, got = 0;

	xs_write("data/sockapi-listening", "1");
	n = poll(p, 2, 60000);
	EXPECT(n == 1 && p[1].revents == POLLIN && !p[0].revents,
	       "poll: a client on the listener, console quiet (%ld)", n);
	c = accept(l, (struct sockaddr *)&peer, &len);
	EXPECT(c >= 0 && peer.sin_addr.s_addr == inet_addr(DOM0),
	       "accepted %d from %s", c, inet_ntoa(peer.sin_addr));
	while (got < (long)sizeof(buf) - 1 &&
	       (n = read(c, buf + got, sizeof(buf) - 1 - (size_t)got)) > 0) {
		got += n;
		if (buf[got - 1] == '\n')
			break;
	}
	buf[got] = 0;
	EXPECT(!strcmp(buf, "hello from dom0\n"), "read '%.*s'", (int)got - 1,
	       buf);
	for (i = 0; i < got; i++)
		if (buf[i] >= 'a' && buf[i] <= 'z')
			buf[i] -= 32;
	EXPECT(write(c, buf, (size_t)got) == got, "wrote the answer");
	EXPECT(shutdown(c, SHUT_WR) == 0, "shutdown(SHUT_WR)");
	EXPECT(recv(c, buf, sizeof(buf), 0) == 0, "EOF from dom0");
	close(c);
	close(l);
}

static int wait_dom0_key(const char *key)
{
	char v[16];
	int i;

	for (i = 0; i < 300; i++) {
		if (xs_read(key, v, sizeof(v)) >= 0)
			return 0;
		usleep(100000);
	}
	printf("sockapi: dom0 never wrote %s\n", key);
	return -1;
}

/* We connect to dom0's nc, read its line to EOF, answer. */
static void client_of_dom0(void)
{
	struct sockaddr_in d = addr_of(DOM0, 7100);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	char buf[64];
	long n, got = 0;

	if (wait_dom0_key("data/dom0-listening"))
		return;
	EXPECT(connect(s, (struct sockaddr *)&d, sizeof(d)) == 0,
	       "connect to dom0:7100");
	while ((n = recv(s, buf + got, sizeof(buf) - 1 - (size_t)got,
			 MSG_WAITALL)) > 0)
		got += n;
	buf[got] = 0;
	EXPECT(n == 0 && !strcmp(buf, "from dom0\n"), "got '%s' then EOF", buf);
	EXPECT(send(s, "from guest\n", 11, 0) == 11, "sent the answer");
	EXPECT(shutdown(s, SHUT_WR) == 0, "shutdown(SHUT_WR)");
	usleep(200000);
	EXPECT_ERR(send(s, "x", 1, 0), EPIPE, "send after SHUT_WR");
	close(s);
}

static void refused(void)
{
	struct sockaddr_in d = addr_of(DOM0, 7999);
	int s = socket(AF_INET, SOCK_STREAM, 0);

	EXPECT_ERR(connect(s, (struct sockaddr *)&d, sizeof(d)), ECONNREFUSED,
		   "connect to dom0's closed port 7999");
	close(s);
}

/* dom0 kills its end; our sends then meet a reset: EPIPE. */
static void reset_by_dom0(void)
{
	struct sockaddr_in d = addr_of(DOM0, 7101);
	int s = socket(AF_INET, SOCK_STREAM, 0), i;
	long r = 0;

	if (wait_dom0_key("data/dom0-listening-rst"))
		return;
	EXPECT(connect(s, (struct sockaddr *)&d, sizeof(d)) == 0,
	       "connect to dom0:7101");
	xs_write("data/sockapi-rst-connected", "1");
	if (wait_dom0_key("data/dom0-killed"))
		return;
	for (i = 0; i < 50 && r >= 0; i++) {
		r = send(s, "y", 1, 0);
		usleep(100000);
	}
	EXPECT(r == -1 && errno == EPIPE, "send on a reset connection (%d)", i);
	close(s);
}

int main(void)
{
	bad_fds();
	bad_sockets();
	unix_pair();
	bind_twice();
	options();
	nonblocking();
	timeouts();
	udp_loopback();
	resolve();
	served_dom0();
	client_of_dom0();
	refused();
	reset_by_dom0();
	xs_write("data/sockapi-done", "1");
	printf("sockapi: %d failed\n", failures);
	return failures;
}
