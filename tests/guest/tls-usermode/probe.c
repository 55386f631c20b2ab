/* Gives the usermode test's image thread-local variables, so that every
 * thread, user threads included, has a TCB of its own, and checks them
 * from two sides: a thread started before main sleeps 1 ms up to 10 times
 * (each wake-up may interrupt user code: an upcall from user mode that
 * switches threads) and checks its variables after each; at exit (in user
 * thread A's system call) a destructor checks that thread's own initial
 * values and reports both. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static _Thread_local long mine = 7;
static _Thread_local _Alignas(64) char zeroes[64];
static int wakeups, bad;

static void *probe(void *arg)
{
	struct timespec ms = {0, 1000000};
	int i;

	(void)arg;
	bad += mine != 7 || zeroes[0] || zeroes[63];
	mine = (long)&mine;
	zeroes[5] = 1;
	for (i = 0; i < 10; i++) {
		nanosleep(&ms, NULL);
		bad += mine != (long)&mine || zeroes[5] != 1;
		wakeups++;
	}
	return NULL;
}

__attribute__((constructor)) static void start_probe(void)
{
	pthread_t t;

	if (!pthread_create(&t, NULL, probe, NULL))
		pthread_detach(t);
}

__attribute__((destructor)) static void report(void)
{
	int exiting_ok = mine == 7 && !zeroes[5] && (long)zeroes % 64 == 0;

	printf("tls probe: %d wake-ups, %s; exiting thread %s\n", wakeups,
	       bad ? "FAILED" : "own values kept",
	       exiting_ok ? "sees its own initial values" : "FAILED");
}
