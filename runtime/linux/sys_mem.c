/*
 * Memory calls of the Linux shim: anonymous mmap (PROT_NONE reservations
 * cost address space only; pages are backed when first touched), munmap,
 * mprotect, madvise(DONTNEED/FREE) giving frames back, and the program
 * break (brk) above the highest segment. All of it is uvm
 * (<kernel/uvm.h>), which takes Linux's PROT_ and MAP_ values as they are.
 * Files map two ways: MAP_SHARED shows the file's own pages, coherent
 * with read and write (runtime/vfs_map.c); MAP_PRIVATE is a copy of the
 * file taken when mapped. msync writes back what was written through
 * shared mappings. Shared anonymous memory is an object of its own
 * (struct shm), so that a forked child shares it, as on Linux.
 */
#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/page_alloc.h>
#include <kernel/uvm.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include <runtime/fd.h>
#include <runtime/fs.h>

#include "linux_priv.h"

#define PAGE 4096ul
#define PAGE_UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FIXED_NOREPLACE 0x100000
#define PROT_BITS 0x7

/* The flags MAP_SHARED_VALIDATE checks: the ones Linux knows. */
#define MAP_KNOWN 0x1ff7fff

#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4

#define MADV_DONTNEED 4
#define MADV_FREE 8
#define MADV_REMOVE 9
/* The advice values Linux knows (0-4, 8-25; the hardware-poisoning and
 * guard ones above 100 are not offered). */
#define MADV_KNOWN 0x3ffff1fUL

#define PROT_SEM 0x8
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP 0x02000000

/* Shared anonymous memory: zeroed pages made when first touched, one
 * frame for every mapping in every process; freed with the last. */
struct shm {
	struct uvm_obj obj; /* first */
	unsigned long npg;
	pfn_t pg[];
};

static pfn_t shm_page(struct uvm_obj *obj, unsigned long pgoff, bool fault,
		      bool *dirty)
{
	struct shm *s = (struct shm *)obj;
	pfn_t pfn;

	if (pgoff >= s->npg)
		return 0;
	*dirty = true; /* never written back: writable at once */
	if (!s->pg[pgoff] && fault && (pfn = page_alloc_user(1))) {
		memset(pfn_to_virt(pfn), 0, PAGE);
		s->pg[pgoff] = pfn;
	}
	return s->pg[pgoff];
}

static void shm_dirtied(struct uvm_obj *obj __unused,
			unsigned long pgoff __unused)
{
}

static void shm_idle(struct uvm_obj *obj)
{
	struct shm *s = (struct shm *)obj;
	unsigned long i;

	for (i = 0; i < s->npg; i++)
		if (s->pg[i])
			page_free(s->pg[i], 1);
	free(s);
}

static const struct uvm_obj_ops shm_ops = {
    .page = shm_page, .dirtied = shm_dirtied, .idle = shm_idle};

static long map_shared_anon(uint64_t addr, uint64_t len, int prot, int uflags)
{
	unsigned long npg = PAGE_UP(len) / PAGE, out;
	struct shm *s;
	int rc;

	if (len > USER_VA_END)
		return -ENOMEM;
	if (!(s = calloc(1, sizeof(*s) + npg * sizeof(s->pg[0]))))
		return -ENOMEM;
	s->obj.ops = &shm_ops;
	s->npg = npg;
	rc = uvm_map_obj(addr, len, prot, uflags, &s->obj, 0, true, &out);
	if (rc < 0) {
		free(s);
		return rc;
	}
	return (long)out;
}

/* /dev/zero maps as anonymous memory. */
static bool is_dev_zero(int fd)
{
	struct stat st;

	return !fd_fstat(fd, &st) && S_ISCHR(st.st_mode) &&
	       st.st_rdev == (1 << 8 | 5); /* devfs.c's 1:5 */
}

static long copy_pread(void *ctx, void *buf, size_t n, size_t done)
{
	const long *fd_off = ctx;

	return fd_pread((int)fd_off[0], buf, n, fd_off[1] + (long)done);
}

/* A private mapping of a file: anonymous memory with the file's bytes
 * from off (zeros past its end), then the protection asked for. */
static long map_private(uint64_t addr, uint64_t len, int prot, int uflags,
			int fd, uint64_t off)
{
	unsigned long out, done = 0, need;
	struct stat st;
	long n = 0;
	int rc;

	if ((rc = fd_fstat(fd, &st)) < 0)
		return rc;
	need = (uint64_t)st.st_size > off ? (uint64_t)st.st_size - off : 0;
	need = PAGE_UP(need < len ? need : len) / PAGE;
	/* Not into the kernel's reserve (page_alloc_user()). */
	if (need > page_alloc_user_free_pages())
		return -ENOMEM;

	rc = uvm_map(addr, len, UVM_PROT_READ | UVM_PROT_WRITE, uflags, &out);
	if (rc < 0)
		return rc;
	while (done < len) {
		long fd_off[2] = {fd, (long)(off + done)};

		/* Through uio (fault-safe): the pages may find no frame. */
		n = uio_in(out + done, len - done, copy_pread, fd_off,
			   UIO_MORE | UIO_PARTIAL);
		if (n <= 0)
			break;
		done += (unsigned long)n;
	}
	if (n < 0 || (rc = uvm_protect(out, len, prot)) < 0) {
		uvm_unmap(out, len);
		return n < 0 ? (n == -EFAULT ? -ENOMEM : n) : rc;
	}
	return (long)out;
}

/* The checks of a file mapping Linux makes before it asks the file:
 * the type, the range of the file (EOVERFLOW), the fd's access mode
 * against the mapping (EACCES). */
static int file_map_check(int type, uint64_t flags, int prot, int fd,
			  uint64_t off, uint64_t len)
{
	int acc = fd_get_flags(fd) & O_ACCMODE;

	if (type == MAP_SHARED_VALIDATE && (flags & ~(uint64_t)MAP_KNOWN))
		return -EOPNOTSUPP;
	if (type != MAP_SHARED && type != MAP_PRIVATE &&
	    type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (off + PAGE_UP(len) < off || (int64_t)(off + PAGE_UP(len)) < 0)
		return -EOVERFLOW;
	if ((type != MAP_PRIVATE && (prot & UVM_PROT_WRITE) &&
	     acc == O_RDONLY) ||
	    acc == O_WRONLY)
		return -EACCES;
	return 0;
}

/* Linux's order: the offset's alignment, the fd of a file mapping
 * (EBADF), the length (EINVAL for none, ENOMEM past user memory, even
 * at a misaligned address), then the type; anonymous memory is private
 * or shared (MAP_SHARED_VALIDATE too is EINVAL there). */
LINUX_SYS(mmap)
{
	uint64_t addr = A0(r), len = A1(r), flags = A3(r), off = A5(r);
	int prot = (int)(A2(r) & PROT_BITS), fd = (int)A4(r), type, uflags = 0;
	bool anon = flags & MAP_ANONYMOUS;
	struct uvm_obj *obj;
	unsigned long out;
	bool may_write;
	int rc;

	type = (int)(flags & MAP_TYPE);
	if (off % PAGE)
		return -EINVAL;
	if (!anon && fd_get_flags(fd) < 0)
		return -EBADF;
	if (!len)
		return -EINVAL;
	if (!PAGE_UP(len) || PAGE_UP(len) > USER_VA_END)
		return -ENOMEM;
	if (flags & MAP_FIXED)
		uflags |= UVM_MAP_FIXED;
	if (flags & MAP_FIXED_NOREPLACE)
		uflags |= UVM_MAP_FIXED_NOREPLACE;
	/* A fixed address: past the end (ENOMEM), then misaligned. */
	if (uflags && addr > USER_VA_END - PAGE_UP(len))
		return -ENOMEM;
	if (uflags && addr % PAGE)
		return -EINVAL;
	if (!anon && (rc = file_map_check(type, flags, prot, fd, off, len)) < 0)
		return rc;
	if (anon || is_dev_zero(fd)) {
		/* (/dev/zero's type was checked as a file's.) */
		if (anon && type != MAP_PRIVATE && type != MAP_SHARED)
			return -EINVAL;
		if (type != MAP_PRIVATE)
			return map_shared_anon(addr, len, prot, uflags);
		rc = uvm_map(addr, len, prot, uflags, &out);
		return rc < 0 ? rc : (long)out;
	}
	rc = fs_mmap_file(fd, off, 0, false, &may_write, NULL);
	if (rc < 0)
		return rc;
	if (type == MAP_PRIVATE)
		return map_private(addr, len, prot, uflags, fd, off);
	if ((prot & UVM_PROT_WRITE) && !may_write)
		return -EACCES;
	if ((rc = fs_mmap_file(fd, off, len, true, &may_write, &obj)) < 0)
		return rc;
	rc = uvm_map_obj(addr, len, prot, uflags, obj, off, may_write, &out);
	return rc < 0 ? rc : (long)out;
}

/* msync: write back what shared mappings of files in [addr, addr+len)
 * hold. ENOMEM if part of the range is not mapped, as Linux. */
LINUX_SYS(msync)
{
	uint64_t addr = A0(r), len = PAGE_UP(A1(r)), flags = A2(r), at;
	int rc = 0;

	if (addr % PAGE ||
	    (flags & ~(uint64_t)(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	if (addr + len < addr)
		return -ENOMEM;
	if (!uvm_range_allows(addr, len, 0))
		return -ENOMEM;
	for (at = addr; at < addr + len && !rc;) {
		unsigned long end, off;
		struct uvm_obj *obj = uvm_obj_at(at, &end, &off);
		uint64_t stop = end < addr + len ? end : addr + len;

		if (!end)
			return -ENOMEM; /* a hole */
		if (!obj) {
			at = end; /* anonymous: nothing to write */
			continue;
		}
		rc = fs_msync(obj, off, stop - at, flags & MS_SYNC);
		at = stop;
	}
	return rc;
}

/* As Linux: a misaligned start, a range past the user half or one of
 * no pages is EINVAL; a range with nothing mapped is fine, the low
 * pages that are never mapped too. */
LINUX_SYS(munmap)
{
	uint64_t addr = A0(r), len = A1(r);

	if (addr % PAGE || addr > USER_VA_END || len > USER_VA_END - addr ||
	    !PAGE_UP(len))
		return -EINVAL;
	if (addr < USER_VA_MIN) {
		if (addr + len <= USER_VA_MIN)
			return 0;
		len -= USER_VA_MIN - addr;
		addr = USER_VA_MIN;
	}
	return uvm_unmap(addr, len);
}

/* Linux's order: both grow bits, the alignment, a zero length (0), a
 * range that wraps (ENOMEM), unknown bits. There are no grow-down or
 * grow-up mappings: PROT_GROWSDOWN is EINVAL when any mapping lies in
 * the range (Linux's first mapping that ends above its start begins
 * before its end) and ENOMEM when none does; PROT_GROWSUP is EINVAL
 * when the start is mapped, ENOMEM when not. */
LINUX_SYS(mprotect)
{
	uint64_t addr = A0(r), len = PAGE_UP(A1(r)), prot = A2(r);
	uint64_t grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	unsigned long end = 0, off;

	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP) || addr % PAGE)
		return -EINVAL;
	if (!A1(r))
		return 0;
	if (addr + len <= addr)
		return -ENOMEM;
	if ((prot & ~grows) & ~(uint64_t)(PROT_BITS | PROT_SEM))
		return -EINVAL;
	if (grows & PROT_GROWSDOWN)
		return uvm_range_touches(addr, len) ? -EINVAL : -ENOMEM;
	if (grows) {
		uvm_obj_at(addr, &end, &off);
		return end ? -EINVAL : -ENOMEM;
	}
	return uvm_protect(addr, len, (int)(prot & PROT_BITS));
}

/* Linux's checks: the advice, the alignment, a length that rounds to
 * nothing or wraps (EINVAL); then a range not fully mapped is ENOMEM
 * and MADV_REMOVE on memory that is no shared object EINVAL. Giving
 * pages back is done; other advice is accepted and ignored. */
LINUX_SYS(madvise)
{
	uint64_t addr = A0(r), len = PAGE_UP(A1(r)), adv = A2(r);
	unsigned long end = 0, off;

	if (adv >= 64 || !(MADV_KNOWN >> adv & 1) || addr % PAGE)
		return -EINVAL;
	if ((A1(r) && !len) || addr + len < addr)
		return -EINVAL;
	if (!len)
		return 0;
	if (adv == MADV_REMOVE && !uvm_obj_at(addr, &end, &off) && end)
		return -EINVAL;
	if (!uvm_range_allows(addr, len, 0))
		return -ENOMEM;
	if (adv == MADV_DONTNEED || adv == MADV_FREE)
		return uvm_discard(addr, len);
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
