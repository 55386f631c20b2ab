/* Event channels, proven from dom0 (tools/testhost/helpers/evtchn-peer):
 * 1. the guest allocates an unbound port for dom0 and publishes it; dom0
 *    binds it and sends 100 events, each answered by the guest;
 * 2. dom0 allocates a port for the guest; the guest binds to it
 *    (interdomain) and sends 10 events, each answered by dom0;
 * 3. the guest closes both ports; a notify on a closed port fails;
 * 4. a port closed while another thread waits on it ends that wait at
 *    once (-EINVAL), and its listener slot is reused afterwards only
 *    once the waiter has left (more ports than slots, each waited on).
 * Both sides count; the turns keep events from coalescing. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <skiff/evtchn.h>
#include <skiff/xenstore.h>

#define ROUNDS 100
#define BACK_ROUNDS 10
#define WAIT_MS 10000

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

/* Wait (at most 30 s) for dom0 to write path; returns its number. */
static int wait_number(const char *path)
{
	char buf[32];
	int i;

	for (i = 0; i < 300; i++) {
		if (xs_read(path, buf, sizeof(buf)) >= 0)
			return atoi(buf);
		sleep_ms(100);
	}
	printf("FAIL: dom0 never wrote %s\n", path);
	return -1;
}

/* Phase 1: dom0 binds our port and sends; we answer each event. */
static int answer(void)
{
	long n, got = 0, sent = 0;
	int port = evtchn_alloc_unbound(0);
	char v[16];

	printf("allocated port %d for dom0, listen %d\n", port,
	       port < 0 ? -1 : evtchn_listen((unsigned int)port));
	if (port < 0)
		return -1;
	snprintf(v, sizeof(v), "%d", port);
	xs_write("data/evtchn-port", v);
	while (got < ROUNDS &&
	       (n = evtchn_wait((unsigned int)port, WAIT_MS)) > 0) {
		got += n;
		sent += evtchn_notify((unsigned int)port) == 0;
	}
	printf("received %ld events, sent %ld replies\n", got, sent);
	return got == ROUNDS && sent == ROUNDS ? port : -1;
}

/* Phase 2: bind to dom0's port and send; dom0 answers each event. */
static int ask(void)
{
	int remote = wait_number("data/evtchn-dom0-port"), port, i;
	long got = 0, n;

	port = remote < 0 ? remote
			  : evtchn_bind_interdomain(0, (unsigned int)remote);
	printf("bound dom0's port %d as port %d, listen %d\n", remote, port,
	       port < 0 ? -1 : evtchn_listen((unsigned int)port));
	if (port < 0)
		return -1;
	/* Xen marks a freshly bound port pending once (see <skiff/evtchn.h>):
	 * take that event first so it does not count as dom0's answer. */
	printf("bind event: %ld\n", evtchn_wait((unsigned int)port, 0));
	for (i = 0; i < BACK_ROUNDS; i++) {
		if (evtchn_notify((unsigned int)port) ||
		    (n = evtchn_wait((unsigned int)port, WAIT_MS)) <= 0)
			break;
		got += n;
	}
	printf("interdomain: sent %d, received %ld\n", i, got);
	return i == BACK_ROUNDS && got == BACK_ROUNDS ? port : -1;
}

static void *waiter(void *arg)
{
	long *port = arg;

	*port = evtchn_wait((unsigned int)*port, WAIT_MS);
	return NULL;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 +
	       (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Step 4: close a port under a waiting thread, then use more ports than
 * there are listener slots, each waited on until its timeout. */
static int close_under_waiter(void)
{
	int port = evtchn_alloc_unbound(0), i, bad = 0;
	long res = port, r;
	struct timespec t0;
	pthread_t t;

	if (port < 0 || evtchn_listen((unsigned int)port) ||
	    pthread_create(&t, NULL, waiter, &res))
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	sleep_ms(200);
	evtchn_close((unsigned int)port);
	pthread_join(t, NULL);
	printf("close under a waiter: %ld in %ld ms\n", res, ms_since(&t0));
	for (i = 0; i < 12; i++) {
		port = evtchn_alloc_unbound(0);
		if (port < 0 || evtchn_listen((unsigned int)port)) {
			printf("FAIL: port %d listen\n", port);
			return 1;
		}
		r = evtchn_wait((unsigned int)port, 0);
		bad += r != -110; /* -ETIMEDOUT: Linux's numbers */
		evtchn_close((unsigned int)port);
	}
	printf("ports after the close: %d of 12 waited right\n", 12 - bad);
	return bad != 0;
}

int main(void)
{
	int p1 = answer(), p2 = p1 < 0 ? -1 : ask(), c1, c2;

	if (p1 < 0 || p2 < 0)
		return 1;
	c1 = evtchn_close((unsigned int)p1);
	c2 = evtchn_close((unsigned int)p2);
	printf("close: %d %d, notify after close: %d, wait after close: %ld\n",
	       c1, c2, evtchn_notify((unsigned int)p1),
	       evtchn_wait((unsigned int)p1, 0));
	if (close_under_waiter())
		c1 = 1;
	xs_write("data/evtchn-done", "1");
	return c1 || c2 ? 1 : 0;
}
