# netskiff: Skiff's network figures, with the Linux domU's memory (256 MiB,
# tests/bench/netlinux) for the comparison.
APP_SRCS := main.c
APP_MEMORY := 256
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.20.2/16
