/*
 * echo: a TCP echo server. Everything a client sends comes back to it;
 * when the client half-closes, the rest is sent and the connection
 * closed. One thread serves every client with poll() and non-blocking
 * sockets, so a slow reader only stops its own connection.
 *
 *   make APP=echo            extra = "[PORT]" (default 7)
 *
 * Network: app.mk gives the domain one vif on xenbr0 and no address, so
 * Skiff asks for one with DHCP; put ip=ADDR in the vif spec (APP_VIFS)
 * or "ip=ADDR/PREFIX" first on the command line (APP_EXTRA) for a static
 * one. The address is printed on the console and written to xenstore
 * (data/ip). Prints "echo: listening on PORT", the first few connections
 * as they open and close, and a summary at `xl shutdown`.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#ifdef __skiff__
#include <skiff/shutdown.h>
#endif

#ifndef MSG_NOSIGNAL /* a closed peer is an error, not a signal */
#define MSG_NOSIGNAL 0
#endif

#define MAX_CONNS 256
#define BUF_SIZE 16384
#define LOGGED_CONNS 5 /* connections logged one by one */

struct conn {
	int fd;
	unsigned long id;
	bool eof;	     /* the client half-closed */
	size_t len, off;     /* buf[off, len) still to be echoed */
	unsigned long bytes; /* echoed so far */
	char buf[BUF_SIZE];
};

static struct {
	struct conn *conn[MAX_CONNS];
	int n;
	unsigned long accepted, closed, bytes;
} es;

static void set_nonblocking(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		fprintf(stderr, "echo: fcntl: %s\n", strerror(errno));
}

/* Accept every waiting client (the listener is non-blocking). */
static void accept_all(int ls)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	char ip[INET_ADDRSTRLEN];
	struct conn *c;
	int fd;

	while (es.n < MAX_CONNS &&
	       (fd = accept(ls, (struct sockaddr *)&sa, &len)) >= 0) {
		c = malloc(sizeof(*c));
		if (!c) {
			fprintf(stderr, "echo: out of memory, dropping a "
					"client\n");
			close(fd);
			continue;
		}
		memset(c, 0, offsetof(struct conn, buf));
		c->fd = fd;
		c->id = ++es.accepted;
		set_nonblocking(fd);
		es.conn[es.n++] = c;
		if (c->id <= LOGGED_CONNS)
			printf("echo: connection %lu from %s:%u\n", c->id,
			       inet_ntop(AF_INET, &sa.sin_addr, ip, sizeof(ip)),
			       ntohs(sa.sin_port));
		if (c->id == LOGGED_CONNS)
			printf("echo: (further connections are not logged)\n");
		len = sizeof(sa);
	}
	if (es.n < MAX_CONNS && errno != EAGAIN && errno != EWOULDBLOCK)
		fprintf(stderr, "echo: accept: %s\n", strerror(errno));
}

static void drop(int i)
{
	struct conn *c = es.conn[i];

	if (c->id <= LOGGED_CONNS)
		printf("echo: connection %lu closed, %lu bytes echoed\n", c->id,
		       c->bytes);
	close(c->fd);
	es.closed++;
	es.bytes += c->bytes;
	free(c);
	es.conn[i] = es.conn[--es.n];
}

/* Serve what poll() reported; false when the connection is done. */
static bool serve(struct conn *c, short revents)
{
	ssize_t r;

	if (c->len == 0 && !c->eof &&
	    (revents & (POLLIN | POLLHUP | POLLERR))) {
		r = recv(c->fd, c->buf, sizeof(c->buf), 0);
		if (r > 0)
			c->len = (size_t)r, c->off = 0;
		else if (r == 0)
			c->eof = true;
		else if (errno != EAGAIN && errno != EWOULDBLOCK)
			return false;
	}
	if (c->len > c->off) {
		r = send(c->fd, c->buf + c->off, c->len - c->off, MSG_NOSIGNAL);
		if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
			return false;
		if (r > 0) {
			c->off += (size_t)r;
			c->bytes += (unsigned long)r;
		}
		if (c->off == c->len)
			c->len = c->off = 0;
	}
	return !(c->eof && c->len == 0);
}

static void loop(int ls)
{
	static struct pollfd p[MAX_CONNS + 1];
	int i, n;

	for (;;) {
		p[0].fd = es.n < MAX_CONNS ? ls : -1;
		p[0].events = POLLIN;
		for (i = 0; i < es.n; i++) {
			p[i + 1].fd = es.conn[i]->fd;
			p[i + 1].events = es.conn[i]->len ? POLLOUT : POLLIN;
		}
		n = es.n;
		if (poll(p, (nfds_t)n + 1, -1) < 0) {
			fprintf(stderr, "echo: poll: %s\n", strerror(errno));
			continue;
		}
		/* Backwards: drop() moves the last connection into slot i. */
		for (i = n - 1; i >= 0; i--)
			if (p[i + 1].revents &&
			    !serve(es.conn[i], p[i + 1].revents))
				drop(i);
		if (p[0].revents & POLLIN)
			accept_all(ls);
	}
}

#ifdef __skiff__
static void summary(int reason, void *arg)
{
	(void)reason;
	(void)arg;
	printf("echo: %lu connections, %lu closed, %lu bytes echoed\n",
	       es.accepted, es.closed, es.bytes);
}
#endif

int main(int argc, char **argv)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	int port = argc > 1 ? atoi(argv[1]) : 7, one = 1, ls;

	if (port <= 0 || port > 65535) {
		fprintf(stderr, "echo: bad port '%s'\n", argv[1]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
#ifdef __skiff__
	skiff_on_shutdown(summary, NULL);
#endif
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_ANY);
	ls = socket(AF_INET, SOCK_STREAM, 0);
	if (ls < 0 ||
	    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(ls, 64) < 0) {
		fprintf(stderr, "echo: cannot listen on port %d: %s\n", port,
			strerror(errno));
		return 1;
	}
	set_nonblocking(ls);
	printf("echo: listening on %d\n", port);
	loop(ls);
	return 0; /* not reached */
}
