/*
 * migrate: sends the whole of its disk (/dev/xvdb, 64 MiB) to the first
 * client of TCP port 7000, 64 KiB at a time with a short pause after
 * each, so that the transfer takes long enough for dom0 to migrate the
 * domain in the middle of it; then exits.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CHUNK 65536
#define PORT 7000

static char buf[CHUNK];

static int send_all(int s, const char *p, size_t n)
{
	while (n) {
		ssize_t k = send(s, p, n, 0);

		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

int main(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(PORT)};
	struct timespec pause = {0, 15 * 1000 * 1000};
	int disk = open("/dev/xvdb", O_RDONLY), ls, s, one = 1;
	unsigned long total = 0, chunks = 0;
	ssize_t n;

	ls = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (disk < 0 || ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(ls, 1)) {
		printf("FAIL: disk or socket\n");
		return 1;
	}
	printf("migrate: serving the disk on port %d\n", PORT);
	if ((s = accept(ls, NULL, NULL)) < 0) {
		printf("FAIL: accept\n");
		return 1;
	}
	while ((n = read(disk, buf, CHUNK)) > 0) {
		if (send_all(s, buf, (size_t)n)) {
			printf("FAIL: send after %lu bytes\n", total);
			return 1;
		}
		total += (unsigned long)n;
		if (++chunks % 128 == 0)
			printf("migrate: %lu MiB sent\n", total >> 20);
		nanosleep(&pause, NULL);
	}
	close(s);
	printf("migrate: %lu bytes sent%s\n", total,
	       n < 0 ? ", read error" : "");
	return n < 0;
}
