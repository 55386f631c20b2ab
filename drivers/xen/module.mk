# drivers/xen: event channels, grant tables, console, xenstore, domain
# control, xenbus handshake helpers, netfront, blkfront.
D := $(SKIFF)/drivers/xen
KERNEL_SRCS += $(D)/evtchn.c $(D)/evtchn_fair.c $(D)/evtchn_wait.c \
	$(D)/gnttab.c $(D)/gnttab_refs.c $(D)/console.c $(D)/console_ring.c \
	$(D)/xenstore.c $(D)/xs_wire.c $(D)/xs_ops.c $(D)/xs_transaction.c \
	$(D)/xs_watch.c $(D)/control.c $(D)/xenbus.c $(D)/netfront.c \
	$(D)/netfront_ring.c $(D)/netfront_xenbus.c $(D)/blkfront.c \
	$(D)/blkfront_ring.c $(D)/blkfront_xenbus.c
EXPORTS += $(D)/exports.lst
