/*
 * The memory and string functions, built for the kernel side (general
 * registers only). They are exported with their standard names, so the C
 * library and apps use them too: an upcall may then call them without
 * touching SSE state.
 */
#include <kernel/string.h>

/*
 * Copies and fills move 8 bytes per step (rep movsq / stosq) and the
 * rest byte by byte. Byte steps alone (rep movsb) are fast only on CPUs
 * with "enhanced rep movsb" (ERMS); elsewhere, and under QEMU's binary
 * translation (the test host), each step costs the same whatever its
 * width: measured there, 294 MiB/s for movsb against 2740 MiB/s for
 * movsq over 64 KiB (docs/benchmarks.md). Linux makes the same choice on
 * such CPUs.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	size_t words = n >> 3, bytes = n & 7;

	__asm__ __volatile__("rep movsq\n\t"
			     "mov %3, %%rcx\n\t"
			     "rep movsb"
			     : "+D"(dst), "+S"(src), "+c"(words)
			     : "r"(bytes)
			     : "memory");
	return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	/* Overlapping with dst above src: copy backwards (rare; bytes). */
	d += n - 1;
	s += n - 1;
	__asm__ __volatile__("std; rep movsb; cld"
			     : "+D"(d), "+S"(s), "+c"(n)
			     :
			     : "memory");
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *ret = dst;
	size_t words = n >> 3, bytes = n & 7;
	unsigned long v = (unsigned char)c * 0x0101010101010101ul;

	__asm__ __volatile__("rep stosq\n\t"
			     "mov %2, %%rcx\n\t"
			     "rep stosb"
			     : "+D"(dst), "+c"(words)
			     : "r"(bytes), "a"(v)
			     : "memory");
	return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}
