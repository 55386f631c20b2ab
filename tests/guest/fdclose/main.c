/*
 * Guest test fdclose: fds closed by one thread while another is blocked
 * in a call on them (recv, accept, send, a pipe's read, a disk's read,
 * epoll_wait, poll; rounds.c), 300 rounds. Every blocked call must return
 * when its peer acts, nothing may be freed under it, and nothing may
 * leak: the lwIP socket count and the heap in use (mallinfo) are taken
 * after a first round and again after the last, and written to
 * xenstore (data/fdclose-*), where dom0 compares them. Then the app
 * must still serve: an echo on port 7 for dom0 until a connection on
 * port 8. Exit code 0 when every check passed.
 */
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <netinet/in.h>
#include <skiff/debug.h>
#include <skiff/xenstore.h>

#include "fdclose.h"

#define ROUNDS 300
#define ECHO_PORT 7
#define QUIT_PORT 8

int failures;

static int listen_on(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_port = htons((unsigned short)port);
	EXPECT(s >= 0);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	EXPECT(bind(s, (struct sockaddr *)&a, sizeof(a)) == 0);
	EXPECT(listen(s, 4) == 0);
	return s;
}

static long heap_used(void)
{
	return (long)mallinfo().uordblks;
}

static void put_key(const char *key, long v)
{
	char path[64], val[24];

	snprintf(path, sizeof(path), "data/fdclose-%s", key);
	snprintf(val, sizeof(val), "%ld", v);
	EXPECT(xs_write(path, val) == 0);
}

/* An epoll item follows its open file: closing one of two dups leaves
 * it, closing the last removes it. */
static void epoll_follows_the_file(void)
{
	struct epoll_event ev = {.events = EPOLLIN}, out;
	int ep = epoll_create1(0), p[2], d, before = failures;

	EXPECT(ep >= 0 && pipe(p) == 0);
	d = dup(p[0]);
	EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
	EXPECT(write(p[1], "x", 1) == 1);
	EXPECT(close(p[0]) == 0);
	EXPECT(epoll_wait(ep, &out, 1, 0) == 1);
	EXPECT(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == -1 &&
	       errno == EBADF);
	EXPECT(close(d) == 0);
	EXPECT(epoll_wait(ep, &out, 1, 0) == 0);
	EXPECT(close(p[1]) == 0 && close(ep) == 0);
	if (failures == before)
		printf(
		    "fdclose: ok: an epoll item lives as long as its file\n");
}

/* Wait up to 5 s for the counts to come back to the baseline exactly
 * (closes and resets finish in lwIP's thread, its timers come and go);
 * dom0 then judges what is left. */
static void settle(int sock_base, long heap_base)
{
	int i;

	for (i = 0; i < 50; i++) {
		if (skiff_debug_sockets() == sock_base &&
		    heap_used() <= heap_base)
			return;
		usleep(100000);
	}
}

/* Echo one connection's bytes until it ends. */
static void echo_one(int c)
{
	char buf[512];
	ssize_t n;

	while ((n = recv(c, buf, sizeof(buf), 0)) > 0)
		EXPECT(send(c, buf, (size_t)n, 0) == n);
	close(c);
}

/* Serve echo connections until one comes on the quit port. */
static void serve(int es, int qs)
{
	struct epoll_event ev = {.events = EPOLLIN}, got;
	int ep = epoll_create1(0), served = 0;

	ev.data.fd = es;
	EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, es, &ev) == 0);
	ev.data.fd = qs;
	EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, qs, &ev) == 0);
	while (epoll_wait(ep, &got, 1, -1) == 1 && got.data.fd == es) {
		echo_one(accept(es, NULL, NULL));
		served++;
	}
	printf("fdclose: served %d echo connection(s) after the rounds\n",
	       served);
	EXPECT(served > 0);
	close(ep);
}

int main(void)
{
	int es = listen_on(ECHO_PORT), qs = listen_on(QUIT_PORT), i, bad = 0;
	int sock_base;
	long heap_base;

	rounds_init();
	epoll_follows_the_file();
	bad += round_run(0) > 0; /* the first one makes lwIP's caches */
	sock_base = skiff_debug_sockets();
	heap_base = heap_used();
	for (i = 1; i <= ROUNDS; i++)
		bad += round_run(i) > 0;
	settle(sock_base, heap_base);
	printf("fdclose: %d rounds, %d failed; disk reads closed in flight: "
	       "%d\n",
	       ROUNDS, bad, rounds_disk_in_flight());
	printf("fdclose: sockets %d -> %d, heap %ld -> %ld\n", sock_base,
	       skiff_debug_sockets(), heap_base, heap_used());
	put_key("sockets-base", sock_base);
	put_key("sockets-end", skiff_debug_sockets());
	put_key("heap-base", heap_base);
	put_key("heap-end", heap_used());
	put_key("rounds", ROUNDS - bad);
	rounds_heap_by_kind(heap_used, 20);
	EXPECT(xs_write("data/fdclose-done", "1") == 0);
	serve(es, qs);
	printf("fdclose: %d failed\n", failures);
	return failures ? 1 : 0;
}
