/*
 * Memory calls of the Linux shim: anonymous mmap (PROT_NONE reservations
 * cost address space only; pages are backed when first touched), munmap,
 * mprotect, madvise(DONTNEED/FREE) giving frames back, and the program
 * break (brk) above the highest segment. All of it is uvm
 * (<kernel/uvm.h>), which takes Linux's PROT_ and MAP_ values as they are.
 */
#include <kernel/errno.h>
#include <kernel/uvm.h>

#include "linux_priv.h"

#define PAGE 4096ul
#define PAGE_UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FIXED_NOREPLACE 0x100000
#define PROT_BITS 0x7

#define MADV_DONTNEED 4
#define MADV_FREE 8

/* Files cannot be mapped (Go and musl map anonymous memory only). */
LINUX_SYS(mmap)
{
	uint64_t addr = A0(r), len = A1(r), prot = A2(r), flags = A3(r);
	unsigned long out;
	int uflags = 0, rc;

	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV;
	if (!(flags & (MAP_SHARED | MAP_PRIVATE)) || !len)
		return -EINVAL;
	if (flags & MAP_FIXED)
		uflags |= UVM_MAP_FIXED;
	if (flags & MAP_FIXED_NOREPLACE)
		uflags |= UVM_MAP_FIXED_NOREPLACE;
	rc = uvm_map(addr, len, (int)(prot & PROT_BITS), uflags, &out);
	return rc < 0 ? rc : (long)out;
}

LINUX_SYS(munmap)
{
	if (A0(r) % PAGE || !A1(r))
		return -EINVAL;
	return uvm_unmap(A0(r), A1(r));
}

LINUX_SYS(mprotect)
{
	if (A0(r) % PAGE)
		return -EINVAL;
	return uvm_protect(A0(r), A1(r), (int)(A2(r) & PROT_BITS));
}

/* Advice other than giving pages back is accepted and ignored. */
LINUX_SYS(madvise)
{
	if (A0(r) % PAGE)
		return -EINVAL;
	if (A2(r) == MADV_DONTNEED || A2(r) == MADV_FREE)
		return uvm_discard(A0(r), PAGE_UP(A1(r)));
	return 0;
}

/* Which pages of [addr, addr+len) have a frame: one byte a page, bit 0
 * set for a backed page (Linux's answer for anonymous memory). A hole in
 * the range is ENOMEM, as on Linux; the bytes before it are written. */
LINUX_SYS(mincore)
{
	uint64_t addr = A0(r), len = A1(r), vec = A2(r), pages, i;
	unsigned char buf[256];
	size_t n = 0;
	int rc = 0;

	if (addr % PAGE)
		return -EINVAL;
	if (addr + len < addr || addr + len > USER_VA_END)
		return -ENOMEM;
	pages = PAGE_UP(len) / PAGE;
	for (i = 0; i < pages && rc >= 0; i++) {
		if ((rc = uvm_resident(addr + i * PAGE)) < 0)
			break;
		buf[n++] = (unsigned char)rc;
		if (n == sizeof(buf) || i + 1 == pages) {
			if (user_copy_to(vec + i + 1 - n, buf, n) < 0)
				return -EFAULT;
			n = 0;
		}
	}
	if (n && user_copy_to(vec + i - n, buf, n) < 0)
		return -EFAULT;
	return rc < 0 ? -ENOMEM : 0;
}

/* The break moves in whole pages above brk_start; a request that cannot
 * be met leaves it where it was (Linux returns the old break then). */
LINUX_SYS(brk)
{
	struct linux_proc *p = linux_proc_self();
	uint64_t want = A0(r), have = PAGE_UP(p->brk_cur), need;
	unsigned long out;

	if (want < p->brk_start || want >= USER_VA_END)
		return (long)p->brk_cur;
	need = PAGE_UP(want);
	if (need > have &&
	    uvm_map(have, need - have, UVM_PROT_READ | UVM_PROT_WRITE,
		    UVM_MAP_FIXED_NOREPLACE, &out) < 0)
		return (long)p->brk_cur;
	if (need < have)
		uvm_unmap(need, have - need);
	p->brk_cur = want;
	return (long)want;
}
