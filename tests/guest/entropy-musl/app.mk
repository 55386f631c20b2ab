# entropy-musl: a static musl program (a Linux binary) and random bytes:
# getrandom's flags and errors, AT_RANDOM, and /dev/urandom, /dev/random,
# /dev/zero, /dev/null as Linux character devices (open, openat, fstat,
# read, write, poll, epoll).
MUSL_SRCS := main.c
APP_MEMORY := 32
