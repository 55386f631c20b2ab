/*
 * Domain control: the toolstack's requests under control/ in xenstore
 * (xl shutdown, xl reboot, xl sysrq), served by a kernel thread.
 */
#ifndef KERNEL_CONTROL_H
#define KERNEL_CONTROL_H

/* Start the control thread: it advertises control/feature-poweroff,
 * -reboot and -sysrq and watches control/. Needs xs_init() first. */
void control_init(void);

#endif
