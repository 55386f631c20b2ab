APP_SRCS := main.c
APP_EXTRA := 169.254.1.2 169.254.1.3
# vif 1 also carries an ip= (read by netfront into the netdev's ipconf);
# vif 2's backend never connects (its hotplug script stays silent).
APP_VIFS := bridge=xenbr0 bridge=xenbr0,ip=169.254.1.3 \
	bridge=xenbr0,script=/jobs/netraw/vif-silent
