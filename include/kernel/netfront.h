/*
 * netfront: the Xen PV network frontend. At boot (an INIT_DRIVER
 * initcall) it finds every
 * device/vif/N, registers a netdev for each one it can use (link down),
 * and starts its handshake in the background; the link comes up when the
 * backend connects. The stack waits with netdev_wait_settled().
 */
#ifndef KERNEL_NETFRONT_H
#define KERNEL_NETFRONT_H

/* How long the first handshake of a vif may take before the device is
 * reported as not connected (it may still come up later). */
#define NETFRONT_CONNECT_TIMEOUT_MS 10000

#endif
