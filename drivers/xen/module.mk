# drivers/xen: the Xen PV frontends over the Xen platform (xen/): the
# skeleton every frontend shares (xenfront*.c, in the core, reached only
# through a frontend), netfront (in the netdev unit of libminios.a) and
# blkfront (in the files unit).
D := $(SKIFF)/drivers/xen
NETFRONT_SRCS := $(D)/netfront.c $(D)/netfront_ring.c $(D)/netfront_xenbus.c
BLKFRONT_SRCS := $(D)/blkfront.c $(D)/blkfront_ring.c $(D)/blkfront_xenbus.c
KERNEL_SRCS += $(D)/xenfront.c $(D)/xenfront_boot.c $(D)/xenfront_resume.c \
	$(D)/xenfront_hotplug.c $(NETFRONT_SRCS) \
	$(BLKFRONT_SRCS)
NETDEV_UNIT += $(NETFRONT_SRCS)
FILES_UNIT += $(BLKFRONT_SRCS)
