/*
 * Per-thread C library state. newlib is built with __DYNAMIC_REENT__, so
 * errno, strtok()'s position, rand()'s seed and the like live in the
 * struct _reent that __getreent() returns. Each kernel thread gets its
 * own the first time it asks, kept in thread->runtime_data and freed when
 * the thread exits. The boot context uses newlib's global one.
 *
 * stdin, stdout and stderr stay the process's, as POSIX has it: every
 * thread's struct points at the global streams, so all threads share one
 * stdout buffer (under the FILE's lock) and exit() flushes it.
 */
#include <kernel/init.h>
#include <kernel/sched.h>

#include <reent.h>
#include <stdlib.h>
#include <string.h> /* _REENT_INIT_PTR uses memset */

#include "pthread_priv.h"
#include "runtime_priv.h"

/* A thread's struct owns no stream, so there is nothing to clean up. */
static void reent_no_cleanup(struct _reent *r)
{
	(void)r;
}

/*
 * Point r at the global standard streams. newlib built with
 * --enable-newlib-global-stdio-streams does this itself; otherwise each
 * struct carries three streams of its own that nobody would flush at
 * exit. Marking r initialised keeps __sinit() from building them.
 */
static void share_std_streams(struct _reent *r)
{
#ifndef _REENT_GLOBAL_STDIO_STREAMS
	struct _reent *g = _GLOBAL_REENT;

	if (!g->__sdidinit)
		__sinit(g);
	r->_stdin = g->_stdin;
	r->_stdout = g->_stdout;
	r->_stderr = g->_stderr;
	r->__cleanup = reent_no_cleanup;
	r->__sdidinit = 1;
#else
	(void)r;
	(void)reent_no_cleanup;
#endif
}

/*
 * Allocate and initialise t's struct. While that runs, t uses the global
 * one: malloc() and __sinit() call __getreent() themselves (malloc even
 * sets errno through it), which must not recurse into here. Without
 * memory the thread keeps sharing the global state rather than failing.
 */
static struct _reent *reent_create(struct thread *t)
{
	struct _reent *r;

	t->runtime_data = _GLOBAL_REENT;
	r = _malloc_r(_GLOBAL_REENT, sizeof(*r));
	if (!r)
		return _GLOBAL_REENT;
	_REENT_INIT_PTR(r);
	share_std_streams(r);
	t->runtime_data = r;
	return r;
}

struct _reent *__getreent(void)
{
	struct thread *t = thread_current();

	if (!t || runtime_is_boot_thread(t))
		return _GLOBAL_REENT;
	if (t->runtime_data)
		return t->runtime_data;
	return reent_create(t);
}

/*
 * Called by thread_exit() in the exiting thread: first its pthread
 * record (key destructors may still use the C library), then what the
 * linked subsystems keep per thread (THREAD_EXITCALL), then free what
 * newlib hung off its struct, then the struct. Anything the thread still
 * runs after this uses the global state.
 */
void runtime_thread_exit(struct thread *t)
{
	struct _reent *r;

	pthread_thread_exit(t);
	thread_exitcall_run(t);
	r = t->runtime_data;
	if (!r || r == _GLOBAL_REENT)
		return;
	_reclaim_reent(r);
	t->runtime_data = _GLOBAL_REENT;
	_free_r(_GLOBAL_REENT, r);
}
