/* balloon: allocates and frees 256 KiB blocks (at most 16 MiB held),
 * each filled with its own pattern and checked before it is freed,
 * while dom0 moves memory/target with xl mem-set (dom0.sh). A malloc
 * that fails while the domain is ballooned down is counted, not fatal.
 * The memory the kernel says the domain holds goes to data/held-kib as
 * it changes. Ends when dom0 writes data/done: exit 0 if every block
 * held its pattern. */
#include <skiff/memory.h>
#include <skiff/xenstore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define BLOCK_WORDS (256 * 1024 / 4)
#define SLOTS 64

static struct {
	uint32_t *p;
	uint32_t seed;
} slot[SLOTS];
static unsigned long allocs, frees, nulls, bad;

static uint32_t word(uint32_t seed, uint32_t i)
{
	return seed * 2654435761u ^ (i * 40503u + 7u);
}

static void fill(uint32_t *p, uint32_t seed)
{
	for (uint32_t i = 0; i < BLOCK_WORDS; i++)
		p[i] = word(seed, i);
}

static void check(uint32_t *p, uint32_t seed)
{
	for (uint32_t i = 0; i < BLOCK_WORDS; i++)
		if (p[i] != word(seed, i)) {
			if (bad++ < 5)
				printf("block %p seed %u: word %u is %08x, "
				       "want %08x\n",
				       (void *)p, seed, i, p[i], word(seed, i));
			return;
		}
}

static void report_held(void)
{
	static size_t last;
	size_t held = skiff_memory_total() / 1024;
	char v[32];

	if (held == last)
		return;
	last = held;
	snprintf(v, sizeof(v), "%zu", held);
	xs_write("data/held-kib", v);
}

static void step(uint32_t r)
{
	unsigned int i = r % SLOTS;

	if (slot[i].p) {
		check(slot[i].p, slot[i].seed);
		free(slot[i].p);
		slot[i].p = NULL;
		frees++;
		return;
	}
	slot[i].p = malloc(BLOCK_WORDS * 4);
	if (!slot[i].p) {
		nulls++;
		return;
	}
	slot[i].seed = r;
	fill(slot[i].p, r);
	allocs++;
}

int main(void)
{
	uint32_t r = 12345;
	char buf[8];
	unsigned long n;

	report_held();
	xs_write("data/ready", "1");
	printf("balloon app: holding %zu KiB, %zu KiB free\n",
	       skiff_memory_total() / 1024, skiff_memory_free() / 1024);
	for (n = 0;; n++) {
		r = r * 1103515245u + 12345u;
		step(r >> 8);
		usleep(1000); /* let the kernel's threads run */
		if (n % 32)
			continue;
		report_held();
		if (xs_read("data/done", buf, sizeof(buf)) > 0)
			break;
	}
	for (n = 0; n < SLOTS; n++)
		if (slot[n].p) {
			check(slot[n].p, slot[n].seed);
			free(slot[n].p);
		}
	printf("balloon app: %lu allocations, %lu frees, %lu malloc NULL, "
	       "%lu bad blocks\n",
	       allocs, frees, nulls, bad);
	return bad ? 1 : 0;
}
