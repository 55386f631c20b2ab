# drivers/xen: event channels, console, xenstore (and later netfront,
# blkfront).
D := $(SKIFF)/drivers/xen
KERNEL_SRCS += $(D)/evtchn.c $(D)/console.c $(D)/console_ring.c $(D)/xenstore.c
EXPORTS += $(D)/exports.lst
