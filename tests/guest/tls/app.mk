APP_SRCS := main.c
