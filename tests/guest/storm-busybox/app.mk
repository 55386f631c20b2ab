# storm-busybox: Debian's static busybox (glibc) running a shell loop of
# builtins (root/storm.sh) while dom0 floods the guest (../storm.sh;
# issue 16): the program that once met the kernel with its own FS base.
LINUX_BINARY := $(SKIFF_CACHE)/testhost/root/bin/busybox
APP_ARGV0 := busybox
APP_MEMORY := 32
APP_FILES := root
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.11.4/16 sh /storm.sh
