# busybox-sleep: busybox's sleep 2.
LINUX_BINARY := $(SKIFF_CACHE)/testhost/root/bin/busybox
APP_ARGV0 := sleep
APP_MEMORY := 32
APP_EXTRA := 2
