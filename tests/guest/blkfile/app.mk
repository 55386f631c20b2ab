# blkfile: the disks as /dev/xvdX files; the disks come from pre.sh.
APP_SRCS := main.c ../common/sha256.c ../common/pattern.c
APP_MEMORY := 64
