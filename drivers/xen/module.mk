# drivers/xen: the device frontends over the Xen platform (xen/):
# netfront and blkfront. The generic device classes they serve are in
# drivers/ (drivers/module.mk, included from here for now).
include $(SKIFF)/drivers/module.mk
D := $(SKIFF)/drivers/xen
KERNEL_SRCS += $(D)/xenfront.c $(D)/xenfront_boot.c \
	$(D)/netfront.c $(D)/netfront_ring.c $(D)/netfront_xenbus.c \
	$(D)/blkfront.c $(D)/blkfront_ring.c $(D)/blkfront_xenbus.c
