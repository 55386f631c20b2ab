/* Gives the usermode test's image thread-local variables, and a thread
 * that checks its own while the user threads run: started before main,
 * it sleeps 1 ms 50 times (each wake-up interrupts user code, an upcall
 * from user mode that switches threads) and must find its values
 * unchanged each time. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static _Thread_local long mine = 7;
static _Thread_local _Alignas(64) char zeroes[64];

static void *probe(void *arg)
{
	struct timespec ms = {0, 1000000};
	int i, bad = mine != 7 || zeroes[0] || zeroes[63];

	(void)arg;
	mine = (long)&mine;
	zeroes[5] = 1;
	for (i = 0; i < 50; i++) {
		nanosleep(&ms, NULL);
		bad += mine != (long)&mine || zeroes[5] != 1;
	}
	printf("tls probe: 50 sleeps, %s\n",
	       bad ? "FAILED" : "own values kept");
	return NULL;
}

__attribute__((constructor)) static void start_probe(void)
{
	pthread_t t;

	if (!pthread_create(&t, NULL, probe, NULL))
		pthread_detach(t);
}
