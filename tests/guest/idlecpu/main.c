/* An idle guest uses no CPU: the guest sleeps 10 s while dom0 reads its
 * CPU time from `xl list` before and after (dom0.sh). The guest also
 * checks that the sleep lasted at least 10 s of wall-clock time. */
#include <stdio.h>
#include <sys/time.h>
#include <unistd.h>
#include <skiff/xenstore.h>

static long long now_ms(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
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
