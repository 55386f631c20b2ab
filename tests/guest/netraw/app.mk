APP_SRCS := main.c
APP_EXTRA := 169.254.1.2
APP_VIFS := bridge=xenbr0
