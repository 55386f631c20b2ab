/* malloc of 80% of the domain's memory succeeds and all of it can be
 * touched; an impossible malloc returns NULL instead of crashing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <skiff/memory.h>

int main(void)
{
	size_t total = skiff_memory_total();
	size_t want = total / 10 * 8;
	unsigned char *p = malloc(want);
	uint64_t sum = 0;
	size_t i, pages = 0;

	printf("domain memory %zu MiB, asking for %zu MiB\n", total >> 20,
	       want >> 20);
	if (!p) {
		printf("FAIL: malloc of 80%% returned NULL\n");
		return 1;
	}
	for (i = 0; i < want; i += 4096)
		p[i] = (unsigned char)(i >> 12);
	for (i = 0; i < want; i += 4096, pages++)
		sum += p[i];
	printf("touched %zu pages, checksum %llu\n", pages,
	       (unsigned long long)sum);
	free(p);
	p = malloc(total * 2);
	printf("malloc of twice the memory: %s\n", p ? "non-NULL" : "NULL");
	p = malloc(want);
	printf("malloc of 80%% again after free: %s\n", p ? "ok" : "NULL");
	return 0;
}
