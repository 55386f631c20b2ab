/* Unbounded recursion in a thread other than main: reported as a stack
 * overflow of that thread, domain crashed. */
#include <pthread.h>
#include <stdio.h>

__attribute__((noinline)) static int recurse(int depth)
{
	volatile char frame[256];

	frame[0] = (char)depth;
	return recurse(depth + 1) + frame[0];
}

static void *deep(void *arg)
{
	(void)arg;
	printf("recursing\n");
	return (void *)(long)recurse(0);
}

int main(void)
{
	pthread_t t;

	pthread_create(&t, NULL, deep, NULL);
	pthread_join(t, NULL);
	printf("survived\n");
	return 0;
}
