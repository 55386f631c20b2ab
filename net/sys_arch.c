/*
 * lwIP's OS layer (sys_arch) on Skiff's kernel: semaphores are ksems,
 * mutexes (and so the tcpip core lock) are kmutexes, mailboxes are bounded
 * rings between two ksems, threads are kernel threads, and time is the
 * monotonic clock in milliseconds. All of it runs in thread context;
 * nothing of lwIP runs in an event upcall.
 */
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sync.h>
#include <kernel/time.h>

#include <stdarg.h>
#include <stdlib.h>

#include "lwip/sys.h"
#include "lwip/tcpip.h"

/* A mailbox: msgs[head] is the oldest of the queued messages. The
 * semaphores count messages not yet claimed by a fetcher (items) and free
 * places not yet claimed by a poster (slots). */
struct net_mbox {
	struct ksem items;
	struct ksem slots;
	unsigned int head;
	unsigned int queued;
	unsigned int size;
	void *msgs[];
};

void sys_init(void)
{
}

u32_t sys_now(void)
{
	return (u32_t)(time_monotonic_ns() / NSEC_PER_MSEC);
}

u32_t sys_jiffies(void)
{
	return sys_now();
}

/* One vCPU, cooperative threads and no lwIP code in upcalls: a region
 * that does not block cannot be interrupted by other lwIP code. */
sys_prot_t sys_arch_protect(void)
{
	return 0;
}

void sys_arch_unprotect(sys_prot_t pval)
{
	(void)pval;
}

/* The deadline for an lwIP timeout in ms (0: none). */
static uint64_t deadline_ms(u32_t timeout)
{
	return timeout ? time_monotonic_ns() + timeout * NSEC_PER_MSEC : 0;
}

/* What lwIP's waits return: the time waited in ms (never the timeout
 * marker), or SYS_ARCH_TIMEOUT when the kernel's wait failed (it fails
 * only by timing out; its -ETIMEDOUT is Linux's number, not the one of
 * newlib's <errno.h> that lwIP's headers bring in, so it is not named). */
static u32_t waited_ms(uint64_t start, int ret)
{
	uint64_t ms;

	if (ret)
		return SYS_ARCH_TIMEOUT;
	ms = (time_monotonic_ns() - start) / NSEC_PER_MSEC;
	return ms >= SYS_ARCH_TIMEOUT ? SYS_ARCH_TIMEOUT - 1 : (u32_t)ms;
}

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	struct ksem *s = malloc(sizeof(*s));

	*sem = s;
	if (!s)
		return ERR_MEM;
	ksem_init(s, count);
	return ERR_OK;
}

void sys_sem_free(sys_sem_t *sem)
{
	free(*sem);
	*sem = NULL;
}

void sys_sem_signal(sys_sem_t *sem)
{
	ksem_post(*sem);
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout)
{
	uint64_t start = time_monotonic_ns();

	return waited_ms(start, ksem_wait_until(*sem, deadline_ms(timeout)));
}

err_t sys_mutex_new(sys_mutex_t *mutex)
{
	struct kmutex *m = malloc(sizeof(*m));

	*mutex = m;
	if (!m)
		return ERR_MEM;
	kmutex_init(m);
	return ERR_OK;
}

void sys_mutex_free(sys_mutex_t *mutex)
{
	free(*mutex);
	*mutex = NULL;
}

void sys_mutex_lock(sys_mutex_t *mutex)
{
	int ret = kmutex_lock(*mutex);

	if (ret)
		panic("net: lwIP mutex %p: lock failed (%d)", (void *)*mutex,
		      ret);
}

void sys_mutex_unlock(sys_mutex_t *mutex)
{
	int ret = kmutex_unlock(*mutex);

	if (ret)
		panic("net: lwIP mutex %p: unlock failed (%d)", (void *)*mutex,
		      ret);
}

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	struct net_mbox *b;

	*mbox = NULL;
	if (size <= 0)
		return ERR_ARG;
	b = calloc(1, sizeof(*b) + (size_t)size * sizeof(b->msgs[0]));
	if (!b)
		return ERR_MEM;
	ksem_init(&b->items, 0);
	ksem_init(&b->slots, (unsigned int)size);
	b->size = (unsigned int)size;
	*mbox = b;
	return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
	free(*mbox);
	*mbox = NULL;
}

/* Put msg into b, which has a free slot (taken by the caller). */
static void mbox_put(struct net_mbox *b, void *msg)
{
	b->msgs[(b->head + b->queued) % b->size] = msg;
	b->queued++;
	ksem_post(&b->items);
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	ksem_wait(&(*mbox)->slots);
	mbox_put(*mbox, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	if (ksem_trywait(&(*mbox)->slots))
		return ERR_MEM;
	mbox_put(*mbox, msg);
	return ERR_OK;
}

/* lwIP's "from an interrupt" variant; Skiff has no such callers, but
 * tcpip.c refers to it. */
err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	return sys_mbox_trypost(mbox, msg);
}

/* Take the oldest message of b, which has one (taken by the caller). */
static void *mbox_get(struct net_mbox *b)
{
	void *msg = b->msgs[b->head];

	b->head = (b->head + 1) % b->size;
	b->queued--;
	ksem_post(&b->slots);
	return msg;
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout)
{
	uint64_t start = time_monotonic_ns();
	int ret = ksem_wait_until(&(*mbox)->items, deadline_ms(timeout));
	void *m = ret ? NULL : mbox_get(*mbox);

	if (msg)
		*msg = m;
	return waited_ms(start, ret);
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	void *m;

	if (ksem_trywait(&(*mbox)->items))
		return SYS_MBOX_EMPTY;
	m = mbox_get(*mbox);
	if (msg)
		*msg = m;
	return 0;
}

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg,
			    int stacksize, int prio)
{
	struct thread *t;

	(void)prio;
	t = thread_create(name, fn, arg, stacksize > 0 ? (size_t)stacksize : 0);
	if (!t)
		panic("net: no memory for lwIP's thread \"%s\"", name);
	thread_detach(t);
	return t;
}

/* LWIP_ASSERT_CORE_LOCKED(): lwIP's core functions must run under the
 * core lock (the tcpip thread holds it while it works). Before
 * tcpip_init() creates the lock there is only the initialising thread. */
void net_assert_core_locked(void)
{
	if (lock_tcpip_core && !kmutex_held(lock_tcpip_core))
		panic("net: lwIP core function called without the core lock");
}

void net_lwip_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void net_lwip_assert(const char *msg, const char *file, int line)
{
	panic("net: lwIP assertion \"%s\" failed at %s:%d", msg, file, line);
}
