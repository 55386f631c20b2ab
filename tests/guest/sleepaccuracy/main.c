/* 50 ms sleeps with nanosleep, usleep and clock_nanosleep (absolute, on
 * CLOCK_MONOTONIC), each measured with CLOCK_MONOTONIC in microseconds.
 * A first, unmeasured second of sleep lets dom0 finish starting the
 * domain: on the emulated test host its toolstack can hold the only CPU
 * for most of a second right after "xl create". */
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static void report(const char *what, uint64_t start)
{
	printf("%s 50 ms took %llu us\n", what,
	       (unsigned long long)(now_us() - start));
}

int main(void)
{
	struct timespec req = {0, 50000000}, at;
	uint64_t t;

	sleep(1);
	t = now_us();
	nanosleep(&req, NULL);
	report("nanosleep", t);
	t = now_us();
	usleep(50000);
	report("usleep", t);
	t = now_us();
	clock_gettime(CLOCK_MONOTONIC, &at);
	at.tv_nsec += 50000000;
	if (at.tv_nsec >= 1000000000) {
		at.tv_sec++;
		at.tv_nsec -= 1000000000;
	}
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL);
	report("clock_nanosleep", t);
	return 0;
}
