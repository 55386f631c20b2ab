APP_SRCS := ../xsshutdown/main.c
