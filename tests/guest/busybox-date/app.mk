# busybox-date: busybox's date, in seconds since the epoch, which dom0
# compares with its own clock.
LINUX_BINARY := $(SKIFF_CACHE)/testhost/root/bin/busybox
APP_ARGV0 := date
APP_MEMORY := 32
APP_EXTRA := -u +bbdate:%s:%Y-%m-%d
