/*
 * Memory figures for apps: the domain's memory and what is still free in
 * the page allocator (the heap grows from there).
 */
#ifndef SKIFF_MEMORY_H
#define SKIFF_MEMORY_H

#include <stddef.h>

/* Bytes of guest memory the domain holds: xl's memory= at boot, then
 * what ballooning (xl mem-set) left it. */
size_t skiff_memory_total(void);
/* Bytes of it not in use by the kernel, stacks or the heap. */
size_t skiff_memory_free(void);
/* Bytes of heap currently in use (malloc's sbrk break). */
size_t skiff_heap_size(void);

#endif
