/*
 * Backing virtual regions (heap, thread stacks) with fresh frames.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <kernel/types.h>

/* Map npages newly allocated frames at va, writable and not executable.
 * Returns 0, or -ENOMEM with nothing of the range left mapped. */
int vm_map_fresh(unsigned long va, unsigned long npages);

/* Unmap npages at va and return their frames to the page allocator. */
void vm_unmap_free(unsigned long va, unsigned long npages);

#endif
