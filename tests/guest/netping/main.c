/*
 * netping: the guest reaches dom0 (169.254.0.1). First with ICMP echo
 * over a raw socket, a real ping; if the socket layer has no raw sockets,
 * with a TCP round trip to dom0's echo server on port 7007 instead (it
 * says which). dom0 pings the guest meanwhile (dom0.sh). Writes
 * data/pinged = ok|fail, then waits for `xl shutdown`.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <skiff/xenstore.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define DOM0 "169.254.0.1"

static uint16_t csum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t s = 0;

	for (; n > 1; n -= 2, b += 2)
		s += (uint32_t)(b[0] << 8 | b[1]);
	if (n)
		s += (uint32_t)(b[0] << 8);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* One ICMP echo request to dom0 and its reply within 2 s: 1 answered,
 * 0 not, -1 no raw sockets. */
static int icmp_ping(int seq)
{
	struct sockaddr_in to = {.sin_family = AF_INET};
	uint8_t pkt[64], in[256];
	struct pollfd p;
	uint16_t c;
	ssize_t n;
	int fd, i, hl;

	fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	if (fd < 0) {
		printf("netping: no raw ICMP socket (%s)\n", strerror(errno));
		return -1;
	}
	inet_pton(AF_INET, DOM0, &to.sin_addr);
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 8;    /* echo request */
	pkt[4] = 0x53; /* identifier "SK" */
	pkt[5] = 0x4b;
	pkt[7] = (uint8_t)seq;
	for (i = 8; i < (int)sizeof(pkt); i++)
		pkt[i] = (uint8_t)i;
	c = csum(pkt, sizeof(pkt));
	pkt[2] = (uint8_t)(c >> 8);
	pkt[3] = (uint8_t)c;
	if (sendto(fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&to,
		   sizeof(to)) < 0) {
		printf("netping: sendto: %s\n", strerror(errno));
		close(fd);
		return 0;
	}
	p.fd = fd;
	p.events = POLLIN;
	while (poll(&p, 1, 2000) == 1) {
		n = recv(fd, in, sizeof(in), 0);
		if (n < 20)
			break;
		hl = (in[0] & 15) * 4; /* raw IPv4 sockets deliver the header */
		if (n >= hl + 8 && in[hl] == 0 && in[hl + 4] == 0x53 &&
		    in[hl + 5] == 0x4b && in[hl + 7] == (uint8_t)seq) {
			close(fd);
			return 1;
		}
	}
	close(fd);
	return 0;
}

/* Guest to dom0 over TCP: 1000 bytes to dom0's echo server on port 7007
 * (retrying the connect for 20 s while dom0 starts it), compared when
 * they come back. */
static int tcp_round_trip(void)
{
	struct sockaddr_in to = {.sin_family = AF_INET};
	char out[1000], in[1000];
	size_t got = 0;
	ssize_t n;
	int fd = -1, i;

	to.sin_port = htons(7007);
	inet_pton(AF_INET, DOM0, &to.sin_addr);
	for (i = 0; i < (int)sizeof(out); i++)
		out[i] = (char)('a' + i % 26);
	for (i = 0; i < 40; i++) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd >= 0 &&
		    connect(fd, (struct sockaddr *)&to, sizeof(to)) == 0)
			break;
		if (fd >= 0)
			close(fd);
		fd = -1;
		usleep(500 * 1000);
	}
	if (fd < 0) {
		printf("netping: cannot connect to dom0:7007: %s\n",
		       strerror(errno));
		return 0;
	}
	if (send(fd, out, sizeof(out), 0) != (ssize_t)sizeof(out))
		printf("netping: send: %s\n", strerror(errno));
	while (got < sizeof(in) &&
	       (n = recv(fd, in + got, sizeof(in) - got, 0)) > 0)
		got += (size_t)n;
	close(fd);
	printf("netping: TCP round trip to dom0: %zu of %zu bytes back%s\n",
	       got, sizeof(out),
	       got == sizeof(out) && !memcmp(in, out, got) ? ", identical"
							   : "");
	return got == sizeof(out) && !memcmp(in, out, got);
}

int main(void)
{
	int ok = 0, r = 0, i;

	for (i = 1; i <= 5 && r >= 0 && ok < 3; i++) {
		r = icmp_ping(i);
		if (r > 0) {
			ok++;
			printf("netping: echo reply from %s, seq %d\n", DOM0,
			       i);
		}
	}
	if (r < 0) {
		printf("netping: checking guest->dom0 with TCP instead\n");
		ok = tcp_round_trip() ? 3 : 0;
	}
	printf("netping: dom0 %s\n", ok >= 3 ? "answered" : "did not answer");
	xs_write("data/pinged", ok >= 3 ? "ok" : "fail");
	for (i = 0; i < 1200; i++)
		usleep(100 * 1000);
	printf("netping: not shut down after 120 s\n");
	return 1;
}
