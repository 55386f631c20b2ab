/* Scheduler and xenstore micro-benchmarks, printed as
 * "BENCH name value unit" lines for tools/bench.sh:
 *   thread_switch_ns   one switch between two threads that sched_yield()
 *                      to each other (a round trip is two switches)
 *   create_join_ns     pthread_create + pthread_join of an empty thread
 *   xs_read_us         one xenstore read round trip (the domain's name)
 *   memcpy_mibs        memcpy() of 64 KiB between two buffers, in MiB/s
 *                      (every copy of network data goes through it)
 * It waits for dom0 to finish its own reference run (data/go) first, so
 * the two never compete for the emulated CPU. */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <skiff/xenstore.h>

#define SWITCH_ROUNDS 200000
#define CREATE_ROUNDS 5000
#define XS_ROUNDS 2000
#define COPY_ROUNDS 2000
#define COPY_SIZE 65536

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

static void bench_memcpy(void)
{
	static char a[COPY_SIZE], b[COPY_SIZE];
	double t0;
	int i;

	memset(a, 1, sizeof(a));
	t0 = now_ns();
	for (i = 0; i < COPY_ROUNDS; i++) {
		a[i % COPY_SIZE] = (char)i; /* not the same copy each time */
		memcpy(i & 1 ? a : b, i & 1 ? b : a, COPY_SIZE);
	}
	printf("BENCH memcpy_mibs %.1f MiB/s\n",
	       COPY_ROUNDS * (double)COPY_SIZE / (1 << 20) /
		   ((now_ns() - t0) / 1e9));
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
	bench_memcpy();
	return 0;
}
