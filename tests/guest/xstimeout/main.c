/* A store that does not answer: dom0 stops xenstored for 8 s. A request
 * then fails with -ETIMEDOUT after about 5 s instead of hanging; once the
 * store is back, its late reply to that request is logged and dropped as
 * unknown, and requests work again. */
#include <skiff/xenstore.h>
#include <stdio.h>
#include <sys/time.h>
#include <unistd.h>

static long now_ms(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return tv.tv_sec * 1000L + tv.tv_usec / 1000;
}

int main(void)
{
	char v[8];
	long t0;
	int rc, i;

	xs_write("data/ready", "1");
	for (i = 0; i < 200 && xs_read("data/stopping", v, sizeof(v)) < 0; i++)
		usleep(100 * 1000);
	sleep(1); /* dom0 stops the store half a second after "stopping" */
	t0 = now_ms();
	rc = xs_read("data/ready", v, sizeof(v));
	printf("while stopped: %d after %ld s\n", rc,
	       (now_ms() - t0 + 500) / 1000);
	for (i = 0; i < 5 && (rc = xs_read("data/ready", v, sizeof(v))) < 0;
	     i++)
		;
	printf("after resume: %d\n", rc);
	return 0;
}
