# pvgrub-disk: the app's disk image with the file system on the whole
# disk, booted by dom0's pvgrub2 (tests/guest/run.sh: boot-image).
APP_SRCS := main.c
APP_MEMORY := 32
APP_FILES := files
APP_EXTRA := --layout disk 'two words' glued' 'quote last
IMAGE_LAYOUT := disk
