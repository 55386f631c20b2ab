/*
 * c-args: system-call arguments Linux accepts or refuses in its own way,
 * and in its own order.
 * Each group prints "c-args: NAME ok" when every check in it held, and a
 * FAIL line for each that did not.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHECK_NAME "c-args"
#include "../common/check.h"

/* NULL is a valid pointer for zero bytes, as on Linux. */
static void zero_length(void)
{
	int f = failures, p[2], s[2];

	CHECK(poll(NULL, 0, 10) == 0, "poll(NULL, 0, 10)");
	CHECK(pipe(p) == 0, "pipe");
	CHECK(write(p[1], NULL, 0) == 0, "write(NULL, 0)");
	CHECK(write(p[1], "x", 1) == 1, "write 1");
	CHECK(read(p[0], NULL, 0) == 0, "read(NULL, 0)");
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, s) == 0, "socketpair");
	CHECK(send(s[0], NULL, 0, 0) == 0, "send(NULL, 0)");
	CHECK(send(s[0], "y", 1, 0) == 1, "send 1");
	CHECK(recv(s[1], NULL, 0, 0) == 0, "recv(NULL, 0)");
	/* A non-NULL bad pointer with bytes is still EFAULT. */
	errno = 0;
	CHECK(read(p[0], (void *)0x8, 1) == -1 && errno == EFAULT,
	      "read into page 0");
	group("zero-length", f);
}

static int thread_fn(void *arg)
{
	(void)arg;
	syscall(SYS_exit, 0);
	return 0;
}

#define CLONE_THREAD_FLAGS                                                     \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |    \
	 CLONE_SYSVSEM)

/* A TLS base outside the user half is refused with EPERM, by clone
 * (nothing started) and by arch_prctl. */
static void tls(void)
{
	static char stack[16384] __attribute__((aligned(16)));
	const unsigned long bad[] = {0xffff800000001000ul, 0x8000000000000000ul,
				     0x0000900000000000ul};
	int f = failures;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		CHECK(syscall(SYS_clone, CLONE_THREAD_FLAGS | CLONE_SETTLS,
			      stack + sizeof(stack), NULL, NULL,
			      bad[i]) == -1 &&
			  errno == EPERM,
		      "clone with TLS %#lx", bad[i]);
		errno = 0;
		CHECK(syscall(SYS_arch_prctl, 0x1002, bad[i]) == -1 &&
			  errno == EPERM,
		      "arch_prctl(ARCH_SET_FS, %#lx)", bad[i]);
	}
	(void)thread_fn;
	group("tls", f);
}

/* A thread started on a non-canonical stack: Linux kills its process
 * with SIGSEGV. Done in a child process, which the parent reaps. */
static void bad_stack(void)
{
	int f = failures, st = 0;
	pid_t pid = fork();

	if (pid == 0) {
		syscall(SYS_clone, CLONE_THREAD_FLAGS, 0x8000000000001000ul,
			NULL, NULL, 0);
		/* The process is killed; this thread may run a little. */
		for (;;)
			sched_yield();
	}
	CHECK(pid > 0, "fork");
	CHECK(waitpid(pid, &st, 0) == pid, "waitpid");
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	      "the child's status %#x, want killed by SIGSEGV", st);
	group("bad-stack", f);
}

/* Shared anonymous memory (and /dev/zero mapped shared) is shared with
 * a forked child; private memory is the child's own copy. */
static void shared_anon(void)
{
	int f = failures, st = 0, zero = open("/dev/zero", O_RDWR);
	long *sh = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long *pr = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long *dz =
	    mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, zero, 0);
	pid_t pid;

	CHECK(sh != MAP_FAILED && pr != MAP_FAILED && dz != MAP_FAILED, "mmap");
	if (sh == MAP_FAILED || pr == MAP_FAILED || dz == MAP_FAILED)
		return;
	CHECK(sh[0] == 0 && sh[512] == 0 && dz[0] == 0, "zero-filled");
	sh[0] = 1; /* touched before the fork; sh[512] after */
	pid = fork();
	if (pid == 0) {
		sh[0] = 42;
		sh[512] = 43;
		pr[0] = 44;
		dz[0] = 45;
		_exit(0);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && st == 0, "child");
	CHECK(sh[0] == 42 && sh[512] == 43, "shared: %ld %ld", sh[0], sh[512]);
	CHECK(dz[0] == 45, "/dev/zero shared: %ld", dz[0]);
	CHECK(pr[0] == 0, "private: %ld", pr[0]);
	CHECK(munmap(sh, 2 * 4096) == 0 && munmap(dz, 4096) == 0, "munmap");
	close(zero);
	group("shared-anon", f);
}

static volatile int alarms;

static void on_alarm(int s)
{
	(void)s;
	alarms++;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 +
	       (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void *write_later(void *arg)
{
	usleep(50000);
	write(*(int *)arg, "z", 1);
	return NULL;
}

/* Timeouts at the top of the range mean "centuries", never "at once". */
static void timeouts(void)
{
	struct itimerval big = {{0, 0}, {LONG_MAX, 0}}, got, off = {0};
	/* Every 50 ms: on a loaded host the first alarm may come before
	 * nanosleep blocks (it would then sleep for ever, on Linux too). */
	struct itimerval soon = {{0, 50000}, {0, 50000}};
	struct timespec t0, forever = {LONG_MAX, 0};
	struct timeval tv = {LONG_MAX, 0};
	int f = failures, s[2], rc;
	pthread_t th;
	char c = 0;

	signal(SIGALRM, on_alarm);
	CHECK(setitimer(ITIMER_REAL, &big, NULL) == 0, "setitimer huge");
	usleep(50000);
	CHECK(alarms == 0, "a huge itimer fired");
	CHECK(getitimer(ITIMER_REAL, &got) == 0 &&
		  got.it_value.tv_sec > 1000000000L,
	      "getitimer: %ld s left", (long)got.it_value.tv_sec);
	setitimer(ITIMER_REAL, &off, NULL);
	/* nanosleep of LONG_MAX seconds sleeps until the 50 ms alarm. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK(setitimer(ITIMER_REAL, &soon, NULL) == 0, "setitimer 50 ms");
	errno = 0;
	rc = nanosleep(&forever, NULL);
	CHECK(rc == -1 && errno == EINTR && ms_since(&t0) >= 40,
	      "nanosleep(LONG_MAX): %d after %ld ms", rc, ms_since(&t0));
	setitimer(ITIMER_REAL, &off, NULL);
	/* A receive timeout of LONG_MAX seconds waits for the data. */
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, s) == 0, "socketpair");
	CHECK(setsockopt(s[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0,
	      "SO_RCVTIMEO huge");
	pthread_create(&th, NULL, write_later, &s[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	errno = 0;
	rc = (int)recv(s[0], &c, 1, 0);
	CHECK(rc == 1 && c == 'z' && ms_since(&t0) >= 40,
	      "recv with a huge timeout: %d after %ld ms", rc, ms_since(&t0));
	pthread_join(th, NULL);
	group("timeouts", f);
}

/* Linux checks the fd, its kind and the values before the buffer; a
 * copy that runs into an unmapped page moves the bytes before it
 * (getrandom), or none from a pipe. */
static void check_order(void)
{
	int f = failures, p[2];
	char *m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(m != MAP_FAILED && munmap(m + 4096, 4096) == 0, "two pages");
	CHECK(pipe(p) == 0 && write(p[1], "0123456789abcdef", 16) == 16,
	      "pipe");
	errno = 0;
	CHECK(read(-1, NULL, 16) == -1 && errno == EBADF, "read(-1, NULL)");
	errno = 0;
	CHECK(pread(p[0], NULL, 16, 0) == -1 && errno == ESPIPE,
	      "pread(pipe, NULL)");
	errno = 0;
	CHECK(write(p[0], NULL, 16) == -1 && errno == EBADF,
	      "write(read end, NULL)");
	/* A pipe's copy is whole or nothing (Linux's pipe_read). */
	errno = 0;
	CHECK(read(p[0], m + 4096 - 4, 16) == -1 && errno == EFAULT,
	      "pipe read past the mapping");
	CHECK(getrandom(m + 4096 - 8, 64, 0) == 8, "getrandom past it");
	munmap(m, 4096);
	close(p[0]);
	close(p[1]);
	group("order", f);
}

/* select(2) and pselect6 as the system calls (musl's select() hides
 * the time written back): the ready sets, Linux's checks, the time
 * left in the timeout. */
static void select_calls(void)
{
	int f = failures, p[2];
	fd_set r, w;
	struct timeval tv = {5, 0};
	struct timespec ts = {0, 0};

	CHECK(pipe(p) == 0 && write(p[1], "x", 1) == 1, "pipe");
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &r);
	FD_SET(p[1], &w);
	CHECK(syscall(SYS_select, p[1] + 1, &r, &w, NULL, &tv) == 2,
	      "select: two ready");
	CHECK(FD_ISSET(p[0], &r) && !FD_ISSET(p[1], &r) && FD_ISSET(p[1], &w),
	      "select: the sets");
	CHECK(tv.tv_sec == 4 || tv.tv_sec == 5, "select: %ld s left",
	      (long)tv.tv_sec);
	FD_ZERO(&r);
	FD_SET(1000, &r);
	errno = 0;
	CHECK(syscall(SYS_select, 1001, &r, NULL, NULL, NULL) == -1 &&
		  errno == EBADF,
	      "select: a closed fd");
	errno = 0;
	CHECK(syscall(SYS_select, -1, NULL, NULL, NULL, NULL) == -1 &&
		  errno == EINVAL,
	      "select: nfds -1");
	tv = (struct timeval){0, 20000};
	FD_ZERO(&r);
	FD_SET(p[1], &r);
	CHECK(syscall(SYS_select, p[1] + 1, &r, NULL, NULL, &tv) == 0 &&
		  !FD_ISSET(p[1], &r) && tv.tv_usec == 0,
	      "select: the timeout passes");
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	CHECK(syscall(SYS_pselect6, p[0] + 1, &r, NULL, NULL, &ts, NULL) == 1,
	      "pselect6: one ready");
	close(p[0]);
	close(p[1]);
	group("select", f);
}

/* Sockets as Linux's inet layer checks them: an address's length for
 * the socket's family before its family; AF_UNSPEC in connect a
 * disconnect (a UDP socket forgets its peer: a send has no destination,
 * EDESTADDRREQ), in bind of INADDR_ANY AF_INET; a stream ignores
 * sendto's address; MSG_OOB means nothing to a UDP receive. Then
 * mprotect(PROT_GROWSDOWN) over a range that starts in a hole. */
static void sockets(void)
{
	struct sockaddr_in lo = {.sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	struct sockaddr_in any = {.sin_family = AF_UNSPEC},
			   odd = {.sin_family = 99};
	struct sockaddr unspec = {.sa_family = AF_UNSPEC};
	socklen_t alen = sizeof(lo);
	int f = failures, u = socket(AF_INET, SOCK_DGRAM, 0),
	    v = socket(AF_INET, SOCK_DGRAM, 0),
	    t = socket(AF_INET, SOCK_STREAM, 0);
	char buf[8] = "";
	char *m;

	CHECK(u >= 0 && v >= 0 && t >= 0, "sockets");
	errno = 0;
	CHECK(bind(u, (struct sockaddr *)&odd, 2) == -1 && errno == EINVAL,
	      "bind: a short address of another family");
	errno = 0;
	CHECK(bind(u, (struct sockaddr *)&odd, sizeof(odd)) == -1 &&
		  errno == EAFNOSUPPORT,
	      "bind: another family");
	CHECK(bind(u, (struct sockaddr *)&any, sizeof(any)) == 0,
	      "bind: AF_UNSPEC and INADDR_ANY");
	CHECK(getsockname(u, (struct sockaddr *)&lo, &alen) == 0, "its port");
	lo.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	errno = 0;
	CHECK(send(v, "x", 1, 0) == -1 && errno == EDESTADDRREQ,
	      "send: no peer");
	CHECK(connect(v, (struct sockaddr *)&lo, sizeof(lo)) == 0 &&
		  send(v, "x", 1, 0) == 1,
	      "send: connected");
	CHECK(connect(v, &unspec, sizeof(unspec)) == 0, "connect: AF_UNSPEC");
	errno = 0;
	CHECK(send(v, "y", 1, 0) == -1 && errno == EDESTADDRREQ,
	      "send: disconnected");
	/* The datagram crosses lwIP's loopback on its own time. */
	CHECK(poll(&(struct pollfd){.fd = u, .events = POLLIN}, 1, 5000) == 1 &&
		  recv(u, buf, sizeof(buf), MSG_OOB | MSG_DONTWAIT) == 1 &&
		  buf[0] == 'x',
	      "recv: MSG_OOB on UDP");
	/* A datagram's refusals come before its data is read. */
	errno = 0;
	CHECK(write(v, (void *)16, 8) == -1 && errno == EDESTADDRREQ,
	      "write: no peer, before a bad buffer");
	errno = 0;
	CHECK(sendto(u, (void *)16, 8, MSG_OOB, (struct sockaddr *)&lo,
		     sizeof(lo)) == -1 &&
		  errno == EOPNOTSUPP,
	      "sendto: MSG_OOB, before a bad buffer");
	errno = 0;
	CHECK(sendto(u, (void *)16, 8, 0, (struct sockaddr *)&lo, 4) == -1 &&
		  errno == EINVAL,
	      "sendto: a short address, before a bad buffer");
	{
		static char big[40000];
		struct iovec two[2] = {{big, sizeof(big)}, {big, sizeof(big)}};

		errno = 0;
		CHECK(writev(v, two, 2) == -1 && errno == EMSGSIZE,
		      "writev: a datagram of 80000 bytes");
	}
	CHECK(connect(t, &unspec, sizeof(unspec)) == 0,
	      "connect: AF_UNSPEC, a TCP socket not connected");
	errno = 0;
	CHECK(connect(t, &unspec, 1) == -1 && errno == EINVAL,
	      "connect: one byte of address");
	close(u);
	close(v);
	close(t);
	/* Three pages, the first two unmapped: a hole, then a mapping. */
	m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED && munmap(m, 2 * 4096) == 0, "a hole");
	errno = 0;
	CHECK(mprotect(m + 4096, 2 * 4096, PROT_READ | PROT_GROWSDOWN) == -1 &&
		  errno == EINVAL,
	      "mprotect(PROT_GROWSDOWN): a mapping in the range");
	errno = 0;
	CHECK(mprotect(m, 2 * 4096, PROT_READ | PROT_GROWSDOWN) == -1 &&
		  errno == ENOMEM,
	      "mprotect(PROT_GROWSDOWN): only the hole");
	munmap(m + 2 * 4096, 4096);
	group("sockets", f);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	zero_length();
	tls();
	bad_stack();
	shared_anon();
	timeouts();
	check_order();
	select_calls();
	sockets();
	printf("c-args: %d failures\n", failures);
	return failures ? 1 : 0;
}
