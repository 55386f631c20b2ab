# hotplug: a vif and a disk attached and detached while the app runs
# (xl network-attach / -detach, block-attach / -detach), driven by dom0.sh.
APP_SRCS := main.c ../common/sha256.c ../common/echo.c
APP_MEMORY := 64
APP_VIFS := bridge=xenbr0
APP_FS := ext4
# xvdc is mounted when it is attached (nofail: not there at boot).
APP_EXTRA := ip=169.254.11.1/16 mount=xvdc:/data:ro:nofail
