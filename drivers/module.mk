# drivers: the device classes between drivers and their users (the
# registries, the raw app APIs), whatever the bus. Two bundles, each
# linked only when an app uses it: the network devices (netdev.c,
# netdev_raw.c with drivers/xen's netfront) and the block devices
# (blkdev*.c with blkfront); devreg.c serves both.
DR := $(SKIFF)/drivers
KERNEL_SRCS += $(DR)/devreg.c $(DR)/netdev.c $(DR)/netdev_raw.c \
	$(DR)/blkdev.c $(DR)/blkdev_name.c $(DR)/blkdev_app.c
