# httpd: an HTTP/1.1 server with keep-alive (see main.c). One vif on
# xenbr0 without an address: the guest asks for one with DHCP. For a fixed
# address, use APP_VIFS := bridge=xenbr0,ip=169.254.1.10 (or ip=ADDR/PREFIX
# first in APP_EXTRA).
APP_SRCS := main.c
APP_MEMORY := 32
APP_VIFS := bridge=xenbr0
APP_EXTRA := 80
