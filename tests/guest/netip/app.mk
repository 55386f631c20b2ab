# netip: the three sources of an IPv4 address, one per vif: vif0 from the
# command line (ip=, applies to the first vif), vif1 from its xl vif ip=,
# vif2 by DHCP from busybox udhcpd in dom0 (started by dom0.sh). dns= is
# taken too, and "--" ends Skiff's options: argv keeps the rest.
APP_SRCS := main.c
APP_EXTRA := ip=169.254.1.2/16 dns=169.254.0.1 -- --app-arg ip=not-ours
APP_VIFS := bridge=xenbr0 bridge=xenbr0,ip=169.254.1.3 bridge=xenbr0
