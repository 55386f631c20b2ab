/*
 * pingpong ROUNDS: the dom0 reference for Skiff's thread-switch benchmark.
 * Two pthreads hand a turn back and forth over one mutex and condition
 * variable; each hand-over is one thread switch. Prints
 * "BENCH dom0_thread_switch_ns N ns" (time per switch). Runs on the test
 * host's dom0 (a static binary built on the build machine).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	long turn; /* even: the main thread's move, odd: the partner's */
	long rounds;
} pp = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};

/* Wait until turn has the given parity, then pass it on. */
static void play(long parity)
{
	pthread_mutex_lock(&pp.lock);
	while (pp.turn < 2 * pp.rounds) {
		while ((pp.turn & 1) != parity && pp.turn < 2 * pp.rounds)
			pthread_cond_wait(&pp.cond, &pp.lock);
		if (pp.turn >= 2 * pp.rounds)
			break;
		pp.turn++;
		pthread_cond_signal(&pp.cond);
	}
	pthread_mutex_unlock(&pp.lock);
}

static void *partner(void *arg)
{
	(void)arg;
	play(1);
	return NULL;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	pthread_t t;
	double t0, el;

	pp.rounds = argc > 1 ? atol(argv[1]) : 0;
	if (pp.rounds <= 0) {
		fprintf(stderr, "usage: pingpong ROUNDS (a positive number)\n");
		return 2;
	}
	t0 = now_ns();
	if (pthread_create(&t, NULL, partner, NULL)) {
		perror("pingpong: pthread_create");
		return 1;
	}
	play(0);
	pthread_join(t, NULL);
	el = now_ns() - t0;
	if (pp.turn != 2 * pp.rounds) {
		fprintf(stderr, "pingpong: %ld moves, expected %ld\n", pp.turn,
			2 * pp.rounds);
		return 1;
	}
	printf("BENCH dom0_thread_switch_ns %.1f ns\n", el / (2.0 * pp.rounds));
	return 0;
}
