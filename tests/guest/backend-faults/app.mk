# backend-faults: dom0 breaks the backends under a checksummed workload
# (issue 16): a disk that closes behind blkback's back, is detached in the
# middle of a transfer and comes back with 4096-byte sectors, a vif taken
# down and up, a netback told to close. Driven by dom0.sh.
APP_SRCS := main.c ../common/echo.c ../common/pattern.c
APP_MEMORY := 64
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.11.2/16
