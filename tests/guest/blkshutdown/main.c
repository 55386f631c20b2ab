/*
 * blkshutdown: `xl shutdown` while block writes are in flight loses
 * nothing. Eight threads write xvda's 1 MiB chunks to xvdb, round and
 * round, pass P putting xvda's chunk (N + P) mod chunks into xvdb's slot
 * N, each printing "chunk N pass P" before the write, so that every pass
 * changes every slot. dom0 asks for a shutdown in the middle; exit drains
 * the queue and flushes xvdb before the domain goes, and dom0 then checks
 * each slot against the chunk of the last pass the guest started. Eight
 * writes of 24 ring requests each are more than the ring's 32: at exit,
 * parts of them still wait in blkfront's queue, not yet on the ring.
 */
#include <pthread.h>
#include <skiff/blkdev.h>
#include <stdio.h>
#include <stdlib.h>

#define THREADS 8
#define CHUNK_SECTORS 2048u /* 1 MiB: 24 ring requests each */

static int src, dst;
static unsigned long long chunks;

static void *copier(void *arg)
{
	unsigned long long n = (unsigned long long)(long)arg, pass = 0, from;
	void *buf = malloc(CHUNK_SECTORS * 512);
	int rc;

	for (;; n += THREADS) {
		if (n >= chunks) {
			n -= chunks;
			pass++;
		}
		from = (n + pass) % chunks;
		if ((rc = skiff_blkdev_read(src, from * CHUNK_SECTORS, buf,
					    CHUNK_SECTORS)) < 0) {
			printf("blkshutdown: read chunk %llu: %d\n", from, rc);
			return NULL;
		}
		printf("blkshutdown: chunk %llu pass %llu\n", n, pass);
		if ((rc = skiff_blkdev_write(dst, n * CHUNK_SECTORS, buf,
					     CHUNK_SECTORS)) < 0) {
			printf("blkshutdown: write chunk %llu: %d\n", n, rc);
			return NULL;
		}
	}
}

int main(void)
{
	struct skiff_blkdev_info ia, ib;
	pthread_t t[THREADS];
	long i;

	if ((src = skiff_blkdev_open("xvda", 15000, &ia)) < 0 ||
	    (dst = skiff_blkdev_open("xvdb", 15000, &ib)) < 0) {
		printf("blkshutdown: no disks\n");
		return 1;
	}
	chunks = ia.sectors / CHUNK_SECTORS;
	printf("blkshutdown: writing %llu chunks\n", chunks);
	for (i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, copier, (void *)i);
	for (i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	printf("blkshutdown: copiers stopped\n");
	return 1;
}
