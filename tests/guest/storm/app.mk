# storm: a static musl program (storm.c) whose threads spin in user code,
# make system calls in a loop and read console input, each checking its
# own thread-local state, while dom0 floods the guest with console input,
# network frames and xenstore watch events (dom0.sh; issue 16). Every
# upcall that interrupts user code must run the kernel with the kernel's
# FS base and give the program back its own.
MUSL_SRCS := storm.c
MUSL_LDLIBS := -lpthread
APP_MEMORY := 64
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.11.3/16 12
