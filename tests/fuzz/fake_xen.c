/*
 * The platform under the frontends' fuzzers; see fake_xen.h. Direct-map
 * addresses: the kernel turns a frame number into an address as
 * DIRECTMAP_BASE + (pfn << PAGE_SHIFT), in unsigned arithmetic, so a
 * "frame number" of (host address - DIRECTMAP_BASE) >> PAGE_SHIFT turns
 * back into the host address (modulo 2^64): the drivers' own
 * pfn_to_virt() and virt_to_pfn() work unchanged on host pages.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/gnttab.h>
#include <kernel/page_alloc.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/suspend.h>
#include <kernel/sync.h>
#include <kernel/time.h>
#include <kernel/xenfront.h>
#include <kernel/xenstore.h>
#include <skiff/xenstore.h>

#include "fake_store.h"
#include "fake_xen.h"
#include "fuzz_input.h"

struct fx_state fx;
static uint8_t arena[FX_ARENA_PAGES][PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE)));
static uint8_t pins[FX_ARENA_PAGES];
static int log_on = -1;
/* The single pages handed out this input. */
#define FX_PAGES_MAX 8192
static void *spare[FX_PAGES_MAX];
static unsigned int nspare;

void fx_reset(void)
{
	const struct suspend_hook *hook = fx.hook; /* registered once */

	while (nspare)
		free(spare[--nspare]);
	memset(&fx, 0, sizeof(fx));
	fx.hook = hook;
	memset(pins, 0, sizeof(pins));
	store_clear();
	fx.now = 1000 * NSEC_PER_SEC;
}

bool fx_in_arena(const void *p)
{
	uintptr_t a = (uintptr_t)arena;

	return (uintptr_t)p >= a && (uintptr_t)p < a + sizeof(arena);
}

static pfn_t host_pfn(const void *va)
{
	return ((uintptr_t)va - DIRECTMAP_BASE) >> PAGE_SHIFT;
}

/* --- Memory ------------------------------------------------------------ */

pfn_t page_alloc(unsigned long n)
{
	void *p;

	if (fx.page_fail) {
		fx.page_fail--;
		return 0;
	}
	if (n > FX_ARENA_PAGES - fx.arena_used)
		return 0;
	p = arena[fx.arena_used];
	fx.arena_used += (unsigned int)n;
	memset(p, 0xa5, n * PAGE_SIZE); /* not zeroed, as the real one */
	return host_pfn(p);
}

/* Pages go back with the input (fx_reset()). */
void page_free(pfn_t pfn, unsigned long n)
{
	(void)pfn;
	(void)n;
}

unsigned long page_alloc_free_pages(void)
{
	return FX_PAGES_MAX - nspare;
}

/* Single pages are heap blocks of their own, so that AddressSanitizer
 * sees an access past a page's end; freed with the input. */
void *gnttab_page_alloc(void)
{
	void *p;

	if (fx.page_fail) {
		fx.page_fail--;
		return NULL;
	}
	if (nspare == FX_PAGES_MAX)
		return NULL;
	p = spare[nspare++] = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
	memset(p, 0, PAGE_SIZE);
	return p;
}

/* gnttab_end_page() may leave a slot empty (no page to replace one the
 * backend kept); the next share fills it. */
int gnttab_page_fill(void **page)
{
	if (!*page && !(*page = gnttab_page_alloc()))
		return -ENOMEM;
	return 0;
}

mfn_t arch_va_to_mfn(const void *va)
{
	return host_pfn((const void *)((uintptr_t)va & ~(PAGE_SIZE - 1)));
}

pfn_t mfn_to_pfn(mfn_t mfn)
{
	return mfn;
}

/* Pins count only for arena pages; a program's page (heap memory of the
 * harness) is pinned and unpinned too, but not tracked. */
bool page_pin(pfn_t pfn)
{
	void *p = pfn_to_virt(pfn);

	if (fx_in_arena(p))
		pins[((uint8_t *)p - arena[0]) / PAGE_SIZE]++;
	return true;
}

void page_unpin(pfn_t pfn)
{
	void *p = pfn_to_virt(pfn);

	if (fx_in_arena(p)) {
		FUZZ_ASSERT(pins[((uint8_t *)p - arena[0]) / PAGE_SIZE] > 0);
		pins[((uint8_t *)p - arena[0]) / PAGE_SIZE]--;
	}
}

/* --- Grants ---------------------------------------------------------------- */

int gnttab_grant_page(unsigned int domid, const void *va, int readonly)
{
	unsigned int i, n;

	FUZZ_ASSERT(domid == 7);
	FUZZ_ASSERT(((uintptr_t)va & (PAGE_SIZE - 1)) == 0);
	if (fx.grant_fail) {
		fx.grant_fail--;
		return -ENOSPC;
	}
	/* From where the last search stopped (references 8 and up). */
	for (n = 0; n < FX_GRANTS - 8; n++) {
		i = 8 + (fx.next_ref + n) % (FX_GRANTS - 8);
		if (!fx.g[i].page) {
			fx.g[i].page = (void *)va;
			fx.g[i].ro = readonly;
			fx.g[i].maps = 0;
			fx.next_ref = i - 8 + 1;
			return (int)i;
		}
	}
	return -ENOSPC;
}

int gnttab_end_access(unsigned int ref)
{
	if (ref >= FX_GRANTS || !fx.g[ref].page)
		return -EINVAL;
	if (fx.g[ref].maps)
		return -EBUSY;
	fx.g[ref].page = NULL;
	return 0;
}

bool gnttab_end_page(void **page, int *ref, uint64_t deadline_ns,
		     const char *owner)
{
	unsigned int saved_fail;

	(void)owner;
	if (*ref < 0)
		return false;
	FUZZ_ASSERT(*ref < FX_GRANTS && fx.g[*ref].page == *page);
	if (fx.now < deadline_ns)
		fx.now = deadline_ns; /* the bounded wait */
	if (gnttab_end_access((unsigned int)*ref) == 0) {
		*ref = -1;
		return false;
	}
	/* Abandoned: the backend keeps it; the grant is never ended. The
	 * kernel panics when it finds no page to replace it with (issue 16,
	 * item 7: not fuzzed here), so the replacement never fails. */
	fx.g[*ref].page = (void *)1;
	saved_fail = fx.page_fail;
	fx.page_fail = 0;
	*page = gnttab_page_alloc();
	fx.page_fail = saved_fail;
	FUZZ_ASSERT(*page);
	*ref = -1;
	return true;
}

void *fx_map(uint32_t ref, bool write)
{
	if (ref >= FX_GRANTS || !fx.g[ref].page ||
	    fx.g[ref].page == (void *)1 || (write && fx.g[ref].ro))
		return NULL;
	fx.g[ref].maps++;
	return fx.g[ref].page;
}

void fx_unmap(uint32_t ref)
{
	if (ref < FX_GRANTS && fx.g[ref].maps)
		fx.g[ref].maps--;
}

void fx_unmap_all(void)
{
	unsigned int i;

	for (i = 0; i < FX_GRANTS; i++)
		fx.g[i].maps = 0;
}

/* --- The store ------------------------------------------------------------- */

int xs_watch(const char *path, const char *token)
{
	(void)path;
	(void)token;
	return 0;
}

int xs_unwatch(const char *path, const char *token)
{
	(void)path;
	(void)token;
	return 0;
}

int xs_read_watch(const char *token, char *buf, size_t len,
		  unsigned int timeout_ms)
{
	(void)token;
	(void)buf;
	(void)len;
	(void)timeout_ms;
	abort(); /* the watcher thread never runs */
}

int xs_watch_level(const char *path, const char *token)
{
	(void)path;
	(void)token;
	return 0;
}

int xs_watch_move(const char *token, const char *path)
{
	(void)token;
	(void)path;
	return 0;
}

int suspend_hook_add(const struct suspend_hook *h)
{
	fx.hook = h;
	return 0;
}

void fx_restore(void)
{
	struct resume_info ri = {.cancelled = false};

	if (fx.hook)
		fx.hook->after(&ri);
	fx_unmap_all(); /* the old backend went with the old domain */
}

/* --- Events, threads, time, the console -------------------------------------- */

uint64_t time_monotonic_ns(void)
{
	return fx.now;
}

int evtchn_alloc_unbound(unsigned int remote)
{
	FUZZ_ASSERT(remote == 7);
	fx.open_ports++;
	return 5;
}

int evtchn_bind(evtchn_port_t port, evtchn_handler_t handler, void *data)
{
	(void)port;
	(void)handler;
	(void)data;
	return 0;
}

void evtchn_unmask(evtchn_port_t port)
{
	(void)port;
}

int evtchn_notify(evtchn_port_t port)
{
	(void)port;
	fx.notifies++;
	return 0;
}

int evtchn_close(unsigned int port)
{
	(void)port;
	fx.open_ports--;
	FUZZ_ASSERT(fx.open_ports >= 0);
	return 0;
}

int ksem_post(struct ksem *s)
{
	(void)s;
	fx.kicks++;
	return 0;
}

int ksem_wait_until(struct ksem *s, uint64_t deadline_ns)
{
	(void)s;
	(void)deadline_ns;
	abort(); /* the worker's loop is the harness's */
}

void devreg_settle(struct devreg_node *n)
{
	n->settled = true;
}

void thread_sleep_until(uint64_t deadline_ns)
{
	if (fx.now < deadline_ns)
		fx.now = deadline_ns;
}

struct thread *thread_create(const char *name, void (*fn)(void *), void *arg,
			     size_t stack_size)
{
	(void)stack_size;
	/* The device's worker is named after its driver ("blkfront"); its
	 * watcher and the driver's hot-plug thread have suffixes. */
	if (!fx.worker && !strchr(name, '-')) {
		fx.worker = fn;
		fx.worker_arg = arg;
	}
	return (struct thread *)(uintptr_t)1;
}

void thread_detach(struct thread *t)
{
	(void)t;
}

/* Silent, unless FUZZ_LOG is set (to replay one input). */
void printk(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (log_on < 0)
		log_on = getenv("FUZZ_LOG") != NULL;
	if (!log_on)
		return;
	va_start(ap, fmt);
	vsnprintk(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fputs(buf, stderr);
}
