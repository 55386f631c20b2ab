/*
 * pthreads over the kernel's cooperative threads: create, join, detach,
 * exit, self, equal, yield, and the cancellation state (cancellation
 * itself is not provided). A pthread_t points at a struct __skiff_pthread
 * (pthread_priv.h) that outlives its kernel thread until it is joined or,
 * if detached, until it exits.
 *
 * The process lives while any counted thread does: main and every thread
 * pthread_create() made. main returning (or exit()) ends everything;
 * pthread_exit() in main ends only main, and the last counted thread to
 * exit calls exit(0), as POSIX has it.
 */
#include <kernel/printk.h>
#include <kernel/sched.h>

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include "pthread_priv.h"
#include "runtime_priv.h"

static struct {
	struct __skiff_pthread main; /* main's record, adopted at start */
	struct __skiff_pthread boot; /* the boot context's, should it ask */
	unsigned int live;	     /* counted threads not yet exited */
} pt;

/* A record for a thread that pthread_create() did not make. */
static struct __skiff_pthread *adopt(struct thread *t)
{
	struct __skiff_pthread *p;

	if (runtime_is_boot_thread(t))
		p = &pt.boot;
	else if (!(p = calloc(1, sizeof(*p))))
		panic("pthreads: no memory for thread '%s''s record", t->name);
	p->kt = t;
	p->detached = true; /* nobody can join it */
	p->adopted = true;
	t->runtime_thread = p;
	return p;
}

void pthread_adopt_main(void)
{
	struct thread *t = thread_current();

	pt.main.kt = t;
	pt.main.detached = true;
	pt.main.adopted = true;
	pt.main.counted = true;
	pt.live++;
	t->runtime_thread = &pt.main;
}

struct __skiff_pthread *pthread_record(void)
{
	struct thread *t = thread_current();

	return t->runtime_thread ? t->runtime_thread : adopt(t);
}

pthread_t pthread_self(void)
{
	return pthread_record();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

/* First code of a thread made by pthread_create(). */
static void trampoline(void *arg)
{
	struct __skiff_pthread *p = arg;

	thread_current()->runtime_thread = p;
	pthread_exit(p->start(p->arg));
}

int pthread_create(pthread_t *out, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg)
{
	size_t stack = PTHREAD_STACK_DEFAULT;
	struct __skiff_pthread *p;

	if (attr && attr->__stacksize)
		stack = attr->__stacksize;
	p = calloc(1, sizeof(*p));
	if (!p)
		return EAGAIN;
	p->start = start;
	p->arg = arg;
	p->detached = attr && attr->__detachstate == PTHREAD_CREATE_DETACHED;
	p->counted = true;
	/* The new thread runs only once this one blocks or yields, so *out
	 * and p are complete before it looks at them. */
	p->kt = thread_create("pthread", trampoline, p, stack);
	if (!p->kt) {
		free(p);
		return EAGAIN;
	}
	if (p->detached)
		thread_detach(p->kt);
	pt.live++;
	*out = p;
	return 0;
}

int pthread_join(pthread_t p, void **retval)
{
	if (p == pthread_record())
		return EDEADLK;
	if (p->detached || p->joining)
		return EINVAL;
	p->joining = true;
	if (thread_join(p->kt) < 0)
		return EINVAL; /* cannot happen: it is neither detached nor us */
	if (retval)
		*retval = p->retval;
	free(p);
	return 0;
}

int pthread_detach(pthread_t p)
{
	if (p->detached || p->joining)
		return EINVAL;
	p->detached = true;
	/* An exited thread was waiting for this: free it now. */
	thread_detach(p->kt);
	if (p->exited)
		free(p);
	return 0;
}

/*
 * Key destructors run first, while the thread still has its C library
 * state. A detached thread's record goes now; a joinable one keeps it for
 * pthread_join(). The kernel thread then exits (runtime_thread_exit()
 * frees the newlib state).
 */
void pthread_exit(void *retval)
{
	struct __skiff_pthread *p = pthread_record();
	struct thread *t = p->kt;

	p->retval = retval;
	pthread_keys_exit(p);
	p->exited = true;
	if (p->counted && --pt.live == 0)
		exit(0);
	if (p->detached && !p->adopted) {
		t->runtime_thread = NULL;
		free(p);
	}
	thread_exit();
}

void pthread_thread_exit(struct thread *t)
{
	struct __skiff_pthread *p = t->runtime_thread;

	if (!p)
		return;
	if (!p->exited)
		pthread_keys_exit(p);
	t->runtime_thread = NULL;
	if (p->adopted && p != &pt.main && p != &pt.boot)
		free(p);
}

int sched_yield(void)
{
	thread_yield();
	return 0;
}

void pthread_yield(void)
{
	thread_yield();
}

/* No thread is ever cancelled; the state is kept so that newlib's stdio,
 * which disables cancellation around its critical sections, gets back
 * what it set. */
int pthread_setcancelstate(int state, int *oldstate)
{
	struct __skiff_pthread *p = pthread_record();

	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	if (oldstate)
		*oldstate = p->cancel_state;
	p->cancel_state = state;
	return 0;
}

int pthread_setcanceltype(int type, int *oldtype)
{
	struct __skiff_pthread *p = pthread_record();

	if (type != PTHREAD_CANCEL_DEFERRED &&
	    type != PTHREAD_CANCEL_ASYNCHRONOUS)
		return EINVAL;
	if (oldtype)
		*oldtype = p->cancel_type;
	p->cancel_type = type;
	return 0;
}

void pthread_testcancel(void)
{
}
