# arch/x86_64: entry, traps, page tables, PV clock, context switch.
A := $(SKIFF)/arch/x86_64
KERNEL_SRCS += $(A)/entry.S $(A)/switch.S $(A)/setup.c $(A)/mm.c $(A)/mm_boot.c $(A)/mm_balloon.c \
	$(A)/traps.c $(A)/time.c $(A)/events.c $(A)/mm_user.c $(A)/user.c $(A)/user_entry.S \
	$(A)/tls.c $(A)/suspend.c $(A)/p2m_list.c $(A)/usercopy.S \
	$(A)/extable.c
EXPORTS += $(A)/exports.lst
