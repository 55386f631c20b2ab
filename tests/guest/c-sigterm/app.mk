# c-sigterm: a musl program without a SIGTERM handler, stopped by xl
# shutdown (sigterm.c).
MUSL_SRCS := sigterm.c
APP_MEMORY := 16
