APP_SRCS := main.c
# A static address on the command line; dom0 is 169.254.0.1 on xenbr0.
APP_EXTRA := ip=169.254.1.7/16
APP_VIFS := bridge=xenbr0
