/*
 * sysfuzz: generators for memory, files, sockets, processes and signals:
 * mmap and friends on a scratch area of fixed address (restored after
 * each call), openat/newfstatat/faccessat in the fixture folder, sockets
 * made fresh where a call would change their state, clone with flag sets
 * Linux refuses, signal actions and masks with bad sizes, dup3, fcntl
 * and lseek. Whatever a call creates (an fd, a mapping) goes at once.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sysfuzz.h"

static long pick(struct sf *f, const long *v, int n, const char *tag)
{
	char cls[24];
	int i = (int)sf_below(f, (uint64_t)n);

	snprintf(cls, sizeof(cls), "%s%d", tag, i);
	sf_arg(f, cls);
	return v[i];
}

/* Addresses for the memory calls: never the program's own memory. */
static long pick_addr(struct sf *f)
{
	static const long a[] = {SF_SCRATCH_ADDR,
				 SF_SCRATCH_ADDR + 1,
				 0,
				 (long)0xffff888000000000UL,
				 0x0000800000000000L,
				 SF_HOLE_ADDR};

	return pick(f, a, 6, "a");
}

static long pick_mlen(struct sf *f)
{
	static const long l[] = {0, 4096, 4097, 1L << 24, 1L << 62, -1};

	return pick(f, l, 6, "l");
}

/* The scratch area, whole and writable again. */
static void scratch_restore(void)
{
	mmap((void *)SF_SCRATCH_ADDR, SF_SCRATCH_LEN, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
}

static long c_mmap(struct sf *f)
{
	static const long prot[] = {
	    PROT_READ, PROT_READ | PROT_WRITE, 7, PROT_NONE, 0x10, -1};
	static const long fl[] = {
	    MAP_PRIVATE | MAP_ANONYMOUS,
	    MAP_SHARED | MAP_ANONYMOUS,
	    MAP_ANONYMOUS,
	    MAP_PRIVATE | MAP_SHARED | MAP_ANONYMOUS,
	    MAP_SHARED_VALIDATE | MAP_ANONYMOUS | 0x1000000,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
	    MAP_PRIVATE,
	    MAP_SHARED};
	static const long offs[] = {0, 1, 4096, -4096};
	long addr = pick_addr(f), len = pick_mlen(f);
	long pr = pick(f, prot, 6, "p"), flags = pick(f, fl, 9, "f");
	int fd = sf_fd(f);
	long r;

	if (len == 1L << 24 && addr == 0)
		len = 8192; /* MAP_FIXED over the program's own text */
	r = sf_sys(SYS_mmap, addr, len, pr, flags, fd, pick(f, offs, 4, "o"));

	f->res = SF_SIGN;
	if (r >= 0)
		munmap((void *)r, (size_t)len);
	scratch_restore();
	return r;
}

static long c_munmap(struct sf *f)
{
	long addr = pick_addr(f), len = pick_mlen(f);
	long r;

	if (len == 1L << 24 && addr != SF_SCRATCH_ADDR)
		len = 8192; /* 16 MiB from 0 would take the program */
	r = sf_sys(SYS_munmap, addr, len, 0, 0, 0, 0);
	scratch_restore();
	return r;
}

static long c_mprotect(struct sf *f)
{
	static const long prot[] = {
	    PROT_READ, PROT_READ | PROT_WRITE, PROT_NONE, 7,
	    0x8,       PROT_GROWSDOWN,	       -1};
	long addr = pick_addr(f), len = pick_mlen(f);
	long r;

	if (len == 1L << 24 && addr != SF_SCRATCH_ADDR)
		len = 8192;
	r = sf_sys(SYS_mprotect, addr, len, pick(f, prot, 7, "p"), 0, 0, 0);
	scratch_restore();
	return r;
}

static long c_madvise(struct sf *f)
{
	static const long adv[] = {
	    MADV_DONTNEED, MADV_WILLNEED, MADV_NORMAL, MADV_FREE, 99, -1,
	    MADV_REMOVE,   MADV_DONTFORK};
	long addr = pick_addr(f), len = pick_mlen(f);
	long r;

	long advice = pick(f, adv, 8, "v");

	/* Linux drops every page of a range it then calls EINVAL: a huge
	 * MADV_DONTNEED would take the program's own memory. */
	if ((len == 1L << 24 && addr != SF_SCRATCH_ADDR) ||
	    ((len == 1L << 62 || len == -1) &&
	     (advice == MADV_DONTNEED || advice == MADV_FREE ||
	      advice == MADV_REMOVE)))
		len = 8192;
	r = sf_sys(SYS_madvise, addr, len, advice, 0, 0, 0);
	scratch_restore();
	return r;
}

static long c_mremap(struct sf *f)
{
	static const long nl[] = {0, 4096, 8192, 1L << 62};
	static const long fl[] = {
	    0, MREMAP_MAYMOVE, MREMAP_FIXED, MREMAP_MAYMOVE | MREMAP_FIXED, 4,
	    8};
	static const long na[] = {0, SF_SCRATCH_ADDR + 8 * 4096, 1};
	static const long ol[] = {0, 4096, 4097, 8192};
	long addr = pick_addr(f), len = pick(f, ol, 4, "l");
	long nlen = pick(f, nl, 4, "n"), flags = pick(f, fl, 6, "f");
	long r;

	/* (No huge old length: shrinking unmaps all above the address.) */
	r = sf_sys(SYS_mremap, addr, len, nlen, flags, pick(f, na, 3, "t"), 0);
	f->res = SF_SIGN;
	if (r >= 0 && r != SF_SCRATCH_ADDR)
		munmap((void *)r, (size_t)nlen);
	scratch_restore();
	return r;
}

/* A path: NULL and the bad pointers, or a name in the fixture folder. */
static const char *pick_path(struct sf *f)
{
	static char longname[300];
	static const char *const names[] = {"f", "a", "x/y", "", ".", "s"};
	char *p = sf_ptr(f);
	char cls[8];
	int i;

	if (p != f->buf || f->raced)
		return p;
	f->args_len -= 2; /* "V": say which name instead */
	i = (int)sf_below(f, 7);
	snprintf(cls, sizeof(cls), "P%d", i);
	sf_arg(f, cls);
	if (i < 6)
		return names[i];
	memset(longname, 'n', sizeof(longname) - 1);
	return longname;
}

static int pick_dirfd(struct sf *f)
{
	if (sf_below(f, 3) == 0) {
		sf_arg(f, "cwd");
		return AT_FDCWD;
	}
	return sf_fd(f);
}

static long c_openat(struct sf *f)
{
	static const long fl[] = {
	    O_RDONLY,	 O_RDWR | O_CREAT, O_WRONLY | O_CREAT | O_EXCL,
	    O_DIRECTORY, O_PATH,	   O_TMPFILE | O_RDWR,
	    -1,		 0x40000000,	   O_RDONLY | O_TRUNC};
	static const long mode[] = {0600, 07777, -1};
	int dfd = pick_dirfd(f);
	const char *path = pick_path(f);
	long flags = pick(f, fl, 9, "f");
	long r;

	unlink("a");
	r = sf_sys(SYS_openat, dfd, (long)path, flags, pick(f, mode, 3, "m"), 0,
		   0);
	f->res = SF_SIGN;
	if (r >= 0)
		close((int)r);
	return r;
}

static long c_fstatat(struct sf *f)
{
	static const long fl[] = {0, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, -1,
				  0x10000};
	int dfd = pick_dirfd(f);
	const char *path = pick_path(f);
	void *st = sf_ptr(f);

	return sf_sys(SYS_newfstatat, dfd, (long)path, (long)st,
		      pick(f, fl, 5, "f"), 0, 0);
}

static long c_faccessat(struct sf *f)
{
	static const long mode[] = {F_OK, R_OK, 7, 8, -1};
	int dfd = pick_dirfd(f);
	const char *path = pick_path(f);

	return sf_sys(SYS_faccessat, dfd, (long)path, pick(f, mode, 5, "m"), 0,
		      0, 0);
}

/* Flag sets Linux's clone refuses whatever the other arguments: a
 * signal handler table without the memory, a thread without the
 * handlers, a shared fs with a new mount namespace, a pidfd with the
 * parent's tid, a pidfd with CLONE_DETACHED. None makes a process. */
static long c_clone(struct sf *f)
{
	static const long fl[] = {CLONE_SIGHAND | SIGCHLD,
				  CLONE_THREAD | SIGCHLD,
				  CLONE_FS | CLONE_NEWNS | SIGCHLD,
				  CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD,
				  CLONE_PIDFD | 0x00400000 | SIGCHLD,
				  CLONE_THREAD | CLONE_VM | SIGCHLD};
	long flags = pick(f, fl, 6, "f");
	void *stack = sf_ptr(f), *ptid = sf_ptr(f), *ctid = sf_ptr(f);

	return sf_sys(SYS_clone, flags, (long)stack, (long)ptid, (long)ctid,
		      (long)sf_ptr(f), 0);
}

static long c_sigaction(struct sf *f)
{
	static const long sig[] = {SIGUSR1, 0, 65, SIGKILL, SIGSTOP, 64};
	static const long size[] = {8, 0, 16, 4};
	long s = pick(f, sig, 6, "s");
	void *act = sf_sptr(f, SF_SIGACT), *old = sf_ptr(f);

	return sf_sys(SYS_rt_sigaction, s, (long)act, (long)old,
		      pick(f, size, 4, "z"), 0, 0);
}

static long c_sigprocmask(struct sf *f)
{
	static const long how[] = {SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK, 3, -1};
	static const long size[] = {8, 0, 16, 4};
	long h = pick(f, how, 5, "h");
	void *set = sf_sptr(f, SF_SIGSET), *old = sf_ptr(f);

	return sf_sys(SYS_rt_sigprocmask, h, (long)set, (long)old,
		      pick(f, size, 4, "z"), 0, 0);
}

const struct sf_call sf_sys_calls[] = {
    {"mmap", c_mmap},
    {"munmap", c_munmap},
    {"mprotect", c_mprotect},
    {"madvise", c_madvise},
    {"mremap", c_mremap},
    {"openat", c_openat},
    {"newfstatat", c_fstatat},
    {"faccessat", c_faccessat},
    {"clone", c_clone},
    {"rt_sigaction", c_sigaction},
    {"rt_sigprocmask", c_sigprocmask},
};
const int sf_sys_ncalls = sizeof(sf_sys_calls) / sizeof(sf_sys_calls[0]);
