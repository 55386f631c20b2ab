/*
 * The user address space: the mapping list (uvm_map.c) plus its page-table
 * side (arch_upt_*). Frames come from the page allocator when a page is
 * first touched (uvm_fault) or populated, and go back on unmap, on
 * MAP_FIXED replacement and on discard (madvise DONTNEED). PROT_NONE
 * costs address space only.
 */
#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/page_alloc.h>
#include <kernel/string.h>
#include <kernel/user.h>
#include <kernel/uvm.h>

#include "uvm_map.h"

_Static_assert(UVM_PROT_READ == UPT_READ && UVM_PROT_WRITE == UPT_WRITE &&
		   UVM_PROT_EXEC == UPT_EXEC,
	       "uvm and arch share prot bits");
_Static_assert(USER_VA_END <= USER_VA_TOP, "user range in the lower half");

#define PROT_ALL (UVM_PROT_READ | UVM_PROT_WRITE | UVM_PROT_EXEC)

static struct {
	struct uvm_space sp;
	struct uvm_vma vmas[UVM_MAX_VMAS];
	unsigned long pages_backed;
	bool ready;
} uvm;

/* Set up on first use: the user L4 needs the page allocator. */
static int uvm_ready(void)
{
	int rc;

	if (uvm.ready)
		return 0;
	rc = arch_user_l4_init();
	if (rc)
		return rc;
	uvm.sp = (struct uvm_space){.v = uvm.vmas,
				    .max = UVM_MAX_VMAS,
				    .lo = USER_VA_MIN,
				    .hi = USER_VA_END,
				    .pick_lo = UVM_MMAP_BASE,
				    .pick_hi = UVM_MMAP_TOP};
	uvm.ready = true;
	return 0;
}

unsigned long uvm_user_l4_maddr(void)
{
	if (uvm_ready())
		return 0;
	return arch_user_l4_mfn() << PAGE_SHIFT;
}

static int clear_entry(unsigned long va __unused, pfn_t pfn, int prot __unused,
		       void *ctx __unused)
{
	page_free(pfn, 1);
	uvm.pages_backed--;
	return UPT_CLEAR;
}

/* Free the frames backing [start, end); the mappings are not touched. */
static void release_pages(unsigned long start, unsigned long end)
{
	arch_upt_update(start, end, clear_entry, NULL);
}

/* A kernel-chosen address for len bytes: the hint if that range is free
 * and valid, else the highest free range below UVM_MMAP_TOP. */
static int choose(unsigned long hint, unsigned long len, unsigned long *out)
{
	unsigned long end;

	hint = ALIGN_DOWN(hint, PAGE_SIZE);
	if (hint && !uvm_space_range(&uvm.sp, hint, len, &end) &&
	    !uvm_space_overlaps(&uvm.sp, hint, end)) {
		*out = hint;
		return 0;
	}
	return uvm_space_pick(&uvm.sp, len, out);
}

int uvm_map(unsigned long addr, unsigned long len, int prot, int flags,
	    unsigned long *out)
{
	bool fixed = flags & (UVM_MAP_FIXED | UVM_MAP_FIXED_NOREPLACE);
	unsigned long end;
	int rc;

	if ((prot & ~PROT_ALL) || !len)
		return -EINVAL;
	if ((rc = uvm_ready()))
		return rc;
	if (fixed) {
		if ((rc = uvm_space_range(&uvm.sp, addr, len, &end)))
			return rc;
		if ((flags & UVM_MAP_FIXED_NOREPLACE) &&
		    uvm_space_overlaps(&uvm.sp, addr, end))
			return -EEXIST;
	} else {
		if (len > USER_VA_END)
			return -ENOMEM;
		len = ALIGN_UP(len, PAGE_SIZE);
		if ((rc = choose(addr, len, &addr)))
			return rc;
		end = addr + len;
	}
	/* The list first: it is the step that can fail, and it changes
	 * nothing when it does. */
	if ((rc = uvm_space_set(&uvm.sp, addr, end, prot)))
		return rc;
	release_pages(addr, end);
	*out = addr;
	return 0;
}

int uvm_unmap(unsigned long addr, unsigned long len)
{
	unsigned long end;
	int rc;

	if ((rc = uvm_ready()))
		return rc;
	if ((rc = uvm_space_range(&uvm.sp, addr, len, &end)))
		return rc;
	if ((rc = uvm_space_remove(&uvm.sp, addr, end)))
		return rc;
	release_pages(addr, end);
	return 0;
}

static int protect_entry(unsigned long va __unused, pfn_t pfn __unused,
			 int prot __unused, void *ctx)
{
	return *(const int *)ctx;
}

int uvm_protect(unsigned long addr, unsigned long len, int prot)
{
	unsigned long end;
	int rc;

	if ((addr & ~PAGE_MASK) || (prot & ~PROT_ALL))
		return -EINVAL;
	if (!len)
		return 0;
	if ((rc = uvm_ready()))
		return rc;
	if ((rc = uvm_space_range(&uvm.sp, addr, len, &end)))
		return rc == -EINVAL ? -ENOMEM : rc;
	if (!uvm_space_covers(&uvm.sp, addr, end, 0))
		return -ENOMEM;
	if ((rc = uvm_space_set(&uvm.sp, addr, end, prot)))
		return rc;
	arch_upt_update(addr, end, protect_entry, &prot);
	return 0;
}

int uvm_discard(unsigned long addr, unsigned long len)
{
	unsigned long end;
	int rc;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	if ((rc = uvm_ready()))
		return rc;
	if ((rc = uvm_space_range(&uvm.sp, addr, len, &end)))
		return rc;
	release_pages(addr, end);
	return uvm_space_covers(&uvm.sp, addr, end, 0) ? 0 : -ENOMEM;
}

/* Back page va of a mapping with prot: a zeroed frame. */
static int back_page(unsigned long va, int prot)
{
	pfn_t pfn = page_alloc(1);
	int rc;

	if (!pfn)
		return -ENOMEM;
	memset(pfn_to_virt(pfn), 0, PAGE_SIZE);
	if ((rc = arch_upt_map(va, pfn, prot))) {
		page_free(pfn, 1);
		return rc;
	}
	uvm.pages_backed++;
	return 0;
}

int uvm_populate(unsigned long addr, unsigned long len)
{
	unsigned long end, va;
	int rc;

	if ((rc = uvm_ready()))
		return rc;
	if ((rc = uvm_space_range(&uvm.sp, addr, len, &end)))
		return rc;
	for (va = addr; va < end; va += PAGE_SIZE) {
		const struct uvm_vma *v = uvm_space_lookup(&uvm.sp, va);
		pfn_t pfn;

		if (!v)
			return -EFAULT;
		if (arch_upt_query(va, &pfn) < 0 &&
		    (rc = back_page(va, v->prot)))
			return rc;
	}
	return 0;
}

int uvm_fault(unsigned long addr, unsigned long error)
{
	const struct uvm_vma *v;
	int need = UVM_PROT_READ, have;
	pfn_t pfn;

	if (!uvm.ready || addr < USER_VA_MIN || addr >= USER_VA_END)
		return -EFAULT;
	if (error & 2)
		need = UVM_PROT_WRITE;
	else if (error & 16)
		need = UVM_PROT_EXEC;
	v = uvm_space_lookup(&uvm.sp, addr);
	if (!v || !(v->prot & need))
		return -EFAULT;
	have = arch_upt_query(addr & PAGE_MASK, &pfn);
	if (have >= 0)
		/* Backed already: a stale TLB entry is the only way the
		 * access can be allowed and still fault. */
		return (have & need) ? 0 : -EFAULT;
	return back_page(addr & PAGE_MASK, v->prot);
}

bool uvm_range_allows(unsigned long addr, unsigned long len, int prot)
{
	unsigned long start = ALIGN_DOWN(addr, PAGE_SIZE), end;

	if (!uvm.ready || addr < USER_VA_MIN || addr >= USER_VA_END)
		return false;
	if (!len)
		return true;
	if (addr + len < addr || addr + len > USER_VA_END)
		return false;
	end = ALIGN_UP(addr + len, PAGE_SIZE);
	return uvm_space_covers(&uvm.sp, start, end, prot);
}

void uvm_stats(struct uvm_stats *s)
{
	unsigned int i;

	s->pages_backed = uvm.pages_backed;
	s->pt_pages = arch_upt_tables();
	s->vmas = uvm.ready ? uvm.sp.n : 0;
	s->bytes_mapped = 0;
	for (i = 0; uvm.ready && i < uvm.sp.n; i++)
		s->bytes_mapped += uvm.sp.v[i].end - uvm.sp.v[i].start;
}

/* <kernel/user.h>: checked access to user memory. A page not yet backed
 * is paged in by the kernel-mode fault path (arch/x86_64/traps.c). */
bool user_access_ok(uint64_t addr, size_t len, bool write)
{
	return uvm_range_allows(addr, len,
				write ? UVM_PROT_WRITE : UVM_PROT_READ);
}

int user_copy_from(void *dst, uint64_t usrc, size_t len)
{
	if (!user_access_ok(usrc, len, false))
		return -EFAULT;
	memcpy(dst, (const void *)usrc, len);
	return 0;
}

int user_copy_to(uint64_t udst, const void *src, size_t len)
{
	if (!user_access_ok(udst, len, true))
		return -EFAULT;
	memcpy((void *)udst, src, len);
	return 0;
}

int uvm_map_vdso(unsigned long base, const void *image, size_t len)
{
	unsigned long n = (len + PAGE_SIZE - 1) >> PAGE_SHIFT, i;
	int rc;

	if (base < USER_VA_END || (base & ~PAGE_MASK) || !len ||
	    base + (n + 1) * PAGE_SIZE > USER_VA_TOP)
		return -EINVAL;
	if ((rc = uvm_ready()) < 0 || (rc = arch_upt_map_shared_info(base)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		size_t off = i * PAGE_SIZE;
		size_t part = len - off < PAGE_SIZE ? len - off : PAGE_SIZE;
		pfn_t pfn = page_alloc(1);

		if (!pfn)
			return -ENOMEM;
		memset(pfn_to_virt(pfn), 0, PAGE_SIZE);
		memcpy(pfn_to_virt(pfn), (const char *)image + off, part);
		rc = arch_upt_map(base + (i + 1) * PAGE_SIZE, pfn,
				  UPT_READ | UPT_EXEC);
		if (rc < 0)
			return rc;
	}
	return 0;
}
