# busybox-cat: busybox's cat of a ramdisk file of busybox-sh.
LINUX_BINARY := $(SKIFF_CACHE)/testhost/root/bin/busybox
APP_ARGV0 := cat
APP_MEMORY := 32
APP_FILES := ../busybox-sh/files
APP_EXTRA := /www/index.html /etc/motd
