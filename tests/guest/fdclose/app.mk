# fdclose: fds closed under calls blocked on them, 300 rounds; dom0 reads
# the socket count and the heap before and after, then talks to the
# app, which still serves.
APP_SRCS := main.c rounds.c
APP_MEMORY := 64
APP_VIFS := bridge=xenbr0
# A static address; dom0 is 169.254.0.1 on xenbr0.
APP_EXTRA := ip=169.254.10.12/16
