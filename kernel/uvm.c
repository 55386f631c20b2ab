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
#include <arch/pvclock.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <kernel/uvm.h>

#include "uvm_map.h"

_Static_assert(UVM_PROT_READ == UPT_READ && UVM_PROT_WRITE == UPT_WRITE &&
		   UVM_PROT_EXEC == UPT_EXEC,
	       "uvm and arch share prot bits");
_Static_assert(USER_VA_END <= USER_VA_TOP, "user range in the lower half");

#define PROT_ALL (UVM_PROT_READ | UVM_PROT_WRITE | UVM_PROT_EXEC)

/* An address space: its mappings, and its lower half's L4 entries while
 * another space is live. */
struct uvm_as {
	struct uvm_space sp;
	unsigned long pages_backed;
	unsigned long rec_pages; /* pages of this record (0: the static one) */
	uint64_t l4e[USER_L4_SLOTS];
	struct uvm_vma vmas[UVM_MAX_VMAS];
};

#define VDSO_MAX_PAGES 4

static struct uvm_as first_as;
static struct {
	struct uvm_as *live; /* whose lower half the L4s hold; NULL: none */
	bool ready;
	/* The vDSO's pages, shared by every space for the domain's life. */
	unsigned long vdso_base, vdso_n;
	pfn_t vdso_pfn[VDSO_MAX_PAGES];
	pfn_t clock_pfn; /* the vDSO's clock page (struct pvclock_vvar) */
} uvm;

static void as_init(struct uvm_as *as)
{
	as->sp = (struct uvm_space){.v = as->vmas,
				    .max = UVM_MAX_VMAS,
				    .lo = USER_VA_MIN,
				    .hi = USER_VA_END,
				    .pick_lo = UVM_MMAP_BASE,
				    .pick_hi = UVM_MMAP_TOP};
	as->pages_backed = 0;
}

/* Set up on first use: the user L4 needs the page allocator. Calls that
 * change mappings need a live space: -EFAULT when the caller has none
 * (its space was destroyed). */
static int uvm_ready(void)
{
	int rc;

	if (!uvm.ready) {
		rc = arch_user_l4_init();
		if (rc)
			return rc;
		as_init(&first_as);
		uvm.live = &first_as;
		uvm.ready = true;
	}
	return uvm.live ? 0 : -EFAULT;
}

#define SP (&uvm.live->sp)

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
	uvm.live->pages_backed--;
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
	if (hint && !uvm_space_range(SP, hint, len, &end) &&
	    !uvm_space_overlaps(SP, hint, end)) {
		*out = hint;
		return 0;
	}
	return uvm_space_pick(SP, len, out);
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
		if ((rc = uvm_space_range(SP, addr, len, &end)))
			return rc;
		if ((flags & UVM_MAP_FIXED_NOREPLACE) &&
		    uvm_space_overlaps(SP, addr, end))
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
	if ((rc = uvm_space_set(SP, addr, end, prot)))
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
	if ((rc = uvm_space_range(SP, addr, len, &end)))
		return rc;
	if ((rc = uvm_space_remove(SP, addr, end)))
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
	if ((rc = uvm_space_range(SP, addr, len, &end)))
		return rc == -EINVAL ? -ENOMEM : rc;
	if (!uvm_space_covers(SP, addr, end, 0))
		return -ENOMEM;
	if ((rc = uvm_space_set(SP, addr, end, prot)))
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
	if ((rc = uvm_space_range(SP, addr, len, &end)))
		return rc;
	release_pages(addr, end);
	return uvm_space_covers(SP, addr, end, 0) ? 0 : -ENOMEM;
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
	uvm.live->pages_backed++;
	return 0;
}

int uvm_populate(unsigned long addr, unsigned long len)
{
	unsigned long end, va;
	int rc;

	if ((rc = uvm_ready()))
		return rc;
	if ((rc = uvm_space_range(SP, addr, len, &end)))
		return rc;
	for (va = addr; va < end; va += PAGE_SIZE) {
		const struct uvm_vma *v = uvm_space_lookup(SP, va);
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

	if (!uvm.live || addr < USER_VA_MIN || addr >= USER_VA_END)
		return -EFAULT;
	if (error & 2)
		need = UVM_PROT_WRITE;
	else if (error & 16)
		need = UVM_PROT_EXEC;
	v = uvm_space_lookup(SP, addr);
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

	if (!uvm.live || addr < USER_VA_MIN || addr >= USER_VA_END)
		return false;
	if (!len)
		return true;
	if (addr + len < addr || addr + len > USER_VA_END)
		return false;
	end = ALIGN_UP(addr + len, PAGE_SIZE);
	return uvm_space_covers(SP, start, end, prot);
}

int uvm_resident(unsigned long va)
{
	pfn_t pfn;

	if (!uvm.live || va < USER_VA_MIN || va >= USER_VA_END ||
	    !uvm_space_lookup(SP, va))
		return -ENOMEM;
	return arch_upt_query(va & PAGE_MASK, &pfn) >= 0;
}

void uvm_stats(struct uvm_stats *s)
{
	unsigned int i;

	s->pages_backed = uvm.live ? uvm.live->pages_backed : 0;
	s->pt_pages = arch_upt_tables();
	s->vmas = uvm.live ? SP->n : 0;
	s->bytes_mapped = 0;
	for (i = 0; uvm.live && i < SP->n; i++)
		s->bytes_mapped += SP->v[i].end - SP->v[i].start;
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

/* Map the vDSO's pages into the live space. */
static int map_vdso(void)
{
	unsigned long i;
	int rc;

	if (!uvm.vdso_n)
		return 0;
	if ((rc = arch_upt_map(uvm.vdso_base, uvm.clock_pfn, UPT_READ)) < 0 ||
	    (rc = arch_upt_map_shared_info(uvm.vdso_base + PAGE_SIZE)) < 0)
		return rc;
	for (i = 0; i < uvm.vdso_n; i++)
		if ((rc = arch_upt_map(uvm.vdso_base + (i + 2) * PAGE_SIZE,
				       uvm.vdso_pfn[i], UPT_READ | UPT_EXEC)) <
		    0)
			return rc;
	return 0;
}

void uvm_suspend(void)
{
	if (uvm.ready && uvm.live && uvm.vdso_n)
		arch_upt_unmap_shared_info(uvm.vdso_base + PAGE_SIZE);
}

void uvm_resume(void)
{
	struct pvclock_vvar *c;

	if (!uvm.vdso_n)
		return;
	c = pfn_to_virt(uvm.clock_pfn);
	c->mono_offset = time_monotonic_offset();
	if (uvm.ready && uvm.live &&
	    arch_upt_map_shared_info(uvm.vdso_base + PAGE_SIZE) < 0)
		printk("uvm: cannot map the vDSO's shared_info again\n");
}

int uvm_map_vdso(unsigned long base, const void *image, size_t len)
{
	unsigned long n = (len + PAGE_SIZE - 1) >> PAGE_SHIFT, i;
	int rc;

	if (base < USER_VA_END || (base & ~PAGE_MASK) || !len ||
	    n > VDSO_MAX_PAGES || uvm.vdso_n ||
	    base + (n + 2) * PAGE_SIZE > USER_VA_TOP)
		return -EINVAL;
	if ((rc = uvm_ready()) < 0)
		return rc;
	if (!uvm.clock_pfn && !(uvm.clock_pfn = page_alloc(1)))
		return -ENOMEM;
	memset(pfn_to_virt(uvm.clock_pfn), 0, PAGE_SIZE);
	((struct pvclock_vvar *)pfn_to_virt(uvm.clock_pfn))->mono_offset =
	    time_monotonic_offset();
	for (i = 0; i < n; i++) {
		size_t off = i * PAGE_SIZE;
		size_t part = len - off < PAGE_SIZE ? len - off : PAGE_SIZE;
		pfn_t pfn = page_alloc(1);

		if (!pfn) {
			while (i--)
				page_free(uvm.vdso_pfn[i], 1);
			return -ENOMEM;
		}
		memset(pfn_to_virt(pfn), 0, PAGE_SIZE);
		memcpy(pfn_to_virt(pfn), (const char *)image + off, part);
		uvm.vdso_pfn[i] = pfn;
	}
	uvm.vdso_base = base;
	uvm.vdso_n = n;
	return map_vdso();
}

/* --- Address spaces ---------------------------------------------------- */

struct uvm_as *uvm_as_live(void)
{
	return uvm_ready() ? NULL : uvm.live;
}

void uvm_as_activate(struct uvm_as *as)
{
	if (as == uvm.live)
		return;
	arch_upt_swap(uvm.live ? uvm.live->l4e : NULL, as ? as->l4e : NULL);
	uvm.live = as;
}

static struct uvm_as *as_alloc(void)
{
	unsigned long n = (sizeof(struct uvm_as) + PAGE_SIZE - 1) >> PAGE_SHIFT;
	pfn_t pfn = page_alloc(n);
	struct uvm_as *as;

	if (!pfn)
		return NULL;
	as = pfn_to_virt(pfn);
	memset(as, 0, sizeof(*as));
	as_init(as);
	as->rec_pages = n;
	return as;
}

static void as_free(struct uvm_as *as)
{
	if (as->rec_pages)
		page_free(virt_to_pfn(as), as->rec_pages);
}

/* Give back every frame and table of the live space; it is left empty
 * and no longer live. */
static void release_live(void)
{
	struct uvm_as *as = uvm.live;

	release_pages(USER_VA_MIN, USER_VA_END); /* not the vDSO's */
	arch_upt_drop_tables();
	as->sp.n = 0;
	uvm.live = NULL;
}

void uvm_as_destroy(struct uvm_as *as)
{
	struct uvm_as *back = uvm.live == as ? NULL : uvm.live;

	if (!as)
		return;
	uvm_as_activate(as);
	release_live();
	uvm_as_activate(back);
	if (as == &first_as)
		as_init(as); /* static: reusable, never freed */
	else
		as_free(as);
}

int uvm_as_new(struct uvm_as **out)
{
	struct uvm_as *as, *back;
	int rc;

	if ((rc = uvm_ready()) < 0 && rc != -EFAULT)
		return rc;
	if (!(as = as_alloc()))
		return -ENOMEM;
	back = uvm.live;
	uvm_as_activate(as);
	rc = map_vdso();
	uvm_as_activate(back);
	if (rc < 0) {
		uvm_as_destroy(as);
		return rc;
	}
	*out = as;
	return 0;
}

/* One backed page of the parent and the copy made for the child. */
struct page_copy {
	unsigned long va;
	pfn_t pfn;
	int prot;
};

struct copy_list {
	struct page_copy *c;
	unsigned long n, max;
	bool failed;
};

static int copy_entry(unsigned long va, pfn_t pfn, int prot, void *ctx)
{
	struct copy_list *l = ctx;
	pfn_t copy;

	if (l->failed || l->n == l->max || !(copy = page_alloc(1))) {
		l->failed = true;
		return UPT_KEEP;
	}
	memcpy(pfn_to_virt(copy), pfn_to_virt(pfn), PAGE_SIZE);
	l->c[l->n++] = (struct page_copy){va, copy, prot};
	return UPT_KEEP;
}

int uvm_as_fork(struct uvm_as **out)
{
	struct uvm_as *parent, *child;
	struct copy_list l = {0};
	unsigned long i, list_pages;
	int rc = 0;

	if ((rc = uvm_ready()) < 0)
		return rc;
	parent = uvm.live;
	if (!(child = as_alloc()))
		return -ENOMEM;
	memcpy(child->vmas, parent->vmas,
	       parent->sp.n * sizeof(child->vmas[0]));
	child->sp.n = parent->sp.n;
	/* Copy every backed page now (no copy-on-write): the list of copies
	 * first, while the parent is live, then the child's tables. */
	l.max = parent->pages_backed;
	list_pages = (l.max * sizeof(*l.c) + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (list_pages) {
		pfn_t p = page_alloc(list_pages);

		if (!p) {
			as_free(child);
			return -ENOMEM;
		}
		l.c = pfn_to_virt(p);
	}
	arch_upt_update(USER_VA_MIN, USER_VA_END, copy_entry, &l);
	uvm_as_activate(child);
	for (i = 0; i < l.n && !rc; i++) {
		rc = arch_upt_map(l.c[i].va, l.c[i].pfn, l.c[i].prot);
		if (!rc)
			child->pages_backed++;
	}
	if (!rc)
		rc = map_vdso();
	uvm_as_activate(parent);
	if (l.failed && !rc)
		rc = -ENOMEM;
	if (rc) {
		/* Copies not yet in the child's tables are freed here; the
		 * rest go with the child. */
		unsigned long mapped = child->pages_backed;

		for (i = mapped; i < l.n; i++)
			page_free(l.c[i].pfn, 1);
		uvm_as_destroy(child);
	} else {
		*out = child;
	}
	if (list_pages)
		page_free(virt_to_pfn(l.c), list_pages);
	return rc;
}
