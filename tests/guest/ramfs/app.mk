# ramfs: the ramdisk's files read back (sizes 0, 1, 4095-4097, ~300 KiB;
# a nested directory) and the errors a path gives.
APP_SRCS := main.c ../common/sha256.c
APP_MEMORY := 32
APP_FILES := files
APP_FILES_GEN := gen.sh
