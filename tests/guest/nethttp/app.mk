# nethttp: examples/httpd's own source, on a fixed address (command line).
APP_SRCS := ../../../examples/httpd/main.c
APP_MEMORY := 32
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.10.4/16 80
