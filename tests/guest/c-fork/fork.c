/*
 * c-fork: processes on Skiff. Each step prints "c-fork: STEP ok" or a
 * FAIL line; dom0's check reads them. The program ends with exit code
 * 0 after the last step.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("c-fork: FAIL %s:%d: ", __func__, __LINE__);    \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
			failures++;                                            \
		}                                                              \
	} while (0)

static void ok(const char *step)
{
	printf("c-fork: %s ok\n", step);
	fflush(stdout);
}

static int global = 1;
static char big[256 * 1024];

/* The child sees the parent's memory as it was, and its writes stay its
 * own; exit codes reach wait4. */
static void step_copy(void)
{
	int status = -1;
	pid_t pid, parent = getpid();

	global = 42;
	memset(big, 'p', sizeof(big));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int good = global == 42 && big[sizeof(big) - 1] == 'p' &&
			   getppid() == parent && getpid() != parent;

		global = 7;
		memset(big, 'c', sizeof(big));
		_exit(good ? 33 : 1);
	}
	CHECK(pid > 0, "fork: %s", strerror(errno));
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 33,
	      "child status %#x", status);
	CHECK(global == 42 && big[0] == 'p', "the child's writes leaked: %d %c",
	      global, big[0]);
	CHECK(waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD,
	      "no child left: ECHILD");
	ok("copy");
}

/* A pipe between parent and child: fds are inherited. */
static void step_pipe(void)
{
	int fd[2], status;
	char buf[64] = {0};
	pid_t pid;

	CHECK(pipe(fd) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		close(fd[0]);
		dprintf(fd[1], "hello from %d", (int)getpid());
		_exit(0);
	}
	close(fd[1]);
	ssize_t n = read(fd[0], buf, sizeof(buf) - 1);
	char want[64];

	snprintf(want, sizeof(want), "hello from %d", (int)pid);
	CHECK(n > 0 && strcmp(buf, want) == 0, "read '%s', want '%s'", buf,
	      want);
	/* The child's end closed at its exit: EOF. */
	CHECK(read(fd[0], buf, sizeof(buf)) == 0, "EOF after the child");
	close(fd[0]);
	CHECK(wait(&status) == pid && WIFEXITED(status), "wait");
	ok("pipe");
}

/* A child's working directory is its own; the files it writes are the
 * parent's to read. */
static void step_cwd(void)
{
	char buf[64] = {0};
	int status, fd;
	pid_t pid = fork();

	if (pid == 0) {
		int good = chdir("/tmp") == 0;

		fd = open("child.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
		good = good && fd >= 0 && write(fd, "from the child", 14) == 14;
		close(fd);
		_exit(good ? 0 : 1);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 0,
	      "child status %#x", status);
	CHECK(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/"),
	      "the parent's cwd moved: %s", buf);
	fd = open("/tmp/child.txt", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == 14 &&
		  !memcmp(buf, "from the child", 14),
	      "the child's file");
	close(fd);
	ok("cwd");
}

static volatile sig_atomic_t chld_count, chld_pid;

static void on_chld(int s, siginfo_t *si, void *ctx)
{
	(void)s;
	(void)ctx;
	chld_count++;
	chld_pid = si->si_pid;
}

/* A child killed by a signal: WIFSIGNALED; SIGCHLD with the child's pid;
 * waitid's siginfo. */
static void step_signals(void)
{
	struct sigaction sa = {0};
	siginfo_t si;
	int status;
	pid_t pid;

	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	CHECK(kill(pid, SIGTERM) == 0, "kill: %s", strerror(errno));
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "status %#x",
	      status);
	CHECK(chld_count == 1 && chld_pid == pid, "SIGCHLD %d from %d",
	      (int)chld_count, (int)chld_pid);
	pid = fork();
	if (pid == 0)
		_exit(5);
	memset(&si, 0, sizeof(si));
	CHECK(waitid(P_PID, pid, &si, WEXITED) == 0, "waitid: %s",
	      strerror(errno));
	CHECK(si.si_pid == pid && si.si_code == CLD_EXITED && si.si_status == 5,
	      "waitid info pid %d code %d status %d", si.si_pid, si.si_code,
	      si.si_status);
	CHECK(kill(pid, 0) == -1 && errno == ESRCH, "reaped: ESRCH");
	/* A child's unhandled fault kills the child alone, as on Linux
	 * (a fault of pid 1 ends the domain). */
	pid = fork();
	if (pid == 0) {
		*(volatile int *)16 = 1;
		_exit(1);
	}
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "faulting child's status %#x", status);
	signal(SIGCHLD, SIG_DFL);
	ok("signals");
}

/* vfork: the parent waits until the child is gone. */
static void step_vfork(void)
{
	volatile int mark = 0;
	int status;
	pid_t pid = vfork();

	if (pid == 0) {
		mark = 1; /* the same memory: the parent sees it */
		_exit(9);
	}
	CHECK(pid > 0 && mark == 1, "vfork: pid %d mark %d", (int)pid, mark);
	CHECK(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 9,
	      "vfork child status %#x", status);
	ok("vfork");
}

static volatile int spin_stop;

/* Touches fresh memory all the time: a second thread of the parent that
 * runs while a vfork child execs. */
static void *spinner(void *arg)
{
	(void)arg;
	while (!spin_stop) {
		char *p = malloc(64 * 1024);

		if (p)
			memset(p, 1, 64 * 1024);
		free(p);
		sched_yield();
	}
	return NULL;
}

/* execve of the program itself, after vfork and after fork, while
 * another thread of the parent runs. */
static void step_exec(void)
{
	char *argv[] = {"c-fork", "exec-child", NULL};
	char *envp[] = {"CFORK=1", NULL};
	pthread_t th;
	int status, round;
	pid_t pid;

	pthread_create(&th, NULL, spinner, NULL);
	for (round = 0; round < 6; round++) {
		pid = round % 2 ? fork() : vfork();
		if (pid == 0) {
			execve("/proc/self/exe", argv, envp);
			_exit(127);
		}
		CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
			  WIFEXITED(status) && WEXITSTATUS(status) == 11,
		      "exec round %d: status %#x", round, status);
	}
	spin_stop = 1;
	pthread_join(th, NULL);
	ok("exec");
}

/* With SIGCHLD ignored, children are not kept for wait. Then 300 forks
 * one after another: the memory comes back. */
static void step_many(void)
{
	struct sysinfo before, after;
	int i, status;

	signal(SIGCHLD, SIG_IGN);
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	CHECK(waitpid(pid, &status, 0) == -1 && errno == ECHILD,
	      "ignored SIGCHLD: no zombie");
	signal(SIGCHLD, SIG_DFL);
	/* Two rounds: the first may leave the C library's and the
	 * kernel's heaps bigger; the second must cost nothing more. */
	long lost[2];
	int round;

	for (round = 0; round < 2; round++) {
		sysinfo(&before);
		for (i = 0; i < 300; i++) {
			pid = fork();
			if (pid == 0) {
				big[i] = 1; /* a page of its own */
				_exit(i & 0x7f);
			}
			if (pid < 0 || waitpid(pid, &status, 0) != pid ||
			    WEXITSTATUS(status) != (i & 0x7f)) {
				CHECK(0, "fork %d: pid %d status %#x", i,
				      (int)pid, status);
				break;
			}
		}
		sysinfo(&after);
		lost[round] = (long)before.freeram - (long)after.freeram;
		printf("c-fork: 300 forks, free memory %lu -> %lu bytes\n",
		       before.freeram, after.freeram);
	}
	CHECK(lost[1] < 64 * 1024, "300 more forks lost %ld bytes", lost[1]);
	ok("many");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec-child")) {
		const char *e = getenv("CFORK");

		return e && !strcmp(e, "1") ? 11 : 1;
	}
	printf("c-fork: pid %d ppid %d\n", (int)getpid(), (int)getppid());
	step_copy();
	step_pipe();
	step_cwd();
	step_signals();
	step_vfork();
	step_exec();
	step_many();
	printf("c-fork: %d failures\n", failures);
	return failures ? 1 : 0;
}
