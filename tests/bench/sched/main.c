/* Scheduler and xenstore micro-benchmarks, printed as
 * "BENCH name value unit" lines for tools/bench.sh:
 *   thread_switch_ns   one switch between two threads that sched_yield()
 *                      to each other (a round trip is two switches)
 *   create_join_ns     pthread_create + pthread_join of an empty thread
 *   xs_read_us         one xenstore read round trip (the domain's name)
 * It waits for dom0 to finish its own reference run (data/go) first, so
 * the two never compete for the emulated CPU. */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <skiff/xenstore.h>

#define SWITCH_ROUNDS 200000
#define CREATE_ROUNDS 5000
#define XS_ROUNDS 2000

static volatile int stop;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void *yielder(void *arg)
{
	(void)arg;
	while (!stop)
		sched_yield();
	return NULL;
}

static void *empty(void *arg)
{
	return arg;
}

static void bench_switch(void)
{
	pthread_t t;
	double t0;
	int i;

	pthread_create(&t, NULL, yielder, NULL);
	sched_yield(); /* let it start */
	t0 = now_ns();
	for (i = 0; i < SWITCH_ROUNDS; i++)
		sched_yield();
	/* Each of our yields is two switches: to the yielder and back. */
	printf("BENCH thread_switch_ns %.1f ns\n",
	       (now_ns() - t0) / (2.0 * SWITCH_ROUNDS));
	stop = 1;
	pthread_join(t, NULL);
}

static void bench_create_join(void)
{
	pthread_t t;
	double t0 = now_ns();
	int i;

	for (i = 0; i < CREATE_ROUNDS; i++) {
		if (pthread_create(&t, NULL, empty, NULL)) {
			printf("FAIL: pthread_create failed at %d\n", i);
			return;
		}
		pthread_join(t, NULL);
	}
	printf("BENCH create_join_ns %.1f ns\n",
	       (now_ns() - t0) / CREATE_ROUNDS);
}

static void bench_xs_read(void)
{
	char name[64];
	double t0 = now_ns();
	int i;

	for (i = 0; i < XS_ROUNDS; i++)
		if (xs_read("name", name, sizeof(name)) < 0) {
			printf("FAIL: xs_read failed at %d\n", i);
			return;
		}
	printf("BENCH xs_read_us %.1f us\n", (now_ns() - t0) / XS_ROUNDS / 1e3);
}

int main(void)
{
	char go[8];
	int i;

	xs_write("data/ready", "1");
	for (i = 0; i < 600 && xs_read("data/go", go, sizeof(go)) < 0; i++)
		usleep(100 * 1000);
	bench_switch();
	bench_create_join();
	bench_xs_read();
	return 0;
}
