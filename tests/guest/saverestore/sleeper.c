/*
 * saverestore's additions to examples/httpd: a thread that sleeps 100 ms
 * again and again, timing each sleep on CLOCK_MONOTONIC and on the wall
 * clock. The sleep during which the domain was saved and restored shows
 * as seconds of wall time; on the monotonic clock it must still be
 * about 100 ms, and it must return once. A resume hook says what kind of
 * resume it saw.
 */
#include <pthread.h>
#include <skiff/shutdown.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static uint64_t ms(clockid_t id)
{
	struct timespec t;

	clock_gettime(id, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

static void *sleeper(void *arg)
{
	struct timespec pause = {0, 100 * 1000 * 1000};

	(void)arg;
	for (;;) {
		uint64_t m0 = ms(CLOCK_MONOTONIC), w0 = ms(CLOCK_REALTIME);
		uint64_t m, w;

		nanosleep(&pause, NULL);
		m = ms(CLOCK_MONOTONIC) - m0;
		w = ms(CLOCK_REALTIME) - w0;
		if (w > 1000)
			printf(
			    "sleeper: a 100 ms sleep took %llu ms monotonic, "
			    "%llu ms wall\n",
			    (unsigned long long)m, (unsigned long long)w);
	}
	return NULL;
}

static void resumed(int how, void *arg)
{
	(void)arg;
	printf("resume hook: %s\n",
	       how == SKIFF_RESUME_RESTORED ? "restored" : "in place");
}

__attribute__((constructor)) static void start_sleeper(void)
{
	pthread_t t;

	skiff_on_resume(resumed, NULL);
	if (pthread_create(&t, NULL, sleeper, NULL) == 0)
		pthread_detach(t);
}
