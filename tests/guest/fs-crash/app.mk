# fs-crash: files fsync'd one after another on an ext4 disk (pre.sh),
# the domain destroyed by dom0 in the middle (dom0.sh); e2fsck -fy must
# repair it and every file the guest said it had synced must be whole.
# The mount comes from the boot option alone here; APP_FS links ext4 in.
APP_SRCS := main.c ../common/sha256.c
APP_MEMORY := 64
APP_EXTRA := mount=xvdb:/data
APP_FS := ext4
