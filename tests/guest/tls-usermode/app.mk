# The usermode test, unchanged, in an image with thread-local variables:
# every thread then has its own TCB, which the FS base must follow through
# switches between user threads and entries from user mode.
APP_SRCS := ../usermode/main.c probe.c
