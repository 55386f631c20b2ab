/*
 * sysfuzz: the shared state of the system-call fuzzer (sysfuzz.c) and its
 * call generators (sf_io.c, sf_sys.c). Every argument is drawn from one
 * seeded generator, so a seed replays the same calls on Skiff and on
 * Linux; each call logs "sf INDEX NAME ARGS = RESULT" (docs/testing.md).
 */
#ifndef SYSFUZZ_H
#define SYSFUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Fixed addresses both systems leave free: the region the racing thread
 * maps and unmaps, a hole never mapped, and a scratch area that
 * MAP_FIXED calls may replace. */
#define SF_RACE_ADDR 0x5a0000000000UL
#define SF_RACE_LEN (4 * 4096UL)
#define SF_HOLE_ADDR 0x5b0000000000UL
#define SF_SCRATCH_ADDR 0x5c0000000000UL
#define SF_SCRATCH_LEN (16 * 4096UL)
/* The valid buffer (SF_BUF_LEN bytes) is followed by an unmapped page. */
#define SF_BUF_LEN (16 * 4096UL)
/* The prepared structures' area, zeroed, also before an unmapped page. */
#define SF_STRUCTS_LEN (4 * 4096UL)

/* What a call's result means: exact, or only its sign (a count or a
 * number whose value depends on buffer sizes, addresses, fd numbers). */
enum sf_res { SF_EXACT, SF_SIGN };

struct sf {
	uint64_t rng;  /* the generator's state (splitmix64) */
	int race_ok;   /* the racing region may be handed to this call */
	int raced;     /* the call got the racing region */
	char args[96]; /* the argument classes, as logged */
	size_t args_len;
	enum sf_res res; /* how to log this call's result */
	int block_ok;	 /* racing blocking calls is allowed (argv) */
	int armed;	 /* the alarm is armed for this call */
	/* Fixtures, reset before every call. */
	int pipe_r, pipe_w; /* a non-blocking pipe holding SF_PIPE_FILL bytes */
	int file;	    /* /tmp/sysfuzz-N/f, SF_FILE_LEN bytes, offset 0 */
	int file_ro;	    /* the same file, read-only */
	int dir;	    /* its directory */
	int udp;	    /* an unbound UDP socket */
	int epoll;	    /* an epoll fd watching pipe_r */
	char *buf;	    /* SF_BUF_LEN read-write bytes */
	char *ro;	    /* a read-only page of zeros */
	char *structs;	    /* SF_STRUCTS_LEN bytes of prepared structures */
	size_t st_off;	    /* the next free byte there (reset per call) */
	char path[64];	    /* the fixture folder */
};

#define SF_PIPE_FILL 32
#define SF_FILE_LEN 64

/* The generator: a uniform number below n (n > 0). */
uint64_t sf_below(struct sf *f, uint64_t n);
/* Append one argument class to the call's log line. */
void sf_arg(struct sf *f, const char *cls);
/* A user pointer for LEN bytes: NULL, kernel half, non-canonical,
 * unmapped, read-only, valid, end of the valid buffer, or the racing
 * region (only if the call allows it). */
void *sf_ptr(struct sf *f);
/* The same, but a valid pick points at a fresh prepared structure of
 * the given kind (one of its variants: a sockaddr, a timespec, ...). */
void *sf_sptr(struct sf *f, int kind);
/* A length: 0, 1, 16, 4096, the buffer's size, 16 MiB, 2^62, SIZE_MAX. */
size_t sf_len(struct sf *f);
/* An fd: a fixture, -1, a closed one, a huge one. */
int sf_fd(struct sf *f);
/* Flags: a valid set from VALID, or stray bits. */
long sf_flags(struct sf *f, const long *valid, int n);

/* Prepared structure kinds for sf_sptr. */
enum {
	SF_TS,	   /* struct timespec: 0, 1 ms, bad nsec, negative, huge */
	SF_TV,	   /* struct timeval */
	SF_SA,	   /* a socket address: inet loopback, unix, bad family */
	SF_POLLFD, /* two pollfds: the pipe's read end, a closed fd */
	SF_FDSET,  /* an fd_set with the pipe's read end, or empty */
	SF_IOV,	   /* iovecs: valid, with NULL, with a huge length */
	SF_SIGSET, /* a signal set (SIGUSR1) */
	SF_SIGACT, /* a sigaction: SIG_IGN for SIGUSR1 */
	SF_FUTEX,  /* an aligned word holding 0, or a misaligned one */
	SF_EPEV,   /* epoll events */
	SF_KINDS
};
/* Arm the 50 ms alarm that ends a call which blocks (EINTR). */
void sf_may_block(struct sf *f);

/* One generator per system call: makes the call, returns its raw
 * result (-errno on failure). */
typedef long (*sf_call_fn)(struct sf *f);
struct sf_call {
	const char *name;
	sf_call_fn fn;
};
extern const struct sf_call sf_io_calls[];
extern const int sf_io_ncalls;
extern const struct sf_call sf_sys_calls[];
extern const int sf_sys_ncalls;
extern const struct sf_call sf_net_calls[];
extern const int sf_net_ncalls;

/* A raw system call: the result, or -errno (no libc wrapper between). */
long sf_sys(long nr, long a, long b, long c, long d, long e, long g);

#endif
