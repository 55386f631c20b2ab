/*
 * musl-demo: an ordinary Linux C program, statically linked with musl,
 * that Skiff runs through its Linux system-call layer. It reads a file
 * from the ramdisk (open, fstat, read, close), then serves a TCP echo
 * service: the main thread accepts CONNS connections on PORT and hands
 * each to a thread of its own (pthread_create), which echoes until the
 * client closes and adds its byte count under a mutex; the main thread
 * joins them all, prints the total and exits 0.
 *   demo PORT CONNS
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_CONNS 64
#define FILE_PATH "/etc/demo.txt"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long long echoed;

/* Print the ramdisk file and its size; 0 on success. */
static int show_file(void)
{
	char buf[256];
	struct stat st;
	ssize_t n;
	int fd = open(FILE_PATH, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) < 0) {
		perror("demo: " FILE_PATH);
		return -1;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0 || n != st.st_size) {
		printf("demo: read %zd of %lld bytes\n", n,
		       (long long)st.st_size);
		return -1;
	}
	buf[n] = '\0';
	printf("demo: %s has %lld bytes: %s", FILE_PATH, (long long)st.st_size,
	       buf);
	return 0;
}

/* One connection's thread: echo until the client closes. */
static void *echo(void *arg)
{
	int fd = (int)(long)arg;
	unsigned long long mine = 0;
	char buf[16384];
	ssize_t n, w, off;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n; off += w) {
			w = write(fd, buf + off, n - off);
			if (w <= 0)
				goto out;
		}
		mine += n;
	}
out:
	close(fd);
	pthread_mutex_lock(&lock);
	echoed += mine;
	pthread_mutex_unlock(&lock);
	return NULL;
}

static int listen_on(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons(port),
				.sin_addr.s_addr = htonl(INADDR_ANY)};
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(fd, 16) < 0) {
		perror("demo: listen");
		return -1;
	}
	return fd;
}

int main(int argc, char **argv)
{
	pthread_t threads[MAX_CONNS];
	int port = argc > 1 ? atoi(argv[1]) : 7;
	int conns = argc > 2 ? atoi(argv[2]) : 1;
	int lfd, fd, i;

	if (conns < 1 || conns > MAX_CONNS || show_file() < 0)
		return 1;
	lfd = listen_on(port);
	if (lfd < 0)
		return 1;
	printf("demo: echoing %d connections on port %d\n", conns, port);
	fflush(stdout);
	for (i = 0; i < conns; i++) {
		fd = accept(lfd, NULL, NULL);
		if (fd < 0 ||
		    pthread_create(&threads[i], NULL, echo, (void *)(long)fd)) {
			perror("demo: accept");
			return 1;
		}
	}
	for (i = 0; i < conns; i++)
		pthread_join(threads[i], NULL);
	close(lfd);
	printf("demo: %d connections, %llu bytes echoed\n", conns, echoed);
	return 0;
}
