/*
 * The vDSO Skiff gives Linux programs (AT_SYSINFO_EHDR): clock_gettime,
 * gettimeofday and time computed in user mode from Xen's PV clock, as
 * Linux's own vDSO does, so Go's nanotime() and time.Now() cost no
 * system call. It is built as a small shared object (vdso.lds), embedded
 * in the image (vdso_image.S) and mapped by the loader right after a
 * read-only view of Xen's shared_info page, the "vvar" page it reads.
 *
 * The clocks are the system calls' (sys_misc.c): the same record, read
 * by the same code (<arch/pvclock.h>, and pvclock_ns() of
 * kernel/pvclock.c, linked in here as well), so a program sees one clock
 * whichever way it asks. A clock this file does not know goes to the
 * real system call.
 */
#include <arch/pvclock.h>

#include "clock_ids.h"

#define SYS_clock_gettime 228

struct vdso_timespec {
	int64_t tv_sec, tv_nsec;
};

struct vdso_timeval {
	int64_t tv_sec, tv_usec;
};

/* The vvar page (the shared_info frame) is the page just below the
 * object's own ELF header, its first byte (start.c maps them so; the
 * linker defines __ehdr_start). Taken in asm: to C it would be an
 * access before the start of an array. */
static const volatile shared_info_t *vvar(void)
{
	unsigned long ehdr;

	__asm__("lea __ehdr_start(%%rip), %0" : "=r"(ehdr));
	return (const volatile shared_info_t *)(ehdr - 4096);
}

/* The kernel's clock page, the page below shared_info. */
static const volatile struct pvclock_vvar *clock_page(void)
{
	return (const volatile struct pvclock_vvar *)((unsigned long)vvar() -
						      4096);
}

static uint64_t xen_ns(void)
{
	return pvclock_read(&vvar()->vcpu_info[0].time);
}

static uint64_t monotonic_ns(void)
{
	return pvclock_monotonic(xen_ns(), clock_page()->mono_offset);
}

static uint64_t wall_ns(void)
{
	return pvclock_wall_base(vvar()) + xen_ns();
}

static long syscall2(long nr, long a, long b)
{
	long rc;

	__asm__ __volatile__("syscall"
			     : "=a"(rc)
			     : "a"(nr), "D"(a), "S"(b)
			     : "rcx", "r11", "memory");
	return rc;
}

/* The clocks read here (clock_ids.h sorts the ids as the system calls
 * do); -1: leave it to the system call. */
static int clock_ns(long id, uint64_t *ns)
{
	switch (linux_clock_of((unsigned long)id)) {
	case LINUX_CLOCK_WALL:
		*ns = wall_ns();
		return 0;
	case LINUX_CLOCK_MONOTONIC:
		*ns = monotonic_ns();
		return 0;
	default:
		return -1;
	}
}

int __vdso_clock_gettime(long id, struct vdso_timespec *ts);
int __vdso_clock_gettime(long id, struct vdso_timespec *ts)
{
	uint64_t ns;

	if (clock_ns(id, &ns) < 0)
		return (int)syscall2(SYS_clock_gettime, id, (long)ts);
	ts->tv_sec = (int64_t)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (int64_t)(ns % NSEC_PER_SEC);
	return 0;
}

int __vdso_gettimeofday(struct vdso_timeval *tv, void *tz);
int __vdso_gettimeofday(struct vdso_timeval *tv, void *tz)
{
	uint64_t ns;

	(void)tz; /* as the system call: no time zone is kept */
	if (tv) {
		ns = wall_ns();
		tv->tv_sec = (int64_t)(ns / NSEC_PER_SEC);
		tv->tv_usec = (int64_t)(ns % NSEC_PER_SEC / 1000);
	}
	return 0;
}

long __vdso_time(long *t);
long __vdso_time(long *t)
{
	long s = (long)(wall_ns() / NSEC_PER_SEC);

	if (t)
		*t = s;
	return s;
}

/* One vCPU, one NUMA node. */
long __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *cache);
long __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *cache)
{
	(void)cache;
	if (cpu)
		*cpu = 0;
	if (node)
		*node = 0;
	return 0;
}
