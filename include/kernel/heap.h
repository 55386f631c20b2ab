/*
 * The heap behind malloc: one region that grows and shrinks page by page,
 * backed by frames from the page allocator.
 */
#ifndef KERNEL_HEAP_H
#define KERNEL_HEAP_H

#include <kernel/types.h>

void heap_init(void);

/* Move the break by incr bytes (may be negative). Returns the old break,
 * or NULL when memory (or the region) is exhausted: nothing changes then. */
void *heap_sbrk(long incr);

/* Bytes between the heap's start and its break. */
unsigned long heap_size(void);

#endif
