/* An idle guest uses no CPU: the guest sleeps 10 s while dom0 reads its
 * CPU time from `xl list` before and after (dom0.sh). The guest also
 * checks that the sleep lasted at least 10 s on the monotonic clock
 * (the one sleeps are measured on: the wall clock follows Xen's, which
 * may be adjusted meanwhile). */
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <skiff/xenstore.h>

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(void)
{
	long long start;
	int rc;

	rc = xs_write("data/sleeping", "1");
	if (rc < 0) {
		printf("FAIL: xs_write data/sleeping: %d\n", rc);
		return 1;
	}
	printf("sleeping 10 s\n");
	start = now_ms();
	sleep(10);
	printf("woke after %lld ms\n", now_ms() - start);
	return 0;
}
