/*
 * The epoll guest test's pipe checks: EAGAIN, partial and PIPE_BUF
 * writes, the end of file, EPIPE and poll on one thread; a 1 MiB stream
 * and two writers' atomic records between threads; 120 pipes at once.
 */
#define _GNU_SOURCE /* pipe2(), as with glibc */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "epolltest.h"

static unsigned char big[100000];
void check_pipe_nonblock(void)
{
	int before = failures, p[2], q[2];
	unsigned char buf[200];
	struct pollfd pf[2];
	struct stat st;

	EXPECT(pipe2(p, O_NONBLOCK) == 0);
	EXPECT(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	EXPECT(read(p[0], buf, 1) == -1 && errno == EAGAIN);
	EXPECT(fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode));
	EXPECT(lseek(p[0], 0, SEEK_SET) == -1 && errno == ESPIPE);
	EXPECT(read(p[1], buf, 1) == -1 && errno == EBADF);
	EXPECT(write(p[0], buf, 1) == -1 && errno == EBADF);
	memset(big, 'x', sizeof(big));
	EXPECT(write(p[1], big, sizeof(big)) == 65536); /* partial */
	EXPECT(write(p[1], big, 1) == -1 && errno == EAGAIN);
	EXPECT(read(p[0], buf, 100) == 100);
	/* 100 bytes of room: a PIPE_BUF write goes whole or not at all; a
	 * longer one takes what fits. */
	EXPECT(write(p[1], big, 4096) == -1 && errno == EAGAIN);
	EXPECT(write(p[1], big, 5000) == 100);
	pf[0] = (struct pollfd){.fd = p[0], .events = POLLIN};
	pf[1] = (struct pollfd){.fd = p[1], .events = POLLOUT};
	EXPECT(poll(pf, 2, 0) == 1 && pf[0].revents == POLLIN &&
	       pf[1].revents == 0);
	EXPECT(read(p[0], big, sizeof(big)) == 65536);
	EXPECT(poll(pf, 2, 0) == 1 && pf[1].revents == POLLOUT);
	EXPECT(fcntl(p[0], F_SETFL, 0) == 0);
	EXPECT(!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
	EXPECT(write(p[1], "end", 3) == 3);
	EXPECT(close(p[1]) == 0);
	EXPECT(poll(pf, 1, 0) == 1 && pf[0].revents == (POLLIN | POLLHUP));
	EXPECT(read(p[0], buf, sizeof(buf)) == 3 && !memcmp(buf, "end", 3));
	EXPECT(read(p[0], buf, sizeof(buf)) == 0); /* end of file */
	EXPECT(close(p[0]) == 0);
	EXPECT(pipe(q) == 0);
	EXPECT(close(q[0]) == 0);
	EXPECT(write(q[1], "x", 1) == -1 && errno == EPIPE); /* no signal */
	pf[1].fd = q[1];
	EXPECT(poll(&pf[1], 1, 0) == 1 && (pf[1].revents & POLLERR));
	EXPECT(close(q[1]) == 0);
	EXPECT(pipe2(q, 0x12345678) == -1 && errno == EINVAL);
	if (failures == before)
		printf("epoll: ok: pipe EAGAIN, partial write, PIPE_BUF, "
		       "EOF, EPIPE, poll\n");
}

struct writer {
	int fd;
	unsigned char tag; /* 0: the byte stream; else this record byte */
	int records;
};

/* Byte i of the 1 MiB stream. */
static unsigned char stream_byte(unsigned long i)
{
	return (unsigned char)(i * 131 + (i >> 9));
}

static void *writer_main(void *arg)
{
	struct writer *w = arg;
	unsigned char *buf = malloc(10000);
	unsigned long off = 0, n, i;
	int k;

	if (!buf)
		return NULL;
	if (!w->tag) { /* 1 MiB in chunks of 1 to 9999 bytes */
		while (off < (1UL << 20)) {
			n = 1 + (off * 7919) % 9999;
			if (n > (1UL << 20) - off)
				n = (1UL << 20) - off;
			for (i = 0; i < n; i++)
				buf[i] = stream_byte(off + i);
			if (write(w->fd, buf, n) != (ssize_t)n)
				break;
			off += n;
		}
		free(buf);
		return NULL;
	}
	memset(buf, w->tag, 4096);
	for (k = 0; k < w->records; k++) {
		if (write(w->fd, buf, 4096) != 4096)
			break;
		if (k % 7 == 0)
			sched_yield();
	}
	free(buf);
	return NULL;
}

/* Read 1 MiB from a writer thread in odd sizes; then two writers' 4096
 * byte records, which must come out unmixed. */
void check_pipe_threads(void)
{
	static unsigned char buf[4096 * 4];
	struct writer w0 = {0, 0, 0}, w1 = {0, 'a', 200}, w2 = {0, 'b', 200};
	int before = failures, p[2], bad = 0, counts[2] = {0, 0};
	unsigned long got = 0, i;
	pthread_t t0, t1, t2;
	ssize_t r;
	size_t have = 0;

	EXPECT(pipe(p) == 0);
	w0.fd = p[1];
	pthread_create(&t0, NULL, writer_main, &w0);
	while ((r = read(p[0], buf, 1 + got % 7000)) > 0) {
		for (i = 0; i < (unsigned long)r; i++)
			bad += buf[i] != stream_byte(got + i);
		got += (unsigned long)r;
		if (got == (1UL << 20))
			break;
	}
	pthread_join(t0, NULL);
	EXPECT(got == (1UL << 20) && !bad);
	w1.fd = w2.fd = p[1];
	pthread_create(&t1, NULL, writer_main, &w1);
	pthread_create(&t2, NULL, writer_main, &w2);
	while (counts[0] + counts[1] < 400) {
		r = read(p[0], buf + have, 4096 * 2 + 1 - have % 4096);
		if (r <= 0)
			break;
		have += (size_t)r;
		while (have >= 4096) {
			for (i = 1; i < 4096; i++)
				bad += buf[i] != buf[0];
			counts[buf[0] == 'b']++;
			memmove(buf, buf + 4096, have - 4096);
			have -= 4096;
		}
	}
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	EXPECT(counts[0] == 200 && counts[1] == 200 && !bad);
	close(p[0]);
	close(p[1]);
	if (failures == before)
		printf("epoll: ok: pipe between threads: 1 MiB intact, 400 "
		       "atomic records unmixed\n");
}

/* Far more fds than the 64 the table once had: 120 pipes (240 fds, the
 * highest above 240) in one epoll set; data in two of them is reported
 * for exactly those two, read back intact; dups of a read end (up to fd
 * 950) read the same pipe; everything closes. */
#define MANY_PIPES 120
void check_many_fds(void)
{
	static int p[MANY_PIPES][2];
	int before = failures, ep, i, n, hi = 0, opened = 0;
	struct epoll_event ev, got[8];
	char c;

	ep = epoll_create1(0);
	EXPECT(ep >= 0);
	for (i = 0; i < MANY_PIPES; i++) {
		if (pipe(p[i]) != 0)
			break;
		opened++;
		hi = p[i][1] > hi ? p[i][1] : hi;
		ev.events = EPOLLIN;
		ev.data.u32 = (uint32_t)i;
		EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, p[i][0], &ev) == 0);
	}
	EXPECT(opened == MANY_PIPES);
	EXPECT(hi >= 2 * MANY_PIPES);
	EXPECT(epoll_wait(ep, got, 8, 0) == 0);
	if (opened == MANY_PIPES) {
		EXPECT(write(p[37][1], "a", 1) == 1);
		EXPECT(write(p[MANY_PIPES - 1][1], "z", 1) == 1);
		n = epoll_wait(ep, got, 8, 0);
		EXPECT(n == 2);
		for (i = 0; i < n && i < 8; i++) {
			int k = (int)got[i].data.u32;

			EXPECT(k == 37 || k == MANY_PIPES - 1);
			EXPECT(read(p[k][0], &c, 1) == 1 &&
			       c == (k == 37 ? 'a' : 'z'));
		}
	}
	if (opened > 5) { /* dup, dup2 and F_DUPFD share the read end */
		int d = dup(p[5][0]);

		EXPECT(d >= 0 && dup2(d, 900) == 900);
		EXPECT(fcntl(900, F_DUPFD, 950) == 950);
		EXPECT(write(p[5][1], "qr", 2) == 2);
		EXPECT(read(950, &c, 1) == 1 && c == 'q');
		EXPECT(close(d) == 0 && close(900) == 0 && close(950) == 0);
		EXPECT(read(p[5][0], &c, 1) == 1 && c == 'r');
	}
	for (i = 0; i < opened; i++)
		EXPECT(close(p[i][0]) == 0 && close(p[i][1]) == 0);
	EXPECT(close(ep) == 0);
	if (failures == before)
		printf("epoll: ok: %d pipes (fds up to %d) in one epoll set\n",
		       opened, hi);
}
