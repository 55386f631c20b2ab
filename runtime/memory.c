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
