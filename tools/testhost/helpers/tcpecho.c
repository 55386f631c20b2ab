/*
 * tcpecho: the client side of the echo tests. Opens CLIENTS connections
 * to an echo server at once, streams MIB MiB through each (client k sends
 * its own pseudo-random pattern, or every client sends FILE), reads the
 * echo concurrently with poll(), checks it byte for byte, half-closes and
 * expects the server to close too. Exit 0 only if every echo came back
 * identical and complete.
 *   tcpecho [-c CLIENTS] [-m MIB | -k KIB] [-f FILE] [-o OUT] [-w WAIT]
 *           [-t IDLE] HOST PORT
 * -f FILE: send the file (one client) instead of a pattern; -o OUT: write
 * client 0's echo to OUT (for a sha256sum in dom0); -w: seconds to keep
 * retrying the first connect (default 20); -t: seconds without progress
 * before giving up (default 30). Prints one summary line with the
 * FNV-1a 64 checksum of client 0's echo and the total MiB/s.
 */
#include "netcommon.h"

#include <sys/stat.h>

#define CHUNK 65536
#define MAX_CLIENTS 1000

struct client {
	int fd;
	uint64_t sent, got;
	bool eof;
	uint64_t fnv;
};

static struct {
	struct client c[MAX_CLIENTS];
	int n;
	uint64_t total;	     /* bytes each client sends */
	unsigned char *file; /* -f: the bytes to send */
	FILE *out;	     /* -o: client 0's echo */
} te;

/* Client k's bytes [off, off+n). */
static void expected(int k, uint64_t off, unsigned char *buf, size_t n)
{
	if (te.file)
		memcpy(buf, te.file + off, n);
	else
		net_pattern((uint64_t)k + 1, off, buf, n);
}

static void load_file(const char *path)
{
	struct stat st;
	FILE *f = fopen(path, "rb");

	if (!f || fstat(fileno(f), &st) < 0)
		net_die("%s:", path);
	te.total = (uint64_t)st.st_size;
	te.file = malloc(te.total ? te.total : 1);
	if (!te.file || fread(te.file, 1, te.total, f) != te.total)
		net_die("cannot read %s", path);
	fclose(f);
}

/* Send the next piece; half-close once everything is out. */
static void send_some(int k)
{
	static unsigned char buf[CHUNK];
	struct client *c = &te.c[k];
	size_t n = te.total - c->sent < CHUNK ? te.total - c->sent : CHUNK;
	ssize_t w;

	expected(k, c->sent, buf, n);
	w = send(c->fd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (w < 0 && errno != EAGAIN)
		net_die("client %d: send at byte %llu:", k,
			(unsigned long long)c->sent);
	if (w > 0)
		c->sent += (uint64_t)w;
	if (c->sent == te.total && shutdown(c->fd, SHUT_WR) < 0)
		net_die("client %d: shutdown:", k);
}

/* Read and check what has come back. */
static void recv_some(int k)
{
	static unsigned char buf[CHUNK], want[CHUNK];
	struct client *c = &te.c[k];
	ssize_t r = recv(c->fd, buf, sizeof(buf), MSG_DONTWAIT);
	ssize_t i;

	if (r < 0 && errno == EAGAIN)
		return;
	if (r < 0)
		net_die("client %d: recv at byte %llu:", k,
			(unsigned long long)c->got);
	if (r == 0) {
		if (c->got != te.total)
			net_die("client %d: the server closed after %llu of "
				"%llu bytes",
				k, (unsigned long long)c->got,
				(unsigned long long)te.total);
		c->eof = true;
		return;
	}
	if (c->got + (uint64_t)r > c->sent)
		net_die("client %d: %llu bytes echoed, only %llu sent", k,
			(unsigned long long)(c->got + (uint64_t)r),
			(unsigned long long)c->sent);
	expected(k, c->got, want, (size_t)r);
	for (i = 0; i < r; i++)
		if (buf[i] != want[i])
			net_die("client %d: byte %llu is 0x%02x, sent 0x%02x",
				k, (unsigned long long)(c->got + i), buf[i],
				want[i]);
	c->fnv = net_fnv(c->fnv, buf, (size_t)r);
	if (k == 0 && te.out && fwrite(buf, 1, (size_t)r, te.out) != (size_t)r)
		net_die("cannot write the echo:");
	c->got += (uint64_t)r;
}

/* poll() over every unfinished client until all are done; dies after
 * `idle` seconds without any progress. */
static void run(double idle)
{
	static struct pollfd p[MAX_CLIENTS];
	int k, left, ready;

	for (;;) {
		left = 0;
		for (k = 0; k < te.n; k++) {
			struct client *c = &te.c[k];

			p[k].fd = c->eof ? -1 : c->fd;
			p[k].events = POLLIN;
			if (c->sent < te.total)
				p[k].events |= POLLOUT;
			p[k].revents = 0;
			left += !c->eof;
		}
		if (!left)
			return;
		ready = poll(p, (nfds_t)te.n, (int)(idle * 1000));
		if (ready < 0)
			net_die("poll:");
		if (ready == 0)
			break;
		for (k = 0; k < te.n; k++) {
			if (p[k].revents & (POLLIN | POLLERR | POLLHUP))
				recv_some(k);
			if ((p[k].revents & POLLOUT) && te.c[k].sent < te.total)
				send_some(k);
		}
	}
	for (k = 0; k < te.n; k++)
		if (!te.c[k].eof)
			net_die("client %d stalled for %.0f s: sent %llu, "
				"echoed %llu of %llu bytes",
				k, idle, (unsigned long long)te.c[k].sent,
				(unsigned long long)te.c[k].got,
				(unsigned long long)te.total);
}

static void usage(void)
{
	fprintf(stderr, "usage: tcpecho [-c CLIENTS] [-m MIB | -k KIB] "
			"[-f FILE] [-o OUT] [-w WAIT] [-t IDLE] HOST PORT\n");
	exit(2);
}

int main(int argc, char **argv)
{
	double wait = 20, idle = 30, t0, el;
	const char *file = NULL, *out = NULL;
	int opt, k;

	net_prog = "tcpecho";
	te.n = 1;
	te.total = 1 << 20;
	while ((opt = getopt(argc, argv, "c:m:k:f:o:w:t:")) != -1) {
		switch (opt) {
		case 'c':
			te.n = (int)net_number("client count", optarg);
			break;
		case 'm':
			te.total = (uint64_t)net_number("MiB", optarg) << 20;
			break;
		case 'k':
			te.total = (uint64_t)net_number("KiB", optarg) << 10;
			break;
		case 'f':
			file = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'w':
			wait = (double)net_number("wait", optarg);
			break;
		case 't':
			idle = (double)net_number("idle time", optarg);
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 2 || te.n < 1 || te.n > MAX_CLIENTS ||
	    (file && te.n != 1))
		usage();
	if (file)
		load_file(file);
	if (out && !(te.out = fopen(out, "wb")))
		net_die("%s:", out);
	for (k = 0; k < te.n; k++) {
		te.c[k].fd = net_connect(argv[optind], argv[optind + 1],
					 k ? 5 : wait, 3.0);
		te.c[k].fnv = NET_FNV_INIT;
	}
	t0 = net_now();
	run(idle);
	el = net_now() - t0;
	if (te.out && fclose(te.out))
		net_die("%s:", out);
	printf("tcpecho: %d client(s) x %llu bytes echoed identically, "
	       "fnv64 %016llx (client 0), %.2f s, %.2f MiB/s\n",
	       te.n, (unsigned long long)te.total,
	       (unsigned long long)te.c[0].fnv, el,
	       te.n * (double)te.total / 1048576.0 / (el > 0 ? el : 1e-9));
	return 0;
}
