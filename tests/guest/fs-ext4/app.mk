# fs-ext4: ext4 images that dom0's mkfs.ext4 made (pre.sh), read and
# written by a C app (newlib), checked by dom0's e2fsck and debugfs
# (dom0.sh, check.sh). /ro is read-write in APP_MOUNTS and made
# read-only by the boot option, which overrides the entry of the same
# path.
APP_SRCS := main.c errors.c ../common/sha256.c
APP_MEMORY := 128
APP_MOUNTS := xvdb:/data xvdc:/ro
APP_EXTRA := mount=xvdc:/ro:ro
