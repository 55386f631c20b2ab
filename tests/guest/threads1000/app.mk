APP_SRCS := main.c
APP_MEMORY := 64
