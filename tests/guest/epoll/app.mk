APP_SRCS := main.c checks.c pipes.c
APP_MEMORY := 32
APP_FILES := files
APP_VIFS := bridge=xenbr0
# A static address; dom0 is 169.254.0.1 on xenbr0.
APP_EXTRA := ip=169.254.10.9/16
