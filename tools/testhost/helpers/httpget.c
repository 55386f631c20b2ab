/*
 * httpget: an HTTP/1.1 keep-alive client for the httpd tests and the
 * requests-per-second benchmark. Each of CONNS connections (threads)
 * sends N requests for PATH one after another on one TCP connection and
 * checks every response: the status, a Content-Length header, a body of
 * exactly that length (-l: of that length), the same body every time,
 * and that the server keeps the connection open. Exit 0 only if all
 * responses were right.
 *   httpget [-n N] [-c CONNS] [-m GET|HEAD] [-s STATUS] [-l LEN] [-o OUT]
 *           [-w WAIT] [-a ATTEMPT] [-t TIMEOUT] [-q] [-p] HOST PORT PATH
 * -w: keep trying to connect for WAIT seconds, each attempt given
 * ATTEMPT seconds (default 3; less polls a starting server more often).
 * -o OUT: write the first body to OUT ("-": stdout); -q: print only the
 * requests per second. A summary line otherwise. -p: then one more line,
 * the latency of the requests (from sending one to the end of its
 * response) over all connections:
 *   httpget: latency p50 X ms, p90 X ms, p99 X ms, max X ms of N requests
 * (nearest rank: pNN is the smallest time that NN % of them do not
 * exceed).
 */
#define _GNU_SOURCE /* memmem */
#include "netcommon.h"

#include <pthread.h>
#include <strings.h>
#include <sys/time.h>

#define BUF_SIZE 65536
#define MAX_CONNS 256

static struct {
	const char *host, *port, *path, *method, *out;
	long n, want_len;
	int want_status, conns;
	bool latency;
	double wait, attempt, timeout;
	pthread_mutex_t lock;
	bool have_ref;
	uint64_t ref_fnv; /* FNV-1a 64 of the first body */
	long ref_len;
} hg = {.n = 1,
	.want_len = -1,
	.want_status = 200,
	.conns = 1,
	.method = "GET",
	.wait = 20,
	.attempt = 3,
	.timeout = 30,
	.lock = PTHREAD_MUTEX_INITIALIZER};

struct conn {
	int id, fd;
	char buf[BUF_SIZE];
	size_t have; /* bytes in buf */
	FILE *out;   /* first body goes here (connection 0, request 0) */
	double *lat; /* -p: seconds each request took */
};

/* More bytes into c->buf; dies on EOF or a timeout. */
static void fill(struct conn *c, long req)
{
	ssize_t r;

	if (c->have == sizeof(c->buf))
		net_die("connection %d, request %ld: header too long", c->id,
			req);
	r = recv(c->fd, c->buf + c->have, sizeof(c->buf) - c->have, 0);
	if (r < 0)
		net_die("connection %d, request %ld: recv:", c->id, req);
	if (r == 0)
		net_die("connection %d, request %ld: the server closed the "
			"connection",
			c->id, req);
	c->have += (size_t)r;
}

static void consume(struct conn *c, size_t n)
{
	memmove(c->buf, c->buf + n, c->have - n);
	c->have -= n;
}

/* Read the status line and headers; returns the Content-Length. */
static long read_head(struct conn *c, long req)
{
	char *end, *line, *next;
	long len = -1;
	int status;

	while (!(end = memmem(c->buf, c->have, "\r\n\r\n", 4)))
		fill(c, req);
	*end = '\0';
	if (sscanf(c->buf, "HTTP/1.1 %d", &status) != 1)
		net_die("connection %d, request %ld: bad status line '%.40s'",
			c->id, req, c->buf);
	if (status != hg.want_status)
		net_die("connection %d, request %ld: status %d, expected %d",
			c->id, req, status, hg.want_status);
	for (line = strstr(c->buf, "\r\n"); line; line = next) {
		line += 2;
		next = strstr(line, "\r\n");
		if (next)
			*next = '\0';
		if (!strncasecmp(line, "Content-Length:", 15))
			len = strtol(line + 15, NULL, 10);
		if (!strncasecmp(line, "Connection:", 11) &&
		    strstr(line + 11, "close"))
			net_die("connection %d, request %ld: the server wants "
				"to close (no keep-alive)",
				c->id, req);
	}
	if (len < 0)
		net_die("connection %d, request %ld: no Content-Length", c->id,
			req);
	consume(c, (size_t)(end + 4 - c->buf));
	return len;
}

/* Read a body of len bytes and compare it with the first one seen. */
static void read_body(struct conn *c, long req, long len)
{
	uint64_t fnv = NET_FNV_INIT;
	long left = len;
	size_t n;

	if (hg.want_len >= 0 && len != hg.want_len)
		net_die("connection %d, request %ld: Content-Length %ld, "
			"expected %ld",
			c->id, req, len, hg.want_len);
	while (left > 0) {
		if (!c->have)
			fill(c, req);
		n = c->have < (size_t)left ? c->have : (size_t)left;
		fnv = net_fnv(fnv, c->buf, n);
		if (c->out && fwrite(c->buf, 1, n, c->out) != n)
			net_die("cannot write the body:");
		consume(c, n);
		left -= (long)n;
	}
	pthread_mutex_lock(&hg.lock);
	if (!hg.have_ref) {
		hg.have_ref = true;
		hg.ref_fnv = fnv;
		hg.ref_len = len;
	} else if (fnv != hg.ref_fnv || len != hg.ref_len) {
		net_die("connection %d, request %ld: the body (%ld bytes) "
			"differs from the first one (%ld bytes)",
			c->id, req, len, hg.ref_len);
	}
	pthread_mutex_unlock(&hg.lock);
}

static void send_request(struct conn *c, long req)
{
	char rq[512];
	int n = snprintf(rq, sizeof(rq),
			 "%s %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: httpget\r\n"
			 "\r\n",
			 hg.method, hg.path, hg.host);
	ssize_t w;

	if (n <= 0 || (size_t)n >= sizeof(rq))
		net_die("path too long");
	w = send(c->fd, rq, (size_t)n, MSG_NOSIGNAL);
	if (w != n)
		net_die("connection %d, request %ld: send:", c->id, req);
}

static void *connection(void *arg)
{
	struct conn *c = arg;
	struct timeval tv = {.tv_sec = (time_t)hg.timeout};
	long req, len;

	c->fd = net_connect(hg.host, hg.port, hg.wait, hg.attempt);
	setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	for (req = 0; req < hg.n; req++) {
		double t0 = net_now();

		send_request(c, req);
		len = read_head(c, req);
		if (strcmp(hg.method, "HEAD")) {
			read_body(c, req, len);
			if (c->out && c->out != stdout && fclose(c->out))
				net_die("%s:", hg.out);
			c->out = NULL;
		}
		if (c->lat)
			c->lat[req] = net_now() - t0;
	}
	if (c->have)
		net_die("connection %d: %zu bytes after the last response",
			c->id, c->have);
	close(c->fd);
	return NULL;
}

static void usage(void)
{
	fprintf(stderr, "usage: httpget [-n N] [-c CONNS] [-m GET|HEAD] "
			"[-s STATUS] [-l LEN] [-o OUT] [-w WAIT] [-a ATTEMPT] "
			"[-t TIMEOUT] "
			"[-q] [-p] HOST PORT PATH\n");
	exit(2);
}

static void options(int argc, char **argv, bool *quiet)
{
	int opt;

	while ((opt = getopt(argc, argv, "n:c:m:s:l:o:w:a:t:qp")) != -1) {
		switch (opt) {
		case 'n':
			hg.n = net_number("request count", optarg);
			break;
		case 'c':
			hg.conns = (int)net_number("connection count", optarg);
			break;
		case 'm':
			hg.method = optarg;
			break;
		case 's':
			hg.want_status = (int)net_number("status", optarg);
			break;
		case 'l':
			hg.want_len = net_number("length", optarg);
			break;
		case 'o':
			hg.out = optarg;
			break;
		case 'w':
			hg.wait = (double)net_number("wait", optarg);
			break;
		case 'a':
			hg.attempt = net_seconds("attempt", optarg);
			break;
		case 't':
			hg.timeout = (double)net_number("timeout", optarg);
			break;
		case 'q':
			*quiet = true;
			break;
		case 'p':
			hg.latency = true;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 3 || hg.conns < 1 || hg.conns > MAX_CONNS ||
	    hg.n < 1 || (strcmp(hg.method, "GET") && strcmp(hg.method, "HEAD")))
		usage();
	hg.host = argv[optind];
	hg.port = argv[optind + 1];
	hg.path = argv[optind + 2];
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The -p line: all connections' request times, sorted, at nearest ranks. */
static void print_latency(struct conn *c, FILE *f)
{
	long total = hg.n * hg.conns, k = 0;
	double *all = malloc((size_t)total * sizeof(*all));
	const int pct[] = {50, 90, 99};
	int i;

	if (!all)
		net_die("out of memory for %ld latencies", total);
	for (i = 0; i < hg.conns; i++) {
		memcpy(all + k, c[i].lat, (size_t)hg.n * sizeof(*all));
		k += hg.n;
	}
	qsort(all, (size_t)total, sizeof(*all), cmp_double);
	fprintf(f, "httpget: latency");
	for (i = 0; i < 3; i++) {
		/* ceil(pct * total / 100), at least 1 */
		long rank = (pct[i] * total + 99) / 100;

		fprintf(f, " p%d %.3f ms,", pct[i],
			all[(rank > 0 ? rank : 1) - 1] * 1e3);
	}
	fprintf(f, " max %.3f ms of %ld requests\n", all[total - 1] * 1e3,
		total);
	free(all);
}

int main(int argc, char **argv)
{
	static struct conn c[MAX_CONNS];
	pthread_t t[MAX_CONNS];
	bool quiet = false;
	double t0, el;
	int i;

	net_prog = "httpget";
	options(argc, argv, &quiet);
	if (hg.out)
		c[0].out = strcmp(hg.out, "-") ? fopen(hg.out, "wb") : stdout;
	if (hg.out && !c[0].out)
		net_die("%s:", hg.out);
	for (i = 0; hg.latency && i < hg.conns; i++)
		if (!(c[i].lat = calloc((size_t)hg.n, sizeof(double))))
			net_die("out of memory for %ld latencies", hg.n);
	t0 = net_now();
	for (i = 0; i < hg.conns; i++) {
		c[i].id = i;
		if (pthread_create(&t[i], NULL, connection, &c[i]))
			net_die("pthread_create failed");
	}
	for (i = 0; i < hg.conns; i++)
		pthread_join(t[i], NULL);
	el = net_now() - t0;
	if (quiet) {
		printf("%.1f\n", hg.n * hg.conns / el);
		if (hg.latency)
			print_latency(c, stdout);
		return 0;
	}
	fflush(stdout);
	fprintf(hg.out && !strcmp(hg.out, "-") ? stderr : stdout,
		"httpget: %ld %s %s x %d connection(s): all %d, body %ld "
		"bytes (fnv64 %016llx), %.2f s, %.1f requests/s\n",
		hg.n, hg.method, hg.path, hg.conns, hg.want_status,
		hg.have_ref ? hg.ref_len : 0L, (unsigned long long)hg.ref_fnv,
		el, hg.n * hg.conns / el);
	if (hg.latency)
		print_latency(c,
			      hg.out && !strcmp(hg.out, "-") ? stderr : stdout);
	return 0;
}
