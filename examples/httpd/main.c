/*
 * httpd: a small HTTP/1.1 server with keep-alive, one thread per
 * connection (pthreads). GET and HEAD of
 *   /        a generated HTML page (the same every time)
 *   /1m      a generated 1 MiB body: 16384 lines of 64 bytes, the line
 *            number in 7 digits, a space, a-z A-Z 0-2, '\n' (so a client
 *            can make the same bytes and compare checksums)
 *   /stats   plain text: heap in use (newlib's mallinfo), the heap's size,
 *            connections open and total, requests served
 * anything else is 404; other methods 501. Every response has a
 * Content-Length. One access-log line per request on the console:
 * "GET /path 200 1234" (method, path, status, body bytes).
 *
 *   make APP=httpd           extra = "[-q] [PORT]" (default 80; -q: no
 *                            access log, for benchmarks)
 *
 * Network as examples/echo: DHCP on the one vif by default, or ip= in
 * the vif spec (APP_VIFS) or first on the command line (APP_EXTRA).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>
#ifdef __skiff__
#include <skiff/memory.h>
#include <skiff/shutdown.h>
#endif

#ifndef MSG_NOSIGNAL /* a closed peer is an error, not a signal */
#define MSG_NOSIGNAL 0
#endif

#define MAX_CONNS 64
#define REQ_MAX 4096
#define BODY_LINES 16384
#define BODY_FILL "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012"

static struct {
	pthread_mutex_t lock;
	unsigned long conns_total, requests;
	int conns_open;
	bool quiet;
	int port;
	char *body; /* /1m, made once */
} hs = {.lock = PTHREAD_MUTEX_INITIALIZER};

struct request {
	char method[8], path[256];
	bool keep_alive;
};

static bool send_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	for (; n; n -= (size_t)w, p += w)
		if ((w = send(fd, p, n, MSG_NOSIGNAL)) <= 0)
			return false;
	return true;
}

/* The response head, and a body of up to 1 KiB (not NULL) in the same
 * send: a head and body sent apart would wait for the client's delayed
 * ACK on a Nagle-delayed connection. */
static bool send_head(int fd, int status, const char *type, size_t len,
		      bool keep_alive, const char *body)
{
	char head[256 + 1024];
	const char *reason = status == 200   ? "OK"
			     : status == 404 ? "Not Found"
			     : status == 400 ? "Bad Request"
			     : status == 503 ? "Service Unavailable"
					     : "Not Implemented";
	int n = snprintf(head, sizeof(head),
			 "HTTP/1.1 %d %s\r\nServer: skiff-httpd\r\n"
			 "Content-Type: %s\r\nContent-Length: %zu\r\n"
			 "Connection: %s\r\n\r\n",
			 status, reason, type, len,
			 keep_alive ? "keep-alive" : "close");

	if (body && len <= 1024) {
		memcpy(head + n, body, len);
		n += (int)len;
	}
	return send_all(fd, head, (size_t)n);
}

/* The 1 MiB body of /1m, made once at start. */
static bool make_body(void)
{
	unsigned i;

	hs.body = malloc(BODY_LINES * 64 + 1);
	if (!hs.body)
		return false;
	for (i = 0; i < BODY_LINES; i++)
		snprintf(hs.body + 64 * i, 65, "%07u %s\n", i, BODY_FILL);
	return true;
}

/* Bytes of heap in use. */
static long heap_in_use(void)
{
	return (long)mallinfo().uordblks;
}

/* The text of / or /stats into buf; returns its length. */
static size_t make_page(char *buf, size_t size, bool stats)
{
	long in_use = heap_in_use();
	unsigned long heap = 0;
	int n;

#ifdef __skiff__
	heap = skiff_heap_size();
#endif
	pthread_mutex_lock(&hs.lock);
	if (stats)
		n = snprintf(buf, size,
			     "heap_in_use %ld\nheap_size %lu\n"
			     "connections_open %d\nconnections_total %lu\n"
			     "requests %lu\n",
			     in_use, heap, hs.conns_open, hs.conns_total,
			     hs.requests);
	else
		n = snprintf(
		    buf, size,
		    "<!DOCTYPE html>\n<html><head><title>Skiff "
		    "httpd</title></head>\n<body><h1>Hello from "
		    "Skiff</h1>\n<p>A unikernel serving HTTP/1.1 on "
		    "port %d: <a href=\"/1m\">1 MiB</a>, "
		    "<a href=\"/stats\">stats</a>.</p></body></html>\n",
		    hs.port);
	pthread_mutex_unlock(&hs.lock);
	return (size_t)n < size ? (size_t)n : size - 1;
}

/* Answer one request; false when the connection must end. */
static bool respond(int fd, const struct request *rq)
{
	bool head = !strcmp(rq->method, "HEAD"), ok = true;
	const char *body;
	char page[1024];
	size_t len = 0;
	int status = 200;

	if (strcmp(rq->method, "GET") && !head) {
		status = 501;
	} else if (!strcmp(rq->path, "/1m")) {
		len = BODY_LINES * 64;
	} else if (!strcmp(rq->path, "/") || !strcmp(rq->path, "/stats")) {
		len = make_page(page, sizeof(page), rq->path[1] == 's');
	} else {
		status = 404;
	}
	if (status != 200)
		len = (size_t)snprintf(page, sizeof(page), "%d %s\n", status,
				       status == 404 ? "not found"
						     : "not implemented");
	body = rq->path[1] == '1' && status == 200 ? hs.body : page;
	ok = send_head(fd, status,
		       rq->path[1] == 's' ? "text/plain" : "text/html", len,
		       rq->keep_alive, head ? NULL : body);
	if (ok && !head && len > 1024)
		ok = send_all(fd, body, len);
	pthread_mutex_lock(&hs.lock);
	hs.requests++;
	pthread_mutex_unlock(&hs.lock);
	if (!hs.quiet)
		printf("%s %s %d %zu\n", rq->method, rq->path, status,
		       head ? 0 : len);
	return ok && rq->keep_alive;
}

/* Whether the comma-separated list v holds token t (any case). */
static bool has_token(const char *v, const char *t)
{
	size_t n = strlen(t);

	for (; *v; v++)
		if (!strncasecmp(v, t, n) && (v[n] == '\0' || v[n] == ',' ||
					      v[n] == ' ' || v[n] == '\t'))
			return true;
	return false;
}

/* Parse the request line and the Connection header of the request head
 * in buf (NUL-terminated after its last "\r\n"; cut up here). */
static bool parse(char *buf, struct request *rq)
{
	char version[16], *line, *next;

	if (sscanf(buf, "%7s %255s %15s", rq->method, rq->path, version) != 3 ||
	    strncmp(version, "HTTP/1.", 7))
		return false;
	rq->keep_alive = strcmp(version, "HTTP/1.0") != 0;
	for (line = strstr(buf, "\r\n"); line && line[2]; line = next) {
		line += 2;
		next = strstr(line, "\r\n");
		if (next)
			*next = '\0';
		if (strncasecmp(line, "Connection:", 11))
			continue;
		if (has_token(line + 11, "close"))
			rq->keep_alive = false;
		else if (has_token(line + 11, "keep-alive"))
			rq->keep_alive = true;
	}
	return true;
}

static void serve(int fd)
{
	char *buf = malloc(REQ_MAX + 1), *end;
	struct request rq;
	size_t have = 0, used;
	ssize_t r;

	while (buf) {
		buf[have] = '\0';
		end = strstr(buf, "\r\n\r\n");
		if (!end) {
			if (have == REQ_MAX) {
				send_head(fd, 400, "text/plain", 0, false,
					  NULL);
				break;
			}
			r = recv(fd, buf + have, REQ_MAX - have, 0);
			if (r <= 0)
				break;
			have += (size_t)r;
			continue;
		}
		end[2] = '\0'; /* keep the last header's "\r\n" */
		if (!parse(buf, &rq)) {
			send_head(fd, 400, "text/plain", 0, false, NULL);
			break;
		}
		if (!respond(fd, &rq))
			break;
		used = (size_t)(end + 4 - buf);
		memmove(buf, buf + used, have - used);
		have -= used;
	}
	free(buf);
}

static void *connection(void *arg)
{
	int fd = (int)(long)arg, one = 1;

	/* Responses are whole: send each at once. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	serve(fd);
	close(fd);
	pthread_mutex_lock(&hs.lock);
	hs.conns_open--;
	pthread_mutex_unlock(&hs.lock);
	return NULL;
}

/* A thread for the new connection, or a 503 when there are too many. */
static void start(int fd)
{
	pthread_attr_t attr;
	pthread_t t;
	bool full;

	pthread_mutex_lock(&hs.lock);
	full = hs.conns_open >= MAX_CONNS;
	if (!full) {
		hs.conns_open++;
		hs.conns_total++;
	}
	pthread_mutex_unlock(&hs.lock);
	if (full) {
		send_head(fd, 503, "text/plain", 0, false, NULL);
		close(fd);
		return;
	}
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &attr, connection, (void *)(long)fd)) {
		fprintf(stderr, "httpd: no thread for a connection\n");
		close(fd);
		pthread_mutex_lock(&hs.lock);
		hs.conns_open--;
		pthread_mutex_unlock(&hs.lock);
	}
	pthread_attr_destroy(&attr);
}

#ifdef __skiff__
static void summary(int reason, void *arg)
{
	(void)reason;
	(void)arg;
	printf("httpd: %lu requests on %lu connections\n", hs.requests,
	       hs.conns_total);
}
#endif

static int listen_on(int port)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	int one = 1, ls = socket(AF_INET, SOCK_STREAM, 0);

	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_ANY);
	if (ls < 0 ||
	    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(ls, 16) < 0) {
		fprintf(stderr, "httpd: cannot listen on port %d: %s\n", port,
			strerror(errno));
		return -1;
	}
	return ls;
}

int main(int argc, char **argv)
{
	int i = 1, port = 80, ls, fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (i < argc && !strcmp(argv[i], "-q"))
		hs.quiet = true, i++;
	if (i < argc)
		port = atoi(argv[i]);
	hs.port = port;
	if (port <= 0 || port > 65535) {
		fprintf(stderr, "httpd: bad port '%s'\n", argv[i]);
		return 2;
	}
#ifdef __skiff__
	skiff_on_shutdown(summary, NULL);
#endif
	if (!make_body()) {
		fprintf(stderr, "httpd: no memory for the 1 MiB body\n");
		return 1;
	}
	ls = listen_on(port);
	if (ls < 0)
		return 1;
	printf("httpd: listening on %d\n", port);
	for (;;) {
		fd = accept(ls, NULL, NULL);
		if (fd >= 0)
			start(fd);
		else if (errno != EINTR && errno != ECONNABORTED)
			fprintf(stderr, "httpd: accept: %s\n", strerror(errno));
	}
}
