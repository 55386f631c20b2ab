# c-signal: signals in a static musl C program (signal.c), ending with
# SIGPIPE's default action.
MUSL_SRCS := signal.c
MUSL_LDLIBS := -lpthread
APP_MEMORY := 32
