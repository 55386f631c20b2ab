# busybox-md5sum: busybox's md5sum of the ramdisk files of busybox-sh.
LINUX_BINARY := $(SKIFF_CACHE)/testhost/root/bin/busybox
APP_ARGV0 := md5sum
APP_MEMORY := 32
APP_FILES := ../busybox-sh/files
APP_EXTRA := /etc/motd /www/index.html /test.sh
