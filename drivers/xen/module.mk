# drivers/xen: the device frontends over the Xen platform (xen/):
# netfront (in the netdev unit of libminios.a) and blkfront (blkdev unit).
D := $(SKIFF)/drivers/xen
NETFRONT_SRCS := $(D)/netfront.c $(D)/netfront_ring.c $(D)/netfront_xenbus.c
BLKFRONT_SRCS := $(D)/blkfront.c $(D)/blkfront_ring.c $(D)/blkfront_xenbus.c
KERNEL_SRCS += $(NETFRONT_SRCS) $(BLKFRONT_SRCS)
NETDEV_UNIT += $(NETFRONT_SRCS)
FILES_UNIT += $(BLKFRONT_SRCS)
