/*
 * c-signal2: timers that raise signals, real-time signals queued,
 * signalfd, blocking socket calls interrupted by signals, and a server stopped in
 * accept() by xl shutdown, through musl. Each step prints one
 * "c-signal2: NAME ok" line (or FAIL lines). Last, the program waits in
 * accept() with a SIGTERM handler: dom0's xl shutdown must make accept()
 * fail with EINTR, and the program exits with its own code, 7 (1 after
 * a failure).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("c-signal2: FAIL line %d: %s: ", __LINE__,      \
			       #cond);                                         \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
			failures++;                                            \
		}                                                              \
	} while (0)

static void ok(const char *step)
{
	printf("c-signal2: %s ok\n", step);
	fflush(stdout);
}

static void on(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL) != 0) {
		printf("c-signal2: FAIL sigaction(%d): %s\n", sig,
		       strerror(errno));
		exit(1);
	}
}

static void block(int sig, int how)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	pthread_sigmask(how, &s, NULL);
}

static pid_t gettid_(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* --- setitimer and alarm -------------------------------------------------- */

static volatile int alarms;

static void on_alarm(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (si->si_code == SI_KERNEL)
		alarms++;
	else
		alarms += 1000; /* not the kernel's: noticed below */
}

static void step_itimer(void)
{
	struct itimerval it = {{0, 20000}, {0, 20000}}, cur, old;
	int64_t t0 = now_ms(), dt;

	on(SIGALRM, on_alarm, 0);
	alarms = 0;
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0, "%s", strerror(errno));
	while (alarms < 5 && now_ms() - t0 < 5000)
		pause();
	dt = now_ms() - t0;
	CHECK(alarms >= 5 && alarms < 1000, "%d ticks", alarms);
	/* 5 periods of 20 ms, with room for a slow test host. */
	CHECK(dt >= 90 && dt < 3000, "5 ticks in %lld ms", (long long)dt);
	CHECK(getitimer(ITIMER_REAL, &cur) == 0, "%s", strerror(errno));
	CHECK(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 20000,
	      "interval %ld.%06ld", (long)cur.it_interval.tv_sec,
	      (long)cur.it_interval.tv_usec);
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 &&
		  cur.it_value.tv_usec <= 20000,
	      "value %ld.%06ld", (long)cur.it_value.tv_sec,
	      (long)cur.it_value.tv_usec);
	memset(&it, 0, sizeof(it));
	CHECK(setitimer(ITIMER_REAL, &it, &old) == 0, "%s", strerror(errno));
	CHECK(old.it_interval.tv_usec == 20000, "old interval %ld",
	      (long)old.it_interval.tv_usec);
	CHECK(getitimer(ITIMER_REAL, &cur) == 0 && cur.it_value.tv_sec == 0 &&
		  cur.it_value.tv_usec == 0 && cur.it_interval.tv_usec == 0,
	      "disarmed: %ld.%06ld", (long)cur.it_value.tv_sec,
	      (long)cur.it_value.tv_usec);
	alarms = 0;
	sleep_ms(60);
	CHECK(alarms == 0, "%d ticks after disarming", alarms);
	/* Not served (documented): no per-program CPU time. */
	errno = 0;
	CHECK(getitimer(ITIMER_PROF, &cur) == -1 && errno == EINVAL,
	      "ITIMER_PROF: errno %d", errno);
	ok("setitimer");
}

static void step_alarm(void)
{
	int64_t t0, dt;

	CHECK(alarm(5) == 0, "a first alarm had time left");
	CHECK(alarm(3) == 5, "seconds left of the 5 s alarm");
	CHECK(alarm(0) == 3, "seconds left of the 3 s alarm");
	alarms = 0;
	t0 = now_ms();
	alarm(1);
	while (!alarms && now_ms() - t0 < 5000)
		pause();
	dt = now_ms() - t0;
	CHECK(alarms == 1, "%d alarms", alarms);
	CHECK(dt >= 950 && dt < 3000, "alarm(1) after %lld ms", (long long)dt);
	CHECK(alarm(0) == 0, "the alarm still ran");
	ok("alarm");
}

/* --- POSIX timers -------------------------------------------------------- */

static volatile int tsig, tcode, tvalue, tid_seen, toverrun;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	tsig = sig;
	tcode = si->si_code;
	tvalue = si->si_value.sival_int;
	tid_seen = si->si_timerid;
	toverrun = si->si_overrun;
}

static void wait_tsig(void)
{
	int64_t t0 = now_ms();
	sigset_t none;

	sigemptyset(&none);
	while (!tsig && now_ms() - t0 < 5000)
		sigsuspend(&none);
}

static void step_timer_signal(void)
{
	struct sigevent ev;
	struct itimerspec its = {{0, 0}, {0, 10000000}}, cur;
	struct timespec ts;
	timer_t t;
	int64_t t0, dt;

	on(SIGRTMIN + 1, on_timer, 0);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGRTMIN + 1;
	ev.sigev_value.sival_int = 1234;
	CHECK(timer_create(CLOCK_MONOTONIC, &ev, &t) == 0, "%s",
	      strerror(errno));
	tsig = 0;
	CHECK(timer_settime(t, 0, &its, NULL) == 0, "%s", strerror(errno));
	wait_tsig();
	CHECK(tsig == SIGRTMIN + 1, "signal %d", tsig);
	CHECK(tcode == SI_TIMER, "si_code %d", tcode);
	CHECK(tvalue == 1234, "si_value %d", tvalue);
	CHECK(tid_seen == (int)(intptr_t)t, "si_timerid %d, timer %d", tid_seen,
	      (int)(intptr_t)t);
	CHECK(toverrun == 0, "si_overrun %d", toverrun);
	CHECK(timer_gettime(t, &cur) == 0 && cur.it_value.tv_sec == 0 &&
		  cur.it_value.tv_nsec == 0,
	      "one-shot still armed: %ld", (long)cur.it_value.tv_nsec);
	/* TIMER_ABSTIME, 50 ms ahead on the monotonic clock. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_nsec += 50000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	its.it_value = ts;
	tsig = 0;
	t0 = now_ms();
	CHECK(timer_settime(t, TIMER_ABSTIME, &its, NULL) == 0, "%s",
	      strerror(errno));
	CHECK(timer_gettime(t, &cur) == 0 && cur.it_value.tv_sec == 0 &&
		  cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 50000000,
	      "time left %ld", (long)cur.it_value.tv_nsec);
	wait_tsig();
	dt = now_ms() - t0;
	CHECK(tsig == SIGRTMIN + 1 && tvalue == 1234, "signal %d value %d",
	      tsig, tvalue);
	CHECK(dt >= 45, "TIMER_ABSTIME fired after %lld ms", (long long)dt);
	CHECK(timer_delete(t) == 0, "%s", strerror(errno));
	errno = 0;
	CHECK(timer_gettime(t, &cur) == -1 && errno == EINVAL,
	      "a deleted timer: errno %d", errno);
	ok("timer-signal");
}

static volatile pid_t waiter_tid;
static volatile int waiter_sig, waiter_value, waiter_code, waiter_on;

static void *timer_waiter(void *arg)
{
	sigset_t s;
	siginfo_t si;

	(void)arg;
	sigemptyset(&s);
	sigaddset(&s, SIGRTMIN + 3);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	waiter_tid = gettid_();
	waiter_sig = sigwaitinfo(&s, &si);
	waiter_value = si.si_value.sival_int;
	waiter_code = si.si_code;
	waiter_on = gettid_();
	return NULL;
}

static void step_timer_thread_id(void)
{
	struct sigevent ev;
	struct itimerspec its = {{0, 0}, {0, 20000000}};
	pthread_t th;
	timer_t t;
	int64_t t0 = now_ms();

	/* Blocked here too: only the waiter takes it. */
	block(SIGRTMIN + 3, SIG_BLOCK);
	waiter_tid = 0;
	pthread_create(&th, NULL, timer_waiter, NULL);
	while (!waiter_tid && now_ms() - t0 < 5000)
		sched_yield();
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = SIGRTMIN + 3;
	ev.sigev_value.sival_int = 77;
	ev.sigev_notify_thread_id = waiter_tid;
	CHECK(timer_create(CLOCK_REALTIME, &ev, &t) == 0, "%s",
	      strerror(errno));
	CHECK(timer_settime(t, 0, &its, NULL) == 0, "%s", strerror(errno));
	pthread_join(th, NULL);
	CHECK(waiter_sig == SIGRTMIN + 3, "sigwaitinfo gave %d", waiter_sig);
	CHECK(waiter_value == 77 && waiter_code == SI_TIMER, "value %d code %d",
	      waiter_value, waiter_code);
	CHECK(waiter_on == waiter_tid, "taken by %d", waiter_on);
	timer_delete(t);
	/* A thread that is gone is no target. */
	ev.sigev_notify_thread_id = waiter_tid;
	errno = 0;
	CHECK(timer_create(CLOCK_MONOTONIC, &ev, &t) == -1 && errno == EINVAL,
	      "a gone thread: errno %d", errno);
	block(SIGRTMIN + 3, SIG_UNBLOCK);
	ok("timer-thread-id");
}

/* A 2 ms periodic timer whose signal stays blocked for 100 ms: one
 * signal, the rest counted as overruns. */
static void step_timer_overrun(void)
{
	struct sigevent ev;
	struct itimerspec its = {{0, 2000000}, {0, 2000000}};
	sigset_t s;
	siginfo_t si;
	timer_t t;
	int got, over;

	block(SIGRTMIN + 4, SIG_BLOCK);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGRTMIN + 4;
	ev.sigev_value.sival_int = 5;
	CHECK(timer_create(CLOCK_BOOTTIME, &ev, &t) == 0, "%s",
	      strerror(errno));
	CHECK(timer_settime(t, 0, &its, NULL) == 0, "%s", strerror(errno));
	sleep_ms(100);
	sigemptyset(&s);
	sigaddset(&s, SIGRTMIN + 4);
	got = sigwaitinfo(&s, &si);
	over = timer_getoverrun(t);
	CHECK(got == SIGRTMIN + 4, "sigwaitinfo gave %d", got);
	CHECK(si.si_code == SI_TIMER && si.si_value.sival_int == 5,
	      "code %d value %d", si.si_code, si.si_value.sival_int);
	CHECK(si.si_overrun >= 10, "si_overrun %d after 100 ms of 2 ms",
	      si.si_overrun);
	CHECK(over == si.si_overrun, "timer_getoverrun %d, si_overrun %d", over,
	      si.si_overrun);
	timer_delete(t);
	signal(SIGRTMIN + 4, SIG_IGN); /* drops one still pending */
	block(SIGRTMIN + 4, SIG_UNBLOCK);
	signal(SIGRTMIN + 4, SIG_DFL);
	ok("timer-overrun");
}

/* --- Real-time signals queue ---------------------------------------------- */

static volatile int rt_values[8], rt_n, usr2_n;

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGUSR2) {
		usr2_n++;
		return;
	}
	if (rt_n < 8)
		rt_values[rt_n] = si->si_value.sival_int;
	rt_n++;
}

static void step_rt_queue(void)
{
	struct rlimit old, lim;
	union sigval v;
	sigset_t p;
	int i, rc;

	on(SIGRTMIN + 2, on_rt, 0);
	on(SIGUSR2, on_rt, 0);
	block(SIGRTMIN + 2, SIG_BLOCK);
	block(SIGUSR2, SIG_BLOCK);
	for (i = 1; i <= 3; i++) {
		v.sival_int = i * 11;
		CHECK(sigqueue(getpid(), SIGRTMIN + 2, v) == 0, "%s",
		      strerror(errno));
		raise(SIGUSR2);
	}
	sigpending(&p);
	CHECK(sigismember(&p, SIGRTMIN + 2) && sigismember(&p, SIGUSR2),
	      "not pending");
	rt_n = usr2_n = 0;
	block(SIGRTMIN + 2, SIG_UNBLOCK);
	block(SIGUSR2, SIG_UNBLOCK);
	CHECK(rt_n == 3, "%d real-time signals taken", rt_n);
	CHECK(rt_values[0] == 11 && rt_values[1] == 22 && rt_values[2] == 33,
	      "values %d %d %d", rt_values[0], rt_values[1], rt_values[2]);
	CHECK(usr2_n == 1, "SIGUSR2 sent 3 times, taken %d times", usr2_n);
	/* RLIMIT_SIGPENDING: 2 instances, the third is EAGAIN. */
	getrlimit(RLIMIT_SIGPENDING, &old);
	CHECK(old.rlim_cur >= 8, "RLIMIT_SIGPENDING %llu",
	      (unsigned long long)old.rlim_cur);
	lim.rlim_cur = 2;
	lim.rlim_max = old.rlim_max;
	CHECK(setrlimit(RLIMIT_SIGPENDING, &lim) == 0, "%s", strerror(errno));
	block(SIGRTMIN + 2, SIG_BLOCK);
	v.sival_int = 1;
	CHECK(sigqueue(getpid(), SIGRTMIN + 2, v) == 0, "%s", strerror(errno));
	CHECK(sigqueue(getpid(), SIGRTMIN + 2, v) == 0, "%s", strerror(errno));
	errno = 0;
	rc = sigqueue(getpid(), SIGRTMIN + 2, v);
	CHECK(rc == -1 && errno == EAGAIN, "third: %d errno %d", rc, errno);
	rt_n = 0;
	block(SIGRTMIN + 2, SIG_UNBLOCK);
	CHECK(rt_n == 2, "%d taken", rt_n);
	setrlimit(RLIMIT_SIGPENDING, &old);
	ok("rt-queue");
}

/* --- signalfd -------------------------------------------------------------- */

static void step_signalfd(void)
{
	struct signalfd_siginfo rec[4];
	struct itimerspec its = {{0, 0}, {0, 50000000}};
	struct pollfd pfd;
	struct sigevent ev;
	union sigval v;
	sigset_t m;
	timer_t t;
	int fd, fd2;
	ssize_t n;

	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigaddset(&m, SIGRTMIN + 6);
	pthread_sigmask(SIG_BLOCK, &m, NULL);
	fd = signalfd(-1, &m, SFD_NONBLOCK | SFD_CLOEXEC);
	CHECK(fd >= 0, "signalfd: %s", strerror(errno));
	errno = 0;
	CHECK(read(fd, rec, sizeof(rec)) == -1 && errno == EAGAIN,
	      "nothing pending: errno %d", errno);
	pfd.fd = fd;
	pfd.events = POLLIN;
	CHECK(poll(&pfd, 1, 0) == 0, "readable with nothing pending");
	v.sival_int = 5;
	sigqueue(getpid(), SIGRTMIN + 6, v);
	v.sival_int = 6;
	sigqueue(getpid(), SIGRTMIN + 6, v);
	raise(SIGUSR1);
	CHECK(poll(&pfd, 1, 1000) == 1 && (pfd.revents & POLLIN),
	      "not readable: revents %x", pfd.revents);
	n = read(fd, rec, sizeof(rec));
	CHECK(n == 3 * (ssize_t)sizeof(rec[0]), "read %zd", n);
	CHECK(rec[0].ssi_signo == SIGUSR1, "first: signal %u",
	      rec[0].ssi_signo);
	CHECK(rec[1].ssi_signo == (unsigned)SIGRTMIN + 6 &&
		  rec[1].ssi_code == SI_QUEUE && rec[1].ssi_int == 5 &&
		  rec[1].ssi_pid == (unsigned)getpid(),
	      "second: signal %u code %d int %d pid %u", rec[1].ssi_signo,
	      rec[1].ssi_code, rec[1].ssi_int, rec[1].ssi_pid);
	CHECK(rec[2].ssi_signo == (unsigned)SIGRTMIN + 6 && rec[2].ssi_int == 6,
	      "third: signal %u int %d", rec[2].ssi_signo, rec[2].ssi_int);
	errno = 0;
	CHECK(read(fd, rec, sizeof(rec)) == -1 && errno == EAGAIN,
	      "all taken: errno %d", errno);
	errno = 0;
	CHECK(read(fd, rec, 64) == -1 && errno == EINVAL,
	      "a short buffer: errno %d", errno);
	/* A blocking one, woken by a timer's signal. */
	fd2 = signalfd(-1, &m, 0);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGRTMIN + 6;
	ev.sigev_value.sival_int = 99;
	CHECK(timer_create(CLOCK_MONOTONIC, &ev, &t) == 0, "%s",
	      strerror(errno));
	timer_settime(t, 0, &its, NULL);
	n = read(fd2, rec, sizeof(rec));
	CHECK(n == (ssize_t)sizeof(rec[0]) && rec[0].ssi_code == SI_TIMER &&
		  rec[0].ssi_int == 99 &&
		  rec[0].ssi_tid == (unsigned)(intptr_t)t,
	      "timer: read %zd code %d int %d", n, rec[0].ssi_code,
	      rec[0].ssi_int);
	timer_delete(t);
	/* A new mask for it; a file of another kind is EINVAL. */
	sigdelset(&m, SIGUSR1);
	CHECK(signalfd(fd2, &m, 0) == fd2, "%s", strerror(errno));
	errno = 0;
	CHECK(signalfd(0, &m, 0) == -1 && errno == EINVAL, "errno %d", errno);
	close(fd);
	close(fd2);
	sigaddset(&m, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &m, NULL);
	ok("signalfd");
}

/* --- Blocking socket calls and signals ------------------------------------ */

static volatile int usr1_n;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	usr1_n++;
}

struct call {
	int fd;
	int op; /* 0 accept, 1 recv, 2 read */
	volatile long rc;
	volatile int err;
	volatile int done;
	char buf[16];
};

static void *blocked_call(void *arg)
{
	struct call *c = arg;
	long rc;

	if (c->op == 0)
		rc = accept(c->fd, NULL, NULL);
	else if (c->op == 1)
		rc = recv(c->fd, c->buf, sizeof(c->buf), 0);
	else
		rc = read(c->fd, c->buf, sizeof(c->buf));
	c->err = rc < 0 ? errno : 0;
	c->rc = rc;
	c->done = 1;
	return NULL;
}

/* Run call c in a thread, signal it after 100 ms; then, if then is
 * given, check the call is still waiting 100 ms later (restarted) and
 * run then to end it. */
static void interrupt(struct call *c, void (*then)(void *), void *arg)
{
	pthread_t th;

	c->done = 0;
	c->rc = -2;
	usr1_n = 0;
	pthread_create(&th, NULL, blocked_call, c);
	sleep_ms(100);
	CHECK(!c->done, "op %d did not wait", c->op);
	pthread_kill(th, SIGUSR1);
	if (then) {
		sleep_ms(100);
		CHECK(!c->done, "op %d not restarted: rc %ld errno %d", c->op,
		      c->rc, c->err);
		then(arg);
	}
	pthread_join(th, NULL);
	CHECK(usr1_n == 1, "the handler ran %d times", usr1_n);
}

static int listener(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons(port),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    listen(fd, 4) != 0) {
		printf("c-signal2: FAIL listener on %d: %s\n", port,
		       strerror(errno));
		exit(1);
	}
	return fd;
}

static int client_fd = -1;

static void connect_to(void *arg)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons(*(int *)arg),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};

	client_fd = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(connect(client_fd, (struct sockaddr *)&a, sizeof(a)) == 0,
	      "connect: %s", strerror(errno));
}

static void send_hi(void *arg)
{
	CHECK(send(*(int *)arg, "hi", 2, 0) == 2, "send: %s", strerror(errno));
}

static void step_accept(int ls, int *port, int *conn)
{
	struct call c = {.fd = ls, .op = 0};

	on(SIGUSR1, on_usr1, 0);
	interrupt(&c, NULL, NULL);
	CHECK(c.rc == -1 && c.err == EINTR, "accept: rc %ld errno %d", c.rc,
	      c.err);
	on(SIGUSR1, on_usr1, SA_RESTART);
	interrupt(&c, connect_to, port);
	CHECK(c.rc >= 0, "restarted accept: rc %ld errno %d", c.rc, c.err);
	*conn = (int)c.rc;
	ok("accept-eintr");
}

static void step_recv(int s, int peer)
{
	struct call c = {.fd = s, .op = 1};
	struct timeval tv = {2, 0};
	int64_t t0;
	long rc;
	char b[4];

	on(SIGUSR1, on_usr1, 0);
	interrupt(&c, NULL, NULL);
	CHECK(c.rc == -1 && c.err == EINTR, "recv: rc %ld errno %d", c.rc,
	      c.err);
	on(SIGUSR1, on_usr1, SA_RESTART);
	interrupt(&c, send_hi, &peer);
	CHECK(c.rc == 2 && memcmp(c.buf, "hi", 2) == 0,
	      "restarted recv: rc %ld errno %d", c.rc, c.err);
	/* read() on the socket likewise. */
	c.op = 2;
	interrupt(&c, send_hi, &peer);
	CHECK(c.rc == 2 && memcmp(c.buf, "hi", 2) == 0,
	      "restarted read: rc %ld errno %d", c.rc, c.err);
	/* With SO_RCVTIMEO, EINTR in spite of SA_RESTART, as Linux. */
	CHECK(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0,
	      "%s", strerror(errno));
	c.op = 1;
	interrupt(&c, NULL, NULL);
	CHECK(c.rc == -1 && c.err == EINTR,
	      "recv with a timeout: rc %ld "
	      "errno %d",
	      c.rc, c.err);
	/* And the timeout itself: EAGAIN. */
	tv.tv_sec = 0;
	tv.tv_usec = 100000;
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	t0 = now_ms();
	errno = 0;
	rc = recv(s, b, sizeof(b), 0);
	CHECK(rc == -1 && errno == EAGAIN && now_ms() - t0 >= 90,
	      "recv timeout: rc %ld errno %d after %lld ms", rc, errno,
	      (long long)(now_ms() - t0));
	ok("recv-eintr");
}

/* --- The server xl shutdown stops ----------------------------------------- */

static volatile int terms;

static void on_term(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	terms++;
}

int main(void)
{
	int port = 7002, ls, conn = -1, fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	step_itimer();
	step_alarm();
	step_timer_signal();
	step_timer_thread_id();
	step_timer_overrun();
	step_rt_queue();
	step_signalfd();
	ls = listener(port);
	step_accept(ls, &port, &conn);
	if (conn >= 0 && client_fd >= 0)
		step_recv(conn, client_fd);
	printf("c-signal2: %d failures\n", failures);
	on(SIGTERM, on_term, 0);
	printf("c-signal2: waiting in accept for SIGTERM\n");
	fflush(stdout);
	fd = accept(ls, NULL, NULL);
	printf("c-signal2: accept returned %d (%s) after %d SIGTERM\n", fd,
	       fd < 0 ? strerror(errno) : "a connection", (int)terms);
	if (fd < 0 && errno == EINTR && terms == 1 && !failures) {
		printf("c-signal2: exiting with 7\n");
		return 7;
	}
	return 1;
}
