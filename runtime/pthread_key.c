/*
 * Thread-specific data (pthread_key_*) and pthread_once(). Keys are slots
 * of one process-wide table; each thread has its own array of values,
 * allocated on its first pthread_setspecific(). A slot's generation goes
 * up whenever the key is created or deleted, and a value counts only
 * while its recorded generation matches: a new key reads as NULL in every
 * thread without visiting them.
 */
#include <kernel/sched.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "pthread_priv.h"

struct key_slot {
	bool used;
	unsigned int gen;
	void (*destructor)(void *);
};

static struct {
	struct key_slot slot[PTHREAD_KEYS_MAX];
	struct wait_queue once_waiters; /* threads waiting for a once */
} keys = {.once_waiters = {LIST_HEAD_INIT(keys.once_waiters.waiters)}};

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	unsigned int k;

	for (k = 0; k < PTHREAD_KEYS_MAX; k++) {
		if (!keys.slot[k].used) {
			keys.slot[k].used = true;
			keys.slot[k].gen++;
			keys.slot[k].destructor = destructor;
			*key = k;
			return 0;
		}
	}
	return EAGAIN;
}

/* No destructor runs (POSIX): the values just stop counting. */
int pthread_key_delete(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX || !keys.slot[key].used)
		return EINVAL;
	keys.slot[key].used = false;
	keys.slot[key].gen++;
	keys.slot[key].destructor = NULL;
	return 0;
}

/* The value slot of key in p, if the key exists and p set a value. */
static struct pthread_key_value *value_of(struct __skiff_pthread *p,
					  pthread_key_t key)
{
	struct pthread_key_value *v;

	if (key >= PTHREAD_KEYS_MAX || !keys.slot[key].used || !p->keys)
		return NULL;
	v = &p->keys[key];
	return v->gen == keys.slot[key].gen ? v : NULL;
}

void *pthread_getspecific(pthread_key_t key)
{
	struct pthread_key_value *v = value_of(pthread_record(), key);

	return v ? v->value : NULL;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	struct __skiff_pthread *p = pthread_record();

	if (key >= PTHREAD_KEYS_MAX || !keys.slot[key].used)
		return EINVAL;
	if (!p->keys) {
		p->keys = calloc(PTHREAD_KEYS_MAX, sizeof(*p->keys));
		if (!p->keys)
			return ENOMEM;
	}
	p->keys[key].gen = keys.slot[key].gen;
	p->keys[key].value = (void *)value;
	return 0;
}

/* One pass over the keys: call the destructor of every non-NULL value
 * (cleared first, as POSIX says). Returns how many ran. */
static unsigned int destructor_pass(struct __skiff_pthread *p)
{
	unsigned int k, ran = 0;

	for (k = 0; k < PTHREAD_KEYS_MAX; k++) {
		struct pthread_key_value *v = value_of(p, k);
		void *value;

		if (!v || !v->value || !keys.slot[k].destructor)
			continue;
		value = v->value;
		v->value = NULL;
		keys.slot[k].destructor(value);
		ran++;
	}
	return ran;
}

/* Destructors may set values again: up to PTHREAD_DESTRUCTOR_ITERATIONS
 * passes, then the rest is dropped. */
void pthread_keys_exit(struct __skiff_pthread *p)
{
	unsigned int i;

	if (!p->keys)
		return;
	for (i = 0; i < PTHREAD_DESTRUCTOR_ITERATIONS; i++) {
		if (!destructor_pass(p))
			break;
	}
	free(p->keys);
	p->keys = NULL;
}

/*
 * The first caller runs init; callers that come while it runs (it may
 * block) wait for it to finish. Nothing can cancel init, so a once that
 * started always completes.
 */
int pthread_once(pthread_once_t *once, void (*init)(void))
{
	enum { NOT_RUN, RUNNING, DONE };

	while (once->__state == RUNNING)
		wq_wait(&keys.once_waiters);
	if (once->__state == DONE)
		return 0;
	once->__state = RUNNING;
	init();
	once->__state = DONE;
	wq_wake_all(&keys.once_waiters);
	return 0;
}
