# musl-sysfiles: musl's own code reading the synthesised /etc and /proc
# files, and the process calls (main.c); a fixed address, so dom0 knows
# what the host name must resolve to.
MUSL_SRCS := main.c
APP_MEMORY := 32
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.10.32/16 dns=169.254.0.54
APP_FILES := rootfs
