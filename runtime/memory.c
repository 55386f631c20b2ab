/*
 * Memory for newlib's malloc: sbrk() over the kernel heap, whose break
 * grows page by page. Running out is an ordinary failure (malloc returns
 * NULL), never a crash. Also posix_memalign(), which newlib's
 * aligned_alloc() needs but newlib does not provide.
 */
#include <kernel/heap.h>

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <unistd.h>

#include "runtime_priv.h"

/* Heap growth and shrinking cost a page-table update (a hypercall) and
 * fresh zeroed pages each time. With newlib's defaults (trim when 128 KiB
 * at the top are free, grow by just what is asked) a network send buffer
 * that fills and drains made malloc move the break every few KiB: 31,457
 * page-table updates for 192 MiB sent (docs/benchmarks.md). So malloc
 * grows by 256 KiB extra and gives memory back only once 1 MiB at the
 * top is free. */
#define MALLOC_TOP_PAD (256 * 1024)
#define MALLOC_TRIM_THRESHOLD (1024 * 1024)

void runtime_memory_init(void)
{
	mallopt(M_TOP_PAD, MALLOC_TOP_PAD);
	mallopt(M_TRIM_THRESHOLD, MALLOC_TRIM_THRESHOLD);
}

void *sbrk(ptrdiff_t incr)
{
	void *old = heap_sbrk(incr);

	if (!old) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return old;
}

/* Returns 0, EINVAL for an alignment that is not a power of two and a
 * multiple of sizeof(void *), or ENOMEM; errno is not the result here. */
int posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	p = memalign(align, size);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}
