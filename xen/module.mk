# xen: the Xen platform that the kernel core needs: event channels, grant
# tables, the PV console, the xenstore client, domain control and the
# xenbus handshake helpers. The device frontends are in drivers/xen/.
X := $(SKIFF)/xen
KERNEL_SRCS += $(X)/evtchn.c $(X)/evtchn_fair.c $(X)/evtchn_wait.c \
	$(X)/gnttab.c $(X)/gnttab_page.c $(X)/gnttab_refs.c $(X)/console.c $(X)/console_ring.c \
	$(X)/xenstore.c $(X)/xs_wire.c $(X)/xs_ops.c $(X)/xs_transaction.c \
	$(X)/xs_watch.c $(X)/control.c $(X)/balloon.c $(X)/xenbus.c
EXPORTS += $(X)/exports.lst
