# netipbad: every configured source is malformed (the vif's ip= is its
# subnet's network address, the command line's ip= has an octet of 300,
# dns= is no address): each is reported and skipped, DHCP finds no server
# within its bounded wait, main() starts anyway, and a lease that comes
# later (dom0 starts udhcpd only then) is reported and works.
APP_SRCS := main.c
APP_EXTRA := ip=169.254.1.300/16 dns=nameserver hello
APP_VIFS := bridge=xenbr0,ip=169.254.0.0
