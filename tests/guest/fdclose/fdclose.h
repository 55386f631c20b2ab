/*
 * Guest test fdclose: what main.c and rounds.c share.
 */
#ifndef FDCLOSE_H
#define FDCLOSE_H

#include <stdio.h>

extern int failures;

#define EXPECT(cond)                                                           \
	do {                                                                   \
		if (!(cond)) {                                                 \
			failures++;                                            \
			printf("fdclose: FAIL %s:%d: %s\n", __FILE__,          \
			       __LINE__, #cond);                               \
		}                                                              \
	} while (0)

/* The loopback port the rounds' connections go through. */
#define PAIR_PORT 9000

/* Open the listener the rounds' connection pairs come from. */
void rounds_init(void);

/* One round: each kind of blocked call has its fd closed under it by
 * this thread, then its peer acts; every call must return as Linux's
 * would. Returns the failures of the round. */
int round_run(int n);

/* Run each kind of blocked call times times and print what the heap
 * kept of it (a leak shows where it is). */
void rounds_heap_by_kind(long (*heap)(void), int times);

/* Disk reads that were still under way when their fd was closed. */
int rounds_disk_in_flight(void);

#endif
