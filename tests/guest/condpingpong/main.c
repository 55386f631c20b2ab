/* Two threads take turns 100000 times each over one mutex and one
 * condition variable; each counts its own turns, and the turns must
 * alternate (checked by the shared sequence number). */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define ROUNDS 100000

static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	unsigned int turn; /* whose turn: 0 or 1 */
	unsigned long seq; /* turns taken so far */
	unsigned long count[2];
	unsigned long out_of_order;
} pp = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, {0, 0}, 0};

static void *player(void *arg)
{
	unsigned int me = (unsigned int)(uintptr_t)arg;
	int i;

	pthread_mutex_lock(&pp.lock);
	for (i = 0; i < ROUNDS; i++) {
		while (pp.turn != me)
			pthread_cond_wait(&pp.cond, &pp.lock);
		if (pp.seq % 2 != me)
			pp.out_of_order++;
		pp.seq++;
		pp.count[me]++;
		pp.turn = !me;
		pthread_cond_signal(&pp.cond);
	}
	pthread_mutex_unlock(&pp.lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	if (pthread_create(&a, NULL, player, (void *)0) ||
	    pthread_create(&b, NULL, player, (void *)1)) {
		printf("FAIL: pthread_create\n");
		return 1;
	}
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("ping %lu pong %lu total %lu out of order %lu\n", pp.count[0],
	       pp.count[1], pp.seq, pp.out_of_order);
	return 0;
}
