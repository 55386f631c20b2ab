# busybox-sh: Debian's static busybox (glibc; the test host's own, from
# `make deps-testhost`) as the Linux binary, running a shell script of
# builtins (files/test.sh). argv[0] "busybox" picks the multi-call binary.
LINUX_BINARY := $(SKIFF_CACHE)/testhost/root/bin/busybox
APP_ARGV0 := busybox
APP_MEMORY := 32
APP_FILES := files
APP_EXTRA := sh /test.sh
