# soak (`make soak`, not in `make test`): HTTP, disk, file and xenstore
# load for SOAK_SECONDS (default 1800) with threads and fds coming and
# going; heap, free memory and open fds must come back to where they
# were after the warm-up. Driven by dom0.sh.
APP_SRCS := main.c
APP_MEMORY := 64
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.11.6/16
