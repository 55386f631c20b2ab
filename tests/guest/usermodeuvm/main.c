/*
 * uvm on real page tables, driven from kernel mode (the app's own thread
 * touching user memory, which pages it in through the kernel-mode fault
 * path): frames are backed on touch and returned on unmap, discard and
 * MAP_FIXED replacement; PROT_NONE keeps contents until access returns;
 * user copies stop at the first page they cannot reach, with the bytes
 * before it;
 * argument errors and the mapping limit; populated frames come from and
 * go back to the page allocator; page tables that unmapping empties are
 * freed (mapping, touching and unmapping at scattered addresses leaves
 * none behind); a pinned frame (granted to a backend) that its mapping
 * frees is not handed out again until unpinned. Prints "uvm: N checks, F failed" and exits
 * with F (0 when all pass).
 */
#include <kernel/page_alloc.h>
#include <kernel/user.h>
#include <kernel/uvm.h>
#include <errno.h>
#include <skiff/memory.h>
#include <stdio.h>
#include <string.h>

#define BASE 0x20000000UL
#define NP 16
#define RW (UVM_PROT_READ | UVM_PROT_WRITE)

/* arch/x86_64's (exported for this test; <arch/mm.h> is the kernel's). */
mfn_t arch_va_to_mfn(const void *va);
pfn_t mfn_to_pfn(mfn_t mfn);

static int checks, failed;

#define CHECK(cond)                                                            \
	do {                                                                   \
		checks++;                                                      \
		if (!(cond)) {                                                 \
			failed++;                                              \
			printf("FAIL line %d: %s\n", __LINE__, #cond);         \
		}                                                              \
	} while (0)

static unsigned long backed(void)
{
	struct uvm_stats s;

	uvm_stats(&s);
	return s.pages_backed;
}

static unsigned long pg(unsigned long n)
{
	return BASE + n * PAGE_SIZE;
}

static uint64_t *word(unsigned long n)
{
	return (uint64_t *)pg(n);
}

static void test_touch_protect_discard(void)
{
	unsigned long got, b0, i;

	CHECK(uvm_map(BASE, NP * PAGE_SIZE, RW, UVM_MAP_FIXED, &got) == 0);
	CHECK(got == BASE);
	b0 = backed();
	for (i = 0; i < NP; i++)
		*word(i) = 0x1000 + i;
	CHECK(backed() == b0 + NP);
	/* PROT_NONE hides pages but keeps their frames and contents. */
	CHECK(uvm_protect(pg(4), 4 * PAGE_SIZE, 0) == 0);
	CHECK(backed() == b0 + NP);
	CHECK(!user_access_ok(pg(5), 8, false));
	CHECK(user_access_ok(pg(3), 8, true));
	/* The copies try the pages themselves: one that runs from an
	 * accessible page into a hidden one moves the bytes before it; one
	 * that finds none fails. Linux's access_ok() looks at no mapping. */
	CHECK(user_copy_to_some(pg(4) - 8, "abcdefghijklmnop", 16) == 8);
	CHECK(user_copy_from_some(&got, pg(5), 8) == -EFAULT);
	CHECK(user_copy_to(pg(4) - 8, "abcdefghijklmnop", 16) == -EFAULT);
	CHECK(user_copy_from(&got, 0xffff888000000000UL, 0) == 0);
	CHECK(user_range_ok(pg(5), 8) && user_range_ok(0, 16));
	CHECK(!user_range_ok(USER_VA_END - 8, 16) &&
	      !user_range_ok(0xffff888000000000UL, 0));
	CHECK(uvm_protect(pg(4), 4 * PAGE_SIZE, UVM_PROT_READ) == 0);
	CHECK(user_access_ok(pg(5), 8, false));
	CHECK(!user_access_ok(pg(5), 8, true));
	CHECK(*word(5) == 0x1005);
	CHECK(uvm_protect(pg(4), 4 * PAGE_SIZE, RW) == 0);
	*word(6) = 0x2006;
	CHECK(*word(6) == 0x2006 && *word(7) == 0x1007);
	/* Discard: frames go, the mapping stays and reads zeros. */
	CHECK(uvm_discard(pg(8), 4 * PAGE_SIZE) == 0);
	CHECK(backed() == b0 + NP - 4);
	CHECK(*word(9) == 0 && *word(12) == 0x100c);
	CHECK(backed() == b0 + NP - 3);
	/* MAP_FIXED over backed pages replaces them with zeros. */
	CHECK(uvm_map(pg(13), 2 * PAGE_SIZE, RW, UVM_MAP_FIXED, &got) == 0);
	CHECK(backed() == b0 + NP - 5);
	CHECK(*word(13) == 0 && *word(15) == 0x100f);
	/* Unmap returns frames and access. */
	CHECK(uvm_unmap(pg(0), 4 * PAGE_SIZE) == 0);
	CHECK(!user_access_ok(pg(1), 1, false));
	CHECK(user_copy_to(pg(2), "x", 1) == -EFAULT);
	CHECK(uvm_unmap(BASE, NP * PAGE_SIZE) == 0);
	CHECK(backed() == b0);
	/* Protect and discard need a fully mapped range (Linux: ENOMEM). */
	CHECK(uvm_protect(pg(0), PAGE_SIZE, RW) == -ENOMEM);
	CHECK(uvm_discard(pg(0), PAGE_SIZE) == -ENOMEM);
}

static void test_arguments(void)
{
	unsigned long got = 0, got2 = 0;

	CHECK(uvm_map(BASE + 1, PAGE_SIZE, RW, UVM_MAP_FIXED, &got) == -EINVAL);
	CHECK(uvm_map(BASE, 0, RW, UVM_MAP_FIXED, &got) == -EINVAL);
	CHECK(uvm_map(BASE, PAGE_SIZE, 8, UVM_MAP_FIXED, &got) == -EINVAL);
	CHECK(uvm_map(USER_VA_END - PAGE_SIZE, 2 * PAGE_SIZE, RW, UVM_MAP_FIXED,
		      &got) == -EINVAL);
	CHECK(uvm_map(0xffff800000000000UL, PAGE_SIZE, RW, UVM_MAP_FIXED,
		      &got) == -EINVAL);
	CHECK(uvm_map(BASE, ~0UL - PAGE_SIZE, RW, UVM_MAP_FIXED, &got) ==
	      -EINVAL);
	CHECK(uvm_map(0, ~0UL - PAGE_SIZE, RW, 0, &got) == -ENOMEM);
	CHECK(uvm_unmap(BASE, 0) == -EINVAL);
	/* A free hint is taken; a taken one is not, FIXED_NOREPLACE says
	 * EEXIST. */
	CHECK(uvm_map(BASE, PAGE_SIZE, RW, 0, &got) == 0 && got == BASE);
	CHECK(uvm_map(BASE, PAGE_SIZE, RW, 0, &got2) == 0 && got2 != BASE);
	CHECK(got2 >= UVM_MMAP_BASE && got2 < UVM_MMAP_TOP);
	CHECK(uvm_map(BASE, PAGE_SIZE, RW, UVM_MAP_FIXED_NOREPLACE, &got) ==
	      -EEXIST);
	CHECK(uvm_unmap(BASE, PAGE_SIZE) == 0 && uvm_unmap(got2, 1) == 0);
}

static void test_limit(void)
{
	unsigned long got, i, n = 0;
	struct uvm_stats s;
	int rc = 0;

	/* Alternating protections cannot merge: one VMA per page. */
	for (i = 0; i < UVM_MAX_VMAS + 8 && !rc; i++) {
		rc = uvm_map(pg(2 * i), PAGE_SIZE, i & 1 ? UVM_PROT_READ : RW,
			     UVM_MAP_FIXED, &got);
		n += !rc;
	}
	uvm_stats(&s);
	CHECK(rc == -ENOMEM);
	CHECK(s.vmas == UVM_MAX_VMAS);
	printf("mapping limit reached after %lu maps (%lu VMAs)\n", n, s.vmas);
	CHECK(uvm_unmap(BASE, 2 * (UVM_MAX_VMAS + 8) * PAGE_SIZE) == 0);
}

static unsigned long tables(void)
{
	struct uvm_stats s;

	uvm_stats(&s);
	return s.pt_pages;
}

static void test_populate(void)
{
	unsigned long got, b0 = backed(), t0 = tables(), t1;
	size_t free0 = skiff_memory_free(), free1, free2;

	/* The frames (and the tables the range needs) come from and go
	 * back to the page allocator. */
	CHECK(uvm_map(BASE, 1UL << 20, RW, UVM_MAP_FIXED, &got) == 0);
	CHECK(uvm_populate(BASE, 1UL << 20) == 0);
	free1 = skiff_memory_free();
	t1 = tables();
	CHECK(backed() == b0 + 256);
	CHECK(uvm_populate(BASE + (1UL << 20), PAGE_SIZE) == -EFAULT);
	CHECK(user_copy_from(&got, BASE + 4096, sizeof(got)) == 0 && !got);
	CHECK(uvm_unmap(BASE, 1UL << 20) == 0);
	free2 = skiff_memory_free();
	CHECK(backed() == b0);
	CHECK(free0 - free1 == (256 + t1 - t0) * PAGE_SIZE);
	CHECK(tables() == t0);
	CHECK(free2 == free0);
}

/* One page every GiB, 64 of them: each needs its own L2 and L1 table,
 * and unmapping gives them all back. A hole keeps the tables it shares
 * with a page still mapped. */
static void test_tables_freed(void)
{
	unsigned long got, i, t0 = tables();
	size_t free0 = skiff_memory_free();

	for (i = 0; i < 64; i++) {
		unsigned long a = (i + 1) << 30;

		CHECK(uvm_map(a, PAGE_SIZE, RW, UVM_MAP_FIXED, &got) == 0);
		*(volatile uint64_t *)a = i;
	}
	CHECK(tables() >= t0 + 128);
	printf("tables: %lu before, %lu with 64 pages 1 GiB apart\n", t0,
	       tables());
	/* Two pages in one L1: unmapping one keeps the table. */
	CHECK(uvm_map((1UL << 30) + PAGE_SIZE, PAGE_SIZE, RW, UVM_MAP_FIXED,
		      &got) == 0);
	*(volatile uint64_t *)((1UL << 30) + PAGE_SIZE) = 1;
	CHECK(uvm_unmap(1UL << 30, PAGE_SIZE) == 0);
	CHECK(*(volatile uint64_t *)((1UL << 30) + PAGE_SIZE) == 1);
	CHECK(uvm_unmap((1UL << 30) + PAGE_SIZE, PAGE_SIZE) == 0);
	for (i = 1; i < 64; i++)
		CHECK(uvm_unmap((i + 1) << 30, PAGE_SIZE) == 0);
	CHECK(tables() == t0);
	CHECK(skiff_memory_free() == free0);
	printf("tables: %lu after unmapping them\n", tables());
}

static void test_pinned(void)
{
	unsigned long got;
	size_t free0;
	mfn_t mfn;
	pfn_t pfn;

	/* Two pages: the second keeps their page tables in place. */
	CHECK(uvm_map(BASE, 2 * PAGE_SIZE, RW, UVM_MAP_FIXED, &got) == 0);
	*word(0) = 7;
	*word(1) = 7;
	mfn = arch_va_to_mfn((void *)BASE);
	pfn = mfn_to_pfn(mfn);
	CHECK(mfn && pfn && page_pin(pfn));
	free0 = skiff_memory_free();
	CHECK(uvm_unmap(BASE, PAGE_SIZE) == 0);
	/* Freed by its mapping, held by the pin. */
	CHECK(page_alloc_held_pages() == 1);
	CHECK(skiff_memory_free() == free0);
	CHECK(uvm_map(BASE, PAGE_SIZE, RW, UVM_MAP_FIXED, &got) == 0);
	*word(0) = 8;
	CHECK(arch_va_to_mfn((void *)BASE) != mfn);
	CHECK(uvm_unmap(BASE, PAGE_SIZE) == 0);
	CHECK(skiff_memory_free() == free0);
	page_unpin(pfn);
	CHECK(page_alloc_held_pages() == 0);
	CHECK(skiff_memory_free() == free0 + PAGE_SIZE);
	CHECK(uvm_unmap(BASE + PAGE_SIZE, PAGE_SIZE) == 0);
}

int main(void)
{
	struct uvm_stats s;

	test_touch_protect_discard();
	test_arguments();
	test_limit();
	test_populate();
	test_tables_freed();
	test_pinned();
	uvm_stats(&s);
	CHECK(s.pages_backed == 0 && s.vmas == 0 && s.bytes_mapped == 0);
	printf("page tables %lu\n", s.pt_pages);
	printf("uvm: %d checks, %d failed\n", checks, failed);
	return failed;
}
