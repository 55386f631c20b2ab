# hello: see main.c.
APP_SRCS := main.c
APP_MEMORY := 32
APP_EXTRA := hello world
