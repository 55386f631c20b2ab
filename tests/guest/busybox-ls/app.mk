# busybox-ls: busybox's ls on the ramdisk of busybox-sh.
LINUX_BINARY := $(SKIFF_CACHE)/testhost/root/bin/busybox
APP_ARGV0 := ls
APP_MEMORY := 32
APP_FILES := ../busybox-sh/files
APP_EXTRA := -ln /etc /www
