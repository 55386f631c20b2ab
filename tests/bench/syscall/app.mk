# syscall: the cost of a null system call and of clock_gettime through
# the vDSO (sysbench.c, a static musl program) on Skiff; job.sh adds the
# very same ELF in a Linux PV domU, and dom0.sh asks the two for rounds
# in turns over TCP.
MUSL_SRCS := sysbench.c
APP_MEMORY := 32
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.31.2/16 skiff
