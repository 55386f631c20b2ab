APP_SRCS := main.c
APP_CFLAGS := -Wno-infinite-recursion
