/*
 * Entry to Xen's public interface for the whole kernel: the interface
 * version, the public headers we use, and where shared_info lives.
 */
#ifndef ARCH_XEN_H
#define ARCH_XEN_H

#include <kernel/types.h>

#ifndef __XEN_INTERFACE_VERSION__
#define __XEN_INTERFACE_VERSION__ 0x00040d00
#endif
#include <xen/xen.h>
#include <xen/callback.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/version.h>

/* Mapped by arch_setup(); valid for the life of the domain. */
extern shared_info_t *HYPERVISOR_shared_info;

/* The machine frame of shared_info. */
mfn_t arch_shared_info_mfn(void);
/* Around a suspend (arch/x86_64/suspend.c): map the shared_info page's
 * own guest frame instead of Xen's, and Xen's frame at maddr again.
 * 0 or Xen's error. */
int arch_shared_info_unmap(void);
int arch_shared_info_map(unsigned long maddr);

static inline struct vcpu_info *arch_vcpu_info(void)
{
	return &HYPERVISOR_shared_info->vcpu_info[0];
}

#endif
