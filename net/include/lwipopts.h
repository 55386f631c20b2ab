/*
 * lwIP's configuration for Skiff (net/README.md says why each choice).
 * One vCPU, cooperative threads: the tcpip thread plus the callers of the
 * socket API, which take the core lock instead of sending each call to
 * the tcpip thread. Memory comes from newlib's malloc, so nothing is
 * reserved up front and pools have no fixed size.
 */
#ifndef SKIFF_LWIPOPTS_H
#define SKIFF_LWIPOPTS_H

/* --- OS port ----------------------------------------------------------- */
#define NO_SYS 0
#define SYS_LIGHTWEIGHT_PROT 1
#define LWIP_TCPIP_CORE_LOCKING 1
/* Received frames enter the stack in the driver's thread, under the core
 * lock, without a hop through the tcpip thread's mailbox. */
#define LWIP_TCPIP_CORE_LOCKING_INPUT 1
#define LWIP_ASSERT_CORE_LOCKED() net_assert_core_locked()
void net_assert_core_locked(void);
/* Releasing the core lock ends a transmit burst: the TCP segments held
 * for merging (transmit GSO, net/netif.c) go to the driver first. */
#define LOCK_TCPIP_CORE() sys_mutex_lock(&lock_tcpip_core)
#define UNLOCK_TCPIP_CORE() net_core_unlock()
void net_core_unlock(void);
#define TCPIP_THREAD_NAME "lwip"
#define TCPIP_THREAD_STACKSIZE (64 * 1024)
#define TCPIP_THREAD_PRIO 0
#define TCPIP_MBOX_SIZE 256
#define DEFAULT_THREAD_STACKSIZE (64 * 1024)
#define DEFAULT_RAW_RECVMBOX_SIZE 64
#define DEFAULT_UDP_RECVMBOX_SIZE 128
#define DEFAULT_TCP_RECVMBOX_SIZE 256
#define DEFAULT_ACCEPTMBOX_SIZE 128
/* Full-duplex netconns: one thread may read a socket while another
 * writes it and a third closes it (lwIP then counts the threads inside
 * a socket and frees it after the last one left; a close, or a
 * shutdown(SHUT_RD), wakes the threads blocked in its receive or accept
 * mailbox). That needs a completion semaphore per thread instead of one
 * per netconn (net/thread_sem.c). */
#define LWIP_NETCONN_SEM_PER_THREAD 1
#define LWIP_NETCONN_FULLDUPLEX 1

/* --- Memory: everything from malloc ------------------------------------- */
#define MEM_LIBC_MALLOC 1
#define MEMP_MEM_MALLOC 1
#define MEM_ALIGNMENT 8
/* Limits that still count with MEMP_MEM_MALLOC: the socket table's size
 * and lwIP's compile-time sanity checks. */
#define MEMP_NUM_NETCONN 256
#define MEMP_NUM_TCP_PCB 256
#define MEMP_NUM_TCP_PCB_LISTEN 32
#define MEMP_NUM_UDP_PCB 32
#define MEMP_NUM_RAW_PCB 8
#define MEMP_NUM_TCP_SEG 4096
#define MEMP_NUM_NETBUF 256
#define MEMP_NUM_NETCONN_API_MSG 64
#define MEMP_NUM_SYS_TIMEOUT 64
#define PBUF_POOL_SIZE 512

/* --- Protocols ---------------------------------------------------------- */
#define LWIP_ETHERNET 1
#define LWIP_ARP 1
#define ARP_TABLE_SIZE 32
#define ARP_QUEUEING 1
#define ETHARP_SUPPORT_VLAN 0
#define LWIP_IPV4 1
#define IP_FORWARD 0
#define IP_REASSEMBLY 1
#define IP_FRAG 1
#define LWIP_ICMP 1
#define LWIP_RAW 1
#define LWIP_DHCP 1
#define LWIP_AUTOIP 0
#define LWIP_IGMP 0
#define LWIP_DNS 1
#define DNS_MAX_SERVERS 2
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_IPV6 1
#define LWIP_IPV6_AUTOCONFIG 1
#define LWIP_IPV6_MLD 1
#define LWIP_IPV6_DHCP6 0
/* 64-bit pointers do not fit in the IPv6 fragment header. */
#define IPV6_FRAG_COPYHEADER 1
#define LWIP_ICMP6 1
#define LWIP_HAVE_LOOPIF 1
#define LWIP_NETIF_LOOPBACK 1

/* --- TCP: room for throughput and many connections ------------------------- */
#define TCP_MSS 1460
/* Window scaling: windows and send buffers beyond 64 KiB. A full send
 * buffer is 720 segments, merged (transmit GSO) into about 270 of
 * netfront's transmit slots, more than the ring's 256: the sender then
 * waits for room (net/netif.c), as it does without GSO. */
#define LWIP_WND_SCALE 1
#define TCP_RCV_SCALE 3
/* Near the most scale 3 allows (0xffff << 3). The test host's round
 * trip under load is ~2-4 ms: a window of 256 KiB held dom0 -> guest to
 * ~90 MiB/s, and a send buffer of 512 KiB guest -> dom0 to ~130 MiB/s;
 * with 511 KiB and 1 MiB the link, not the window, sets them
 * (docs/benchmarks.md). Memory is only used while data waits. */
#define TCP_WND (511 * 1024)
#define TCP_SND_BUF (1024 * 1024)
#define TCP_SND_QUEUELEN ((2 * TCP_SND_BUF + TCP_MSS - 1) / TCP_MSS)
/* Writable again with 32 KiB free (lwIP keeps it below 64 KiB). */
#define TCP_SNDLOWAT (32 * 1024)
#define TCP_QUEUE_OOSEQ 1
#define TCP_LISTEN_BACKLOG 1
#define TCP_DEFAULT_LISTEN_BACKLOG 128
#define LWIP_TCP_KEEPALIVE 1
#define LWIP_TCP_TIMESTAMPS 0
#define TCP_MSL 15000UL /* TIME_WAIT lasts 2 * TCP_MSL: 30 s */

/* --- APIs --------------------------------------------------------------- */
#define LWIP_NETCONN 1
#define LWIP_SOCKET 1
#define LWIP_COMPAT_SOCKETS 0
#define LWIP_POSIX_SOCKETS_IO_NAMES 0
#define LWIP_SOCKET_OFFSET 0
#define LWIP_SOCKET_SELECT 1
#define LWIP_SOCKET_POLL 1
#define LWIP_SO_RCVTIMEO 1
#define LWIP_SO_SNDTIMEO 1
#define LWIP_SO_RCVBUF 1
#define LWIP_SO_LINGER 1
#define SO_REUSE 1
#define LWIP_TIMEVAL_PRIVATE 0
/* Debian's "port" patch makes sockets.c ask the port how to set and read
 * sockaddr lengths; lwIP's own sockaddr types (used inside lwIP) have
 * the BSD length fields. */
#define IP4ADDR_SOCKADDR_SET_LEN(sin)                                          \
	((sin)->sin_len = sizeof(struct sockaddr_in))
#define IP6ADDR_SOCKADDR_SET_LEN(sin6)                                         \
	((sin6)->sin6_len = sizeof(struct sockaddr_in6))
#define IPADDR_SOCKADDR_GET_LEN(addr) ((addr)->sa.sa_len)
#define LWIP_NETIF_API 1
#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK 0
#define LWIP_NETIF_HOSTNAME 1
#define LWIP_TCPIP_TIMEOUT 1

/* --- Checksums: in software, except where a netdev offloads them --------
 * netif.c turns off TCP generation on a netif whose device completes
 * partial checksums (NETDEV_F_TX_CSUM), and TCP/UDP checks for frames
 * the device marks verified (NETDEV_RX_CSUM_OK). Checksum-on-copy is off:
 * it would sum every byte written even where the sum is not needed. */
#define LWIP_CHECKSUM_CTRL_PER_NETIF 1
#define CHECKSUM_GEN_IP 1
#define CHECKSUM_GEN_UDP 1
#define CHECKSUM_GEN_TCP 1
#define CHECKSUM_GEN_ICMP 1
#define CHECKSUM_CHECK_IP 1
#define CHECKSUM_CHECK_UDP 1
#define CHECKSUM_CHECK_TCP 1
#define LWIP_CHECKSUM_ON_COPY 0

/* --- Statistics and debugging off ---------------------------------------- */
#define LWIP_STATS 0
#define LWIP_STATS_DISPLAY 0

#endif
