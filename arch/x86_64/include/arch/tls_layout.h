/*
 * Where a thread's TLS block and thread control block go (x86-64 TLS
 * variant II). The linker gives every thread-local variable an offset
 * below the thread pointer: the TLS block is the linker's __tls_size
 * bytes (its template's size rounded up to the template's alignment) and
 * ends exactly at the thread pointer, where the TCB starts. The thread
 * pointer must therefore be aligned to the template's alignment; the TCB
 * wants 64 besides. Pure arithmetic, tested on the host.
 */
#ifndef ARCH_TLS_LAYOUT_H
#define ARCH_TLS_LAYOUT_H

#define ARCH_TCB_SIZE 128
#define ARCH_TCB_ALIGN 64

static inline unsigned long tls_layout_align(unsigned long align)
{
	return align > ARCH_TCB_ALIGN ? align : ARCH_TCB_ALIGN;
}

/* Bytes that hold a block of size bytes (a multiple of align, a power of
 * two) and the TCB, wherever the area lies: the worst-case alignment gap
 * included, rounded to 16 so the stack below stays aligned. */
static inline unsigned long tls_layout_area(unsigned long size,
					    unsigned long align)
{
	unsigned long n = size + ARCH_TCB_SIZE + tls_layout_align(align) - 1;

	return (n + 15) & ~15UL;
}

/* Place them in the area that ends at hi (one past its last byte):
 * returns the thread pointer (the TCB's address); the block starts at
 * the thread pointer minus size. */
static inline unsigned long tls_layout_place(unsigned long hi,
					     unsigned long align)
{
	return (hi - ARCH_TCB_SIZE) & ~(tls_layout_align(align) - 1);
}

#endif
