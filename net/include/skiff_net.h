/*
 * The network layer's interface to the rest of Skiff: start-up from
 * runtime/start.c, and what the BSD socket layer (runtime/socket.c,
 * runtime/poll.c) needs besides lwIP's own lwip_* socket calls: per-socket
 * readiness and one global wake-up for poll/select.
 *
 * Needs no lwIP header. Sockets are named by lwIP's socket number (the int
 * lwip_socket() and lwip_accept() return), not by the app's fd. lwIP's
 * socket calls set errno of the calling thread in newlib's numbering.
 */
#ifndef SKIFF_NET_H
#define SKIFF_NET_H

#include <kernel/types.h>

/* Longest value kept of an ip= or dns= option (with the terminator). */
#define NET_OPT_MAX 64

/* Skiff's own leading command-line options for the network (boot
 * options, <kernel/init.h>): ip= and dns=. */
struct net_options {
	char ip[NET_OPT_MAX];  /* "ADDR/PREFIX[,GW]" from ip=, "" if none */
	char dns[NET_OPT_MAX]; /* "ADDR" from dns=, "" if none */
};

/* Keep an option's value in dst (NET_OPT_MAX bytes), cut to
 * NET_OPT_MAX - 1 characters. */
void net_option_set(char *dst, const char *value);

/*
 * Start lwIP and bring up a netif per registered netdev, then configure
 * each: the backend's "ip" key, else (first vif only) opts->ip, else DHCP.
 * Waits a bounded time (at most about 10 s) for a DHCP lease; never fails
 * the boot: problems are printed and the guest goes on. With no netdev it
 * does nothing and starts no thread. Thread context only (not idle), once.
 * opts may be NULL. An image with the network runs it as an INIT_SERVICE
 * initcall, with the ip= and dns= boot options.
 */
void net_init(const struct net_options *opts);

/* Whether net_init() started lwIP (there is at least one netif). Socket
 * calls before that or without it fail with ENETDOWN-like errors. */
bool net_is_up(void);

/* Start lwIP with only its loopback interface (lo: 127.0.0.1/8, ::1)
 * when net_init() found no vif, so programs talk to themselves over
 * TCP/UDP as on any Linux host. Called by the socket layer on the first
 * socket; a no-op when the network is up. Returns net_is_up(). Thread
 * context (false in the idle thread). */
bool net_start_loopback(void);

/* One interface as Linux's netlink route socket describes it. */
#define NET_IF_MAC_LEN 6
#define NET_IF_IP6_MAX 4
struct net_ifinfo {
	char name[16];	    /* lo, vif0, ... */
	unsigned int index; /* lwIP's: lo is 1, then the vifs */
	unsigned int mtu;
	bool up, running, loopback, broadcast;
	uint8_t mac[NET_IF_MAC_LEN]; /* zero for lo */
	uint32_t ip4, ip4_mask;	     /* network byte order; 0: none */
	unsigned int n6;
	struct {
		uint8_t addr[16];
		uint8_t prefix;
		bool link_local;
		bool tentative; /* duplicate address detection not done */
	} ip6[NET_IF_IP6_MAX];
};

/* Describe up to max interfaces into out, lowest index first; returns
 * how many there are (0 before the network is up). */
int net_if_list(struct net_ifinfo *out, int max);

/* Exit: let TCP connections deliver what they still hold (data not yet
 * sent or not yet acknowledged), sleeping until none does or until
 * deadline_ns, so that a program's last writes reach their peers as
 * they would from a Linux process that exits. Returns the connections
 * still holding data (reported on the console). Thread context only. */
#define NET_DRAIN_STEP_NS 5000000ull
int net_drain(uint64_t deadline_ns);

/* Whether a DNS server is known (dns= option or DHCP), so getaddrinfo()
 * of a name (not a numeric address) can try lwIP's resolver. */
bool net_dns_configured(void);

/* How many lwIP sockets are allocated now (open, or closing with a
 * thread still inside); 0 before net_init(). For <skiff/debug.h>. */
int net_sock_count(void);

/* Readiness bits of one socket, as returned by net_sock_readiness(). */
#define NET_READY_IN 0x1     /* recv/accept would not block (data, EOF, peer) */
#define NET_READY_OUT 0x2    /* send would not block */
#define NET_READY_ERR 0x4    /* a pending error (SO_ERROR) */
#define NET_READY_HUP 0x8    /* the connection is closed both ways or reset */
#define NET_READY_RDHUP 0x10 /* the peer sent its FIN (or HUP) */

/*
 * Start tracking lwip_fd's readiness changes: call once right after
 * lwip_socket() and after lwip_accept() returns a new socket (accepted
 * sockets also inherit it from their listener; calling again is harmless).
 * Returns 0, or -EBADF for a number that is not an open lwIP socket.
 */
int net_sock_watch(int lwip_fd);

/* The NET_READY_* bits of lwip_fd now, or -EBADF. Never blocks (takes
 * the lwIP core lock briefly). */
int net_sock_readiness(int lwip_fd);

/* Reset lwip_fd's TCP connection now (an RST to the peer), as Linux's
 * close() does with SO_LINGER on and a time of 0; the socket itself is
 * still to be closed. 0, or -EBADF for a number that is no TCP socket. */
int net_sock_abort(int lwip_fd);

/* A counter that moves whenever lwip_fd's readiness rose (data, a
 * connection, the end or an error arrived; room to send appeared after
 * there was none), for epoll's edge triggering. Read it before
 * net_sock_readiness(). 0 for a number that is no socket. */
unsigned long net_sock_events(int lwip_fd);

/*
 * A counter bumped whenever any watched socket's readiness may have
 * changed (data, room, connection, error, close), or net_events_signal()
 * is called. The pattern for poll/select without lost wake-ups:
 *   seq = net_events_seq(); check every fd; if none ready:
 *   net_events_wait_until(seq, deadline);
 */
uint64_t net_events_seq(void);

/* Sleep until the counter differs from seq or the monotonic clock reaches
 * deadline_ns (0: no deadline). Returns 0 when it changed (possibly
 * already before the call), -ETIMEDOUT at the deadline, -EINTR when a
 * signal interrupts the wait (wq_wait_intr()). Thread context. */
int net_events_wait_until(uint64_t seq, uint64_t deadline_ns);

/* Bump the counter and wake every waiter: for other event sources that
 * poll/select mixes in (the console). Safe in upcall context. */
void net_events_signal(void);

#endif
