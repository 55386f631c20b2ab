/*
 * Socket readiness for poll/select. Every watched lwIP socket's netconn
 * callback is wrapped: lwIP's own callback (which keeps the socket's
 * receive/send/error counts) runs first, then net_events_signal() wakes
 * the pollers (net/events.c). Error values here are below 35, where
 * newlib's <errno.h> (which lwIP's headers include) and Linux agree.
 */

#include <skiff_net.h>

#include "lwip/api.h"
#include "lwip/priv/sockets_priv.h"
#include "lwip/tcpip.h"

/* sockets.c's event_callback, which the wrapper calls first. */
static netconn_callback lwip_cb;

/* The wrapper installed on watched netconns; accepted connections get it
 * from their listener (lwIP copies the listener's callback). */
static void sock_event(struct netconn *conn, enum netconn_evt evt, u16_t len)
{
	lwip_cb(conn, evt, len);
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
		if (!lwip_cb)
			lwip_cb = sock->conn->callback;
		if (sock->conn->callback == lwip_cb)
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
		mask |= NET_READY_HUP | NET_READY_IN;
	UNLOCK_TCPIP_CORE();
	return mask;
}
