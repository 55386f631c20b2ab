/*
 * newlib's process system calls for a unikernel: there is one process
 * (pid 1), it cannot fork or exec, and it ends through the kernel's exit
 * path. A fatal signal sent to ourselves (abort() raises SIGABRT) is a
 * crash with a report, as the process would die of it on Linux.
 */
#include <kernel/init.h>
#include <kernel/shutdown.h>
#include <kernel/time.h>

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime_priv.h"

#define RUNTIME_PID 1

/* How long exit waits for TCP connections to deliver their data. */
#define EXIT_NET_DRAIN_NS (2ull * 1000000000ull)

/* newlib's exit() has run the atexit handlers and flushed stdio; TCP
 * gets a bounded time to deliver what the program wrote last, then the
 * kernel prints the code, publishes it in xenstore and powers off. */
void _exit(int code)
{
	exitcall_run(EXIT_THREADS, time_monotonic_ns() + EXIT_NET_DRAIN_NS);
	kernel_exit(code);
}

pid_t getpid(void)
{
	return RUNTIME_PID;
}

/* Signals whose default action is to do nothing. */
static int ignored_by_default(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
	       sig == SIGCONT;
}

/* Signals whose default action stops the process: not possible here. */
static int stops_by_default(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

/*
 * Only our own process exists (pid 1, or 0 and -1 which include it). No
 * handlers run here: newlib's raise() calls a handler itself and comes
 * here only for SIG_DFL, so the default action is what happens.
 */
int kill(pid_t pid, int sig)
{
	if (pid != RUNTIME_PID && pid != 0 && pid != -1)
		return runtime_set_errno(ESRCH);
	if (sig < 0 || sig >= NSIG)
		return runtime_set_errno(EINVAL);
	if (sig == 0 || ignored_by_default(sig))
		return 0;
	if (stops_by_default(sig))
		return runtime_set_errno(ENOSYS);
	runtime_fatal_signal(sig);
}

pid_t fork(void)
{
	return runtime_set_errno(ENOSYS);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	(void)path;
	(void)argv;
	(void)envp;
	return runtime_set_errno(ENOSYS);
}

/* No process ever has a child here. */
pid_t wait(int *status)
{
	(void)status;
	return runtime_set_errno(ECHILD);
}
