# c-args: arguments that Linux accepts or refuses in its own way, in a
# static musl C program (args.c): NULL with a zero length (poll, read,
# write, send, recv), a TLS base in the kernel half or non-canonical
# (clone with CLONE_SETTLS, arch_prctl: EPERM), and a thread started on a
# non-canonical stack (the process dies by SIGSEGV, as on Linux; the
# kernel goes on: the parent reports it), and shared anonymous memory
# (and /dev/zero mapped shared) shared with a forked child, and timeouts
# of LONG_MAX seconds (setitimer, nanosleep, SO_RCVTIMEO) that wait; the
# order of Linux's checks (the fd before the buffer), copies that stop at
# an unmapped page with the bytes before it, and select/pselect6 (the
# sets, EBADF and EINVAL, the time left written back).
MUSL_SRCS := args.c
MUSL_LDLIBS := -lpthread
APP_MEMORY := 64
