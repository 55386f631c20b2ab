/*
 * c-efault: system calls whose user buffer goes away while they block.
 * One thread blocks in read, recvfrom, recvmsg, poll or epoll_pwait on a
 * buffer in its own mapping (on a pipe, a UNIX or a TCP socket); another
 * unmaps it, then makes the call's data arrive. As on Linux, the call fails
 * with EFAULT, the data stays for the next read, and the program goes
 * on. pread64 and read into a file mapping past the end of its file
 * (pages that can never be backed) fail the same way; a read whose
 * second page is such a page returns the bytes of the first.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define CHECK_NAME "c-efault"
#include "../common/check.h"

#define PAGE 4096

/* The other thread: once the caller blocks, unmap its buffer, then make
 * its data arrive by writing one byte to fd. */
struct pull {
	void *buf;
	int fd;
};

static void *pull_rug(void *arg)
{
	struct pull *p = arg;

	usleep(200 * 1000);
	if (munmap(p->buf, PAGE) != 0)
		printf("c-efault: FAIL: munmap (errno %d)\n", errno);
	if (write(p->fd, "x", 1) != 1)
		printf("c-efault: FAIL: wake write (errno %d)\n", errno);
	return NULL;
}

enum call { READ, RECVFROM, RECVMSG, POLL, EPOLL };

/* The blocking call on buf, which pull_rug() unmaps meanwhile. */
static long blocking_call(enum call c, void *buf, int rfd)
{
	struct epoll_event ev = {.events = EPOLLIN};
	struct pollfd *pfd = buf;
	struct iovec iov[2] = {{buf, 16}, {(char *)buf + 16, 48}};
	struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};
	long rc;
	int ep;

	switch (c) {
	case READ:
		return read(rfd, buf, 64);
	case RECVFROM:
		return recvfrom(rfd, buf, 64, 0, NULL, NULL);
	case RECVMSG:
		return recvmsg(rfd, &msg, 0);
	case POLL:
		pfd->fd = rfd;
		pfd->events = POLLIN;
		return poll(pfd, 1, 5000);
	case EPOLL:
		ep = epoll_create1(0);
		epoll_ctl(ep, EPOLL_CTL_ADD, rfd, &ev);
		rc = epoll_pwait(ep, buf, 4, 5000, NULL);
		close(ep);
		return rc;
	}
	return -1;
}

enum kind { PIPE, UNIX_DGRAM, UNIX_STREAM, TCP };

/* A connected TCP pair over the loopback: fds[0] reads, fds[1] writes. */
static int tcp_pair(int fds[2])
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t alen = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0);

	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(l, 1) || getsockname(l, (struct sockaddr *)&a, &alen))
		return -1;
	fds[1] = socket(AF_INET, SOCK_STREAM, 0);
	if (fds[1] < 0 || connect(fds[1], (struct sockaddr *)&a, sizeof(a)))
		return -1;
	fds[0] = accept(l, NULL, NULL);
	close(l);
	return fds[0] < 0 ? -1 : 0;
}

static int make_pair(enum kind k, int fds[2])
{
	switch (k) {
	case PIPE:
		return pipe(fds);
	case UNIX_DGRAM:
		return socketpair(AF_UNIX, SOCK_DGRAM, 0, fds);
	case UNIX_STREAM:
		return socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
	case TCP:
		return tcp_pair(fds);
	}
	return -1;
}

static void gone_while_blocked(const char *name, enum call c, enum kind k)
{
	int f = failures, fds[2];
	struct pull p;
	pthread_t t;
	char got = 0;
	long rc;

	CHECK(make_pair(k, fds) == 0, "%s: a pipe or socket pair", name);
	p.buf = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p.fd = fds[1];
	CHECK(p.buf != MAP_FAILED, "%s: mmap", name);
	CHECK(pthread_create(&t, NULL, pull_rug, &p) == 0, "%s: thread", name);
	errno = 0;
	rc = blocking_call(c, p.buf, fds[0]);
	CHECK(rc == -1 && errno == EFAULT, "%s: returned %ld, not EFAULT", name,
	      rc);
	pthread_join(t, NULL);
	/* The byte that woke the call is still there. */
	CHECK(fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0 &&
		  read(fds[0], &got, 1) == 1 && got == 'x',
	      "%s: the data did not stay (got '%c')", name, got);
	close(fds[0]);
	close(fds[1]);
	group(name, f);
}

/* A file of 100 bytes mapped over two pages at *map: the second page
 * lies past the end of the file and can never be backed. */
static int past_eof_file(char **map)
{
	static const char data[100] = "c-efault";
	int fd = open("/tmp/efault", O_RDWR | O_CREAT | O_TRUNC, 0600);

	CHECK(fd >= 0 && write(fd, data, sizeof(data)) == sizeof(data), "file");
	*map = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(*map != MAP_FAILED, "file mmap");
	return fd;
}

static void past_eof(void)
{
	int f = failures, fds[2];
	char *map, *gone, buf[16];
	int fd = past_eof_file(&map);

	errno = 0;
	CHECK(pread(fd, map + PAGE, 16, 0) == -1 && errno == EFAULT,
	      "pread64 past the end of a mapped file");
	group("pread64", f);
	f = failures;
	CHECK(pipe(fds) == 0 && write(fds[1], "abc", 3) == 3, "pipe");
	errno = 0;
	CHECK(read(fds[0], map + PAGE + 8, 3) == -1 && errno == EFAULT,
	      "read past the end of a mapped file");
	/* Nothing but the one call failed: the pipe still works. */
	CHECK(write(fds[1], "def", 3) == 3 && read(fds[0], buf, 3) == 3,
	      "pipe after the fault");
	group("past-eof", f);
	f = failures;
	/* A buffer not mapped at all fails before the pipe gives anything:
	 * the data stays for the next read, as on Linux. */
	gone = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(gone != MAP_FAILED && munmap(gone, PAGE) == 0, "a gone page");
	CHECK(write(fds[1], "xyz", 3) == 3 &&
		  fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0,
	      "pipe write"); /* a lost "xyz" is EAGAIN below, not a hang */
	errno = 0;
	CHECK(read(fds[0], gone, 3) == -1 && errno == EFAULT,
	      "read into an unmapped page");
	CHECK(read(fds[0], buf, 3) == 3 && !memcmp(buf, "xyz", 3),
	      "the data did not stay in the pipe");
	group("kept", f);
	munmap(map, 2 * PAGE);
	close(fd);
	close(fds[0]);
	close(fds[1]);
}

/* A read into two pages of which only the first can be backed: from a
 * file it returns what fit in the first, as Linux does; from a pipe it
 * is EFAULT (Linux's pipe copies a buffer whole or not at all). A pipe
 * write from them keeps the first page. */
static void partial(void)
{
	static char data[2 * PAGE];
	int f = failures, fds[2], fd;
	char *map, *anon;
	long rc;

	fd = past_eof_file(&map);
	/* One anonymous page right below the file's second page. */
	anon = mmap(map, PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(anon == map, "anon page");
	memset(data, 'z', sizeof(data));
	CHECK(pipe(fds) == 0 &&
		  write(fds[1], data, sizeof(data)) == sizeof(data),
	      "pipe");
	errno = 0;
	rc = pread(fd, map + PAGE - 50, 100, 0);
	CHECK(rc == 50, "partial file read returned %ld, not 50", rc);
	CHECK(map[PAGE - 50] == 'c', "partial read's bytes");
	errno = 0;
	rc = read(fds[0], map + PAGE - 100, 1000);
	CHECK(rc == -1 && errno == EFAULT,
	      "partial pipe read returned %ld, not EFAULT", rc);
	/* A pipe write from there keeps the whole pages before the fault
	 * (Linux's pipe buffers are pages), a part of one is EFAULT. */
	close(fds[0]);
	close(fds[1]);
	CHECK(pipe(fds) == 0, "pipe");
	rc = write(fds[1], map, PAGE + 100);
	CHECK(rc == PAGE, "pipe write of a page and a part returned %ld", rc);
	errno = 0;
	rc = write(fds[1], map + PAGE - 100, 200);
	CHECK(rc == -1 && errno == EFAULT,
	      "pipe write of a part of a page returned %ld, not EFAULT", rc);
	group("partial", f);
	munmap(map, 2 * PAGE);
	close(fd);
	close(fds[0]);
	close(fds[1]);
}

/* getdents64 into a buffer whose page ends 64 bytes in, before a hole:
 * the entries that fit in those bytes come back (a few), the next one
 * stays for the next call, so that every entry is seen once; into a hole
 * alone, EFAULT and nothing is lost. */
static void getdents_cut(void)
{
	enum { FILES = 20 };
	int f = failures, dir, i, seen = 0, calls = 0;
	static char good[4096];
	char name[64], *map;
	long rc;

	CHECK(mkdir("/tmp/efd", 0700) == 0, "mkdir");
	for (i = 0; i < FILES; i++) {
		snprintf(name, sizeof(name), "/tmp/efd/file-%02d", i);
		close(open(name, O_CREAT | O_WRONLY, 0600));
	}
	map = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(map != MAP_FAILED && munmap(map + PAGE, PAGE) == 0, "hole");
	dir = open("/tmp/efd", O_RDONLY | O_DIRECTORY);
	CHECK(dir >= 0, "open the folder");
	errno = 0;
	rc = syscall(SYS_getdents64, dir, map + PAGE, 4096);
	CHECK(rc == -1 && errno == EFAULT,
	      "getdents64 into a hole returned %ld, not EFAULT", rc);
	/* Then 64 bytes at a time (two or three entries), to the end. */
	while ((rc = syscall(SYS_getdents64, dir, map + PAGE - 64, 4096)) > 0 &&
	       calls++ < 100) {
		CHECK(rc <= 64, "getdents64 wrote %ld bytes into 64", rc);
		for (long off = 0; off < rc;
		     off += *(unsigned short *)(map + PAGE - 64 + off + 16))
			seen++;
	}
	CHECK(rc == 0, "getdents64's last call returned %ld", rc);
	CHECK(seen == FILES + 2, "saw %d entries, not %d", seen, FILES + 2);
	CHECK(syscall(SYS_getdents64, dir, good, sizeof(good)) == 0,
	      "more entries after the end");
	close(dir);
	munmap(map, PAGE);
	group("getdents64", f);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	gone_while_blocked("read", READ, PIPE);
	gone_while_blocked("recvfrom", RECVFROM, UNIX_DGRAM);
	gone_while_blocked("read-unix-stream", READ, UNIX_STREAM);
	gone_while_blocked("read-tcp", READ, TCP);
	gone_while_blocked("recvfrom-tcp", RECVFROM, TCP);
	gone_while_blocked("recvmsg-tcp", RECVMSG, TCP);
	gone_while_blocked("recvmsg-unix", RECVMSG, UNIX_DGRAM);
	gone_while_blocked("poll", POLL, PIPE);
	gone_while_blocked("epoll_pwait", EPOLL, PIPE);
	past_eof();
	partial();
	getdents_cut();
	printf("c-efault: %d failures\n", failures);
	return failures != 0;
}
