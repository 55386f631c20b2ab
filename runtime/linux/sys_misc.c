/*
 * Time, identity, limits and the rest of the small calls of the Linux
 * shim. Clocks come from the PV clock (monotonic) and Xen's wall clock;
 * the CPU-time clocks report monotonic time (one vCPU, one process).
 * getrusage, times and /proc/self/stat report the vCPU's running time
 * as Xen accounts it (the whole domain: the program and the kernel
 * working for it), all of it as user time.
 * getrandom() and AT_RANDOM come from the kernel's cryptographic
 * generator (<kernel/random.h>, docs/random.md).
 */
#include <stdio.h>
#include <string.h>

#include <arch/hypercall.h>
#include <kernel/errno.h>
#include <kernel/page_alloc.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <kernel/user.h>
#include <kernel/uvm.h>
#include <xen/vcpu.h>

#include <runtime/fd.h>
#include <runtime/sysfile.h>

#include "clock_ids.h"
#include "linux_priv.h"

#define NSEC 1000000000ull

int linux_timespec_ns(uint64_t uts, uint64_t *ns)
{
	int64_t ts[2];

	if (user_copy_from(ts, uts, sizeof(ts)) < 0)
		return -EFAULT;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= (int64_t)NSEC)
		return -EINVAL;
	/* Saturated: a timeout of centuries waits "forever", not wraps. */
	if (ts[0] >= INT64_MAX / (int64_t)NSEC - 1)
		*ns = INT64_MAX;
	else
		*ns = (uint64_t)ts[0] * NSEC + (uint64_t)ts[1];
	return 0;
}

uint64_t linux_deadline(uint64_t ns)
{
	uint64_t now = time_monotonic_ns();

	return ns >= (uint64_t)INT64_MAX - now ? (uint64_t)INT64_MAX : now + ns;
}

static int put_timespec(uint64_t uts, uint64_t ns)
{
	int64_t ts[2] = {(int64_t)(ns / NSEC), (int64_t)(ns % NSEC)};

	return user_copy_to(uts, ts, sizeof(ts));
}

#define TIMER_ABSTIME 1

/* Now on clock id, or -EINVAL. */
static int clock_now(uint64_t id, uint64_t *ns)
{
	switch (linux_clock_of(id)) {
	case LINUX_CLOCK_WALL:
		*ns = time_wall_ns();
		return 0;
	case LINUX_CLOCK_MONOTONIC:
	case LINUX_CLOCK_CPUTIME:
		*ns = time_monotonic_ns();
		return 0;
	default:
		return -EINVAL;
	}
}

LINUX_SYS(clock_gettime)
{
	uint64_t ns;
	int rc = clock_now(A0(r), &ns);

	return rc < 0 ? rc : put_timespec(A1(r), ns);
}

LINUX_SYS(clock_getres)
{
	uint64_t ns;
	int rc = clock_now(A0(r), &ns);

	if (rc < 0 || !A1(r))
		return rc;
	return put_timespec(A1(r), 1);
}

LINUX_SYS(gettimeofday)
{
	uint64_t ns = time_wall_ns();
	int64_t tv[2] = {(int64_t)(ns / NSEC), (int64_t)(ns % NSEC / 1000)};

	if (A0(r) && user_copy_to(A0(r), tv, sizeof(tv)) < 0)
		return -EFAULT;
	return 0;
}

LINUX_SYS(time)
{
	int64_t s = (int64_t)(time_wall_ns() / NSEC);

	if (A0(r) && user_copy_to(A0(r), &s, sizeof(s)) < 0)
		return -EFAULT;
	return s;
}

/* Sleep for ns; a signal ends it early with -EINTR and the time left
 * written to urem (if not 0). */
static long sleep_ns(uint64_t ns, uint64_t urem)
{
	uint64_t now, end = linux_deadline(ns);
	struct {
		int64_t sec, nsec;
	} rem;

	if (!ns || wq_wait_intr(NULL, end) != -EINTR)
		return 0;
	now = time_monotonic_ns();
	ns = end > now ? end - now : 0;
	rem.sec = (int64_t)(ns / NSEC);
	rem.nsec = (int64_t)(ns % NSEC);
	if (urem && user_copy_to(urem, &rem, sizeof(rem)) < 0)
		return -EFAULT;
	return -EINTR;
}

LINUX_SYS(nanosleep)
{
	uint64_t ns;
	int rc = linux_timespec_ns(A0(r), &ns);

	return rc < 0 ? rc : sleep_ns(ns, A1(r));
}

/* Whether clock id can sleep, as Linux's clock_nanosleep sees it before
 * it reads the request: 0, -EINVAL (no such clock), -EOPNOTSUPP (a
 * clock without sleeps: a thread's CPU time, the raw and coarse ones),
 * or 1 for a negative id (another process's or thread's CPU clock, or a
 * clock fd's), which Linux refuses only after the request was read. */
static int nsleep_clock(int id)
{
	if (id < 0)
		return 1;
	switch (id) {
	case CLOCK_THREAD_CPUTIME_ID:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		return -EOPNOTSUPP;
	default:
		return linux_clock_of((unsigned long)id) == LINUX_CLOCK_NONE
			   ? -EINVAL
			   : 0;
	}
}

LINUX_SYS(clock_nanosleep)
{
	uint64_t ns, now = 0;
	int rc, clk = nsleep_clock((int)A0(r));

	if (clk < 0)
		return clk;
	if ((rc = linux_timespec_ns(A2(r), &ns)) < 0)
		return rc;
	if (clk > 0 || (rc = clock_now((uint64_t)(int)A0(r), &now)) < 0)
		return -EINVAL;
	if (A1(r) & TIMER_ABSTIME)
		return sleep_ns(ns > now ? ns - now : 0, 0);
	return sleep_ns(ns, A3(r));
}

LINUX_SYS(getpid)
{
	(void)r;
	return linux_proc_self()->pid;
}

LINUX_SYS(getppid)
{
	const struct linux_proc *parent = linux_proc_self()->parent;

	(void)r;
	return parent ? parent->pid : 0;
}

/* Also geteuid, getgid, getegid: root. */
LINUX_SYS(getuid)
{
	(void)r;
	return 0;
}

LINUX_SYS(ok)
{
	(void)r;
	return 0;
}

#define RLIMIT_STACK 3
#define RLIMIT_NOFILE 7
#define RLIMIT_SIGPENDING 11
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0ull)
#define LINUX_STACK_LIMIT (8ull << 20)
#define LINUX_NOFILE FD_MAX /* the runtime's fd table */
/* Real-time signal instances queued at once (signal.c enforces it);
 * Linux sizes it from the memory, this is a few hundred kilobytes. */
#define LINUX_SIGPENDING 4096

/* The limits as set (soft, hard). Nothing enforces them but
 * RLIMIT_SIGPENDING (signal.c) and the fd table's size, which is RLIMIT_NOFILE's ceiling (Linux's nr_open):
 * a hard limit above it is EPERM, as on Linux past nr_open. */
static uint64_t limits[RLIM_NLIMITS][2];
static bool limits_set;

static int get_limit(uint64_t res, uint64_t lim[2])
{
	unsigned int i;

	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (!limits_set) {
		for (i = 0; i < RLIM_NLIMITS; i++)
			limits[i][0] = limits[i][1] =
			    i == RLIMIT_NOFILE	     ? LINUX_NOFILE
			    : i == RLIMIT_STACK	     ? LINUX_STACK_LIMIT
			    : i == RLIMIT_SIGPENDING ? LINUX_SIGPENDING
						     : RLIM_INFINITY;
		limits_set = true;
	}
	lim[0] = limits[res][0];
	lim[1] = limits[res][1];
	return 0;
}

uint64_t linux_sigpending_limit(void)
{
	uint64_t lim[2];

	get_limit(RLIMIT_SIGPENDING, lim);
	return lim[0];
}

uint64_t linux_nofile_limit(void)
{
	uint64_t lim[2];

	get_limit(RLIMIT_NOFILE, lim);
	return lim[0];
}

static int set_limit(uint64_t res, uint64_t unew)
{
	uint64_t lim[2], cur[2];
	int rc;

	if ((rc = get_limit(res, cur)) < 0)
		return rc;
	if (user_copy_from(lim, unew, sizeof(lim)) < 0)
		return -EFAULT;
	if (lim[0] > lim[1])
		return -EINVAL;
	if (res == RLIMIT_NOFILE && lim[1] > LINUX_NOFILE)
		return -EPERM;
	limits[res][0] = lim[0];
	limits[res][1] = lim[1];
	return 0;
}

LINUX_SYS(getrlimit)
{
	uint64_t lim[2];
	int rc = get_limit(A0(r), lim);

	return rc < 0 ? rc : user_copy_to(A1(r), lim, sizeof(lim));
}

LINUX_SYS(setrlimit)
{
	return set_limit(A0(r), A1(r));
}

/* Of this process only (pid 0 or 1); the old limits first, then the new
 * ones, as Linux does. */
LINUX_SYS(prlimit64)
{
	uint64_t lim[2];
	int rc;

	if (A0(r) != 0 && A0(r) != 1)
		return -ESRCH;
	if ((rc = get_limit(A1(r), lim)) < 0)
		return rc;
	if (A2(r) && (rc = set_limit(A1(r), A2(r))) < 0)
		return rc;
	if (A3(r) && user_copy_to(A3(r), lim, sizeof(lim)) < 0)
		return -EFAULT;
	return 0;
}

/* The node name is the host name: the domain's name. */
LINUX_SYS(uname)
{
	const char *f[6] = {"Linux", sysfile_hostname(), "6.1.0-skiff",
			    "Skiff", "x86_64",		 "(none)"};
	char u[6][65];
	unsigned int i;

	memset(u, 0, sizeof(u));
	for (i = 0; i < 6; i++)
		snprintf(u[i], sizeof(u[i]), "%s", f[i]);
	return user_copy_to(A0(r), u, sizeof(u));
}

/* getrandom()'s flags (<linux/random.h>). */
#define GRND_NONBLOCK 0x1
#define GRND_RANDOM 0x2
#define GRND_INSECURE 0x4
/* Linux's cap on one read or write, MAX_RW_COUNT. */
#define GETRANDOM_MAX 0x7ffff000ull
/* Bytes between yields, so that a huge request does not hold the only
 * vCPU. */
#define GETRANDOM_YIELD (64 * 1024)
/* How often a large read looks for a signal. */
#define GETRANDOM_PAGE 4096

/* The generator is always seeded (its first use seeds it at once), so
 * no flag ever blocks or changes the bytes, as on a Linux whose pool is
 * ready: GRND_RANDOM no longer draws from a separate pool there either.
 * The checks are Linux's: unknown flags, and GRND_INSECURE with
 * GRND_RANDOM, are EINVAL. A fault or a signal after some bytes returns
 * their count, as Linux does. */
LINUX_SYS(getrandom)
{
	uint64_t len = A1(r), done = 0, flags = A2(r);
	unsigned char chunk[256];
	size_t n;

	if (flags & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_RANDOM | GRND_INSECURE)) ==
	    (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if (len > GETRANDOM_MAX)
		len = GETRANDOM_MAX;
	if (!user_range_ok(A0(r), len)) /* Linux's access_ok, len 0 too */
		return -EFAULT;
	while (done < len) {
		long put;

		/* A signal for the caller stops a large read at a page
		 * boundary with the bytes so far (EINTR before any), as
		 * Linux does; reads of up to 256 bytes always complete. */
		if (len > sizeof(chunk) && done % GETRANDOM_PAGE == 0 &&
		    thread_current()->user_work)
			return done ? (long)done : -EINTR;
		n = len - done < sizeof(chunk) ? (size_t)(len - done)
					       : sizeof(chunk);
		random_bytes(chunk, n);
		put = user_copy_to_some(A0(r) + done, chunk, n);
		if (put < 0 || (size_t)put < n) {
			/* The bytes up to the fault count, as on Linux. */
			memset(chunk, 0, sizeof(chunk));
			done += put > 0 ? (uint64_t)put : 0;
			return done ? (long)done : -EFAULT;
		}
		done += n;
		if (done % GETRANDOM_YIELD == 0 && done < len)
			thread_yield();
	}
	memset(chunk, 0, sizeof(chunk));
	return (long)done;
}

/* glibc registers restartable sequences at start and takes ENOSYS as
 * "not offered"; it asks once per thread, so the console line of an
 * unknown call would only be noise. */
LINUX_SYS(nosys_quiet)
{
	(void)r;
	return -ENOSYS;
}

/* --- CPU time, memory, the process's identity ---------------------------- */

/* Xen's account of vCPU 0 (the domain has one). */
static bool runstate(struct vcpu_runstate_info *rs)
{
	memset(rs, 0, sizeof(*rs));
	return HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, rs) == 0;
}

uint64_t linux_cpu_ns(void)
{
	struct vcpu_runstate_info rs;

	uint64_t now = time_monotonic_ns();

	if (!runstate(&rs))
		return now;
	/* The current stretch of running is not in time[] yet. */
	return rs.time[RUNSTATE_running] +
	       (rs.state == RUNSTATE_running && now > rs.state_entry_time
		    ? now - rs.state_entry_time
		    : 0);
}

/* Xen's clock counts from the host's boot; the vCPU's four states
 * together from the domain's start, which is Linux's uptime. */
uint64_t linux_uptime_ns(void)
{
	struct vcpu_runstate_info rs;
	uint64_t now = time_monotonic_ns(), t = 0;
	int i;

	if (!runstate(&rs))
		return now;
	for (i = 0; i < 4; i++)
		t += rs.time[i];
	return t + (now > rs.state_entry_time ? now - rs.state_entry_time : 0);
}

uint64_t linux_idle_ns(void)
{
	struct vcpu_runstate_info rs;

	return runstate(&rs) ? rs.time[RUNSTATE_blocked] : 0;
}

unsigned long linux_minor_faults(void)
{
	struct user_stats s;

	user_stats(&s);
	return (unsigned long)s.faults_paged;
}

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

/* Linux's struct rusage on x86-64: two timevals, 14 longs. */
struct linux_rusage {
	int64_t utime[2], stime[2];
	int64_t maxrss, ixrss, idrss, isrss, minflt, majflt, nswap;
	int64_t inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};
_Static_assert(sizeof(struct linux_rusage) == 144, "Linux x86-64 rusage");

/* RUSAGE_THREAD gets the process's figures: there is no per-thread
 * account. Children: there are none. */
LINUX_SYS(getrusage)
{
	struct linux_rusage u;
	int64_t who = (int64_t)A0(r);
	uint64_t cpu;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN &&
	    who != RUSAGE_THREAD)
		return -EINVAL;
	memset(&u, 0, sizeof(u));
	if (who != RUSAGE_CHILDREN) {
		struct uvm_stats vs;

		cpu = linux_cpu_ns();
		u.utime[0] = (int64_t)(cpu / NSEC);
		u.utime[1] = (int64_t)(cpu % NSEC / 1000);
		uvm_stats(&vs);
		u.maxrss = (int64_t)(vs.pages_backed * 4); /* kB, now */
		u.minflt = (int64_t)linux_minor_faults();
	}
	return user_copy_to(A1(r), &u, sizeof(u));
}

#define USER_HZ 100

/* Clock ticks since boot; the process's CPU time as user time. */
LINUX_SYS(times)
{
	int64_t t[4] = {(int64_t)(linux_cpu_ns() / (NSEC / USER_HZ)), 0, 0, 0};

	if (A0(r) && user_copy_to(A0(r), t, sizeof(t)) < 0)
		return -EFAULT;
	return (long)(linux_uptime_ns() / (NSEC / USER_HZ));
}

/* Linux's struct sysinfo on x86-64. */
struct linux_sysinfo {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
	char reserved[4];
};
_Static_assert(sizeof(struct linux_sysinfo) == 112, "Linux x86-64 sysinfo");

/* Memory is the page allocator's (the domain's RAM less the kernel);
 * procs counts the program's threads; no load figures (0). */
LINUX_SYS(sysinfo)
{
	struct linux_sysinfo si;

	memset(&si, 0, sizeof(si));
	si.uptime = (int64_t)((linux_uptime_ns() + NSEC - 1) / NSEC);
	si.totalram = (uint64_t)page_alloc_total_pages() * 4096;
	si.freeram = (uint64_t)page_alloc_free_pages() * 4096;
	si.procs = (uint16_t)linux_thread_count();
	si.mem_unit = 1;
	return user_copy_to(A0(r), &si, sizeof(si));
}

static unsigned int umask_bits = 022;

unsigned int linux_umask(void)
{
	return umask_bits;
}

/* Kept and applied to the modes of new files and directories
 * (sys_file.c). */
LINUX_SYS(umask)
{
	unsigned int old = umask_bits;

	umask_bits = (unsigned int)A0(r) & 0777;
	return old;
}

/* The program is process 1, leader of its group and session 1. */
LINUX_SYS(getpgid)
{
	int64_t pid = (int64_t)A0(r);

	return pid == 0 || pid == 1 ? 1 : -ESRCH;
}

/* A session leader cannot move to another group. */
LINUX_SYS(setpgid)
{
	int64_t pid = (int64_t)A0(r), pgid = (int64_t)A1(r);

	if (pgid < 0)
		return -EINVAL;
	if (pid != 0 && pid != 1)
		return -ESRCH;
	return -EPERM;
}

/* Already a group leader: Linux's EPERM. */
LINUX_SYS(setsid)
{
	(void)r;
	return -EPERM;
}

LINUX_SYS(getresuid)
{
	uint32_t zero = 0;

	if (user_copy_to(A0(r), &zero, sizeof(zero)) < 0 ||
	    user_copy_to(A1(r), &zero, sizeof(zero)) < 0 ||
	    user_copy_to(A2(r), &zero, sizeof(zero)) < 0)
		return -EFAULT;
	return 0;
}

/* No supplementary groups. */
LINUX_SYS(getgroups)
{
	if ((int64_t)A0(r) < 0)
		return -EINVAL;
	return 0;
}

/* --- prctl ---------------------------------------------------------------- */

#define PR_SET_PDEATHSIG 1
#define PR_GET_PDEATHSIG 2
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_GET_KEEPCAPS 7
#define PR_SET_KEEPCAPS 8
#define PR_GET_TIMING 13
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_GET_SECCOMP 21
#define PR_CAPBSET_READ 23
#define PR_GET_TIMERSLACK 30
#define PR_SET_TIMERSLACK 29
#define PR_SET_CHILD_SUBREAPER 36
#define PR_GET_CHILD_SUBREAPER 37
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#define PR_GET_TID_ADDRESS 40
#define PR_SET_THP_DISABLE 41
#define PR_GET_THP_DISABLE 42
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_IS_SET 1
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#define PR_GET_SPECULATION_CTRL 52
#define CAP_LAST_CAP 40
#define LINUX_NSIG 64
#define TIMER_SLACK_NS 50000

static struct {
	int pdeathsig, dumpable, keepcaps, subreaper, no_new_privs, thp_disable;
	uint64_t timerslack;
} pr = {.dumpable = 1, .timerslack = TIMER_SLACK_NS};

static long put_int(uint64_t uaddr, int v)
{
	return user_copy_to(uaddr, &v, sizeof(v));
}

static long set_name(uint64_t uname)
{
	struct linux_thread *t = linux_thread_self();
	char name[LINUX_COMM_LEN];
	size_t i;

	/* As Linux: up to 15 bytes, cut there. */
	for (i = 0; i < sizeof(name) - 1; i++) {
		if (user_copy_from(&name[i], uname + i, 1) < 0)
			return -EFAULT;
		if (!name[i])
			break;
	}
	name[i] = 0;
	memcpy(t->comm, name, sizeof(name));
	/* Crash reports and the debug listing name the thread so too. */
	snprintf(t->kt->name, sizeof(t->kt->name), "%s", name);
	return 0;
}

static long get_name(uint64_t uname)
{
	struct linux_thread *t = linux_thread_self();
	char name[LINUX_COMM_LEN];

	memset(name, 0, sizeof(name));
	snprintf(name, sizeof(name), "%s", t->comm[0] ? t->comm : linux_comm());
	return user_copy_to(uname, name, sizeof(name));
}

/* The calls runtimes and libraries make; anything else is EINVAL, as
 * Linux answers an option it does not know. The parent-death signal is
 * kept and never sent: the program has no parent that could die. */
LINUX_SYS(prctl)
{
	uint64_t opt = A0(r), a2 = A1(r);

	switch (opt) {
	case PR_SET_PDEATHSIG:
		if (a2 > LINUX_NSIG)
			return -EINVAL;
		pr.pdeathsig = (int)a2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_int(a2, pr.pdeathsig);
	case PR_GET_DUMPABLE:
		return pr.dumpable;
	case PR_SET_DUMPABLE:
		if (a2 > 1)
			return -EINVAL;
		pr.dumpable = (int)a2;
		return 0;
	case PR_GET_KEEPCAPS:
		return pr.keepcaps;
	case PR_SET_KEEPCAPS:
		if (a2 > 1)
			return -EINVAL;
		pr.keepcaps = (int)a2;
		return 0;
	case PR_GET_TIMING:
		return 0; /* PR_TIMING_STATISTICAL */
	case PR_SET_NAME:
		return set_name(a2);
	case PR_GET_NAME:
		return get_name(a2);
	case PR_GET_SECCOMP:
		return 0; /* no filter */
	case PR_CAPBSET_READ:
		/* Root with every capability in its bounding set. */
		return a2 <= CAP_LAST_CAP ? 1 : -EINVAL;
	case PR_SET_TIMERSLACK:
		pr.timerslack = a2 ? a2 : TIMER_SLACK_NS;
		return 0;
	case PR_GET_TIMERSLACK:
		return (long)pr.timerslack;
	case PR_SET_CHILD_SUBREAPER:
		pr.subreaper = a2 != 0;
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		return put_int(a2, pr.subreaper);
	case PR_SET_NO_NEW_PRIVS:
		if (a2 != 1 || A2(r) || A3(r) || A4(r))
			return -EINVAL;
		pr.no_new_privs = 1;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (a2 || A2(r) || A3(r) || A4(r))
			return -EINVAL;
		return pr.no_new_privs;
	case PR_GET_TID_ADDRESS:
		return user_copy_to(a2, &linux_thread_self()->clear_tid,
				    sizeof(uint64_t));
	case PR_SET_THP_DISABLE:
		if (A2(r) || A3(r) || A4(r))
			return -EINVAL;
		pr.thp_disable = a2 != 0;
		return 0;
	case PR_GET_THP_DISABLE:
		if (a2 || A2(r) || A3(r) || A4(r))
			return -EINVAL;
		return pr.thp_disable;
	case PR_CAP_AMBIENT:
		if (a2 == PR_CAP_AMBIENT_IS_SET)
			return A2(r) <= CAP_LAST_CAP ? 0 : -EINVAL;
		if (a2 == PR_CAP_AMBIENT_CLEAR_ALL)
			return 0;
		return -EINVAL;
	case PR_GET_SPECULATION_CTRL:
		return 0; /* PR_SPEC_NOT_AFFECTED: nothing to control */
	default:
		return -EINVAL;
	}
}

/* --- Scheduling and children ---------------------------------------------- */

#define PRIO_PROCESS 0
#define PRIO_USER 2
#define SCHED_OTHER 0
#define SCHED_FIFO 1
#define SCHED_RR 2
#define SCHED_BATCH 3
#define SCHED_IDLE 5

/* The nice value is kept and reported; the scheduler has no priorities. */
static int nice_value;

static int prio_check(uint64_t which, uint64_t who)
{
	if (which > PRIO_USER)
		return -EINVAL;
	return who <= 1 ? 0 : -ESRCH;
}

/* The system call's form: 20 - nice (1 to 40), never negative. */
LINUX_SYS(getpriority)
{
	int rc = prio_check(A0(r), A1(r));

	return rc < 0 ? rc : 20 - nice_value;
}

LINUX_SYS(setpriority)
{
	int rc = prio_check(A0(r), A1(r));
	int64_t n = (int64_t)(int)A2(r);

	if (rc < 0)
		return rc;
	nice_value = n < -20 ? -20 : n > 19 ? 19 : (int)n;
	return 0;
}

/* Every thread is SCHED_OTHER at priority 0. */
LINUX_SYS(sched_getscheduler)
{
	return (int64_t)(int)A0(r) < 0 ? -EINVAL : SCHED_OTHER;
}

LINUX_SYS(sched_getparam)
{
	int prio = 0;

	if ((int64_t)(int)A0(r) < 0 || !A1(r))
		return -EINVAL;
	return user_copy_to(A1(r), &prio, sizeof(prio));
}

static long prio_limit(uint64_t policy, int rt)
{
	switch (policy) {
	case SCHED_FIFO:
	case SCHED_RR:
		return rt;
	case SCHED_OTHER:
	case SCHED_BATCH:
	case SCHED_IDLE:
		return 0;
	default:
		return -EINVAL;
	}
}

LINUX_SYS(sched_get_priority_max)
{
	return prio_limit(A0(r), 99);
}

LINUX_SYS(sched_get_priority_min)
{
	return prio_limit(A0(r), 1);
}

/* There are never children (no fork): Linux's answer to a wait then. */
