/*
 * Thread attributes: what pthread_create() honours (detach state, stack
 * size) and what it only stores (guard size: every stack has its fixed
 * guard region; scheduling parameters: one cooperative policy for all).
 * Stacks live in the kernel's stack area, so a caller-supplied stack
 * (pthread_attr_setstack) is not supported.
 */
#include <kernel/sched.h>

#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "pthread_priv.h"

_Static_assert(PTHREAD_STACK_MIN >= STACK_CHECK_MARGIN + 4096,
	       "PTHREAD_STACK_MIN below the kernel's minimum stack");

int pthread_attr_init(pthread_attr_t *attr)
{
	memset(attr, 0, sizeof(*attr));
	attr->__initialized = 1;
	attr->__detachstate = PTHREAD_CREATE_JOINABLE;
	attr->__guardsize = 4096;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	attr->__initialized = 0;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE &&
	    state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->__detachstate = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->__detachstate;
	return 0;
}

/* Between PTHREAD_STACK_MIN and the kernel's largest stack (960 KiB). */
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN || size > THREAD_STACK_MAX)
		return EINVAL;
	attr->__stacksize = size;
	return 0;
}

/* 0 in an attribute nobody set: the default, 64 KiB. */
int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->__stacksize ? attr->__stacksize : PTHREAD_STACK_DEFAULT;
	return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size)
{
	attr->__guardsize = size;
	return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->__guardsize;
	return 0;
}

int pthread_attr_setschedparam(pthread_attr_t *attr,
			       const struct sched_param *param)
{
	attr->__schedparam = *param;
	return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t *attr,
			       struct sched_param *param)
{
	*param = attr->__schedparam;
	return 0;
}
