APP_SRCS := main.c ../common/sha256.c
APP_MEMORY := 64
# The disks come from pre.sh (made in dom0 before xl create).
