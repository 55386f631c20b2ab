/*
 * Tests of kernel/uvm_map.c, the user mapping list: argument checks,
 * top-down placement, splitting on unmap and protect, merging of equal
 * neighbours, mappings of objects (offsets kept through splits, merged
 * only when the offsets continue, one reference per VMA, NOWRITE), the
 * VMA limit (-ENOMEM with nothing changed), and a long random run
 * against a page-by-page model of the address space.
 */
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/uvm.h>

#include "../../kernel/uvm_map.h"
#include "check.h"

#define LO 0x10000UL
#define NPAGES 256
#define HI (LO + NPAGES * PAGE_SIZE)

static struct uvm_vma store[64];
static struct uvm_space sp;
static struct uvm_obj objs[3]; /* objs[0] unused: 0 is "anonymous" */
static long refs[3];

static void count_ref(struct uvm_obj *obj, int delta)
{
	refs[obj - objs] += delta;
}

static void reset(unsigned int max)
{
	memset(store, 0x5a, sizeof(store));
	memset(refs, 0, sizeof(refs));
	sp = (struct uvm_space){.v = store,
				.max = max,
				.lo = LO,
				.hi = HI,
				.pick_lo = LO,
				.pick_hi = HI - 16 * PAGE_SIZE,
				.ref = count_ref};
}

/* Each object's references are the VMAs showing it. */
static bool refs_match(void)
{
	long n[3] = {0};
	unsigned int i;

	for (i = 0; i < sp.n; i++)
		if (sp.v[i].obj)
			n[sp.v[i].obj - objs]++;
	return n[1] == refs[1] && n[2] == refs[2];
}

static bool continues(const struct uvm_vma *a, const struct uvm_vma *b)
{
	return a->end == b->start && a->prot == b->prot &&
	       a->flags == b->flags && a->obj == b->obj &&
	       (!a->obj || a->off + (a->end - a->start) == b->off);
}

static unsigned long pg(unsigned long n)
{
	return LO + n * PAGE_SIZE;
}

/* Sorted, non-empty, non-overlapping, page aligned, no equal neighbours. */
static bool well_formed(void)
{
	unsigned int i;

	for (i = 0; i < sp.n; i++) {
		const struct uvm_vma *v = &sp.v[i];

		if (v->start >= v->end || (v->start | v->end) & ~PAGE_MASK)
			return false;
		if (i &&
		    (sp.v[i - 1].end > v->start || continues(&sp.v[i - 1], v)))
			return false;
	}
	return true;
}

static void test_range_checks(void)
{
	unsigned long end;

	reset(64);
	CHECK_EQ_I64(uvm_space_range(&sp, pg(1), 1, &end), 0);
	CHECK_EQ_U64(end, pg(2));
	CHECK_EQ_I64(uvm_space_range(&sp, pg(1) + 8, PAGE_SIZE, &end), -EINVAL);
	CHECK_EQ_I64(uvm_space_range(&sp, pg(1), 0, &end), -EINVAL);
	CHECK_EQ_I64(uvm_space_range(&sp, pg(1), ~0UL - 10, &end), -EINVAL);
	CHECK_EQ_I64(uvm_space_range(&sp, pg(255), 2 * PAGE_SIZE, &end),
		     -EINVAL);
	CHECK_EQ_I64(uvm_space_range(&sp, LO - PAGE_SIZE, PAGE_SIZE, &end),
		     -EINVAL);
	CHECK_EQ_I64(uvm_space_range(&sp, pg(255), PAGE_SIZE, &end), 0);
	/* A length that rounds up past the top of the address space. */
	CHECK_EQ_I64(uvm_space_range(&sp, pg(255), PAGE_SIZE + 1, &end),
		     -EINVAL);
}

static void test_split_and_merge(void)
{
	reset(64);
	CHECK_EQ_I64(uvm_space_set(&sp, pg(0), pg(10), 3), 0);
	CHECK_EQ_U64(sp.n, 1);
	/* A hole in the middle splits it in two. */
	CHECK_EQ_I64(uvm_space_remove(&sp, pg(4), pg(6)), 0);
	CHECK_EQ_U64(sp.n, 2);
	CHECK_EQ_U64(sp.v[0].end, pg(4));
	CHECK_EQ_U64(sp.v[1].start, pg(6));
	/* Filling it with the same prot merges all three. */
	CHECK_EQ_I64(uvm_space_set(&sp, pg(4), pg(6), 3), 0);
	CHECK_EQ_U64(sp.n, 1);
	CHECK_EQ_U64(sp.v[0].start, pg(0));
	CHECK_EQ_U64(sp.v[0].end, pg(10));
	/* Protecting the middle differently splits into three. */
	CHECK_EQ_I64(uvm_space_set(&sp, pg(2), pg(3), 1), 0);
	CHECK_EQ_U64(sp.n, 3);
	CHECK_EQ_I64(sp.v[1].prot, 1);
	CHECK(uvm_space_lookup(&sp, pg(2)) == &sp.v[1]);
	CHECK(uvm_space_lookup(&sp, pg(10)) == NULL);
	CHECK(uvm_space_covers(&sp, pg(0), pg(10), 1));
	CHECK(!uvm_space_covers(&sp, pg(0), pg(10), 2));
	CHECK(!uvm_space_covers(&sp, pg(0), pg(11), 1));
	/* Removing across all three leaves the outer pieces. */
	CHECK_EQ_I64(uvm_space_remove(&sp, pg(1), pg(9)), 0);
	CHECK_EQ_U64(sp.n, 2);
	CHECK_EQ_U64(sp.v[0].end, pg(1));
	CHECK_EQ_U64(sp.v[1].start, pg(9));
	CHECK(!uvm_space_overlaps(&sp, pg(1), pg(9)));
	CHECK(uvm_space_overlaps(&sp, pg(1), pg(10)));
	CHECK(well_formed());
}

static void test_objects(void)
{
	struct uvm_vma nv = {.start = pg(0),
			     .end = pg(10),
			     .prot = 3,
			     .obj = &objs[1],
			     .off = 0x100000};

	reset(64);
	CHECK_EQ_I64(uvm_space_set_vma(&sp, &nv), 0);
	CHECK_EQ_I64(refs[1], 1);
	/* Protecting the middle splits it; each piece keeps its offset. */
	CHECK_EQ_I64(uvm_space_protect(&sp, pg(3), pg(5), 1), 0);
	CHECK_EQ_U64(sp.n, 3);
	CHECK_EQ_U64(sp.v[1].off, 0x100000 + 3 * PAGE_SIZE);
	CHECK_EQ_U64(sp.v[2].off, 0x100000 + 5 * PAGE_SIZE);
	CHECK(sp.v[2].obj == &objs[1]);
	CHECK_EQ_I64(refs[1], 3);
	/* Back to one prot: the offsets continue, so one VMA again. */
	CHECK_EQ_I64(uvm_space_protect(&sp, pg(0), pg(10), 3), 0);
	CHECK_EQ_U64(sp.n, 1);
	CHECK_EQ_U64(sp.v[0].off, 0x100000);
	CHECK_EQ_I64(refs[1], 1);
	/* The same object next to it, at an offset that does not continue,
	 * and anonymous memory: no merging. */
	nv = (struct uvm_vma){pg(10), pg(12), 3, 0, &objs[1], 0};
	CHECK_EQ_I64(uvm_space_set_vma(&sp, &nv), 0);
	CHECK_EQ_I64(uvm_space_set(&sp, pg(12), pg(14), 3), 0);
	CHECK_EQ_U64(sp.n, 3);
	CHECK_EQ_I64(refs[1], 2);
	/* A hole punched in the first leaves two references to it. */
	CHECK_EQ_I64(uvm_space_remove(&sp, pg(4), pg(5)), 0);
	CHECK_EQ_I64(refs[1], 3);
	CHECK_EQ_U64(sp.v[1].off, 0x100000 + 5 * PAGE_SIZE);
	/* Replaced by anonymous memory, all references go. */
	CHECK_EQ_I64(uvm_space_set(&sp, pg(0), pg(14), 3), 0);
	CHECK_EQ_I64(refs[1], 0);
	CHECK_EQ_U64(sp.n, 1);
	/* NOWRITE: PROT_WRITE refused, nothing changed; less is fine. */
	nv = (struct uvm_vma){pg(20), pg(24), 1, UVM_VMA_NOWRITE, &objs[2], 0};
	CHECK_EQ_I64(uvm_space_set_vma(&sp, &nv), 0);
	CHECK_EQ_I64(uvm_space_protect(&sp, pg(0), pg(30), 3), -EACCES);
	CHECK_EQ_I64(sp.v[1].prot, 1);
	CHECK_EQ_I64(uvm_space_protect(&sp, pg(21), pg(22), 0), 0);
	CHECK_EQ_U64(sp.n, 4);
	CHECK_EQ_I64(refs[2], 3);
	CHECK(well_formed() && refs_match());
}

static void test_pick_top_down(void)
{
	unsigned long a = 0, b = 0;

	reset(64);
	CHECK_EQ_I64(uvm_space_pick(&sp, 4 * PAGE_SIZE, &a), 0);
	CHECK_EQ_U64(a, sp.pick_hi - 4 * PAGE_SIZE);
	CHECK_EQ_I64(uvm_space_set(&sp, a, a + 4 * PAGE_SIZE, 3), 0);
	CHECK_EQ_I64(uvm_space_pick(&sp, PAGE_SIZE, &b), 0);
	CHECK_EQ_U64(b, a - PAGE_SIZE);
	/* A fixed mapping above pick_hi does not disturb the search. */
	CHECK_EQ_I64(uvm_space_set(&sp, pg(250), pg(251), 3), 0);
	CHECK_EQ_I64(uvm_space_pick(&sp, PAGE_SIZE, &b), 0);
	CHECK_EQ_U64(b, a - PAGE_SIZE);
	/* A hole too small is skipped; one that fits is used. */
	CHECK_EQ_I64(uvm_space_set(&sp, pg(0), a - 3 * PAGE_SIZE, 1), 0);
	CHECK_EQ_I64(uvm_space_pick(&sp, 4 * PAGE_SIZE, &b), -ENOMEM);
	CHECK_EQ_I64(uvm_space_pick(&sp, 3 * PAGE_SIZE, &b), 0);
	CHECK_EQ_U64(b, a - 3 * PAGE_SIZE);
}

static void test_limit(void)
{
	struct uvm_vma before[4];
	unsigned int i;

	reset(4);
	for (i = 0; i < 4; i++)
		CHECK_EQ_I64(uvm_space_set(&sp, pg(i * 4), pg(i * 4 + 2), 3),
			     0);
	CHECK_EQ_U64(sp.n, 4);
	memcpy(before, store, sizeof(before));
	/* A fifth mapping, or a split, would need a fifth slot. */
	CHECK_EQ_I64(uvm_space_set(&sp, pg(20), pg(21), 3), -ENOMEM);
	CHECK_EQ_I64(uvm_space_set(&sp, pg(12), pg(13), 1), -ENOMEM);
	CHECK_EQ_I64(uvm_space_remove(&sp, pg(12) + 0, pg(12)), 0);
	CHECK_EQ_U64(sp.n, 4);
	CHECK_MEM(before, store, sizeof(before));
	/* Filling a gap with equal prot merges: fewer slots, allowed. */
	CHECK_EQ_I64(uvm_space_set(&sp, pg(2), pg(4), 3), 0);
	CHECK_EQ_U64(sp.n, 3);
	/* Replacing whole mappings needs no new slot either. */
	CHECK_EQ_I64(uvm_space_set(&sp, pg(8), pg(10), 1), 0);
	CHECK_EQ_U64(sp.n, 3);
	CHECK(well_formed());
}

/* The model: each page's prot (-1 when unmapped), object and offset. */
static struct {
	int prot, obj;
	unsigned long off;
} model[NPAGES];

static bool matches_model(void)
{
	unsigned long p;

	for (p = 0; p < NPAGES; p++) {
		const struct uvm_vma *v = uvm_space_lookup(&sp, pg(p));
		int got = v ? v->prot : -1;

		if (got != model[p].prot)
			return false;
		if (!v)
			continue;
		if (v->obj != (model[p].obj ? &objs[model[p].obj] : NULL))
			return false;
		if (v->obj && v->off + (pg(p) - v->start) != model[p].off)
			return false;
	}
	return true;
}

static void test_random_against_model(void)
{
	unsigned int step;

	reset(64);
	srand(1234);
	for (step = 0; step < NPAGES; step++)
		model[step].prot = -1;
	for (step = 0; step < 40000; step++) {
		unsigned long a = (unsigned long)rand() % NPAGES;
		unsigned long n = 1 + (unsigned long)rand() % 24, p;
		int op = rand() % 5, prot = rand() % 4, rc, obj = 0;
		/* Offsets from a few pages apart: some continue. */
		unsigned long off = pg((unsigned long)rand() % 8) - LO;

		if (a + n > NPAGES)
			n = NPAGES - a;
		if (op == 2) {
			rc = uvm_space_remove(&sp, pg(a), pg(a + n));
		} else if (op == 3) {
			struct uvm_vma nv = {pg(a), pg(a + n),	     prot, 0,
					     NULL,  off + pg(a) - LO};

			obj = 1 + rand() % 2;
			nv.obj = &objs[obj];
			rc = uvm_space_set_vma(&sp, &nv);
		} else if (op == 4) {
			rc = uvm_space_protect(&sp, pg(a), pg(a + n), prot);
		} else {
			rc = uvm_space_set(&sp, pg(a), pg(a + n), prot);
		}
		if (rc == -ENOMEM) {
			/* Only allowed when the array is (nearly) full; a
			 * protect may have changed a part before failing. */
			if (!CHECK(sp.n + 2 > sp.max))
				return;
			for (p = a; op == 4 && p < a + n; p++)
				if (model[p].prot >= 0)
					model[p].prot =
					    uvm_space_lookup(&sp, pg(p))->prot;
		} else {
			for (p = a; p < a + n; p++) {
				if (op == 4) {
					if (model[p].prot >= 0)
						model[p].prot = prot;
					continue;
				}
				model[p].prot = op == 2 ? -1 : prot;
				model[p].obj = obj;
				model[p].off = off + pg(p) - LO;
			}
		}
		if (!CHECK(well_formed()) || !CHECK(matches_model()) ||
		    !CHECK(refs_match())) {
			FAIL("step %u: op %d at page %lu, %lu pages", step, op,
			     a, n);
			return;
		}
	}
}

CHECK_MAIN("uvm_map", CHECK_TEST(test_range_checks),
	   CHECK_TEST(test_split_and_merge), CHECK_TEST(test_objects),
	   CHECK_TEST(test_pick_top_down), CHECK_TEST(test_limit),
	   CHECK_TEST(test_random_against_model))
