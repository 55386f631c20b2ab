/* pthreads behaviour: mutex types, timed lock and wait, keys and their
 * destructors, once, join/detach errors, per-thread errno, and finally
 * pthread_exit() in main while a detached thread still runs: the process
 * must end (exit code 0) only when that thread is done. Every check
 * prints "ok: ..." or "FAIL: ..."; main's exit code counts failures. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "FAIL", what);
	failures += !ok;
}

/* Run fn(arg) in a new thread and return its result. */
static intptr_t in_thread(void *(*fn)(void *), void *arg)
{
	pthread_t t;
	void *ret = (void *)-1;

	if (pthread_create(&t, NULL, fn, arg) || pthread_join(t, &ret))
		return -1;
	return (intptr_t)ret;
}

static void *try_lock(void *m)
{
	return (void *)(intptr_t)pthread_mutex_trylock(m);
}

static void *unlock(void *m)
{
	return (void *)(intptr_t)pthread_mutex_unlock(m);
}

static void recursive_mutex(void)
{
	pthread_mutexattr_t a;
	pthread_mutex_t m;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&m, &a);
	check(!pthread_mutex_lock(&m) && !pthread_mutex_lock(&m) &&
		  !pthread_mutex_trylock(&m),
	      "recursive: locked three times");
	check(in_thread(try_lock, &m) == EBUSY, "recursive: busy for others");
	check(!pthread_mutex_unlock(&m) && !pthread_mutex_unlock(&m),
	      "recursive: two unlocks");
	check(in_thread(try_lock, &m) == EBUSY, "recursive: still held once");
	check(!pthread_mutex_unlock(&m), "recursive: last unlock");
	check(pthread_mutex_unlock(&m) == EPERM,
	      "recursive: extra unlock EPERM");
	check(in_thread(try_lock, &m) == 0, "recursive: free for others");
}

static void errorcheck_mutex(void)
{
	pthread_mutexattr_t a;
	pthread_mutex_t m, s = PTHREAD_MUTEX_INITIALIZER;
	int type = -1;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutexattr_gettype(&a, &type);
	check(type == PTHREAD_MUTEX_ERRORCHECK, "errorcheck: attr type");
	pthread_mutex_init(&m, &a);
	check(!pthread_mutex_lock(&m), "errorcheck: lock");
	check(pthread_mutex_lock(&m) == EDEADLK, "errorcheck: relock EDEADLK");
	check(pthread_mutex_trylock(&m) == EBUSY, "errorcheck: trylock EBUSY");
	check(in_thread(unlock, &m) == EPERM,
	      "errorcheck: foreign unlock EPERM");
	check(pthread_mutex_destroy(&m) == EBUSY, "errorcheck: destroy EBUSY");
	check(!pthread_mutex_unlock(&m), "errorcheck: unlock");
	check(pthread_mutex_unlock(&m) == EPERM, "errorcheck: unlock twice");
	check(!pthread_mutex_lock(&s) && pthread_mutex_lock(&s) == EDEADLK &&
		  !pthread_mutex_unlock(&s),
	      "static initializer: default type reports a relock");
}

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* abstime 40 ms from now on clock. */
static struct timespec in_40ms(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	ts.tv_nsec += 40000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	return ts;
}

static void *timed_lock(void *m)
{
	struct timespec at = in_40ms(CLOCK_REALTIME);
	uint64_t t0 = mono_ms();
	int ret = pthread_mutex_timedlock(m, &at);

	return (void *)(intptr_t)(ret == ETIMEDOUT && mono_ms() - t0 >= 39);
}

static void timed_waits(void)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t c = PTHREAD_COND_INITIALIZER, mc;
	pthread_condattr_t a;
	clockid_t clock = 0;
	struct timespec at;
	uint64_t t0;

	pthread_mutex_lock(&m);
	check(in_thread(timed_lock, &m) == 1,
	      "timedlock: ETIMEDOUT after 40 ms");
	at = in_40ms(CLOCK_REALTIME);
	t0 = mono_ms();
	check(pthread_cond_timedwait(&c, &m, &at) == ETIMEDOUT &&
		  mono_ms() - t0 >= 39,
	      "cond timedwait (CLOCK_REALTIME): ETIMEDOUT after 40 ms");
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_condattr_getclock(&a, &clock);
	check(clock == CLOCK_MONOTONIC, "condattr: clock is CLOCK_MONOTONIC");
	pthread_cond_init(&mc, &a);
	at = in_40ms(CLOCK_MONOTONIC);
	t0 = mono_ms();
	check(pthread_cond_timedwait(&mc, &m, &at) == ETIMEDOUT &&
		  mono_ms() - t0 >= 39,
	      "cond timedwait (CLOCK_MONOTONIC): ETIMEDOUT after 40 ms");
	check(in_thread(try_lock, &m) == EBUSY,
	      "cond timedwait: mutex held again");
	check(!pthread_mutex_unlock(&m), "cond timedwait: unlock");
}

static pthread_key_t key;
static int destructed, destructed_sum, again;

static void destructor(void *v)
{
	destructed++;
	destructed_sum += *(int *)v;
	/* Thread 4 sets its value again once: a second pass must run. */
	if (*(int *)v == 4 && !again++) {
		pthread_setspecific(key, v);
		return;
	}
	free(v);
}

static void *keyed(void *arg)
{
	int *v = malloc(sizeof(*v));

	if (pthread_getspecific(key) != NULL)
		return (void *)1;
	*v = (int)(intptr_t)arg;
	pthread_setspecific(key, v);
	if (arg == 0) {
		pthread_setspecific(key, NULL); /* thread 0: no destructor */
		free(v);
		v = NULL;
	}
	return pthread_getspecific(key) == v ? NULL : (void *)1;
}

static void keys(void)
{
	pthread_key_t k2;
	int mine = 100, bad = 0;
	intptr_t i;

	check(!pthread_key_create(&key, destructor), "key create");
	pthread_setspecific(key, &mine);
	for (i = 0; i < 5; i++)
		bad += in_thread(keyed, (void *)i) != 0;
	check(!bad, "key values are per thread");
	/* threads 1..4 once each, thread 4 twice: 1+2+3+4+4 */
	check(destructed == 5 && destructed_sum == 14,
	      "key destructors ran at thread exit (and a second pass)");
	check(pthread_getspecific(key) == &mine, "main's value untouched");
	check(!pthread_key_create(&k2, NULL) && !pthread_key_delete(k2) &&
		  pthread_setspecific(k2, &mine) == EINVAL,
	      "deleted key rejects values");
	pthread_key_delete(key);
	check(!pthread_key_create(&k2, NULL) && pthread_getspecific(k2) == NULL,
	      "new key reads NULL");
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void once_init(void)
{
	usleep(10000); /* others arrive while this runs */
	once_runs++;
}

static void *call_once(void *arg)
{
	(void)arg;
	pthread_once(&once, once_init);
	return (void *)(intptr_t)once_runs;
}

static void once_and_joins(void)
{
	pthread_t t[3];
	void *r[3] = {0, 0, 0};
	int i;

	for (i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, call_once, NULL);
	for (i = 0; i < 3; i++)
		pthread_join(t[i], &r[i]);
	check(once_runs == 1 && r[0] == (void *)1 && r[1] == (void *)1 &&
		  r[2] == (void *)1,
	      "once: init ran once, every caller saw it done");
	check(pthread_join(pthread_self(), NULL) == EDEADLK,
	      "join self EDEADLK");
	pthread_create(&t[0], NULL, call_once, NULL);
	check(!pthread_detach(t[0]) && pthread_join(t[0], NULL) == EINVAL,
	      "join of a detached thread EINVAL");
	check(pthread_equal(pthread_self(), pthread_self()) &&
		  !pthread_equal(pthread_self(), t[1]),
	      "pthread_equal");
}

static void *set_errno(void *arg)
{
	(void)arg;
	errno = 42;
	pthread_exit((void *)(intptr_t)(errno == 42 ? 7 : 0));
}

static void *last_thread(void *arg)
{
	(void)arg;
	usleep(100000);
	printf("last thread done\n");
	return NULL;
}

int main(void)
{
	pthread_attr_t a;
	pthread_t t;

	recursive_mutex();
	errorcheck_mutex();
	timed_waits();
	keys();
	once_and_joins();
	errno = 0;
	check(in_thread(set_errno, NULL) == 7 && errno == 0,
	      "errno is per thread; pthread_exit value reaches join");
	printf("%d failures\n", failures);
	if (failures)
		return failures;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_create(&t, &a, last_thread, NULL);
	printf("main calls pthread_exit\n");
	pthread_exit(NULL);
}
