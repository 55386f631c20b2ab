# sysfuzz: the system-call fuzzer in a guest (docs/testing.md). A static
# musl program makes seeded random calls with bad pointers, lengths,
# flags, fds and timeouts while a thread maps and unmaps memory under
# them; check.sh runs the same program and seed on the build machine
# and compares the results call by call (compare.sh, allow-list "allow").
MUSL_SRCS := sysfuzz.c sf_args.c sf_io.c sf_sys.c sf_net.c
MUSL_LDLIBS := -lpthread
APP_MEMORY := 64
APP_EXTRA := 1 1500
