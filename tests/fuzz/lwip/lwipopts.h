/*
 * lwIP's options for the DHCP and DNS fuzzers: Skiff's own
 * (net/include/lwipopts.h), with the operating-system layer turned off
 * (NO_SYS: no threads, no netconn or sockets), which the receive paths
 * of DHCP and DNS do not depend on. Everything those paths are built
 * with (the protocols, DNS_MAX_SERVERS, checksums, memory) stays
 * Skiff's.
 */
#ifndef FUZZ_LWIPOPTS_H
#define FUZZ_LWIPOPTS_H

#include "../../../net/include/lwipopts.h"

#undef NO_SYS
#define NO_SYS 1
#undef SYS_LIGHTWEIGHT_PROT
#define SYS_LIGHTWEIGHT_PROT 0
#undef LWIP_TCPIP_CORE_LOCKING
#define LWIP_TCPIP_CORE_LOCKING 0
#undef LWIP_TCPIP_CORE_LOCKING_INPUT
#define LWIP_TCPIP_CORE_LOCKING_INPUT 0
#undef LWIP_ASSERT_CORE_LOCKED
#undef LOCK_TCPIP_CORE
#undef UNLOCK_TCPIP_CORE
#undef LWIP_NETCONN
#define LWIP_NETCONN 0
#undef LWIP_SOCKET
#define LWIP_SOCKET 0
#undef LWIP_NETIF_API
#define LWIP_NETIF_API 0
#undef LWIP_NETCONN_SEM_PER_THREAD
#define LWIP_NETCONN_SEM_PER_THREAD 0
#undef LWIP_NETCONN_FULLDUPLEX
#define LWIP_NETCONN_FULLDUPLEX 0
#undef LWIP_TCPIP_TIMEOUT
#define LWIP_TCPIP_TIMEOUT 0

#endif
