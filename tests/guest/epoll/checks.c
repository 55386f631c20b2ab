/*
 * The epoll guest test's in-guest epoll checks (the pipe checks are in
 * pipes.c): epoll over pipes, loopback sockets and the console (level
 * against edge triggering, one-shot, fairness, control errors, closing),
 * the timeout, and an idle wait whose CPU time dom0 measures.
 */
#define _GNU_SOURCE /* pipe2(), as with glibc */

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <skiff/xenstore.h>

#include "epolltest.h"

long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Events reported but not yet taken, by fd (the items' data is their
 * fd): one epoll_wait may report several fds, and an edge-triggered
 * report is not repeated, so none may be dropped. */
static unsigned int pending[64];

/* One epoll_wait; its reports go to pending[]. */
static int collect(int ep, int timeout_ms)
{
	struct epoll_event ev[8];
	int n = epoll_wait(ep, ev, 8, timeout_ms), i;

	for (i = 0; i < n; i++)
		if (ev[i].data.fd >= 0 && ev[i].data.fd < 64)
			pending[ev[i].data.fd] |= ev[i].events;
	return n;
}

/* What was reported for fd so far, forgotten once taken. */
static unsigned int take(int fd)
{
	unsigned int ev = pending[fd];

	pending[fd] = 0;
	return ev;
}

/* The events one epoll_wait reports for fd (0: none). */
static unsigned int wait_for(int ep, int fd, int timeout_ms)
{
	take(fd);
	collect(ep, timeout_ms);
	return take(fd);
}

static int add(int ep, int fd, unsigned int events)
{
	struct epoll_event ev = {.events = events, .data.fd = fd};

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}
struct waiter {
	int ep, rd;
	int got;       /* messages read */
	char last[16]; /* the last one */
	int in_order;
};

/* Block in epoll_wait (forever) and read what the main thread sends. */
static void *waiter_main(void *arg)
{
	struct waiter *w = arg;
	struct epoll_event ev;
	char buf[16], want[16];
	ssize_t r;

	w->in_order = 1;
	while (w->got < 5) {
		if (epoll_wait(w->ep, &ev, 1, -1) != 1 || ev.data.fd != w->rd)
			break;
		r = read(w->rd, buf, sizeof(buf) - 1);
		if (r <= 0)
			break;
		buf[r] = 0;
		snprintf(want, sizeof(want), "msg%d", w->got);
		w->in_order &= !strcmp(buf, want);
		w->got++;
	}
	return NULL;
}

void check_epoll_pipe_threads(void)
{
	struct waiter w = {0};
	int before = failures, p[2], i;
	pthread_t t;
	char msg[16];

	EXPECT(pipe2(p, O_NONBLOCK) == 0);
	w.ep = epoll_create1(EPOLL_CLOEXEC);
	w.rd = p[0];
	EXPECT(w.ep >= 0 && add(w.ep, p[0], EPOLLIN) == 0);
	pthread_create(&t, NULL, waiter_main, &w);
	for (i = 0; i < 5; i++) {
		usleep(20000); /* the waiter is blocked in epoll_wait */
		snprintf(msg, sizeof(msg), "msg%d", i);
		EXPECT(write(p[1], msg, strlen(msg)) == (ssize_t)strlen(msg));
	}
	pthread_join(t, NULL);
	EXPECT(w.got == 5 && w.in_order);
	close(w.ep);
	close(p[0]);
	close(p[1]);
	if (failures == before)
		printf("epoll: ok: epoll over a pipe between two threads\n");
}

/* How many of 5 epoll_wait(0) calls report fd. */
static int reports(int ep, int fd)
{
	int i, n = 0;

	for (i = 0; i < 5; i++)
		n += !!wait_for(ep, fd, 0);
	return n;
}

void check_et_vs_lt(void)
{
	int before = failures, p[3][2], lt, et, os, a, b, c, d, i;
	struct epoll_event ev[1], mod = {.events = EPOLLIN | EPOLLONESHOT};
	int seen[3] = {0, 0, 0};

	EXPECT(pipe2(p[0], O_NONBLOCK) == 0);
	lt = epoll_create(1);
	et = epoll_create(1);
	os = epoll_create(1);
	EXPECT(add(lt, p[0][0], EPOLLIN) == 0);
	EXPECT(add(et, p[0][0], EPOLLIN | EPOLLET) == 0);
	EXPECT(add(os, p[0][0], EPOLLIN | EPOLLONESHOT) == 0);
	EXPECT(write(p[0][1], "0123456789", 10) == 10);
	a = reports(lt, p[0][0]);
	b = reports(et, p[0][0]);
	EXPECT(write(p[0][1], "more", 4) == 4);
	c = reports(et, p[0][0]);
	d = reports(os, p[0][0]);
	mod.data.fd = p[0][0];
	EXPECT(epoll_ctl(os, EPOLL_CTL_MOD, p[0][0], &mod) == 0);
	d = d * 10 + reports(os, p[0][0]);
	EXPECT(a == 5 && b == 1 && c == 1 && d == 11);
	printf("epoll: LT reported %d of 5, ET %d of 5 and %d after new data, "
	       "ONESHOT %d then %d after MOD\n",
	       a, b, c, d / 10, d % 10);
	/* Three ready pipes, one event per call: each comes once in three. */
	for (i = 1; i < 3; i++) {
		EXPECT(pipe2(p[i], O_NONBLOCK) == 0);
		EXPECT(write(p[i][1], "x", 1) == 1);
	}
	for (i = 1; i < 3; i++)
		EXPECT(add(lt, p[i][0], EPOLLIN) == 0);
	for (i = 0; i < 3; i++) {
		EXPECT(epoll_wait(lt, ev, 1, 0) == 1);
		for (a = 0; a < 3; a++)
			seen[a] += ev[0].data.fd == p[a][0];
	}
	EXPECT(seen[0] == 1 && seen[1] == 1 && seen[2] == 1);
	for (i = 0; i < 3; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
	close(lt);
	close(et);
	close(os);
	if (failures == before)
		printf("epoll: ok: level vs edge triggering, one-shot, "
		       "fairness\n");
}

void check_ctl_errors(void)
{
	struct epoll_event ev = {.events = EPOLLIN}, out[2];
	int before = failures, ep = epoll_create1(0), p[2], q[2], file;

	EXPECT(ep >= 0);
	EXPECT(epoll_create(0) == -1 && errno == EINVAL);
	EXPECT(epoll_create1(1) == -1 && errno == EINVAL);
	EXPECT(pipe(p) == 0);
	ev.data.fd = p[0];
	EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
	EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == -1 &&
	       errno == EEXIST);
	EXPECT(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev) == -1 &&
	       errno == ENOENT);
	EXPECT(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL) == -1 &&
	       errno == ENOENT);
	EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, 63, &ev) == -1 && errno == EBADF);
	EXPECT(epoll_ctl(63, EPOLL_CTL_ADD, p[0], &ev) == -1 && errno == EBADF);
	EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev) == -1 && errno == EINVAL);
	EXPECT(epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &ev) == -1 &&
	       errno == EINVAL);
	EXPECT(epoll_ctl(ep, 99, p[1], &ev) == -1 && errno == EINVAL);
	file = open("/etc/regular.txt", O_RDONLY);
	EXPECT(file >= 0);
	EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev) == -1 && errno == EPERM);
	close(file);
	EXPECT(epoll_wait(ep, out, 0, 0) == -1 && errno == EINVAL);
	EXPECT(epoll_wait(p[0], out, 1, 0) == -1 && errno == EINVAL);
	/* Closing removes: the same fd number, a new pipe, adds afresh. */
	EXPECT(write(p[1], "x", 1) == 1);
	close(p[0]);
	close(p[1]);
	EXPECT(epoll_wait(ep, out, 2, 0) == 0);
	EXPECT(pipe(q) == 0 && q[0] == p[0]);
	ev.data.fd = q[0];
	EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev) == 0);
	EXPECT(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL) == 0);
	close(q[0]);
	close(q[1]);
	close(ep);
	if (failures == before)
		printf("epoll: ok: ctl errors EEXIST ENOENT EBADF EINVAL "
		       "EPERM; closing an fd removes it\n");
}

static struct sockaddr_in loopback(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET};

	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* Wait up to 2 s until fd was reported with all of want (reports
 * since the last take() count). */
static unsigned int wait_bits(int ep, int fd, unsigned int want)
{
	long long end = now_ms() + 2000;
	unsigned int got = take(fd);

	while (now_ms() < end && (got & want) != want) {
		collect(ep, 100);
		got |= take(fd);
	}
	return got;
}

#define GO_EVENTS (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET)

/* Go's netpoller's way over loopback TCP: every fd IN|OUT|RDHUP|ET. */
void check_sockets_loopback(void)
{
	struct sockaddr_in a = loopback(7400);
	int before = failures, one = 1, ep = epoll_create1(0), ls, cs, ss;
	char buf[64];

	ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	EXPECT(bind(ls, (struct sockaddr *)&a, sizeof(a)) == 0);
	EXPECT(listen(ls, 4) == 0);
	EXPECT(add(ep, ls, GO_EVENTS) == 0);
	EXPECT(wait_for(ep, ls, 0) == 0);
	cs = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	EXPECT(connect(cs, (struct sockaddr *)&a, sizeof(a)) == -1 &&
	       errno == EINPROGRESS);
	EXPECT(add(ep, cs, GO_EVENTS) == 0);
	EXPECT(wait_bits(ep, cs, EPOLLOUT) & EPOLLOUT);
	EXPECT(wait_bits(ep, ls, EPOLLIN) & EPOLLIN);
	ss = accept4(ls, NULL, NULL, SOCK_NONBLOCK);
	EXPECT(ss >= 0);
	EXPECT(accept4(ls, NULL, NULL, SOCK_NONBLOCK) == -1 && errno == EAGAIN);
	EXPECT(add(ep, ss, GO_EVENTS) == 0);
	EXPECT(wait_bits(ep, ss, EPOLLOUT) & EPOLLOUT);
	/* Both stay writable: not reported again without a new event. */
	EXPECT(reports(ep, cs) == 0 && !take(ss));
	EXPECT(reports(ep, ss) == 0 && !take(cs));
	EXPECT(write(ss, "ping", 4) == 4);
	EXPECT(wait_bits(ep, cs, EPOLLIN) & EPOLLIN);
	EXPECT(read(cs, buf, sizeof(buf)) == 4);
	EXPECT(read(cs, buf, sizeof(buf)) == -1 && errno == EAGAIN);
	EXPECT(reports(ep, cs) == 0);
	/* ss's ping is acknowledged meanwhile (lwIP may delay that 250 ms):
	 * room to send that never ran out is no new edge, for anyone. */
	EXPECT(collect(ep, 400) == 0 && !take(ss) && !take(cs));
	/* New data after EAGAIN: reported again. */
	EXPECT(write(ss, "pong", 4) == 4);
	EXPECT(wait_bits(ep, cs, EPOLLIN) & EPOLLIN);
	EXPECT(read(cs, buf, sizeof(buf)) == 4 && !memcmp(buf, "pong", 4));
	/* The peer's end: IN and RDHUP, then read gives 0. */
	EXPECT(shutdown(ss, SHUT_WR) == 0);
	EXPECT((wait_bits(ep, cs, EPOLLIN | EPOLLRDHUP) &
		(EPOLLIN | EPOLLRDHUP)) == (EPOLLIN | EPOLLRDHUP));
	EXPECT(read(cs, buf, sizeof(buf)) == 0);
	close(cs);
	close(ss);
	close(ls);
	close(ep);
	if (failures == before)
		printf("epoll: ok: loopback TCP the Go way (IN|OUT|RDHUP|ET): "
		       "writable once, new data after EAGAIN, RDHUP\n");
}

void check_console(void)
{
	int before = failures, ep = epoll_create1(0), n;

	EXPECT(add(ep, 1, EPOLLOUT | EPOLLET) == 0);
	EXPECT(wait_for(ep, 1, 0) == EPOLLOUT);
	n = reports(ep, 1);
	EXPECT(n == 0);
	close(ep);
	if (failures == before)
		printf("epoll: ok: console writable, reported once (ET)\n");
}

void check_timeout(void)
{
	struct epoll_event ev;
	int before = failures, ep = epoll_create1(0), p[2];
	long long t0, t1, t2;

	EXPECT(pipe(p) == 0);
	EXPECT(add(ep, p[0], EPOLLIN) == 0);
	t0 = now_ms();
	EXPECT(epoll_wait(ep, &ev, 1, 0) == 0);
	t1 = now_ms();
	EXPECT(epoll_wait(ep, &ev, 1, 200) == 0);
	t2 = now_ms();
	EXPECT(t1 - t0 < 50);
	EXPECT(t2 - t1 >= 200 && t2 - t1 < 1000);
	close(p[0]);
	close(p[1]);
	close(ep);
	printf("epoll: timeout 200 ms returned 0 after %lld ms\n", t2 - t1);
	if (failures == before)
		printf("epoll: ok: timeout accuracy\n");
}

/* 5 s in epoll_wait over fds that stay writable (a pipe, a loopback TCP
 * pair) and a listener: nothing is reported, and dom0 reads the CPU time
 * meanwhile, and during a 5 s sleep before it (dom0.sh). */
void check_idle(void)
{
	struct sockaddr_in a = loopback(7401);
	struct epoll_event ev[4];
	int before = failures, ep = epoll_create1(0), p[2], ls, cs, ss, n;
	int one = 1;
	long long t0, t1;

	EXPECT(pipe(p) == 0);
	ls = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	EXPECT(bind(ls, (struct sockaddr *)&a, sizeof(a)) == 0);
	EXPECT(listen(ls, 1) == 0);
	cs = socket(AF_INET, SOCK_STREAM, 0);
	EXPECT(connect(cs, (struct sockaddr *)&a, sizeof(a)) == 0);
	ss = accept(ls, NULL, NULL);
	EXPECT(ss >= 0);
	EXPECT(add(ep, p[1], EPOLLOUT | EPOLLET) == 0);
	EXPECT(add(ep, p[0], EPOLLIN | EPOLLET) == 0);
	EXPECT(add(ep, ls, GO_EVENTS) == 0);
	EXPECT(add(ep, cs, GO_EVENTS) == 0);
	EXPECT(add(ep, ss, GO_EVENTS) == 0);
	usleep(100000);
	while (epoll_wait(ep, ev, 4, 0) > 0) /* the first reports */
		;
	/* The yardstick: the same guest, the same sockets, asleep. */
	EXPECT(xs_write("data/epoll-sleep", "1") == 0);
	sleep(5);
	EXPECT(xs_write("data/epoll-idle", "1") == 0);
	t0 = now_ms();
	n = epoll_wait(ep, ev, 4, 5000);
	t1 = now_ms();
	printf("epoll: idle wait returned %d after %lld ms\n", n, t1 - t0);
	EXPECT(n == 0 && t1 - t0 >= 5000);
	close(cs);
	close(ss);
	close(ls);
	close(p[0]);
	close(p[1]);
	close(ep);
	if (failures == before)
		printf("epoll: ok: idle wait\n");
}
