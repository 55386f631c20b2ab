/*
 * Raw Ethernet frames for apps that bring their own network stack (or
 * test the driver): send and receive whole frames on a vif, bypassing
 * Skiff's TCP/IP stack. Devices are named by the N of the xl config's
 * vif list (device/vif/N). Calls return a negative Linux errno value on
 * failure.
 *
 * The network stack attaches to every vif before main() runs, so an app
 * reserves the vifs it drives itself at file scope:
 *
 *     SKIFF_NETDEV_RAW(1u << 0);   // vif 0 is the app's
 *
 * The stack then leaves those alone.
 */
#ifndef SKIFF_NETDEV_H
#define SKIFF_NETDEV_H

#include <stddef.h>

/* Reserve the vifs whose bits are set in mask for the raw API. */
#define SKIFF_NETDEV_RAW(mask) const unsigned int skiff_netdev_raw_mask = (mask)

/* Frames are at most this long (no FCS): 14-byte header + 1500. */
#define SKIFF_NETDEV_FRAME_MAX 1514

/* Take vif for this app; its MAC goes to mac. Returns 0; -ENODEV for no
 * such (usable) vif, -EBUSY when it is not reserved for the app or
 * already open, -ENOMEM. */
int skiff_netdev_open(unsigned int vif, unsigned char mac[6]);

/* Wait up to timeout_ms for vif's link (the backend connected). Returns
 * 0 or -ETIMEDOUT; -EBADF for a vif not open. A vif unplugged (xl
 * network-detach) ends a wait with -ENODEV, and every later call on it
 * gets -EBADF until it is attached again and opened again. */
int skiff_netdev_wait_link(unsigned int vif, unsigned long timeout_ms);

/* Send one frame. Returns 0; -EAGAIN when the ring is full (retry),
 * -ENETDOWN while the link is down, -EMSGSIZE, -EIO once the backend has
 * broken the protocol. */
int skiff_netdev_send(unsigned int vif, const void *frame, size_t len);

/* Receive the next frame into buf (cut to len bytes), waiting up to
 * timeout_ms. Returns the frame's full length; -ETIMEDOUT; -ENODEV or
 * -EBADF once the vif was unplugged. Frames that
 * arrive while the app's queue (64 frames) is full are dropped. */
long skiff_netdev_recv(unsigned int vif, void *buf, size_t len,
		       unsigned long timeout_ms);

#endif
