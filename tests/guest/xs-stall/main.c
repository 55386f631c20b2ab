/* xs-stall: a request that times out half-written must not misframe the
 * ones after it. The guest says it is ready; dom0 answers "go" and stops
 * xenstored; the guest writes a value of 1500 bytes (under the store's
 * 2048-byte quota), more than the 1 KiB request ring holds, so the
 * request times out after 5 s with part of it in the ring. dom0 lets
 * xenstored go on 8 s after "go". The requests after it must work: the
 * kernel finished writing the stalled one as room came. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <skiff/xenstore.h>

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

int main(void)
{
	static char big[1501];
	char back[64] = "";
	int rc, w, r, i;

	memset(big, 'b', sizeof(big) - 1);
	if (xs_write("data/xs-stall-ready", "1"))
		return 1;
	for (i = 0;
	     i < 300 && xs_read("data/xs-stall-go", back, sizeof(back)) < 0;
	     i++)
		sleep_ms(100);
	sleep_ms(1000); /* dom0 stops the store meanwhile */
	rc = xs_write("data/xs-stall-big", big);
	printf("xs-stall: stalled write: %d\n", rc);
	sleep_ms(4000); /* the store runs again 8 s after "go" */
	w = xs_write("data/xs-stall-after", "fine");
	r = xs_read("data/xs-stall-after", back, sizeof(back));
	printf("xs-stall: after: write %d, read %d '%s'\n", w, r, back);
	return w || r < 0 || strcmp(back, "fine") ? 1 : 0;
}
