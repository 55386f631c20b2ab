/*
 * The vDSO Skiff gives Linux programs (AT_SYSINFO_EHDR): clock_gettime,
 * gettimeofday and time computed in user mode from Xen's PV clock, as
 * Linux's own vDSO does, so Go's nanotime() and time.Now() cost no
 * system call. It is built as a small shared object (vdso.lds), embedded
 * in the image (vdso_image.S) and mapped by the loader right after a
 * read-only view of Xen's shared_info page, the "vvar" page it reads.
 *
 * The clocks are the system calls' (sys_misc.c): the same record, the
 * same arithmetic (pvclock_ns() of kernel/pvclock.c, linked in here as
 * well), so a program sees one clock whichever way it asks. A clock
 * this file does not know goes to the real system call.
 */
#include <arch/xen.h>
#include <kernel/time.h>

#define NSEC 1000000000ULL
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

static inline void rmb(void)
{
	/* Compiler barrier: x86 does not reorder loads with loads. */
	__asm__ __volatile__("" ::: "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* arch/x86_64/time.c's time_monotonic_ns(), from user mode. */
static uint64_t monotonic_ns(void)
{
	const volatile struct vcpu_time_info *t = &vvar()->vcpu_info[0].time;
	uint32_t version, mul;
	uint64_t stamp, sys, tsc;
	int8_t shift;

	do {
		version = t->version;
		rmb();
		stamp = t->tsc_timestamp;
		sys = t->system_time;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		tsc = rdtsc();
		rmb();
	} while ((version & 1) || version != t->version);
	return pvclock_ns(sys, stamp, tsc, mul, shift);
}

/* time_wall_ns(): the wall clock at boot plus monotonic time. */
static uint64_t wall_ns(void)
{
	const volatile shared_info_t *s = vvar();
	uint32_t version;
	uint64_t sec, nsec;

	do {
		version = s->wc_version;
		rmb();
		sec = s->wc_sec | ((uint64_t)s->xen_wc_sec_hi << 32);
		nsec = s->wc_nsec;
		rmb();
	} while ((version & 1) || version != s->wc_version);
	return sec * NSEC + nsec + monotonic_ns();
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

/* Linux's clock ids, as sys_misc.c's clock_now() sorts them. */
static int clock_ns(long id, uint64_t *ns)
{
	switch (id) {
	case 0:	 /* CLOCK_REALTIME */
	case 5:	 /* CLOCK_REALTIME_COARSE */
	case 11: /* CLOCK_TAI */
		*ns = wall_ns();
		return 0;
	case 1: /* CLOCK_MONOTONIC */
	case 4: /* CLOCK_MONOTONIC_RAW */
	case 6: /* CLOCK_MONOTONIC_COARSE */
	case 7: /* CLOCK_BOOTTIME */
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
	ts->tv_sec = (int64_t)(ns / NSEC);
	ts->tv_nsec = (int64_t)(ns % NSEC);
	return 0;
}

int __vdso_gettimeofday(struct vdso_timeval *tv, void *tz);
int __vdso_gettimeofday(struct vdso_timeval *tv, void *tz)
{
	uint64_t ns;

	(void)tz; /* as the system call: no time zone is kept */
	if (tv) {
		ns = wall_ns();
		tv->tv_sec = (int64_t)(ns / NSEC);
		tv->tv_usec = (int64_t)(ns % NSEC / 1000);
	}
	return 0;
}

long __vdso_time(long *t);
long __vdso_time(long *t)
{
	long s = (long)(wall_ns() / NSEC);

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
