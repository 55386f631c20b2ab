/*
 * netserve: the Linux side's servers, for the Linux PV domU that Skiff's
 * network figures are compared with (and for trying the clients on any
 * Linux). One process per connection (fork).
 *   netserve echo PORT          echo everything back, close after EOF
 *   netserve sink PORT          read until EOF, then close
 *   netserve source PORT MIB    write MIB MiB, then close
 *   netserve http PORT          HTTP/1.1 with keep-alive, like Skiff's
 *                               examples/httpd: / (a small page), /1m
 *                               (the 1 MiB body of netcommon.h), else 404
 * Prints "netserve: MODE listening on PORT" once it listens.
 */
#define _GNU_SOURCE /* memmem */
#include "netcommon.h"

#include <signal.h>
#include <strings.h>

#define CHUNK 65536

static void serve_echo(int fd)
{
	static char buf[CHUNK];
	ssize_t r, w, off;

	while ((r = recv(fd, buf, sizeof(buf), 0)) > 0)
		for (off = 0; off < r; off += w)
			if ((w = send(fd, buf + off, (size_t)(r - off),
				      MSG_NOSIGNAL)) <= 0)
				return;
}

static void serve_sink(int fd)
{
	static char buf[CHUNK];

	while (recv(fd, buf, sizeof(buf), 0) > 0)
		;
}

static void serve_source(int fd, uint64_t total)
{
	static unsigned char buf[CHUNK];
	uint64_t done = 0;
	ssize_t w;

	net_pattern(1, 0, buf, sizeof(buf));
	while (done < total) {
		w = send(fd, buf,
			 total - done < CHUNK ? (size_t)(total - done) : CHUNK,
			 MSG_NOSIGNAL);
		if (w <= 0)
			return;
		done += (uint64_t)w;
	}
}

static bool send_all(int fd, const void *p, size_t n)
{
	const char *b = p;
	ssize_t w;

	for (; n; n -= (size_t)w, b += w)
		if ((w = send(fd, b, n, MSG_NOSIGNAL)) <= 0)
			return false;
	return true;
}

/* One response; false when the connection is gone. */
static bool respond(int fd, const char *method, const char *path)
{
	static char body[NET_BODY_LINES * 64 + 1];
	static const char page[] = "<html><body><h1>netserve</h1>"
				   "<p>Linux peer of Skiff's httpd</p>"
				   "</body></html>\n";
	const char *b = page;
	size_t len = sizeof(page) - 1;
	int status = 200;
	char head[256];
	unsigned i;

	if (!strcmp(path, "/1m")) {
		for (i = 0; i < NET_BODY_LINES; i++)
			net_body_line(body + 64 * i, i);
		b = body;
		len = NET_BODY_LINES * 64;
	} else if (strcmp(path, "/")) {
		status = 404;
		b = "not found\n";
		len = strlen(b);
	}
	snprintf(head, sizeof(head),
		 "HTTP/1.1 %d %s\r\nContent-Type: text/html\r\n"
		 "Content-Length: %zu\r\n\r\n",
		 status, status == 200 ? "OK" : "Not Found", len);
	if (!send_all(fd, head, strlen(head)))
		return false;
	return !strcmp(method, "HEAD") || send_all(fd, b, len);
}

static void serve_http(int fd)
{
	static char buf[8192];
	char method[16], path[256], *end;
	size_t have = 0, used;
	ssize_t r;

	for (;;) {
		while (!(end = memmem(buf, have, "\r\n\r\n", 4))) {
			if (have == sizeof(buf))
				return;
			r = recv(fd, buf + have, sizeof(buf) - have, 0);
			if (r <= 0)
				return;
			have += (size_t)r;
		}
		*end = '\0';
		if (sscanf(buf, "%15s %255s", method, path) != 2 ||
		    !respond(fd, method, path))
			return;
		used = (size_t)(end + 4 - buf);
		memmove(buf, buf + used, have - used);
		have -= used;
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 2 ? argv[1] : "";
	uint64_t mib = 0;
	int ls, fd, one = 1;

	net_prog = "netserve";
	if (!strcmp(mode, "source") && argc == 4)
		mib = (uint64_t)net_number("MiB", argv[3]);
	else if (argc != 3 || (strcmp(mode, "echo") && strcmp(mode, "sink") &&
			       strcmp(mode, "http")))
		net_die("usage: netserve echo|sink|http PORT, or netserve "
			"source PORT MIB");
	signal(SIGCHLD, SIG_IGN); /* no zombies */
	ls = net_listen(argv[2]);
	printf("netserve: %s listening on %s\n", mode, argv[2]);
	fflush(stdout);
	for (;;) {
		fd = accept(ls, NULL, NULL);
		if (fd < 0)
			continue;
		if (fork() == 0) {
			close(ls);
			setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
				   sizeof(one));
			if (!strcmp(mode, "echo"))
				serve_echo(fd);
			else if (!strcmp(mode, "sink"))
				serve_sink(fd);
			else if (!strcmp(mode, "source"))
				serve_source(fd, mib << 20);
			else
				serve_http(fd);
			close(fd);
			_exit(0);
		}
		close(fd);
	}
}
