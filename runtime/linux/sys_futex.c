/*
 * futex of the Linux shim: wait, wake, requeue and their bitset and
 * private forms, with Linux's checks in Linux's order (the timeout,
 * the clock flag, the counts, then the word: aligned, in range and,
 * for a futex shared between processes, backed by a page). Kernel code
 * is never preempted (user code is, by event upcalls), so the
 * compare-and-sleep needs no lock: nothing runs between the compare
 * and the sleep.
 */
#include <string.h>

#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <kernel/uvm.h>

#include "linux_priv.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_LOCK_PI2 13
#define FUTEX_PRIVATE 128
#define FUTEX_CLOCK_REALTIME 256

/* A futex is an address in one address space (a process's). */
struct futex_waiter {
	struct uvm_as *as;
	uint64_t uaddr;
	uint32_t bitset;
	bool woken;
	struct wait_queue wq;
	struct list_head link;
};

static struct list_head waiters = LIST_HEAD_INIT(waiters);

/* Linux's get_futex_key(): the word aligned (EINVAL) and in the user
 * half (EFAULT); a futex shared between processes also needs a page
 * (EFAULT for a hole or PROT_NONE), and one in anonymous memory must be
 * writable: Linux refuses an anonymous page it could only get read-only
 * (written before and then made read-only, or never written: the shared
 * zero page) with EFAULT. (A private file mapping's page that a write
 * made anonymous is refused there too; here it still counts as the
 * file's.) A private futex is only an address. */
static int futex_key(uint64_t uaddr, int op)
{
	unsigned long end, off;

	if (uaddr % 4)
		return -EINVAL;
	if (!user_range_ok(uaddr, 4))
		return -EFAULT;
	if (op & FUTEX_PRIVATE)
		return 0;
	if (!uvm_range_allows(uaddr, 4, UVM_PROT_READ))
		return -EFAULT;
	if (!uvm_obj_at(uaddr, &end, &off) &&
	    !uvm_range_allows(uaddr, 4, UVM_PROT_WRITE))
		return -EFAULT;
	return 0;
}

long linux_futex_wake(uint64_t uaddr, int count, uint32_t bitset)
{
	struct list_head *pos, *tmp;
	long n = 0;

	list_for_each_safe(pos, tmp, &waiters) {
		struct futex_waiter *w =
		    list_entry(pos, struct futex_waiter, link);

		if (n >= count)
			break;
		if (w->uaddr != uaddr || w->as != thread_current()->uvm ||
		    !(w->bitset & bitset))
			continue;
		list_del(&w->link);
		w->woken = true;
		wq_wake_one(&w->wq);
		n++;
	}
	return n;
}

/* FUTEX_WAKE(_BITSET). */
static long futex_wake(uint64_t uaddr, int op, int count, uint32_t bitset)
{
	int rc;

	if (!bitset)
		return -EINVAL;
	if ((rc = futex_key(uaddr, op)) < 0)
		return rc;
	return linux_futex_wake(uaddr, count, bitset);
}

/* FUTEX_(CMP_)REQUEUE: wake count waiters on uaddr, move up to more of
 * the rest to uaddr2; with cmp, only while the word holds *cmp. */
static long requeue(uint64_t uaddr, int op, int count, int more,
		    uint64_t uaddr2, const uint32_t *cmp)
{
	struct list_head *pos, *tmp;
	long n, moved = 0;
	uint32_t now;
	int rc;

	if (count < 0 || more < 0)
		return -EINVAL;
	if ((rc = futex_key(uaddr, op)) < 0 || (rc = futex_key(uaddr2, op)) < 0)
		return rc;
	if (cmp && user_copy_from(&now, uaddr, sizeof(now)) < 0)
		return -EFAULT;
	if (cmp && now != *cmp)
		return -EAGAIN;
	n = linux_futex_wake(uaddr, count, ~0u);
	list_for_each_safe(pos, tmp, &waiters) {
		struct futex_waiter *w =
		    list_entry(pos, struct futex_waiter, link);

		if (moved >= more)
			break;
		if (w->uaddr == uaddr && w->as == thread_current()->uvm) {
			w->uaddr = uaddr2;
			moved++;
		}
	}
	return n + moved;
}

/* FUTEX_WAIT(_BITSET); deadline: monotonic ns, 0 for none. */
static long futex_wait(uint64_t uaddr, int op, uint32_t val, uint32_t bitset,
		       uint64_t deadline)
{
	struct futex_waiter w;
	uint32_t now;
	int rc;

	if (!bitset)
		return -EINVAL;
	if ((rc = futex_key(uaddr, op)) < 0)
		return rc;
	if (user_copy_from(&now, uaddr, sizeof(now)) < 0)
		return -EFAULT;
	if (now != val)
		return -EAGAIN;
	memset(&w, 0, sizeof(w));
	w.as = thread_current()->uvm;
	w.uaddr = uaddr;
	w.bitset = bitset;
	wq_init(&w.wq);
	list_add_tail(&w.link, &waiters);
	while (!w.woken) {
		rc = wq_wait_intr(&w.wq, deadline);
		if (!w.woken && rc < 0) { /* a timeout or a signal */
			list_del(&w.link);
			return rc;
		}
	}
	return 0;
}

/* The deadline of a wait's timeout at uts (0: none): relative for
 * FUTEX_WAIT, absolute on the monotonic or (FUTEX_CLOCK_REALTIME) the
 * wall clock for FUTEX_WAIT_BITSET. Read before anything else, as
 * Linux does: -EFAULT, -EINVAL. */
static int futex_deadline(uint64_t uts, int op, uint64_t *deadline)
{
	uint64_t ns;
	int rc;

	*deadline = 0;
	if (!uts)
		return 0;
	if ((rc = linux_timespec_ns(uts, &ns)) < 0)
		return rc;
	if ((op & ~(FUTEX_PRIVATE | FUTEX_CLOCK_REALTIME)) == FUTEX_WAIT) {
		*deadline = linux_deadline(ns + 1);
		return 0;
	}
	if (op & FUTEX_CLOCK_REALTIME) {
		uint64_t wall = time_wall_ns();

		ns = ns > wall ? ns - wall : 0;
		ns += time_monotonic_ns();
	}
	/* At most the saturated "forever" (a REALTIME one near the top
	 * must not wrap below it). */
	*deadline = ns ? MIN(ns, (uint64_t)INT64_MAX) : 1;
	return 0;
}

LINUX_SYS(futex)
{
	uint64_t uaddr = A0(r), ts = A3(r), deadline = 0;
	int op = (int)A1(r), cmd = op & ~(FUTEX_PRIVATE | FUTEX_CLOCK_REALTIME);
	uint32_t val = (uint32_t)A2(r), val3 = (uint32_t)A5(r);
	int rc;

	if ((cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) &&
	    (rc = futex_deadline(ts, op, &deadline)) < 0)
		return rc;
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET &&
	    cmd != FUTEX_WAIT_REQUEUE_PI && cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, op, val, ~0u, deadline);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, op, val, val3, deadline);
	case FUTEX_WAKE:
		return futex_wake(uaddr, op, (int)val, ~0u);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, op, (int)val, val3);
	case FUTEX_REQUEUE:
		return requeue(uaddr, op, (int)val, (int)ts, A4(r), NULL);
	case FUTEX_CMP_REQUEUE:
		return requeue(uaddr, op, (int)val, (int)ts, A4(r), &val3);
	default:
		return -ENOSYS;
	}
}
