/*
 * tcpbench: TCP throughput between dom0 and a guest, measured in dom0.
 *   tcpbench [-q] [-w WAIT] send HOST PORT MIB
 *       connect to a sink, write MIB MiB, half-close, and wait for the
 *       sink to close (so the figure counts delivered bytes)
 *   tcpbench [-q] [-w WAIT] recv HOST PORT [MIB]
 *       connect to a source and read until it closes (with MIB: check
 *       that exactly that much came)
 * Prints "tcpbench: send|recv N bytes in T s: X MiB/s", or with -q only X.
 * A transfer stalled for 30 s is an error. Exit 0 on success.
 */
#include "netcommon.h"

#include <sys/time.h>

#define CHUNK 65536

static void set_timeouts(int fd)
{
	struct timeval tv = {.tv_sec = 30};

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* Read until EOF; returns the byte count. */
static uint64_t drain(int fd)
{
	static unsigned char buf[CHUNK];
	uint64_t total = 0;
	ssize_t r;

	while ((r = recv(fd, buf, sizeof(buf), 0)) > 0)
		total += (uint64_t)r;
	if (r < 0)
		net_die("recv after %llu bytes:", (unsigned long long)total);
	return total;
}

static uint64_t do_send(int fd, uint64_t total)
{
	static unsigned char buf[CHUNK];
	uint64_t done = 0;
	size_t n;
	ssize_t w;

	net_pattern(1, 0, buf, sizeof(buf));
	while (done < total) {
		n = total - done < CHUNK ? total - done : CHUNK;
		w = send(fd, buf, n, MSG_NOSIGNAL);
		if (w <= 0)
			net_die("send after %llu bytes:",
				(unsigned long long)done);
		done += (uint64_t)w;
	}
	if (shutdown(fd, SHUT_WR) < 0)
		net_die("shutdown:");
	drain(fd); /* the sink closes once it has read everything */
	return done;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: tcpbench [-q] [-w WAIT] send HOST PORT MIB\n"
		"       tcpbench [-q] [-w WAIT] recv HOST PORT [MIB]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	bool quiet = false, sending;
	double wait = 20, t0, el, mibs;
	uint64_t want = 0, bytes;
	int opt, fd, nargs;

	net_prog = "tcpbench";
	while ((opt = getopt(argc, argv, "qw:")) != -1) {
		if (opt == 'q')
			quiet = true;
		else if (opt == 'w')
			wait = (double)net_number("wait", optarg);
		else
			usage();
	}
	nargs = argc - optind;
	if (nargs < 3)
		usage();
	sending = !strcmp(argv[optind], "send");
	if (sending ? nargs != 4 : strcmp(argv[optind], "recv") || nargs > 4)
		usage();
	if (nargs == 4)
		want = (uint64_t)net_number("MiB", argv[optind + 3]) << 20;
	fd = net_connect(argv[optind + 1], argv[optind + 2], wait, 3.0);
	set_timeouts(fd);
	t0 = net_now();
	bytes = sending ? do_send(fd, want) : drain(fd);
	el = net_now() - t0;
	close(fd);
	if (!sending && nargs == 4 && bytes != want)
		net_die("received %llu bytes, expected %llu",
			(unsigned long long)bytes, (unsigned long long)want);
	mibs = bytes / 1048576.0 / (el > 0 ? el : 1e-9);
	if (quiet)
		printf("%.2f\n", mibs);
	else
		printf("tcpbench: %s %llu bytes in %.2f s: %.2f MiB/s\n",
		       argv[optind], (unsigned long long)bytes, el, mibs);
	return 0;
}
