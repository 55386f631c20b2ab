/*
 * c-signal: the Linux signal interface as a C program uses it, through
 * musl. Each step prints one "c-signal: NAME ok" line (or a FAIL line and
 * exit code 1); the last step writes to a pipe without a reader with
 * SIGPIPE's default action, which ends the program with exit code 141.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

static int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("c-signal: FAIL line %d: %s: ", __LINE__,       \
			       #cond);                                         \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
			failures++;                                            \
		}                                                              \
	} while (0)

static void ok(const char *step)
{
	printf("c-signal: %s ok\n", step);
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
		printf("c-signal: FAIL sigaction(%d): %s\n", sig,
		       strerror(errno));
		exit(1);
	}
}

static pid_t gettid_(void)
{
	return (pid_t)syscall(SYS_gettid);
}

/* --- SIGSEGV with siglongjmp ---------------------------------------------- */

static sigjmp_buf jump;
static volatile int got_sig, got_code;
static void *volatile got_addr;

static void catch_jump(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = si->si_addr;
	siglongjmp(jump, 1);
}

static void step_segv(void)
{
	volatile int *bad = (int *)16;

	on(SIGSEGV, catch_jump, 0);
	got_sig = 0;
	if (!sigsetjmp(jump, 1)) {
		*bad = 1;
		CHECK(0, "the write to address 16 did not fault");
	}
	CHECK(got_sig == SIGSEGV, "signal %d", got_sig);
	CHECK(got_code == SEGV_MAPERR, "si_code %d", got_code);
	CHECK(got_addr == (void *)16, "si_addr %p", got_addr);
	/* The mask was restored by siglongjmp: a second fault is caught. */
	got_sig = 0;
	if (!sigsetjmp(jump, 1))
		*bad = 2;
	CHECK(got_sig == SIGSEGV, "second fault: signal %d", got_sig);
	ok("segv");
}

/* --- SIGFPE --------------------------------------------------------------- */

static void step_fpe(void)
{
	volatile int zero = 0, x = 7;

	on(SIGFPE, catch_jump, 0);
	got_sig = 0;
	if (!sigsetjmp(jump, 1))
		x = x / zero;
	CHECK(got_sig == SIGFPE, "signal %d", got_sig);
	CHECK(got_code == FPE_INTDIV, "si_code %d", got_code);
	ok("fpe");
}

/* --- SIGILL, resumed by editing the context ------------------------------- */

static void skip_ud2(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	got_sig = sig;
	got_code = si->si_code;
	uc->uc_mcontext.gregs[REG_RIP] += 2; /* ud2 is two bytes */
	uc->uc_mcontext.gregs[REG_RBX] = 0x5eed;
}

static void step_ill(void)
{
	long rbx = 0;

	on(SIGILL, skip_ud2, 0);
	got_sig = 0;
	__asm__ volatile("xor %%ebx, %%ebx\n\tud2" : "=b"(rbx));
	CHECK(got_sig == SIGILL, "signal %d", got_sig);
	CHECK(got_code == ILL_ILLOPN, "si_code %d", got_code);
	CHECK(rbx == 0x5eed, "rbx %lx: the edited context was not restored",
	      rbx);
	ok("ill-context");
}

/* --- raise, the handler's mask, SA_RESETHAND, SA_NODEFER ------------------ */

static volatile int depth, max_depth, usr1_count;

static void count_usr1(int sig, siginfo_t *si, void *uc)
{
	sigset_t now;

	(void)si;
	(void)uc;
	usr1_count++;
	sigprocmask(SIG_BLOCK, NULL, &now);
	if (!sigismember(&now, sig))
		got_code = -1; /* the signal was not blocked in its handler */
}

static void nested(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	(void)uc;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (depth < 3)
		raise(sig); /* SA_NODEFER: delivered inside */
	depth--;
}

static void step_raise(void)
{
	struct sigaction old;

	got_code = 0;
	usr1_count = 0;
	on(SIGUSR1, count_usr1, SA_RESETHAND);
	raise(SIGUSR1);
	CHECK(usr1_count == 1, "handler ran %d times", usr1_count);
	CHECK(got_code == 0, "SIGUSR1 not blocked in its own handler");
	sigaction(SIGUSR1, NULL, &old);
	CHECK(old.sa_handler == SIG_DFL, "SA_RESETHAND kept the handler");
	on(SIGUSR2, nested, SA_NODEFER);
	raise(SIGUSR2);
	CHECK(max_depth == 3, "nested depth %d", max_depth);
	ok("raise");
}

/* --- sigaltstack ---------------------------------------------------------- */

static char altstack[64 * 1024];
static volatile uintptr_t handler_sp;
static volatile int reported_onstack;

static void on_alt(int sig, siginfo_t *si, void *uc)
{
	stack_t now;
	int local;

	(void)sig;
	(void)si;
	(void)uc;
	handler_sp = (uintptr_t)&local;
	if (sigaltstack(NULL, &now) == 0)
		reported_onstack = now.ss_flags & SS_ONSTACK;
}

static void step_altstack(void)
{
	stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
	stack_t small = {.ss_sp = altstack, .ss_size = 100};

	CHECK(sigaltstack(&small, NULL) == -1 && errno == ENOMEM,
	      "a 100-byte stack was accepted");
	CHECK(sigaltstack(&ss, NULL) == 0, "%s", strerror(errno));
	on(SIGUSR1, on_alt, SA_ONSTACK);
	raise(SIGUSR1);
	CHECK(handler_sp > (uintptr_t)altstack &&
		  handler_sp < (uintptr_t)altstack + sizeof(altstack),
	      "handler ran at %lx, not on the alternate stack",
	      (unsigned long)handler_sp);
	CHECK(reported_onstack, "sigaltstack did not report SS_ONSTACK");
	ok("altstack");
}

/* --- pthread_kill, blocking, pending, sigtimedwait, sigsuspend ------------ */

static volatile pid_t handled_in;

static void note_tid(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	handled_in = gettid_();
	got_code = si->si_code;
}

static volatile pid_t worker_tid;
static volatile int worker_go;
static int wake_pipe[2];

static void *worker(void *arg)
{
	char c;

	(void)arg;
	worker_tid = gettid_();
	/* Blocks in read until the main thread writes. */
	if (read(wake_pipe[0], &c, 1) != 1)
		printf("c-signal: worker read: %s\n", strerror(errno));
	return NULL;
}

static void step_threads(void)
{
	pthread_t t;
	sigset_t set, pend;
	siginfo_t si;
	struct timespec ts = {.tv_sec = 0, .tv_nsec = 200000000};

	on(SIGUSR2, note_tid, SA_RESTART);
	pipe(wake_pipe);
	pthread_create(&t, NULL, worker, NULL);
	while (!worker_tid)
		sched_yield();
	usleep(20000); /* the worker is in read() now */
	handled_in = 0;
	pthread_kill(t, SIGUSR2);
	usleep(20000);
	CHECK(handled_in == worker_tid, "handled in %d, worker is %d",
	      (int)handled_in, (int)worker_tid);
	CHECK(got_code == SI_TKILL, "si_code %d", got_code);
	/* SA_RESTART: the worker's read() went on; now it gets its byte. */
	write(wake_pipe[1], "x", 1);
	pthread_join(t, NULL);
	ok("pthread_kill");

	/* Blocked: pending, not delivered; sigpending sees it. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	handled_in = 0;
	kill(getpid(), SIGUSR2);
	CHECK(handled_in == 0, "a blocked signal was delivered");
	sigpending(&pend);
	CHECK(sigismember(&pend, SIGUSR2), "SIGUSR2 not pending");
	/* sigtimedwait takes it without the handler. */
	CHECK(sigtimedwait(&set, &si, &ts) == SIGUSR2, "%s", strerror(errno));
	CHECK(si.si_code == SI_USER && si.si_pid == getpid(),
	      "si_code %d si_pid %d", si.si_code, (int)si.si_pid);
	CHECK(handled_in == 0, "the handler ran too");
	/* Nothing pending: sigtimedwait times out. */
	CHECK(sigtimedwait(&set, &si, &ts) == -1 && errno == EAGAIN,
	      "no timeout: %s", strerror(errno));
	/* Pending, then unblocked: delivered at once. */
	kill(getpid(), SIGUSR2);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	CHECK(handled_in == gettid_(), "not delivered on unblocking");
	ok("mask-pending-sigtimedwait");
}

/* --- EINTR ---------------------------------------------------------------- */

static void nothing(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
}

static volatile int intr_rc, intr_errno;

static void *reader(void *arg)
{
	char c;

	(void)arg;
	worker_tid = gettid_();
	intr_rc = (int)read(wake_pipe[0], &c, 1);
	intr_errno = errno;
	return NULL;
}

static void *sleeper(void *arg)
{
	struct timespec req = {.tv_sec = 30}, rem = {0};

	(void)arg;
	worker_tid = gettid_();
	intr_rc = nanosleep(&req, &rem);
	intr_errno = errno;
	got_code = (int)rem.tv_sec; /* the time left */
	return NULL;
}

static void step_eintr(void)
{
	pthread_t t;
	sigset_t old, mask;

	on(SIGUSR1, nothing, 0); /* no SA_RESTART */
	worker_tid = 0;
	pthread_create(&t, NULL, reader, NULL);
	while (!worker_tid)
		sched_yield();
	usleep(20000);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	CHECK(intr_rc == -1 && intr_errno == EINTR, "read: %d, %s", intr_rc,
	      strerror(intr_errno));

	worker_tid = 0;
	pthread_create(&t, NULL, sleeper, NULL);
	while (!worker_tid)
		sched_yield();
	usleep(20000);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	CHECK(intr_rc == -1 && intr_errno == EINTR, "nanosleep: %d, %s",
	      intr_rc, strerror(intr_errno));
	CHECK(got_code >= 28 && got_code <= 30, "nanosleep left %d s",
	      got_code);

	/* sigsuspend: wait with SIGUSR1 unblocked, get EINTR after the
	 * handler, with the old mask back. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigprocmask(SIG_BLOCK, &mask, &old);
	kill(getpid(), SIGUSR1); /* pending while blocked */
	sigemptyset(&mask);
	CHECK(sigsuspend(&mask) == -1 && errno == EINTR, "sigsuspend: %s",
	      strerror(errno));
	sigprocmask(SIG_BLOCK, NULL, &mask);
	CHECK(sigismember(&mask, SIGUSR1), "sigsuspend did not restore");
	sigprocmask(SIG_SETMASK, &old, NULL);
	ok("eintr");
}

/* --- SIGPIPE -------------------------------------------------------------- */

static volatile int pipes;

static void count_pipe(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	pipes++;
}

static void step_sigpipe(void)
{
	int p[2];

	pipe(p);
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	CHECK(write(p[1], "x", 1) == -1 && errno == EPIPE,
	      "ignored: write gave %s", strerror(errno));
	on(SIGPIPE, count_pipe, 0);
	CHECK(write(p[1], "x", 1) == -1 && errno == EPIPE, "handled: %s",
	      strerror(errno));
	CHECK(pipes == 1, "SIGPIPE handler ran %d times", pipes);
	ok("sigpipe");
	printf("c-signal: %d failures; now SIGPIPE's default action\n",
	       failures);
	fflush(stdout);
	if (failures)
		exit(1);
	signal(SIGPIPE, SIG_DFL);
	write(p[1], "x", 1);
	printf("c-signal: FAIL survived SIGPIPE\n");
	exit(1);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	step_segv();
	step_fpe();
	step_ill();
	step_raise();
	step_altstack();
	step_threads();
	step_eintr();
	step_sigpipe();
	return 1;
}
