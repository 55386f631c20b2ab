# netdhcp: see main.c.
APP_SRCS := main.c
APP_MEMORY := 32
APP_VIFS := bridge=xenbr0
