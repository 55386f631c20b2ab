# busybox-httpd: Debian's static busybox (glibc; the test host's own)
# as the Linux binary, serving the ramdisk with its httpd, which
# forks a process for every connection.
LINUX_BINARY := $(SKIFF_CACHE)/testhost/root/bin/busybox
APP_ARGV0 := busybox
APP_MEMORY := 64
APP_VIFS := bridge=xenbr0
APP_FILES := root
APP_FILES_GEN := gen.sh
APP_EXTRA := ip=169.254.10.9/16 httpd -f -v -p 80 -h /
