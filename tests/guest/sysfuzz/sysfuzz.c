/*
 * sysfuzz: a system-call fuzzer run as the same static musl program on
 * Skiff and on Linux. argv: SEED CALLS [race-blocking]. Each call's
 * arguments come from a generator seeded with SEED; fixtures (a pipe, a
 * file, a socket, an epoll fd) are reset before each call, so a result
 * depends only on the call. A second thread maps, protects and unmaps a
 * region that some calls get as their buffer ("raced": their results
 * are not compared). Prints "sf INDEX NAME ARGS = RESULT" per call and
 * "sf end CALLS" (docs/testing.md, "The system-call fuzzer in a guest").
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "sysfuzz.h"

static volatile int racer_stop;

long sf_sys(long nr, long a, long b, long c, long d, long e, long g)
{
	long r = syscall(nr, a, b, c, d, e, g);

	return r == -1 ? -errno : r;
}

static void *map_at(unsigned long addr, size_t len, int prot)
{
	void *p = mmap((void *)addr, len, prot,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (p == MAP_FAILED) {
		printf("sf: cannot map %#lx\n", addr);
		exit(2);
	}
	return p;
}

/* The racing thread: the region comes and goes, writable, read-only,
 * dropped, under the calls that were handed it. */
static void *racer(void *arg)
{
	sigset_t alarm;

	(void)arg;
	sigemptyset(&alarm);
	sigaddset(&alarm, SIGALRM); /* the alarm is the main thread's */
	pthread_sigmask(SIG_BLOCK, &alarm, NULL);
	while (!racer_stop) {
		map_at(SF_RACE_ADDR, SF_RACE_LEN, PROT_READ | PROT_WRITE);
		sched_yield();
		mprotect((void *)SF_RACE_ADDR, SF_RACE_LEN, PROT_READ);
		sched_yield();
		madvise((void *)SF_RACE_ADDR, SF_RACE_LEN, MADV_DONTNEED);
		munmap((void *)SF_RACE_ADDR, SF_RACE_LEN);
		sched_yield();
	}
	return NULL;
}

static void on_alarm(int sig)
{
	(void)sig;
}

void sf_may_block(struct sf *f)
{
	struct itimerval it = {{0, 0}, {0, 50000}};

	f->race_ok = f->block_ok;
	f->armed = 1;
	setitimer(ITIMER_REAL, &it, NULL);
}

static void fixtures_open(struct sf *f)
{
	int p[2];
	struct epoll_event ev = {.events = EPOLLIN};
	char file[80];

	snprintf(f->path, sizeof(f->path), "/tmp/sysfuzz-%d", (int)getpid());
	mkdir(f->path, 0700);
	snprintf(file, sizeof(file), "%s/f", f->path);
	f->dir = open(f->path, O_RDONLY | O_DIRECTORY);
	f->file = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	f->file_ro = open(file, O_RDONLY);
	pipe2(p, O_NONBLOCK);
	f->pipe_r = p[0];
	f->pipe_w = p[1];
	f->udp = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	f->epoll = epoll_create1(0);
	ev.data.fd = f->pipe_r;
	epoll_ctl(f->epoll, EPOLL_CTL_ADD, f->pipe_r, &ev);
	chdir(f->path); /* relative paths name the fixtures on both */
	if (f->dir < 0 || f->file < 0 || f->file_ro < 0 || f->pipe_r < 0 ||
	    f->udp < 0 || f->epoll < 0) {
		printf("sf: fixtures failed\n");
		exit(2);
	}
}

/* Memory: the buffer and the structures each before a hole, a read-only
 * page, the hole and the scratch area. */
static void memory_open(struct sf *f)
{
	f->buf = map_at(SF_HOLE_ADDR - 0x10000000UL, SF_BUF_LEN + 4096,
			PROT_READ | PROT_WRITE);
	munmap(f->buf + SF_BUF_LEN, 4096);
	f->structs = map_at(SF_HOLE_ADDR - 0x20000000UL, SF_STRUCTS_LEN + 4096,
			    PROT_READ | PROT_WRITE);
	munmap(f->structs + SF_STRUCTS_LEN, 4096);
	f->ro = map_at(SF_HOLE_ADDR - 0x30000000UL, 4096, PROT_READ);
	map_at(SF_SCRATCH_ADDR, SF_SCRATCH_LEN, PROT_READ | PROT_WRITE);
}

/* Back to the state every call starts from. */
static void fixtures_reset(struct sf *f)
{
	static const char fill[SF_FILE_LEN] = "sysfuzz fixture";
	sigset_t none;
	char sink[4096];

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	fcntl(f->pipe_r, F_SETFL, O_NONBLOCK);
	fcntl(f->pipe_w, F_SETFL, O_NONBLOCK);
	fcntl(f->file, F_SETFL, 0);
	fcntl(f->file_ro, F_SETFL, 0);
	fcntl(f->udp, F_SETFL, O_NONBLOCK);
	memset(f->buf, 0, 64);
	/* No NUL before the hole; as a signal set, no SIGALRM (bit 13). */
	memset(f->buf + SF_BUF_LEN - 16, 'A', 16);
	while (read(f->pipe_r, sink, sizeof(sink)) > 0)
		;
	write(f->pipe_w, fill, SF_PIPE_FILL);
	ftruncate(f->file, 0);
	pwrite(f->file, fill, SF_FILE_LEN, 0);
	lseek(f->file, 0, SEEK_SET);
	lseek(f->file_ro, 0, SEEK_SET);
	f->args_len = 0;
	f->args[0] = 0;
	f->raced = 0;
	f->armed = 0;
	f->race_ok = 1;
	f->res = SF_EXACT;
	f->st_off = 0;
}

static void log_call(struct sf *f, long i, const char *name, long r)
{
	char line[192];
	int n;

	if (f->raced)
		n = snprintf(line, sizeof(line), "sf %ld %s%s = raced\n", i,
			     name, f->args);
	else if (r < 0)
		n = snprintf(line, sizeof(line), "sf %ld %s%s = E%ld\n", i,
			     name, f->args, -r);
	else if (f->res == SF_SIGN)
		n = snprintf(line, sizeof(line), "sf %ld %s%s = %s\n", i, name,
			     f->args, r ? "+" : "0");
	else
		n = snprintf(line, sizeof(line), "sf %ld %s%s = %ld\n", i, name,
			     f->args, r);
	write(1, line, (size_t)n);
}

/* The call with number C among all the generators' tables. */
static const struct sf_call *call_at(int c)
{
	if (c < sf_io_ncalls)
		return &sf_io_calls[c];
	c -= sf_io_ncalls;
	if (c < sf_sys_ncalls)
		return &sf_sys_calls[c];
	return &sf_net_calls[c - sf_sys_ncalls];
}

static void run(struct sf *f, long calls)
{
	int n = sf_io_ncalls + sf_sys_ncalls + sf_net_ncalls;

	for (long i = 0; i < calls; i++) {
		const struct sf_call *call = call_at((int)sf_below(f, n));
		long r;

		fixtures_reset(f);
		r = call->fn(f);
		if (f->armed)
			setitimer(ITIMER_REAL, &(struct itimerval){0}, NULL);
		log_call(f, i, call->name, r);
	}
}

/* Remove the fixture folder (on Linux it is the build machine's). */
static void fixtures_close(struct sf *f)
{
	DIR *d = opendir(".");
	struct dirent *e;

	/* Raced calls may have made files of any name. */
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlink(e->d_name);
	if (d)
		closedir(d);
	chdir("/");
	rmdir(f->path);
}

int main(int argc, char **argv)
{
	static struct sf f;
	struct rlimit nofile = {1024, 1024};
	struct sigaction sa = {.sa_handler = on_alarm};
	pthread_t t;
	long calls;

	if (argc < 3) {
		printf("usage: sysfuzz SEED CALLS [race-blocking]\n");
		return 2;
	}
	f.rng = strtoull(argv[1], NULL, 0);
	calls = strtol(argv[2], NULL, 0);
	f.block_ok = argc > 3 && !strcmp(argv[3], "race-blocking");
	setrlimit(RLIMIT_NOFILE, &nofile); /* the same limit on both */
	signal(SIGPIPE, SIG_IGN);
	sigaction(SIGALRM, &sa, NULL); /* no SA_RESTART: calls end EINTR */
	printf("sf start %s %ld%s\n", argv[1], calls,
	       f.block_ok ? " race-blocking" : "");
	fflush(stdout);
	memory_open(&f);
	fixtures_open(&f);
	pthread_create(&t, NULL, racer, NULL);
	run(&f, calls);
	racer_stop = 1;
	pthread_join(t, NULL);
	fixtures_close(&f);
	printf("sf end %ld\n", calls);
	return 0;
}
