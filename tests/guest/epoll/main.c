/*
 * Guest test epoll: first the in-guest checks of pipes and epoll
 * (checks.c), including a 5 s idle epoll_wait whose CPU time dom0 reads
 * with xl list; then a single-threaded echo server driven by epoll with
 * edge triggering (non-blocking listener and connections, registered as
 * Go's netpoller does: IN|OUT|RDHUP|ET), which dom0 loads with tcpecho
 * (one 4 MiB client checked by sha256, then 50 at once). A connection to
 * port 8 ends the server. Exit code 0 when every check passed.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <netinet/in.h>
#include <skiff/xenstore.h>

#include "epolltest.h"

int failures;

#define ECHO_PORT 7
#define QUIT_PORT 8
#define CONN_BUF 16384
#define MAX_EVENTS 16 /* fewer than the clients: scans are cut short */
#define GO_EVENTS (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET)

/* One client: bytes read but not yet echoed are buf[off..len). */
struct conn {
	size_t off, len;
	bool eof;
	unsigned char buf[CONN_BUF];
};

static struct {
	int ep, ls, qs;
	struct conn *conn[64]; /* by fd */
	int accepted, closed;
	unsigned long long bytes;
	unsigned long waits, events;
	bool quit;
} srv;

static int listen_on(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	struct epoll_event ev = {.events = GO_EVENTS};
	int one = 1, s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	a.sin_port = htons((unsigned short)port);
	EXPECT(s >= 0);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	EXPECT(bind(s, (struct sockaddr *)&a, sizeof(a)) == 0);
	EXPECT(listen(s, 64) == 0);
	ev.data.fd = s;
	EXPECT(epoll_ctl(srv.ep, EPOLL_CTL_ADD, s, &ev) == 0);
	return s;
}

/* Edge-triggered: accept until EAGAIN, or later ones are never seen. */
static void accept_all(void)
{
	struct epoll_event ev = {.events = GO_EVENTS};
	int fd;

	while ((fd = accept4(srv.ls, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
		srv.conn[fd] = calloc(1, sizeof(struct conn));
		EXPECT(srv.conn[fd] != NULL);
		ev.data.fd = fd;
		EXPECT(epoll_ctl(srv.ep, EPOLL_CTL_ADD, fd, &ev) == 0);
		srv.accepted++;
	}
	EXPECT(errno == EAGAIN);
}

/* Closing removes the fd from the epoll set. */
static void conn_close(int fd)
{
	free(srv.conn[fd]);
	srv.conn[fd] = NULL;
	close(fd);
	srv.closed++;
}

/* Echo until the socket says EAGAIN (reading, or writing: then the
 * bytes wait for the next EPOLLOUT edge), closing after the end. */
static void serve(int fd)
{
	struct conn *c = srv.conn[fd];
	ssize_t n;

	for (;;) {
		if (c->off < c->len) {
			n = write(fd, c->buf + c->off, c->len - c->off);
			if (n < 0)
				break;
			c->off += (size_t)n;
			srv.bytes += (unsigned long long)n;
		} else if (c->eof) {
			conn_close(fd);
			return;
		} else {
			n = read(fd, c->buf, CONN_BUF);
			if (n < 0)
				break;
			c->off = 0;
			c->len = (size_t)n;
			c->eof = !n;
		}
	}
	if (errno != EAGAIN) {
		printf("epoll: echo: fd %d: error %d\n", fd, errno);
		conn_close(fd);
	}
}

/* dom0 connected to the quit port: take the connection and close it,
 * so dom0's client sees the end; then stop. */
static void quit(void)
{
	int fd = accept(srv.qs, NULL, NULL);

	if (fd >= 0)
		close(fd);
	srv.quit = true;
}

static void echo_server(void)
{
	struct epoll_event ev[MAX_EVENTS];
	int n, i, fd;

	srv.ep = epoll_create1(EPOLL_CLOEXEC);
	srv.ls = listen_on(ECHO_PORT);
	srv.qs = listen_on(QUIT_PORT);
	printf("epoll: echo: listening on %d\n", ECHO_PORT);
	EXPECT(xs_write("data/epoll-listening", "1") == 0);
	while (!srv.quit) {
		n = epoll_wait(srv.ep, ev, MAX_EVENTS, -1);
		EXPECT(n > 0);
		srv.waits++;
		for (i = 0; i < n; i++) {
			fd = ev[i].data.fd;
			srv.events++;
			if (fd == srv.ls)
				accept_all();
			else if (fd == srv.qs)
				quit();
			else if (fd >= 0 && fd < 64 && srv.conn[fd])
				serve(fd);
		}
	}
	printf("epoll: echo: %d connections, %d closed, %llu bytes echoed, "
	       "%lu waits, %lu events\n",
	       srv.accepted, srv.closed, srv.bytes, srv.waits, srv.events);
	EXPECT(srv.accepted == 51 && srv.closed == 51);
}

int main(void)
{
	check_pipe_nonblock();
	check_pipe_threads();
	check_epoll_pipe_threads();
	check_et_vs_lt();
	check_ctl_errors();
	check_sockets_loopback();
	check_console();
	check_timeout();
	check_idle();
	check_many_fds();
	echo_server();
	printf("epoll: %d failed\n", failures);
	return failures ? 1 : 0;
}
