# musl-demo: a C program built with Debian's musl-gcc -static (not with
# Skiff's newlib) and run as a Linux binary: files, sockets, threads (see
# demo.c). It echoes 5 TCP connections on port 7, then exits.
MUSL_SRCS := demo.c
MUSL_LDLIBS := -lpthread
APP_MEMORY := 32
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.10.7/16 7 5
APP_FILES := files
