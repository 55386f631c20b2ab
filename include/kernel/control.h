/*
 * Domain control: the toolstack's requests under control/ in xenstore
 * (xl shutdown, xl reboot, xl sysrq), served by a kernel thread.
 */
#ifndef KERNEL_CONTROL_H
#define KERNEL_CONTROL_H

#include <kernel/types.h>

/* Start the control thread: it advertises control/feature-poweroff,
 * -reboot and -sysrq and watches control/. Needs xs_init() first. */
void control_init(void);

/* What xl shutdown / xl reboot do: handler(reboot) is called in the
 * control thread and returns 0 once it has taken over (it ends the domain
 * itself, e.g. after running the app's shutdown hooks), or a negative
 * errno to have the kernel power off (or reboot) at once. Without a
 * handler the kernel does that. Set by the layer above, at its start. */
void control_set_shutdown_handler(int (*handler)(bool reboot));

#endif
