/*
 * Socket readiness for poll/select/epoll and the runtime's blocking
 * socket calls. Every watched lwIP socket's netconn callback is wrapped:
 * lwIP's own callback (which keeps the socket's receive/send/error
 * counts) runs first; then, if the socket's readiness rose, its event
 * counter moves (epoll's edge triggering) and net_events_signal() wakes
 * the waiters (net/events.c). A fall wakes nobody: no waiter waits for
 * one. Error values here are below 35, where newlib's <errno.h> (which
 * lwIP's headers include) and Linux agree.
 */

#include <skiff_net.h>

#include "lwip/api.h"
#include "lwip/priv/sockets_priv.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"

/* lwIP's socket numbers run from LWIP_SOCKET_OFFSET, one per netconn. */
#define SOCK_SLOTS MEMP_NUM_NETCONN

static struct {
	/* sockets.c's event_callback, which the wrapper calls first. */
	netconn_callback lwip_cb;
	/* Per socket slot: moves when its readiness rose. Never reset: a
	 * reused slot just goes on counting. */
	unsigned long events[SOCK_SLOTS];
} se;

/* The event counter of socket number s, or NULL. */
static unsigned long *sock_counter(int s)
{
	s -= LWIP_SOCKET_OFFSET;
	return s >= 0 && s < SOCK_SLOTS ? &se.events[s] : NULL;
}

/* Whether evt may make the socket more ready than it was: any data, a
 * connection or the end arriving, any error, and room to send only when
 * there was none (lwIP signals room on every acknowledgment, which would
 * wake an edge-triggered waiter for nothing each time). */
static bool sock_event_rises(enum netconn_evt evt, bool was_writable)
{
	return evt == NETCONN_EVT_RCVPLUS || evt == NETCONN_EVT_ERROR ||
	       (evt == NETCONN_EVT_SENDPLUS && !was_writable);
}

/* The wrapper installed on watched netconns; accepted connections get it
 * from their listener (lwIP copies the listener's callback). */
static void sock_event(struct netconn *conn, enum netconn_evt evt, u16_t len)
{
	/* Before accept() made the socket, conn->socket is negative and
	 * lwIP only counts; the new fd's first epoll look reports it. */
	int s = conn ? conn->socket : -1;
	struct lwip_sock *sock = s >= 0 ? lwip_socket_dbg_get_socket(s) : NULL;
	bool was_writable = sock && sock->sendevent;
	unsigned long *counter = s >= 0 ? sock_counter(s) : NULL;

	se.lwip_cb(conn, evt, len);
	/* Only a rise wakes anyone: a blocked send that finds no room makes
	 * lwIP say "less room" each time it tries (runtime/socket_lwip.c),
	 * which must not wake it, or another blocked sender, to try again. */
	if (!sock_event_rises(evt, was_writable))
		return;
	if (counter)
		(*counter)++;
	net_events_signal();
}

/* The lwIP socket fd, if it is open. Core lock held. */
static struct lwip_sock *sock_get(int fd)
{
	struct lwip_sock *sock = lwip_socket_dbg_get_socket(fd);

	return sock && sock->conn ? sock : NULL;
}

int net_sock_watch(int lwip_fd)
{
	struct lwip_sock *sock;
	int ret = 0;

	if (!net_is_up())
		return -EBADF;
	LOCK_TCPIP_CORE();
	sock = sock_get(lwip_fd);
	if (!sock) {
		ret = -EBADF;
	} else if (sock->conn->callback != sock_event) {
		if (!se.lwip_cb)
			se.lwip_cb = sock->conn->callback;
		if (sock->conn->callback == se.lwip_cb)
			sock->conn->callback = sock_event;
		else
			ret = -EINVAL; /* not a socket of sockets.c */
	}
	UNLOCK_TCPIP_CORE();
	return ret;
}

/* A TCP connection whose protocol block is gone: reset, or closed both
 * ways (lwIP frees the block then). A fresh socket already has one. */
static bool sock_hung_up(const struct lwip_sock *sock)
{
	const struct netconn *c = sock->conn;

	return NETCONNTYPE_GROUP(netconn_type(c)) == NETCONN_TCP && !c->pcb.tcp;
}

/* A TCP connection whose peer sent its FIN: it will send nothing more
 * (Linux's RCV_SHUTDOWN, reported as POLLRDHUP). The end itself may
 * still wait behind unread data. */
static bool sock_peer_done(const struct lwip_sock *sock)
{
	const struct netconn *c = sock->conn;
	enum tcp_state st;

	if (NETCONNTYPE_GROUP(netconn_type(c)) != NETCONN_TCP || !c->pcb.tcp)
		return false;
	st = c->pcb.tcp->state;
	return st == CLOSE_WAIT || st == LAST_ACK || st == CLOSING ||
	       st == TIME_WAIT;
}

int net_sock_readiness(int lwip_fd)
{
	struct lwip_sock *sock;
	int mask = 0;

	if (!net_is_up())
		return -EBADF;
	LOCK_TCPIP_CORE();
	sock = sock_get(lwip_fd);
	if (!sock) {
		UNLOCK_TCPIP_CORE();
		return -EBADF;
	}
	if (sock->lastdata.pbuf || sock->rcvevent > 0)
		mask |= NET_READY_IN;
	if (sock->sendevent)
		mask |= NET_READY_OUT;
	if (sock->errevent)
		mask |= NET_READY_ERR;
	if (sock_hung_up(sock))
		mask |= NET_READY_HUP | NET_READY_IN | NET_READY_RDHUP;
	if (sock_peer_done(sock))
		mask |= NET_READY_RDHUP;
	UNLOCK_TCPIP_CORE();
	return mask;
}

unsigned long net_sock_events(int lwip_fd)
{
	unsigned long *counter = sock_counter(lwip_fd);

	/* One aligned word, written only by sock_event() on this vCPU:
	 * read without the core lock. */
	return counter ? READ_ONCE(*counter) : 0;
}

int net_sock_count(void)
{
	int s, n = 0;

	if (!net_is_up())
		return 0;
	LOCK_TCPIP_CORE();
	for (s = LWIP_SOCKET_OFFSET; s < LWIP_SOCKET_OFFSET + SOCK_SLOTS; s++)
		if (sock_get(s))
			n++;
	UNLOCK_TCPIP_CORE();
	return n;
}

int net_sock_abort(int lwip_fd)
{
	struct lwip_sock *sock;
	int r = -EBADF;

	if (!net_is_up())
		return r;
	LOCK_TCPIP_CORE();
	sock = sock_get(lwip_fd);
	if (sock && sock->conn &&
	    NETCONNTYPE_GROUP(netconn_type(sock->conn)) == NETCONN_TCP) {
		r = 0;
		/* A listener has nobody to reset; a connection that already
		 * ended has no pcb left. tcp_abort() sends the RST and tells
		 * the netconn (its error callback), which then closes as after
		 * a reset from the peer. */
		if (sock->conn->pcb.tcp && sock->conn->pcb.tcp->state != LISTEN)
			tcp_abort(sock->conn->pcb.tcp);
	}
	UNLOCK_TCPIP_CORE();
	return r;
}
