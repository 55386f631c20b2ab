/*
 * musl-demo: an ordinary Linux C program, statically linked with musl,
 * that Skiff runs through its Linux system-call layer. It reads a file
 * from the ramdisk (open, fstat, read, close), checks dup, dup2, dup3
 * and F_DUPFD on it (the copies share one offset) and sends stdout
 * through a pipe for a moment with dup2, checks eventfd (counter,
 * semaphore, a wake-up from another thread, epoll), then serves a TCP echo
 * service: the main thread accepts CONNS connections on PORT and hands
 * each to a thread of its own (pthread_create), which echoes until the
 * client closes and adds its byte count under a mutex; the main thread
 * joins them all, prints the total and exits 0.
 *   demo PORT CONNS
 */
#define _GNU_SOURCE /* dup3 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
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

/* The next n bytes of fd are the file's bytes at off. */
static int reads_at(int fd, const char *file, int off, int n)
{
	char buf[16];

	return read(fd, buf, (size_t)n) == n && !memcmp(buf, file + off, n);
}

/* dup and friends: every copy reads on from the one shared offset. */
static int show_dups(void)
{
	static const char text[] = "musl-demo: a line from a file";
	int fd = open(FILE_PATH, O_RDONLY), d, d2, d3, d4, out, p[2], ok = 1;
	char c = 0;

	d = dup(fd);
	d2 = dup2(fd, 20);
	d3 = dup3(fd, 21, O_CLOEXEC);
	d4 = fcntl(fd, F_DUPFD, 30);
	ok &= fd >= 0 && d > fd && d2 == 20 && d3 == 21 && d4 == 30;
	ok &= reads_at(fd, text, 0, 4) && reads_at(d, text, 4, 4) &&
	      reads_at(d2, text, 8, 4) && reads_at(d3, text, 12, 4) &&
	      reads_at(d4, text, 16, 4);
	ok &= dup3(d, d, 0) == -1 && errno == EINVAL;
	ok &= dup2(fd, fd) == fd && dup(77) == -1 && errno == EBADF;
	ok &= close(fd) == 0 && reads_at(d, text, 20, 4);
	ok &= close(d) == 0 && close(d2) == 0 && close(d3) == 0 &&
	      reads_at(d4, text, 24, 4) && close(d4) == 0;
	ok &= read(d4, &c, 1) == -1 && errno == EBADF;
	/* stdout into a pipe and back. */
	fflush(stdout);
	out = dup(1);
	ok &= out >= 0 && pipe(p) == 0 && dup2(p[1], 1) == 1 &&
	      write(1, "x", 1) == 1 && dup2(out, 1) == 1 &&
	      read(p[0], &c, 1) == 1 && c == 'x';
	close(out);
	close(p[0]);
	close(p[1]);
	printf("demo: dup: %s\n",
	       ok ? "one offset through dup, dup2, dup3 and F_DUPFD; "
		    "stdout through a pipe and back"
		  : "FAILED");
	return ok ? 0 : -1;
}

static void *post(void *arg)
{
	uint64_t v = 9;

	usleep(20000); /* the main thread is waiting by then */
	return (void *)(long)(write((int)(long)arg, &v, 8) == 8);
}

/* eventfd: a counter, a semaphore, a blocking read woken by a thread,
 * epoll readiness, and the bad sizes and values. */
static int show_eventfd(void)
{
	int e = eventfd(3, EFD_NONBLOCK), s = eventfd(2, EFD_SEMAPHORE),
	    b = eventfd(0, 0), ep = epoll_create1(0), ok = 1;
	struct epoll_event ev = {.events = EPOLLIN}, got;
	uint64_t v = 0, big = ~0ULL;
	pthread_t t;
	void *posted = NULL;

	ok &= e >= 0 && s >= 0 && b >= 0 && ep >= 0;
	ok &= read(e, &v, 8) == 8 && v == 3;
	ok &= read(e, &v, 8) == -1 && errno == EAGAIN;
	v = 5;
	ok &= write(e, &v, 8) == 8;
	v = 2;
	ok &= write(e, &v, 8) == 8 && read(e, &v, 8) == 8 && v == 7;
	ok &= write(e, &big, 8) == -1 && errno == EINVAL;
	ok &= read(e, &v, 4) == -1 && errno == EINVAL;
	ok &= read(s, &v, 8) == 8 && v == 1 && read(s, &v, 8) == 8 && v == 1;
	ok &= epoll_ctl(ep, EPOLL_CTL_ADD, b, &ev) == 0 &&
	      epoll_wait(ep, &got, 1, 0) == 0;
	ok &= pthread_create(&t, NULL, post, (void *)(long)b) == 0;
	ok &= read(b, &v, 8) == 8 && v == 9; /* blocks until post() */
	ok &= pthread_join(t, &posted) == 0 && posted == (void *)1;
	v = 1;
	ok &= write(b, &v, 8) == 8 && epoll_wait(ep, &got, 1, 0) == 1 &&
	      (got.events & EPOLLIN);
	close(e);
	close(s);
	close(b);
	close(ep);
	printf("demo: eventfd: %s\n",
	       ok ? "counter, semaphore, a wake-up between threads, epoll"
		  : "FAILED");
	return ok ? 0 : -1;
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

	if (conns < 1 || conns > MAX_CONNS || show_file() < 0 ||
	    show_dups() < 0 || show_eventfd() < 0)
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
