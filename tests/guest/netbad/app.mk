# netbad: see main.c. vif 1's hotplug script writes a broken MAC into the
# frontend's xenstore directory before the guest runs (libxl runs hotplug
# scripts before it unpauses the domain); vif 2's never writes
# hotplug-status "connected", so netback never switches to Connected.
APP_SRCS := main.c
APP_MEMORY := 32
APP_VIFS := bridge=xenbr0 bridge=xenbr0,script=/jobs/netbad/vif-badmac \
	bridge=xenbr0,script=/jobs/netbad/vif-never
APP_EXTRA := ip=999.1.2.3/40 -- after
