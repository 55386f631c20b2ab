/*
 * storm: user code busy in every way an event can interrupt it, for
 * ARGV[1] seconds. Each thread keeps a thread-local record (its own
 * address, its id, a running sum) and checks it every round: an upcall
 * that came back with another FS base, or that clobbered registers,
 * shows as a mismatch or a crash.
 *  - spin: pure arithmetic, no system call;
 *  - calls: getppid, clock_gettime (vDSO), a pipe round trip, sched_yield;
 *  - input: blocking reads of stdin (console input), counted.
 * Prints each thread's counts and "storm: ok" when every check held.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct rec {
	void *self;
	unsigned long id, sum, rounds;
};

static __thread struct rec tls;
static volatile int stop;
static unsigned long bad, input_bytes;

static void tls_init(unsigned long id)
{
	tls.self = &tls;
	tls.id = id;
	tls.sum = 0;
}

/* The record still ours, and the sum what the rounds give. */
static void tls_check(const char *who, unsigned long expect_sum)
{
	if (tls.self != &tls || tls.sum != expect_sum) {
		if (__atomic_fetch_add(&bad, 1, __ATOMIC_RELAXED) < 10)
			printf("storm: %s: thread-local state wrong (self %p, "
			       "sum %lu, want %lu)\n",
			       who, tls.self, tls.sum, expect_sum);
	}
}

static void *spin(void *arg)
{
	unsigned long want = 0, x = 1;

	tls_init((unsigned long)arg);
	while (!stop) {
		for (int i = 0; i < 100000; i++)
			x = x * 6364136223846793005ul + 1442695040888963407ul;
		tls.sum += x & 0xff;
		want += x & 0xff;
		tls.rounds++;
		tls_check("spin", want);
	}
	printf("storm: spin %lu rounds\n", tls.rounds);
	return NULL;
}

static void *calls(void *arg)
{
	unsigned long want = 0;
	struct timespec ts;
	int p[2];
	char c = 'x';

	tls_init((unsigned long)arg);
	if (pipe(p))
		return NULL;
	while (!stop) {
		tls.sum += (unsigned long)getppid() & 1;
		want += (unsigned long)getppid() & 1;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		if (write(p[1], &c, 1) != 1 || read(p[0], &c, 1) != 1)
			printf("storm: pipe round trip failed\n");
		sched_yield();
		tls.rounds++;
		tls_check("calls", want);
	}
	printf("storm: calls %lu rounds\n", tls.rounds);
	return NULL;
}

static void *input(void *arg)
{
	char buf[256];
	ssize_t n;

	tls_init((unsigned long)arg);
	while ((n = read(0, buf, sizeof(buf))) > 0) {
		__atomic_fetch_add(&input_bytes, (unsigned long)n,
				   __ATOMIC_RELAXED);
		tls_check("input", 0);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int secs = argc > 1 ? atoi(argv[1]) : 20;
	pthread_t t[4];

	setvbuf(stdout, NULL, _IOLBF, 0);
	tls_init(0);
	pthread_create(&t[0], NULL, spin, (void *)1);
	pthread_create(&t[1], NULL, spin, (void *)2);
	pthread_create(&t[2], NULL, calls, (void *)3);
	pthread_create(&t[3], NULL, input, (void *)4);
	printf("storm: running %d s\n", secs);
	sleep((unsigned int)secs);
	stop = 1;
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	pthread_join(t[2], NULL);
	tls_check("main", 0);
	printf("storm: %lu bytes of console input\n", input_bytes);
	printf("storm: %s\n", bad ? "FAILED" : "ok");
	return bad ? 1 : 0; /* the input thread is still in read() */
}
