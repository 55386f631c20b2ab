# netping: dom0 pings the guest, the guest pings dom0 (see main.c).
APP_SRCS := main.c
APP_MEMORY := 32
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.10.2/16
