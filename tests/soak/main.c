/*
 * soak: an app under mixed load that measures itself. An HTTP server
 * gives each connection a thread of its own (threads come and go); a
 * disk thread opens /dev/xvdb, writes, reads back and closes, again and
 * again; a file thread creates, writes and unlinks files in the root; a
 * xenstore thread writes and reads keys. When dom0 writes
 * data/soak-phase, the load threads pause and the app prints the heap in
 * use, the free memory and the open fds: "measure1" after the warm-up is
 * the baseline, "measure2" after the soak must match it.
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <skiff/memory.h>
#include <skiff/xenstore.h>

#define HEAP_SLACK (64u << 10)	/* malloc's in-use bytes may move this */
#define FREE_SLACK (256u << 10) /* free memory, likewise */

static struct {
	volatile int pause;  /* load threads park */
	volatile int parked; /* how many have */
	unsigned long http, disk, files, xs, errors;
} s;

struct figures {
	size_t heap, free;
	int fds;
};

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

/* A load thread's gate: park while a measurement runs. */
static void gate(void)
{
	if (!s.pause)
		return;
	__atomic_fetch_add(&s.parked, 1, __ATOMIC_RELAXED);
	while (s.pause)
		sleep_ms(20);
	__atomic_fetch_sub(&s.parked, 1, __ATOMIC_RELAXED);
}

static const char reply[] =
    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nsoak\n";

/* One keep-alive connection: every request gets the same reply. */
static void *conn_main(void *arg)
{
	int c = (int)(long)arg;
	char buf[2048];
	size_t have = 0;
	ssize_t n;
	char *end;

	while ((n = recv(c, buf + have, sizeof(buf) - 1 - have, 0)) > 0) {
		have += (size_t)n;
		buf[have] = 0;
		while ((end = strstr(buf, "\r\n\r\n"))) {
			size_t used = (size_t)(end + 4 - buf);

			if (send(c, reply, sizeof(reply) - 1, 0) < 0)
				goto out;
			__atomic_fetch_add(&s.http, 1, __ATOMIC_RELAXED);
			memmove(buf, buf + used, have - used + 1);
			have -= used;
		}
		if (have == sizeof(buf) - 1)
			break;
	}
out:
	close(c);
	return NULL;
}

static void *http_main(void *arg)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(80)};
	int l = socket(AF_INET, SOCK_STREAM, 0), one = 1, c;
	pthread_attr_t at;
	pthread_t t;

	(void)arg;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 16)) {
		printf("soak: http: %s\n", strerror(errno));
		return NULL;
	}
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	for (;;) {
		if ((c = accept(l, NULL, NULL)) < 0)
			continue;
		if (pthread_create(&t, &at, conn_main, (void *)(long)c)) {
			s.errors++;
			close(c);
		}
	}
}

static void *disk_main(void *arg)
{
	static char out[4096], in[4096];
	unsigned long i = 0;
	int fd;

	(void)arg;
	for (;; i++) {
		gate();
		if ((fd = open("/dev/xvdb", O_RDWR)) < 0) {
			s.errors++;
			sleep_ms(100);
			continue;
		}
		memset(out, (int)(i & 0xff), sizeof(out));
		off_t off = (off_t)((i * 7919) % 4096) * 4096;
		if (pwrite(fd, out, sizeof(out), off) != sizeof(out) ||
		    pread(fd, in, sizeof(in), off) != sizeof(in) ||
		    memcmp(out, in, sizeof(in)))
			s.errors++;
		close(fd);
		s.disk++;
		sleep_ms(10);
	}
	return NULL;
}

static void *files_main(void *arg)
{
	static char data[8192];
	char name[32];
	unsigned long i = 0;
	int fd;

	(void)arg;
	for (;; i++) {
		gate();
		snprintf(name, sizeof(name), "/tmp/soak%lu", i % 8);
		if ((fd = open(name, O_CREAT | O_RDWR | O_TRUNC, 0644)) < 0 ||
		    write(fd, data, sizeof(data)) != sizeof(data))
			s.errors++;
		if (fd >= 0)
			close(fd);
		unlink(name);
		s.files++;
		sleep_ms(10);
	}
	return NULL;
}

static void *xs_main(void *arg)
{
	char v[32], back[32];
	unsigned long i = 0;

	(void)arg;
	for (;; i++) {
		gate();
		snprintf(v, sizeof(v), "%lu", i);
		if (xs_write("data/soak-counter", v) ||
		    xs_read("data/soak-counter", back, sizeof(back)) < 0 ||
		    strcmp(v, back))
			s.errors++;
		s.xs++;
		sleep_ms(20);
	}
	return NULL;
}

static void measure(struct figures *f)
{
	int fd;

	f->heap = (size_t)mallinfo().uordblks;
	f->free = skiff_memory_free();
	f->fds = 0;
	for (fd = 0; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) >= 0)
			f->fds++;
}

/* Wait for dom0's phase word, then measure with the load paused. */
static void phase(const char *want, struct figures *f)
{
	char v[16] = "";

	while (xs_read("data/soak-phase", v, sizeof(v)) < 0 || strcmp(v, want))
		sleep_ms(500);
	s.pause = 1;
	while (s.parked < 3)
		sleep_ms(20);
	sleep_ms(2000); /* connection threads finish */
	measure(f);
	printf("soak: %s: heap in use %zu, free %zu, fds %d; http %lu, disk "
	       "%lu, files %lu, xenstore %lu, errors %lu\n",
	       want, f->heap, f->free, f->fds, s.http, s.disk, s.files, s.xs,
	       s.errors);
	xs_write("data/soak-measured", want);
	s.pause = 0;
}

int main(void)
{
	void *(*fn[])(void *) = {http_main, disk_main, files_main, xs_main};
	struct figures a, b;
	pthread_t t;
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < sizeof(fn) / sizeof(fn[0]); i++)
		if (pthread_create(&t, NULL, fn[i], NULL))
			return 1;
	printf("soak: running\n");
	phase("measure1", &a);
	phase("measure2", &b);
	if (b.fds == a.fds && b.heap <= a.heap + HEAP_SLACK &&
	    b.free + FREE_SLACK >= a.free && !s.errors)
		printf("soak: back to baseline\n");
	else
		printf("soak: NOT back to baseline (heap %+ld, free %+ld, fds "
		       "%+d, errors %lu)\n",
		       (long)b.heap - (long)a.heap, (long)b.free - (long)a.free,
		       b.fds - a.fds, s.errors);
	for (;;)
		sleep(60); /* until xl shutdown */
}
