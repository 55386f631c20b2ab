/*
 * The user address space: the mapping list (uvm_map.c) plus its page-table
 * side (arch_upt_*). Frames of anonymous memory come from the page
 * allocator when a page is first touched (uvm_fault) or populated, and go
 * back on unmap, on MAP_FIXED replacement and on discard (madvise
 * DONTNEED). PROT_NONE costs address space only. Frames of an object
 * (struct uvm_obj) are the object's: their entries carry UPT_SHARED, and
 * unmapping only clears them.
 */
#include <arch/mm.h>
#include <arch/usercopy.h>
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
	struct uvm_space sp;	    /* sp.v: vma_pages pages, or NULL */
	unsigned long pages_backed; /* anonymous frames */
	unsigned long pages_shared; /* entries showing an object's frame */
	unsigned long rec_pages; /* pages of this record (0: the static one) */
	unsigned long vma_pages;
	uint64_t l4e[USER_L4_SLOTS];
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

/* Objects whose last mapping went, told at the end of the call. */
static struct uvm_obj *idle_objs;

static void obj_ref(struct uvm_obj *obj, int delta)
{
	if (delta > 0) {
		obj->maps++;
	} else if (!--obj->maps && obj->ops->idle) {
		obj->idle_next = idle_objs;
		idle_objs = obj;
	}
}

/* The calls that remove mappings end here, once the entries are gone. */
static int tell_idle(int rc)
{
	while (idle_objs) {
		struct uvm_obj *obj = idle_objs;

		idle_objs = obj->idle_next;
		if (!obj->maps) /* not mapped again meanwhile */
			obj->ops->idle(obj);
	}
	return rc;
}

static void as_init(struct uvm_as *as)
{
	as->sp = (struct uvm_space){.lo = USER_VA_MIN,
				    .hi = USER_VA_END,
				    .pick_lo = UVM_MMAP_BASE,
				    .pick_hi = UVM_MMAP_TOP,
				    .ref = obj_ref};
	as->pages_backed = 0;
	as->pages_shared = 0;
	as->vma_pages = 0;
}

/* Room in as's list for n more VMAs (a splice adds at most 2): the list
 * doubles, up to UVM_MAX_VMAS. -ENOMEM only if no frames are left; at
 * the limit, the splice itself refuses. */
static int vma_room(struct uvm_as *as, unsigned int n)
{
	unsigned long want = as->sp.n + n, cap, pages;
	struct uvm_vma *v;
	pfn_t pfn;

	if (want <= as->sp.max || as->sp.max >= UVM_MAX_VMAS)
		return 0;
	pages = as->vma_pages ? as->vma_pages * 2 : 1;
	cap = pages * PAGE_SIZE / sizeof(struct uvm_vma);
	while (cap < want) {
		pages *= 2;
		cap = pages * PAGE_SIZE / sizeof(struct uvm_vma);
	}
	if (!(pfn = page_alloc(pages)))
		return -ENOMEM;
	v = pfn_to_virt(pfn);
	memcpy(v, as->sp.v, as->sp.n * sizeof(*v));
	if (as->vma_pages)
		page_free(virt_to_pfn(as->sp.v), as->vma_pages);
	as->sp.v = v;
	as->sp.max = cap < UVM_MAX_VMAS ? cap : UVM_MAX_VMAS;
	as->vma_pages = pages;
	return 0;
}

/* Drop every VMA of as (their object references) and free the list. */
static void vmas_free(struct uvm_as *as)
{
	unsigned int i;

	for (i = 0; i < as->sp.n; i++)
		if (as->sp.v[i].obj)
			obj_ref(as->sp.v[i].obj, -1);
	if (as->vma_pages)
		page_free(virt_to_pfn(as->sp.v), as->vma_pages);
	as->sp.v = NULL;
	as->sp.n = as->sp.max = 0;
	as->vma_pages = 0;
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

static int clear_entry(unsigned long va __unused, pfn_t pfn, int prot,
		       void *ctx __unused)
{
	if (prot & UPT_SHARED) {
		uvm.live->pages_shared--;
		return UPT_CLEAR;
	}
	page_free(pfn, 1);
	uvm.live->pages_backed--;
	return UPT_CLEAR;
}

/* Free the frames backing [start, end) (an object's are only unmapped);
 * the mappings are not touched. */
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

/* uvm_map and uvm_map_obj: nv's backing at addr (or where the kernel
 * picks). */
static int map_vma(unsigned long addr, unsigned long len, int flags,
		   struct uvm_vma *nv, unsigned long *out)
{
	bool fixed = flags & (UVM_MAP_FIXED | UVM_MAP_FIXED_NOREPLACE);
	unsigned long end;
	int rc;

	if ((nv->prot & ~PROT_ALL) || !len)
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
	nv->start = addr;
	nv->end = end;
	if ((rc = vma_room(uvm.live, 2)) || (rc = uvm_space_set_vma(SP, nv)))
		return rc;
	release_pages(addr, end);
	*out = addr;
	return tell_idle(0);
}

int uvm_map(unsigned long addr, unsigned long len, int prot, int flags,
	    unsigned long *out)
{
	struct uvm_vma nv = {.prot = prot};

	return map_vma(addr, len, flags, &nv, out);
}

/* The entry for an object's page pfn in a mapping with prot: writable
 * only once written (dirty). */
static int obj_entry_prot(int prot, bool dirty)
{
	return (dirty ? prot : prot & ~UVM_PROT_WRITE) | UPT_SHARED;
}

int uvm_map_obj(unsigned long addr, unsigned long len, int prot, int flags,
		struct uvm_obj *obj, unsigned long off, bool may_write,
		unsigned long *out)
{
	struct uvm_vma nv = {.prot = prot,
			     .flags = may_write ? 0 : UVM_VMA_NOWRITE,
			     .obj = obj,
			     .off = off};
	unsigned long va;
	int rc;

	if ((off & ~PAGE_MASK) || (!may_write && (prot & UVM_PROT_WRITE)))
		return -EINVAL;
	if ((rc = map_vma(addr, len, flags, &nv, out)))
		return rc;
	/* Show what the object has now (faults would, one by one), in
	 * batches, dirty pages writable; out of frames for a table, faults
	 * will retry. */
	for (va = nv.start; va < nv.end;) {
		unsigned long first = (off + va - nv.start) >> PAGE_SHIFT;
		unsigned long n = 0, want = 0, got;
		pfn_t clean[64], dirty[64];

		for (; n < 64 && va + n * PAGE_SIZE < nv.end; n++) {
			bool d = false;
			pfn_t pfn = obj->ops->page(obj, first + n, false, &d);

			clean[n] = d ? 0 : pfn;
			dirty[n] = d ? pfn : 0;
			want += !!pfn;
		}
		got = arch_upt_map_n(va, clean, n, obj_entry_prot(prot, false));
		got += arch_upt_map_n(va, dirty, n, obj_entry_prot(prot, true));
		uvm.live->pages_shared += got;
		if (got < want)
			break;
		va += n * PAGE_SIZE;
	}
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
	if ((rc = vma_room(uvm.live, 2)) ||
	    (rc = uvm_space_remove(SP, addr, end)))
		return rc;
	release_pages(addr, end);
	return tell_idle(0);
}

/* An object's page stays write-protected until written (uvm_fault). */
static int protect_entry(unsigned long va __unused, pfn_t pfn __unused,
			 int prot, void *ctx)
{
	int want = *(const int *)ctx;

	return prot & UPT_SHARED ? obj_entry_prot(want, false) : want;
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
	/* Each VMA in the range may be split at both edges. */
	if ((rc = vma_room(uvm.live, 2)))
		return rc;
	rc = uvm_space_protect(SP, addr, end, prot);
	if (rc == -EACCES)
		return rc;
	/* -ENOMEM: the part before the failed split has the new prot. */
	arch_upt_update(addr, end, protect_entry, &prot);
	return rc;
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
	pfn_t pfn = page_alloc_user(1); /* never the kernel's reserve */
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

/* A fault at page va of v, which shows an object and allows need: map
 * the object's page; the first write makes it writable and dirty. */
/* Fault-around of a write: the read-only entries of v's dirty pages. */
static int upgrade_dirty(unsigned long va, pfn_t pfn __unused, int prot,
			 void *ctx)
{
	const struct uvm_vma *v = ctx;
	bool dirty = false;

	if ((prot & (UPT_SHARED | UPT_WRITE)) != UPT_SHARED ||
	    !(prot & (UPT_READ | UPT_EXEC)))
		return UPT_KEEP;
	v->obj->ops->page(v->obj, (v->off + va - v->start) >> PAGE_SHIFT, false,
			  &dirty);
	return dirty ? obj_entry_prot(v->prot, true) : UPT_KEEP;
}

#define FAULT_AROUND (16 * PAGE_SIZE)

static int obj_fault(const struct uvm_vma *v, unsigned long va, int need)
{
	unsigned long pgoff = (v->off + va - v->start) >> PAGE_SHIFT;
	struct uvm_obj *obj = v->obj;
	bool write = need == UVM_PROT_WRITE, dirty = false;
	pfn_t pfn, old;
	int have = arch_upt_query(va, &old);

	if (have >= 0 && (have & need))
		return 0; /* a stale TLB entry */
	if (!(pfn = obj->ops->page(obj, pgoff, true, &dirty)))
		return -EFAULT; /* past the end of the file */
	if (have >= 0 && old != pfn)
		return -EFAULT; /* cannot happen: the object keeps frames */
	if (write) {
		obj->ops->dirtied(obj, pgoff);
		arch_upt_update(
		    MAX(v->start, ALIGN_DOWN(va, FAULT_AROUND)),
		    MIN(v->end, ALIGN_DOWN(va, FAULT_AROUND) + FAULT_AROUND),
		    upgrade_dirty, (void *)v);
	}
	if (arch_upt_map(va, pfn, obj_entry_prot(v->prot, write || dirty)))
		return -ENOMEM;
	if (have < 0)
		uvm.live->pages_shared++;
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
		if (v->obj) {
			if ((rc = obj_fault(v, va, UVM_PROT_READ)))
				return rc;
			continue;
		}
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
	if (v->obj)
		return obj_fault(v, addr & PAGE_MASK, need);
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

	/* No bytes: any lower-half address will do, NULL too (Linux's
	 * access_ok()), so that read(fd, NULL, 0) is not EFAULT. */
	if (!len)
		return addr <= USER_VA_END;
	if (!uvm.live || addr < USER_VA_MIN || addr >= USER_VA_END)
		return false;
	if (addr + len < addr || addr + len > USER_VA_END)
		return false;
	end = ALIGN_UP(addr + len, PAGE_SIZE);
	return uvm_space_covers(SP, start, end, prot);
}

bool uvm_range_touches(unsigned long addr, unsigned long len)
{
	unsigned long end = addr + len;

	if (!uvm.live || !len)
		return false;
	if (end < addr)
		end = ~0UL;
	return uvm_space_overlaps(SP, addr, end);
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
 * is paged in by the kernel-mode fault path (arch/x86_64/traps.c); one
 * that cannot be (gone, or no frame) fails the copy through its fix-up
 * (arch/x86_64/usercopy.S). */
bool user_access_ok(uint64_t addr, size_t len, bool write)
{
	return uvm_range_allows(addr, len,
				write ? UVM_PROT_WRITE : UVM_PROT_READ);
}

/* The bytes moved, or the fault's error when none were. */
static long copy_some(void *dst, const void *src, size_t len)
{
	int err = -EFAULT;
	size_t left = arch_user_copy(dst, src, len, &err);

	return left == len && len ? err : (long)(len - left);
}

bool user_range_ok(uint64_t addr, size_t len)
{
	return addr <= USER_VA_END && len <= USER_VA_END - addr;
}

/* Whether a copy may try [addr, addr+len): in the user half, above the
 * low pages that are never mapped; no bytes always (Linux's copies of
 * nothing succeed whatever the pointer). The pages are not looked up:
 * an unmapped or read-only one stops the copy through its fix-up, so a
 * range that runs into one moves the bytes before it. */
static bool copy_ok(uint64_t addr, size_t len)
{
	return !len || (user_range_ok(addr, len) && addr >= USER_VA_MIN);
}

long user_copy_from_some(void *dst, uint64_t usrc, size_t len)
{
	if (!copy_ok(usrc, len))
		return -EFAULT;
	return copy_some(dst, (const void *)usrc, len);
}

long user_copy_to_some(uint64_t udst, const void *src, size_t len)
{
	if (!copy_ok(udst, len))
		return -EFAULT;
	return copy_some((void *)udst, src, len);
}

int user_copy_from(void *dst, uint64_t usrc, size_t len)
{
	long n = user_copy_from_some(dst, usrc, len);

	return n < 0 ? (int)n : (size_t)n < len ? -EFAULT : 0;
}

int user_copy_to(uint64_t udst, const void *src, size_t len)
{
	long n = user_copy_to_some(udst, src, len);

	return n < 0 ? (int)n : (size_t)n < len ? -EFAULT : 0;
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
	vmas_free(as);
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
	tell_idle(0);
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

	if (!l->failed && l->n < l->max && (prot & UPT_SHARED)) {
		/* An object's page: the child shows the same frame. */
		l->c[l->n++] = (struct page_copy){va, pfn, prot};
		return UPT_KEEP;
	}
	if (l->failed || l->n == l->max || !(copy = page_alloc_user(1))) {
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
	if (vma_room(child, parent->sp.n)) {
		as_free(child);
		return -ENOMEM;
	}
	memcpy(child->sp.v, parent->sp.v, parent->sp.n * sizeof(*child->sp.v));
	child->sp.n = parent->sp.n;
	for (i = 0; i < child->sp.n; i++)
		if (child->sp.v[i].obj)
			obj_ref(child->sp.v[i].obj, 1);
	/* Copy every backed page now (no copy-on-write; an object's pages
	 * are shared): the list of copies first, while the parent is live,
	 * then the child's tables. */
	l.max = parent->pages_backed + parent->pages_shared;
	list_pages = (l.max * sizeof(*l.c) + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (list_pages) {
		pfn_t p = page_alloc(list_pages);

		if (!p) {
			uvm_as_destroy(child);
			return -ENOMEM;
		}
		l.c = pfn_to_virt(p);
	}
	arch_upt_update(USER_VA_MIN, USER_VA_END, copy_entry, &l);
	uvm_as_activate(child);
	for (i = 0; i < l.n; i++) {
		if ((rc = arch_upt_map(l.c[i].va, l.c[i].pfn, l.c[i].prot)))
			break;
		if (l.c[i].prot & UPT_SHARED)
			child->pages_shared++;
		else
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
		for (; i < l.n; i++)
			if (!(l.c[i].prot & UPT_SHARED))
				page_free(l.c[i].pfn, 1);
		uvm_as_destroy(child);
	} else {
		*out = child;
	}
	if (list_pages)
		page_free(virt_to_pfn(l.c), list_pages);
	return rc;
}

/* --- Objects ------------------------------------------------------------ */

struct obj_range {
	struct uvm_obj *obj;
	unsigned long pg_lo, pg_hi;
	upt_update_fn fn;
};

/* Apply r->fn to the entries of r's pages in every live mapping of
 * r->obj; true if those are all of its mappings. */
static bool obj_walk(struct obj_range *r)
{
	unsigned long seen = 0;
	unsigned int i;

	if (!uvm.live)
		return false;
	for (i = 0; i < SP->n; i++) {
		const struct uvm_vma *v = &SP->v[i];
		unsigned long lo = v->off >> PAGE_SHIFT;
		unsigned long hi = lo + ((v->end - v->start) >> PAGE_SHIFT);

		if (v->obj != r->obj)
			continue;
		seen++;
		lo = MAX(lo, r->pg_lo);
		hi = MIN(hi, r->pg_hi);
		if (lo < hi)
			arch_upt_update(v->start + (lo << PAGE_SHIFT) - v->off,
					v->start + (hi << PAGE_SHIFT) - v->off,
					r->fn, NULL);
	}
	return seen == r->obj->maps;
}

static int wrprotect_entry(unsigned long va __unused, pfn_t pfn __unused,
			   int prot, void *ctx __unused)
{
	return prot & UPT_SHARED ? prot & ~UPT_WRITE : UPT_KEEP;
}

bool uvm_obj_clean(struct uvm_obj *obj, unsigned long pg_lo,
		   unsigned long pg_hi)
{
	struct obj_range r = {obj, pg_lo, pg_hi, wrprotect_entry};

	return obj_walk(&r);
}

bool uvm_obj_cut(struct uvm_obj *obj, unsigned long pg)
{
	struct obj_range r = {obj, pg, ~0UL >> PAGE_SHIFT, clear_entry};

	return obj_walk(&r);
}

struct uvm_obj *uvm_obj_at(unsigned long va, unsigned long *end,
			   unsigned long *off)
{
	const struct uvm_vma *v;

	*end = 0;
	if (!uvm.live || !(v = uvm_space_lookup(SP, va)))
		return NULL;
	*end = v->end;
	*off = v->off + (va - v->start);
	return v->obj;
}
