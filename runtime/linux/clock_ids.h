/*
 * Linux's clock ids and which of Skiff's clocks each one reads: shared
 * by the clock system calls (sys_misc.c) and the vDSO (vdso.c), so that
 * both sort them alike. Plain C, no library headers: the vDSO is built
 * apart from the runtime.
 */
#ifndef RUNTIME_LINUX_CLOCK_IDS_H
#define RUNTIME_LINUX_CLOCK_IDS_H

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_TAI 11

enum linux_clock {
	LINUX_CLOCK_NONE,      /* not a clock Skiff knows: EINVAL */
	LINUX_CLOCK_WALL,      /* the wall clock (time_wall_ns) */
	LINUX_CLOCK_MONOTONIC, /* time since boot (time_monotonic_ns) */
	/* CPU time: the system call answers with time since boot (one
	 * program, one vCPU); the vDSO leaves it to the system call. */
	LINUX_CLOCK_CPUTIME,
};

static inline enum linux_clock linux_clock_of(unsigned long id)
{
	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:
		return LINUX_CLOCK_WALL;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		return LINUX_CLOCK_MONOTONIC;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return LINUX_CLOCK_CPUTIME;
	default:
		return LINUX_CLOCK_NONE;
	}
}

#endif
