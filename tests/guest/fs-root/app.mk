# fs-root: the writable root in memory from a C app (newlib): files,
# renames, directories, links, the working directory, a ramdisk file
# written (copy-on-write), and ENOSPC at a small bound, after which the
# app goes on.
APP_SRCS := main.c ../common/sha256.c
APP_MEMORY := 32
APP_FILES := files
APP_ROOT_SIZE := 1M
APP_FILES_GEN := gen.sh
