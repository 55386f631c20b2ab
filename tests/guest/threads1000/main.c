/* 1000 threads alive at once (each yields before it works), all joined.
 * Each returns a value computed from its index and adds one to a counter
 * under a mutex; the sum goes to the console and to xenstore
 * (data/result), where dom0.sh reads it. The guest then waits for dom0's
 * data/ack so that the domain outlives the read. */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <skiff/xenstore.h>

#define N 1000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned int counter;

static void *work(void *arg)
{
	uintptr_t i = (uintptr_t)arg;

	sched_yield(); /* let every other thread get created first */
	pthread_mutex_lock(&lock);
	counter++;
	pthread_mutex_unlock(&lock);
	return (void *)(i * i % 10007 + i);
}

/* Wait up to 20 s for dom0 to acknowledge data/result. */
static int wait_ack(void)
{
	char buf[16];
	int i;

	for (i = 0; i < 2000; i++) {
		if (xs_read("data/ack", buf, sizeof(buf)) >= 0)
			return 0;
		usleep(10000);
	}
	return -1;
}

int main(void)
{
	static pthread_t t[N];
	pthread_attr_t attr;
	unsigned long long sum = 0;
	unsigned int created = 0, joined = 0;
	char text[32];
	uintptr_t i;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 16384);
	for (i = 0; i < N; i++)
		if (pthread_create(&t[i], &attr, work, (void *)i) == 0)
			created++;
	for (i = 0; i < created; i++) {
		void *ret;

		if (pthread_join(t[i], &ret) == 0) {
			joined++;
			sum += (uintptr_t)ret;
		}
	}
	printf("created %u, joined %u, counter %u, sum %llu\n", created, joined,
	       counter, sum);
	snprintf(text, sizeof(text), "%llu", sum);
	if (xs_write("data/result", text) < 0) {
		printf("FAIL: xs_write data/result\n");
		return 1;
	}
	if (wait_ack() < 0) {
		printf("FAIL: no data/ack from dom0\n");
		return 1;
	}
	printf("dom0 acknowledged\n");
	return created == N && joined == N && counter == N ? 0 : 1;
}
