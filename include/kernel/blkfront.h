/*
 * blkfront: the Xen PV block frontend. At boot (an INIT_DRIVER
 * initcall) it finds every
 * device/vbd/N, registers a blkdev for each one it can use (not yet
 * connected), and starts its handshake in the background; the disk
 * becomes usable when the backend connects. Users wait with
 * blkdev_wait_settled().
 */
#ifndef KERNEL_BLKFRONT_H
#define KERNEL_BLKFRONT_H

/* How long the first handshake of a disk may take before it is reported
 * as not connected (it may still connect later). */
#define BLKFRONT_CONNECT_TIMEOUT_MS 10000

#endif
