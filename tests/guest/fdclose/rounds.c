/*
 * One round of fdclose: a thread blocks in a call on an fd (recv on a
 * TCP connection, accept on a listener, send to a peer that does not
 * read, read on a pipe, read on a disk, epoll_wait, poll); this thread
 * closes the fd under it; then the peer acts (sends a byte, connects,
 * resets, writes, the disk answers, the watched pipe gets a byte). poll
 * then reports POLLNVAL for the closed fd, as Linux's does. As on Linux
 * the close does not end the call: the call finishes when the peer
 * acts, with what the peer did. Connections are loopback ones inside
 * the guest; the peers close with a reset, so no TIME_WAIT is left to
 * hold memory when dom0 compares the heap with its baseline.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <netinet/in.h>

#include "fdclose.h"

/* Long enough for a blocked thread to block; the calls never wake by
 * themselves, so it only has to be long enough to get there. */
#define BLOCK_US 2000
#define SEND_LEN (4u << 20) /* far beyond the send buffer and window */
#define DISK_LEN (1u << 20)

enum kind { RECV, ACCEPT, SEND, READ, EPOLL, POLL };

/* A call made by its own thread. */
struct call {
	enum kind kind;
	int fd;
	size_t len;
	long ret;
	int err;
	volatile bool entered, done;
	char small[8];
	struct epoll_event ev;
	struct pollfd pfd;
};

static struct {
	int pair_listener;
	char out[SEND_LEN];
	char disk[DISK_LEN];
	int disk_in_flight; /* disk reads closed while still under way */
} rd;

static void *call_thread(void *arg)
{
	struct call *c = arg;

	c->entered = true;
	switch (c->kind) {
	case RECV:
		c->ret = recv(c->fd, c->small, sizeof(c->small), 0);
		break;
	case ACCEPT:
		c->ret = accept(c->fd, NULL, NULL);
		break;
	case SEND:
		c->ret = send(c->fd, rd.out, SEND_LEN, 0);
		break;
	case READ:
		c->ret = read(c->fd, c->len > 8 ? rd.disk : c->small, c->len);
		break;
	case EPOLL:
		c->ret = epoll_wait(c->fd, &c->ev, 1, -1);
		break;
	case POLL:
		c->pfd.fd = c->fd;
		c->pfd.events = POLLIN;
		c->ret = poll(&c->pfd, 1, -1);
		break;
	}
	c->err = c->ret < 0 ? errno : 0;
	c->done = true;
	return NULL;
}

/* Start c's thread and let it block in its call. */
static pthread_t call_start(struct call *c, enum kind kind, int fd, size_t len)
{
	pthread_t t;

	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->fd = fd;
	c->len = len;
	EXPECT(pthread_create(&t, NULL, call_thread, c) == 0);
	while (!c->entered)
		sched_yield();
	if (kind != READ || len <= 8)
		usleep(BLOCK_US);
	return t;
}

/* Close the fd of a blocked call; the call must go on blocking. */
static void close_under(struct call *c)
{
	EXPECT(!c->done);
	EXPECT(close(c->fd) == 0);
	usleep(BLOCK_US);
	EXPECT(!c->done);
}

static int tcp_socket(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);

	EXPECT(s >= 0);
	return s;
}

static struct sockaddr_in loopback(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET};

	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* A connection: *c the connecting end, *s the accepted one. */
static void pair(int *c, int *s)
{
	struct sockaddr_in a = loopback(PAIR_PORT);

	*c = tcp_socket();
	EXPECT(connect(*c, (struct sockaddr *)&a, sizeof(a)) == 0);
	*s = accept(rd.pair_listener, NULL, NULL);
	EXPECT(*s >= 0);
}

/* Close with a reset, so that neither end is left in TIME_WAIT (30 s of
 * heap per connection). lwIP resets on a close with SO_LINGER 0 only
 * when data is still unacknowledged: one byte just sent is (the peer's
 * ack comes through lwIP's thread, later). On a connection already
 * reset the send fails and there is nothing left to linger. */
static void reset_close(int fd)
{
	struct linger l = {.l_onoff = 1, .l_linger = 0};

	(void)send(fd, "z", 1, MSG_DONTWAIT);
	EXPECT(setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l)) == 0);
	EXPECT(close(fd) == 0);
}

void rounds_init(void)
{
	struct sockaddr_in a = loopback(PAIR_PORT);

	rd.pair_listener = tcp_socket();
	EXPECT(bind(rd.pair_listener, (struct sockaddr *)&a, sizeof(a)) == 0);
	EXPECT(listen(rd.pair_listener, 4) == 0);
}

/* recv: the peer's byte arrives after the close and is received. */
static void blocked_recv(void)
{
	struct call k;
	pthread_t t;
	int c, s;

	pair(&c, &s);
	t = call_start(&k, RECV, s, 0);
	close_under(&k);
	EXPECT(send(c, "r", 1, 0) == 1);
	pthread_join(t, NULL);
	EXPECT(k.ret == 1 && k.small[0] == 'r');
	reset_close(c);
}

/* accept: the listener's fd is closed, a client connects, the blocked
 * accept gets the connection. */
static void blocked_accept(void)
{
	struct sockaddr_in a = loopback(0);
	socklen_t alen = sizeof(a);
	int l = tcp_socket(), c;
	struct call k;
	pthread_t t;

	EXPECT(bind(l, (struct sockaddr *)&a, sizeof(a)) == 0);
	EXPECT(getsockname(l, (struct sockaddr *)&a, &alen) == 0);
	EXPECT(listen(l, 1) == 0);
	t = call_start(&k, ACCEPT, l, 0);
	close_under(&k);
	c = tcp_socket();
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	EXPECT(connect(c, (struct sockaddr *)&a, sizeof(a)) == 0);
	pthread_join(t, NULL);
	EXPECT(k.ret >= 0);
	if (k.ret >= 0)
		EXPECT(close((int)k.ret) == 0);
	reset_close(c);
}

/* send: the peer does not read, the sender blocks with the buffers
 * full; its fd is closed, the peer resets: the send returns what it
 * sent or the reset. */
static void blocked_send(void)
{
	struct call k;
	pthread_t t;
	int c, s;

	pair(&c, &s);
	t = call_start(&k, SEND, s, 0);
	close_under(&k);
	reset_close(c);
	pthread_join(t, NULL);
	EXPECT(k.ret < (long)SEND_LEN);
	EXPECT(k.ret > 0 || k.err == ECONNRESET || k.err == EPIPE ||
	       k.err == ECONNABORTED);
}

/* A pipe's read end closed under a reader: the writer's byte still
 * reaches it. */
static void blocked_pipe(void)
{
	struct call k;
	pthread_t t;
	int p[2];

	EXPECT(pipe(p) == 0);
	t = call_start(&k, READ, p[0], 1);
	close_under(&k);
	EXPECT(write(p[1], "p", 1) == 1);
	pthread_join(t, NULL);
	EXPECT(k.ret == 1 && k.small[0] == 'p');
	EXPECT(close(p[1]) == 0);
}

/* A disk read in flight when its fd is closed: it completes into the
 * buffer with the disk's bytes. */
static void blocked_disk(void)
{
	int fd = open("/dev/xvda", O_RDONLY);
	struct call k;
	pthread_t t;
	size_t i;

	EXPECT(fd >= 0);
	memset(rd.disk, 0, sizeof(rd.disk));
	t = call_start(&k, READ, fd, DISK_LEN);
	rd.disk_in_flight += !k.done;
	EXPECT(close(fd) == 0);
	pthread_join(t, NULL);
	EXPECT(k.ret == (long)DISK_LEN);
	for (i = 0; i < DISK_LEN && rd.disk[i] == 'Z'; i++)
		;
	EXPECT(i == DISK_LEN);
}

/* epoll_wait on a set whose fd is closed: the watched pipe's byte still
 * wakes it. */
static void blocked_epoll(void)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 77};
	int ep = epoll_create1(0), p[2];
	struct call k;
	pthread_t t;

	EXPECT(ep >= 0 && pipe(p) == 0);
	EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
	t = call_start(&k, EPOLL, ep, 0);
	close_under(&k);
	EXPECT(write(p[1], "e", 1) == 1);
	pthread_join(t, NULL);
	EXPECT(k.ret == 1 && k.ev.data.u64 == 77);
	EXPECT(close(p[0]) == 0 && close(p[1]) == 0);
}

/* poll() on a pipe whose fd is closed under it: any wake-up (the
 * writer's byte, or any other readiness change in the guest) makes it
 * look again and report POLLNVAL for the fd, as Linux's poll does. */
static void blocked_poll(void)
{
	struct call k;
	pthread_t t;
	int p[2];

	EXPECT(pipe(p) == 0);
	t = call_start(&k, POLL, p[0], 0);
	EXPECT(!k.done);
	EXPECT(close(p[0]) == 0);
	EXPECT(write(p[1], "o", 1) == 1);
	pthread_join(t, NULL);
	EXPECT(k.ret == 1 && k.pfd.revents == POLLNVAL);
	EXPECT(close(p[1]) == 0);
}

static void *nothing(void *arg)
{
	return arg;
}

/* A thread that blocks in nothing: what creating one costs. */
static void thread_only(void)
{
	pthread_t t;

	EXPECT(pthread_create(&t, NULL, nothing, NULL) == 0);
	pthread_join(t, NULL);
}

static const struct {
	const char *name;
	void (*run)(void);
} kinds[] = {
    {"recv", blocked_recv},	 {"accept", blocked_accept},
    {"send", blocked_send},	 {"pipe read", blocked_pipe},
    {"disk read", blocked_disk}, {"epoll_wait", blocked_epoll},
    {"poll", blocked_poll},	 {"thread", thread_only},
};

int round_run(int n)
{
	int before = failures;
	size_t i;

	(void)n;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		kinds[i].run();
	return failures - before;
}

void rounds_heap_by_kind(long (*heap)(void), int times)
{
	size_t i;
	long h;
	int k;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		h = heap();
		for (k = 0; k < times; k++)
			kinds[i].run();
		usleep(200000);
		printf("fdclose: heap after %d x %s: %+ld bytes\n", times,
		       kinds[i].name, heap() - h);
	}
}

int rounds_disk_in_flight(void)
{
	return rd.disk_in_flight;
}
