/*
 * Shared by the epoll guest test's two files: the in-guest checks
 * (pipes.c, checks.c) and the edge-triggered echo server (main.c).
 */
#ifndef EPOLLTEST_H
#define EPOLLTEST_H

#include <stdio.h>

/* Failed expectations so far; main's exit code is non-zero if any. */
extern int failures;

/* Count and print a failed expectation, with the errno of the moment. */
#define EXPECT(cond)                                                           \
	do {                                                                   \
		if (!(cond)) {                                                 \
			failures++;                                            \
			printf("epoll: FAIL: %s:%d: %s (errno %d)\n",          \
			       __func__, __LINE__, #cond, errno);              \
		}                                                              \
	} while (0)

/* Monotonic milliseconds. */
long long now_ms(void);

/* The in-guest checks (pipes.c, checks.c), each printing
 * "epoll: ok: ..." when it passed. */
void check_pipe_nonblock(void);
void check_pipe_threads(void);
void check_epoll_pipe_threads(void);
void check_et_vs_lt(void);
void check_ctl_errors(void);
void check_sockets_loopback(void);
void check_console(void);
void check_timeout(void);
void check_idle(void);
void check_many_fds(void);

#endif
