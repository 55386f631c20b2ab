# syscall: the cost of a null system call and of clock_gettime through
# the vDSO (sysbench.c, a static musl program) on Skiff; job.sh adds the
# very same ELF in a Linux PV domU, which dom0.sh runs once Skiff is done.
MUSL_SRCS := sysbench.c
APP_MEMORY := 32
APP_EXTRA := skiff
