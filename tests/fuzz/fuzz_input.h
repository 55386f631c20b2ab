/*
 * Reading a fuzzer's input as a stream of small values: the harnesses
 * that play a backend or a store take their next operation and its
 * arguments from here. Past the end every read gives zeros, so any
 * input is a whole script.
 */
#ifndef TESTS_FUZZ_FUZZ_INPUT_H
#define TESTS_FUZZ_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fin {
	const uint8_t *p;
	size_t n;
};

static inline int fin_left(const struct fin *f)
{
	return f->n > 0;
}

/* Copy up to n bytes into out (zeros past the end); the count taken. */
static inline size_t fin_bytes(struct fin *f, void *out, size_t n)
{
	size_t take = n < f->n ? n : f->n;

	memcpy(out, f->p, take);
	memset((uint8_t *)out + take, 0, n - take);
	f->p += take;
	f->n -= take;
	return take;
}

static inline uint8_t fin_u8(struct fin *f)
{
	uint8_t v;

	fin_bytes(f, &v, 1);
	return v;
}

static inline uint16_t fin_u16(struct fin *f)
{
	uint16_t v;

	fin_bytes(f, &v, 2);
	return v;
}

static inline uint32_t fin_u32(struct fin *f)
{
	uint32_t v;

	fin_bytes(f, &v, 4);
	return v;
}

static inline uint64_t fin_u64(struct fin *f)
{
	uint64_t v;

	fin_bytes(f, &v, 8);
	return v;
}

/* A NUL-terminated string of the next up to max - 1 input bytes, ended
 * early by a NUL in the input (which is consumed). */
static inline void fin_str(struct fin *f, char *out, size_t max)
{
	size_t i = 0;

	while (i + 1 < max && f->n) {
		char c = (char)*f->p++;

		f->n--;
		if (!c)
			break;
		out[i++] = c;
	}
	out[i] = '\0';
}

/* An invariant of the code under test does not hold: abort, which
 * libFuzzer reports as a crash with this input. */
#define FUZZ_ASSERT(cond)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: FUZZ_ASSERT(%s) failed\n",     \
				__FILE__, __LINE__, #cond);                    \
			abort();                                               \
		}                                                              \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
