# netecho: examples/echo's own source, on a fixed address (command line).
APP_SRCS := ../../../examples/echo/main.c
APP_MEMORY := 32
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.10.3/16 7
