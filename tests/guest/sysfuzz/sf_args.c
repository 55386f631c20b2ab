/*
 * sysfuzz: the argument pickers. Each draws a class from the seeded
 * generator, appends its name to the call's log line and returns the
 * value: pointers of every kind the kernel must refuse or survive,
 * lengths from zero to SIZE_MAX, fds open and closed, and prepared
 * structures (timespecs, socket addresses, iovecs, ...) with good and
 * bad contents.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <sys/un.h>
#include <time.h>

#include "sysfuzz.h"

uint64_t sf_below(struct sf *f, uint64_t n)
{
	uint64_t z = (f->rng += 0x9e3779b97f4a7c15ULL);

	/* splitmix64: the same sequence on every system for a seed. */
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31)) % n;
}

void sf_arg(struct sf *f, const char *cls)
{
	size_t n = strlen(cls);

	if (f->args_len + n + 2 > sizeof(f->args))
		return;
	f->args[f->args_len++] = ' ';
	memcpy(f->args + f->args_len, cls, n + 1);
	f->args_len += n;
}

/* The pointer classes every picker shares; 'V' is decided by the caller. */
static char *pick_ptr_class(struct sf *f, char *cls)
{
	static const char classes[] = "NKCUREVX";
	int n = f->race_ok ? 8 : 7;

	*cls = classes[sf_below(f, n)];
	switch (*cls) {
	case 'N':
		return NULL;
	case 'K': /* the kernel half */
		return (char *)0xffff888000000000UL;
	case 'C': /* the first non-canonical address */
		return (char *)0x0000800000000000UL;
	case 'U':
		return (char *)SF_HOLE_ADDR;
	case 'R':
		return f->ro;
	case 'E': /* 16 bytes before an unmapped page */
		return f->buf + SF_BUF_LEN - 16;
	case 'X':
		f->raced = 1;
		return (char *)SF_RACE_ADDR;
	}
	return f->buf;
}

void *sf_ptr(struct sf *f)
{
	char cls[2] = {0, 0};
	char *p = pick_ptr_class(f, cls);

	sf_arg(f, cls);
	return p;
}

/* Room for one prepared structure in the zeroed area. */
static char *st_alloc(struct sf *f, size_t size)
{
	char *p = f->structs + f->st_off;

	f->st_off += (size + 63) & ~63UL;
	memset(p, 0, size);
	return p;
}

static void *prep_ts(struct sf *f, int v)
{
	static const struct timespec ts[] = {
	    {0, 0},  {0, 1000000}, {0, 1000000000},
	    {-1, 0}, {0, -1},	   {LONG_MAX, 999999999}};
	struct timespec *p = (void *)st_alloc(f, sizeof(*p) * 2);

	*p = ts[v % 6];
	return p;
}

static void *prep_tv(struct sf *f, int v)
{
	static const struct timeval tv[] = {
	    {0, 0}, {0, 1000}, {0, 1000000}, {-1, 0}, {LONG_MAX, 0}, {0, 1}};
	struct timeval *p = (void *)st_alloc(f, sizeof(*p));

	*p = tv[v % 6];
	return p;
}

static void *prep_sa(struct sf *f, int v)
{
	char *p = st_alloc(f, 128);
	struct sockaddr_in *in = (void *)p;
	struct sockaddr_un *un = (void *)p;

	if (v % 4 == 0) {
		in->sin_family = AF_INET;
		in->sin_port = htons(9);
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	} else if (v % 4 == 1) {
		un->sun_family = AF_UNIX;
		strcpy(un->sun_path, f->path);
		strcat(un->sun_path, "/s");
	} else if (v % 4 == 2) {
		in->sin_family = 0xffff;
	} else {
		in->sin_family = AF_INET; /* port 0, address 0 */
	}
	return p;
}

static void *prep_pollfd(struct sf *f, int v)
{
	struct pollfd *p = (void *)st_alloc(f, sizeof(*p) * 8);

	for (int i = 0; i < 8; i++)
		p[i].fd = -1;
	p[0].fd = v % 2 ? 1000 : f->pipe_r; /* 1000: never open */
	p[0].events = POLLIN;
	p[1].fd = f->pipe_w;
	p[1].events = v % 3 ? POLLIN : POLLOUT;
	return p;
}

static void *prep_fdset(struct sf *f, int v)
{
	fd_set *p = (void *)st_alloc(f, sizeof(*p));

	if (v % 3 == 1)
		FD_SET(f->pipe_r, p);
	else if (v % 3 == 2)
		FD_SET(1000, p);
	return p;
}

static void *prep_iov(struct sf *f, int v)
{
	struct iovec *p = (void *)st_alloc(f, sizeof(*p) * 2);

	p[0] = (struct iovec){f->buf, 16};
	p[1] = (struct iovec){f->buf + 16, 16};
	if (v % 5 == 1)
		p[0] = (struct iovec){NULL, 0};
	else if (v % 5 == 2)
		p[1].iov_base = NULL;
	else if (v % 5 == 3)
		p[1].iov_len = SIZE_MAX;
	else if (v % 5 == 4)
		p[1].iov_base = (void *)0xffff888000000000UL;
	return p;
}

/* The signal sets never hold SIGALRM: the alarm must end blocked calls. */
static void *prep_misc(struct sf *f, int kind, int v)
{
	uint64_t *p = (void *)st_alloc(f, 64);

	if (kind == SF_SIGSET)
		p[0] = v % 3 == 0   ? 1UL << (SIGUSR1 - 1)
		       : v % 3 == 1 ? 0
				    : ~(1UL << (SIGALRM - 1));
	else if (kind == SF_SIGACT)
		p[0] = v % 2 ? (uint64_t)SIG_IGN : (uint64_t)SIG_DFL;
	else if (kind == SF_FUTEX && v % 3 == 1)
		p[0] = 4; /* also an optlen or addrlen of 4 */
	else if (kind == SF_FUTEX && v % 3 == 2)
		return (char *)p + 1; /* misaligned */
	return p;
}

void *sf_sptr(struct sf *f, int kind)
{
	static const char names[SF_KINDS][4] = {
	    "ts", "tv", "sa", "pfd", "fds", "iov", "ss", "act", "fx", "ev"};
	char cls[16] = {0};
	char *p = pick_ptr_class(f, cls);
	int v = (int)sf_below(f, 6);

	if (cls[0] != 'V') {
		sf_arg(f, cls);
		return p;
	}
	strcpy(cls, names[kind]);
	cls[strlen(cls) + 1] = 0;
	cls[strlen(cls)] = (char)('0' + v);
	sf_arg(f, cls);
	switch (kind) {
	case SF_TS:
		return prep_ts(f, v);
	case SF_TV:
		return prep_tv(f, v);
	case SF_SA:
		return prep_sa(f, v);
	case SF_POLLFD:
		return prep_pollfd(f, v);
	case SF_FDSET:
		return prep_fdset(f, v);
	case SF_IOV:
		return prep_iov(f, v);
	case SF_EPEV:
		return st_alloc(f, sizeof(struct epoll_event) * 8);
	}
	return prep_misc(f, kind, v);
}

size_t sf_len(struct sf *f)
{
	static const size_t lens[] = {
	    0, 1, 16, 4096, SF_BUF_LEN, 1UL << 24, 1UL << 62, SIZE_MAX};
	static const char *const names[] = {"0",   "1",	  "16",	  "4k",
					    "64k", "16M", "2^62", "max"};
	int i = (int)sf_below(f, 8);

	sf_arg(f, names[i]);
	return lens[i];
}

int sf_fd(struct sf *f)
{
	static const char *const names[] = {"pr", "pw", "f",   "fr", "d",
					    "u",  "ep", "neg", "cl", "big"};
	int fds[] = {f->pipe_r, f->pipe_w, f->file, f->file_ro, f->dir,
		     f->udp,	f->epoll,  -1,	    1000,	1 << 30};
	int i = (int)sf_below(f, 10);

	sf_arg(f, names[i]);
	return fds[i];
}

long sf_flags(struct sf *f, const long *valid, int n)
{
	static const long stray[] = {-1L, 0x40000000L, 0x80L << 24};
	char cls[24];
	int i = (int)sf_below(f, (uint64_t)n + 3);

	if (i >= n) {
		sf_arg(f, i == n ? "fl-1" : i == n + 1 ? "fl30" : "fl31");
		return stray[i - n];
	}
	cls[0] = 'f';
	cls[1] = (char)('0' + i % 10);
	cls[2] = i >= 10 ? (char)('0' + i / 10) : 0;
	cls[3] = 0;
	sf_arg(f, cls);
	return valid[i];
}
