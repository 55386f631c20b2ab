APP_SRCS := main.c
APP_MEMORY := 32
# The disks come from pre.sh (made in dom0 before xl create).
