# net: the lwIP port (sys_arch, a netif per netdev, IP configuration,
# socket readiness). Built like runtime/ (newlib headers, SSE allowed) with
# lwIP's headers; lwIP itself is built into the cache by tools/deps/lwip.sh
# and put into the net unit of libminios.a. See net/README.md.
N := $(SKIFF)/net
NET_SRCS := $(N)/net.c $(N)/netif.c $(N)/ipconfig.c $(N)/ipconfig_parse.c \
	$(N)/csum_offload.c $(N)/tx_gso.c \
	$(N)/sys_arch.c $(N)/thread_sem.c $(N)/events.c $(N)/sock_events.c $(N)/random.c
RUNTIME_SRCS += $(NET_SRCS)
# events.c (the poll/select wake-up) is core; the rest is the net unit.
NET_UNIT += $(filter-out $(N)/events.c,$(NET_SRCS))
LWIP_USERS += $(NET_SRCS)
