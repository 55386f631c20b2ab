# busybox-shell: Debian's static busybox (glibc) as the Linux binary, its
# shell running a script (files/test.sh) of external commands: every
# command substitution, pipeline, subshell and child shell is a process
# (fork, and execve of /proc/self/exe for busybox's own applets).
LINUX_BINARY := $(SKIFF_CACHE)/testhost/root/bin/busybox
APP_ARGV0 := busybox
APP_MEMORY := 96
APP_FILES := files
APP_EXTRA := sh /test.sh
