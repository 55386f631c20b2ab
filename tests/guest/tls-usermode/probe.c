/* Gives the usermode test's image thread-local variables, and a thread
 * that checks its own while the user threads run: started before main,
 * it yields 200 times and must find its values unchanged each time. */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static _Thread_local long mine = 7;
static _Thread_local _Alignas(64) char zeroes[64];

static void *probe(void *arg)
{
	int i, bad = mine != 7 || zeroes[0] || zeroes[63];

	(void)arg;
	mine = (long)&mine;
	zeroes[5] = 1;
	for (i = 0; i < 200; i++) {
		sched_yield();
		bad += mine != (long)&mine || zeroes[5] != 1;
	}
	printf("tls probe: 200 yields, %s\n",
	       bad ? "FAILED" : "own values kept");
	return NULL;
}

__attribute__((constructor)) static void start_probe(void)
{
	pthread_t t;

	if (!pthread_create(&t, NULL, probe, NULL))
		pthread_detach(t);
}
