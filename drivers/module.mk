# drivers: the device classes between drivers and their users (the
# registries, the raw app APIs), whatever the bus. Each class goes into
# its unit of libminios.a with its frontends (the Makefile's
# "libminios.a"), so that it is linked only when an app uses it: the
# network devices (netdev.c, netdev_raw.c with netfront) and the block
# devices (blkdev*.c with blkfront). devreg.c serves both and stays in the
# core, where nothing reaches it unless a class does.
DR := $(SKIFF)/drivers
KERNEL_SRCS += $(DR)/devreg.c $(DR)/netdev.c $(DR)/netdev_raw.c \
	$(DR)/blkdev.c $(DR)/blkdev_name.c $(DR)/blkdev_app.c
NETDEV_UNIT += $(DR)/netdev.c $(DR)/netdev_raw.c
FILES_UNIT += $(DR)/blkdev.c $(DR)/blkdev_name.c $(DR)/blkdev_app.c
