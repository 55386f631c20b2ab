/*
 * The user address space: anonymous mappings in the lower half, backed on
 * demand. There may be several address spaces (processes: fork copies one,
 * exec starts an empty one), one of them live at a time; the calls below
 * act on the live one, which the scheduler makes that of the running
 * thread (thread->uvm; kernel threads, with none, leave it as it is). The kernel maps the same
 * lower half, so kernel and runtime code read and write user memory
 * directly (see user_access_ok() in <kernel/user.h>).
 *
 * Protection and flag values are Linux's, so a system-call shim passes
 * them through. All calls run in thread context and return 0 or a
 * negative errno.
 */
#ifndef KERNEL_UVM_H
#define KERNEL_UVM_H

#include <kernel/types.h>

/* Protection bits (PROT_*). PROT_NONE (0) reserves address space only. */
#define UVM_PROT_READ 0x1
#define UVM_PROT_WRITE 0x2
#define UVM_PROT_EXEC 0x4

/* Flags (MAP_*). Without a FIXED flag, addr is a hint: used if the whole
 * range is free, else the kernel picks an address top-down below
 * UVM_MMAP_TOP. Other Linux MAP_ bits are ignored by uvm. */
#define UVM_MAP_FIXED 0x10		 /* replace what is there */
#define UVM_MAP_FIXED_NOREPLACE 0x100000 /* -EEXIST if anything is there */

/* Kernel-chosen addresses lie in [UVM_MMAP_BASE, UVM_MMAP_TOP); fixed
 * mappings anywhere in [USER_VA_MIN, USER_VA_END) of <kernel/user.h>. */
#define UVM_MMAP_BASE 0x10000000UL
#define UVM_MMAP_TOP 0x7f0000000000UL

/* The most mappings (VMAs) at once (Linux's default vm.max_map_count);
 * a call that would need more fails with -ENOMEM and changes nothing.
 * The list grows as needed. */
#define UVM_MAX_VMAS 65530

/* Map len bytes (rounded up to pages) of zero-filled anonymous memory with
 * protection prot; *out gets the address. Nothing is backed until touched
 * (or uvm_populate()). -EINVAL: unaligned addr with a FIXED flag, zero
 * length, wrap-around, outside the lower half, unknown prot bits;
 * -EEXIST: FIXED_NOREPLACE over a mapping; -ENOMEM: no room or too many
 * mappings. */
int uvm_map(unsigned long addr, unsigned long len, int prot, int flags,
	    unsigned long *out);

/* Remove the mappings in [addr, addr+len) (splitting at the edges) and
 * free their frames. Unmapped holes in the range are fine. */
int uvm_unmap(unsigned long addr, unsigned long len);

/* Change the protection of [addr, addr+len), which must be fully mapped
 * (-ENOMEM otherwise, as Linux). Backed pages keep their contents. */
int uvm_protect(unsigned long addr, unsigned long len, int prot);

/* madvise(MADV_DONTNEED): free the frames backing [addr, addr+len); the
 * mappings stay and read zeros when next touched. */
int uvm_discard(unsigned long addr, unsigned long len);

/* Back [addr, addr+len) now (mapped ranges only; -ENOMEM when frames run
 * out, -EFAULT for a hole). For the loader, which copies segments in. */
int uvm_populate(unsigned long addr, unsigned long len);

/* Demand paging: resolve a fault at addr with the x86 page-fault error
 * code error (bit 1 write, bit 4 instruction fetch). Returns 0 when the
 * page is now backed and allows the access (retry it), -EFAULT when no
 * mapping allows it (no VMA, PROT_NONE, write to read-only), -ENOMEM when
 * no frame is left. Safe in fault context (does not block). */
int uvm_fault(unsigned long addr, unsigned long error);

/* True if [addr, addr+len) is covered by mappings allowing prot (every bit
 * of prot). len 0 is fine anywhere in the lower half. */
bool uvm_range_allows(unsigned long addr, unsigned long len, int prot);

/* True if some mapping lies in [addr, addr+len) (a part is enough). */
bool uvm_range_touches(unsigned long addr, unsigned long len);

/* mincore: 1 if the page at va is backed by a frame, 0 if it is mapped
 * but not yet touched (or discarded), -ENOMEM if no mapping covers it. */
int uvm_resident(unsigned long va);

/*
 * Mappings of an object's pages (a file's, runtime/vfs_map.c; shared
 * anonymous memory, runtime/linux/sys_mem.c): every mapping of the same
 * page shows the same frame, in every address space. The object lends
 * its frames; uvm never frees them. page() must not block (it runs in
 * the fault path); fault says whether a fault asks (the object may make
 * the page then) or a new mapping looks (only pages it has). A page is mapped read-only until
 * it is dirty: the first write through a writable mapping calls
 * dirtied(), and that fault makes the dirty pages of its 64 KiB around
 * writable too (a page mapped many times faults once per mapping, not
 * once per page); uvm_obj_clean() write-protects them again. uvm counts
 * the mappings (maps) and calls idle() when the last one has gone, its
 * entries cleared (at the end of the call that removed it; idle must not
 * block).
 */
struct uvm_obj;
struct uvm_obj_ops {
	/* The frame of page pgoff (0: none) and whether it is dirty. */
	pfn_t (*page)(struct uvm_obj *obj, unsigned long pgoff, bool fault,
		      bool *dirty);
	void (*dirtied)(struct uvm_obj *obj, unsigned long pgoff);
	void (*idle)(struct uvm_obj *obj);
};
struct uvm_obj {
	const struct uvm_obj_ops *ops;
	unsigned long maps;	   /* VMAs showing it, in all address spaces */
	struct uvm_obj *idle_next; /* uvm's: waiting for its idle() call */
};

/* As uvm_map(), showing obj from byte offset off (page aligned) on. The
 * pages obj has are mapped at once (read-only); a page it has not (past
 * the end of a file) faults as a hole. !may_write: mprotect cannot add
 * PROT_WRITE later (-EACCES). */
int uvm_map_obj(unsigned long addr, unsigned long len, int prot, int flags,
		struct uvm_obj *obj, unsigned long off, bool may_write,
		unsigned long *out);

/* Write-protect obj's pages [pg_lo, pg_hi) in the live space's mappings,
 * so that the next write through one calls dirtied() again. False if
 * obj is also mapped in a space that is not live (left as it is: the
 * caller must keep treating its pages as dirty). */
bool uvm_obj_clean(struct uvm_obj *obj, unsigned long pg_lo,
		   unsigned long pg_hi);

/* Unmap obj's pages from pg on (a file cut short) in the live space's
 * mappings: touching them faults. False as for uvm_obj_clean(). */
bool uvm_obj_cut(struct uvm_obj *obj, unsigned long pg);

/* The mapping at va: its end in *end (0: none there) and, if it shows an
 * object, the object (returned) and the byte offset of va in it in *off;
 * NULL for anonymous memory. For msync. */
struct uvm_obj *uvm_obj_at(unsigned long va, unsigned long *end,
			   unsigned long *off);

struct uvm_stats {
	unsigned long pages_backed; /* frames mapped for user memory */
	unsigned long pt_pages;	    /* page-table frames for the lower half */
	unsigned long vmas;	    /* mappings */
	unsigned long bytes_mapped; /* address space in mappings */
};
void uvm_stats(struct uvm_stats *s);

/* Around a suspend: the vDSO's view of shared_info (a frame outside the
 * p2m) is taken out of the live space's page tables, then put back with
 * the frame shared_info has now, and the clock page gets the monotonic
 * clock's new offset. */
void uvm_suspend(void);
void uvm_resume(void);

/* The vDSO (runtime/linux/vdso.c): a clock page of the kernel's
 * (struct pvclock_vvar, <arch/pvclock.h>) read-only at base, Xen's
 * shared_info frame read-only at base + 1 page (the two "vvar" pages,
 * where it reads the clock), then len bytes of image copied into fresh
 * read-and-execute pages from base + 2 pages. base lies in
 * [USER_VA_END, USER_VA_TOP), outside every mapping: the pages stay for
 * the domain's life, and uvm_map/unmap cannot touch them. 0, -EINVAL or
 * -ENOMEM (a partial map is left; the caller gives up). */
int uvm_map_vdso(unsigned long base, const void *image, size_t len);

/* Address spaces. The first is created on first use and is live. */
struct uvm_as;
/* The live space (NULL if none: the caller's was destroyed). */
struct uvm_as *uvm_as_live(void);
/* Make as live (NULL: an empty lower half). Its threads only: the
 * scheduler does it on every switch to a thread whose uvm differs. */
void uvm_as_activate(struct uvm_as *as);
/* A copy of the live space: the same mappings, every backed page copied
 * (no copy-on-write), the vDSO shared. 0 or -ENOMEM (nothing left). */
int uvm_as_fork(struct uvm_as **out);
/* An empty space with only the vDSO. 0 or -ENOMEM. */
int uvm_as_new(struct uvm_as **out);
/* Free every frame and page table of as, live or not. If it was live,
 * no space is live afterwards; otherwise the live one stays. */
void uvm_as_destroy(struct uvm_as *as);

/* The top-level page table user mode runs on (machine address for
 * MMUEXT_NEW_USER_BASEPTR); set up on first use. 0 if out of memory. */
unsigned long uvm_user_l4_maddr(void);

#endif
