/*
 * Shared file mappings (mmap MAP_SHARED of a regular file): the pages of
 * a mapped file, kept in memory while it is mapped, one frame per page
 * for every mapping in every address space (kernel/uvm.c maps them as
 * a struct uvm_obj). read() and write() of the file stay coherent with
 * them, as with Linux's page cache:
 * - a write() also goes into the pages it covers;
 * - a read() sees what was written through a mapping and is not yet on
 *   the file system (the page is dirty);
 * - pages written through a mapping go to the file system on msync,
 *   fsync, every few seconds (a flusher thread), once the file is no
 *   longer mapped, and at exit before the disks are unmounted.
 * A mapped file's pages are read in full when mapped (from the mapped
 * offsets up to the end of the file), so a mapping costs its size in
 * memory; a page past the end of the file has no frame and faults.
 * Private mappings are copies (runtime/linux/sys_mem.c) and do not come
 * here. See docs/files.md, "Mapped files".
 */
#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/page_alloc.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sync.h>
#include <kernel/time.h>
#include <kernel/uvm.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <runtime/fs.h>

#include "vfs.h"
#include "vfs_map.h"

#define PG_WANTED 0x1 /* a mapping covers it: has a frame below the end */
#define PG_DIRTY 0x2  /* written through a mapping, not yet written back */
#define PG_WB 0x4     /* being written back (writeback()) */

#define WRITEBACK_NS (5ull * 1000000000) /* as ext4's flusher */

struct vmap {
	struct uvm_obj obj; /* first: the uvm object is the map */
	struct vnode *vn;   /* referenced while the map lives */
	pfn_t *pg;	    /* npg slots: frame of each page, 0 if none */
	uint8_t *bits;	    /* npg slots: PG_* */
	unsigned long npg;
	uint64_t size;	      /* the file's size as last seen */
	unsigned long ndirty; /* pages with PG_DIRTY */
	struct vmap *next;
};

static struct {
	struct kmutex lock; /* the list, and every map's pages and sizes */
	struct vmap *maps;
	struct wait_queue wake; /* the flusher's */
	bool started, stopping, idle;
} vm;

static const struct uvm_obj_ops vmap_ops;
static int map_truncate(struct vnode *vn, uint64_t size);

static unsigned long pages_of(uint64_t bytes)
{
	return (unsigned long)((bytes + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

static uint64_t file_size(struct vnode *vn)
{
	struct stat st;

	return vfs_getattr(vn, &st) ? 0 : (uint64_t)st.st_size;
}

/* --- The uvm object side (fault path: must not block) ------------------ */

static pfn_t obj_page(struct uvm_obj *obj, unsigned long pgoff,
		      bool fault __unused, bool *dirty)
{
	struct vmap *m = (struct vmap *)obj;

	if (pgoff >= m->npg || pgoff >= pages_of(m->size))
		return 0;
	*dirty = m->bits[pgoff] & PG_DIRTY;
	return m->pg[pgoff];
}

static void obj_dirtied(struct uvm_obj *obj, unsigned long pgoff)
{
	struct vmap *m = (struct vmap *)obj;

	if (pgoff < m->npg && !(m->bits[pgoff] & PG_DIRTY)) {
		m->bits[pgoff] |= PG_DIRTY;
		m->ndirty++;
	}
}

/* The last mapping went: the flusher writes the pages back and frees
 * them. */
static void obj_idle(struct uvm_obj *obj)
{
	(void)obj;
	vm.idle = true;
	wq_wake_one(&vm.wake);
}

static const struct uvm_obj_ops vmap_ops = {
    .page = obj_page, .dirtied = obj_dirtied, .idle = obj_idle};

/* --- Pages (under vm.lock) --------------------------------------------- */

/* Slots for pages [0, n). */
static int grow(struct vmap *m, unsigned long n)
{
	pfn_t *pg;
	uint8_t *bits;

	if (n <= m->npg)
		return 0;
	if (!(pg = realloc(m->pg, n * sizeof(*pg))))
		return -ENOMEM;
	m->pg = pg;
	if (!(bits = realloc(m->bits, n)))
		return -ENOMEM;
	m->bits = bits;
	memset(m->pg + m->npg, 0, (n - m->npg) * sizeof(*pg));
	memset(m->bits + m->npg, 0, n - m->npg);
	m->npg = n;
	return 0;
}

/* Give page p a frame holding the file's bytes. */
static int fill(struct vmap *m, unsigned long p)
{
	uint64_t pos = (uint64_t)p << PAGE_SHIFT;
	pfn_t pfn;
	char *va;
	long n;

	/* Not into the kernel's reserve: ENOMEM (page_alloc_user()). */
	if (!(pfn = page_alloc_user(1)))
		return -ENOMEM;
	va = pfn_to_virt(pfn);
	memset(va, 0, PAGE_SIZE);
	if (pos < m->size) {
		size_t want =
		    m->size - pos < PAGE_SIZE ? m->size - pos : PAGE_SIZE;

		n = m->vn->ops->read(m->vn, va, want, pos);
		if (n < 0) {
			page_free(pfn, 1);
			return (int)n;
		}
	}
	m->pg[p] = pfn;
	return 0;
}

/* Every wanted page below the end of the file has its frame. */
static int fill_wanted(struct vmap *m, unsigned long lo, unsigned long hi)
{
	unsigned long p, end = pages_of(m->size);
	int rc;

	for (p = lo; p < hi && p < end; p++)
		if ((m->bits[p] & PG_WANTED) && !m->pg[p] && (rc = fill(m, p)))
			return rc;
	return 0;
}

/* The file's size may have changed (write, truncate, fallocate): pages
 * that came inside it get their bytes; past a new end, bytes read as
 * zeros and whole pages leave the live mappings (touching them faults)
 * and, unless another address space still shows them, are freed. */
static void resized(struct vmap *m)
{
	uint64_t size = file_size(m->vn), old = m->size;
	unsigned long p, end = pages_of(size);
	bool all;

	m->size = size;
	if (size > old) {
		if (fill_wanted(m, (unsigned long)(old >> PAGE_SHIFT), m->npg))
			printk("mmap: no memory for a mapped file's new "
			       "pages: they fault\n");
		return;
	}
	if (size == old)
		return;
	if (size & (PAGE_SIZE - 1) && end - 1 < m->npg && m->pg[end - 1])
		memset((char *)pfn_to_virt(m->pg[end - 1]) +
			   (size & (PAGE_SIZE - 1)),
		       0, PAGE_SIZE - (size & (PAGE_SIZE - 1)));
	all = uvm_obj_cut(&m->obj, end);
	for (p = end; p < m->npg; p++) {
		if (m->bits[p] & PG_DIRTY) {
			m->bits[p] &= (uint8_t)~PG_DIRTY;
			m->ndirty--;
		}
		if (!m->pg[p])
			continue;
		if (all) {
			page_free(m->pg[p], 1);
			m->pg[p] = 0;
		} else {
			memset(pfn_to_virt(m->pg[p]), 0, PAGE_SIZE);
		}
	}
}

static void redirty(struct vmap *m, unsigned long p)
{
	if (!(m->bits[p] & PG_DIRTY)) {
		m->bits[p] |= PG_DIRTY;
		m->ndirty++;
	}
}

/* Write the dirty pages of [lo, hi) to the file system (never past the
 * end of the file). The first error, with those pages dirty again. */
static int writeback(struct vmap *m, unsigned long lo, unsigned long hi)
{
	unsigned long p;
	bool all;
	int err = 0;

	if (!m->ndirty)
		return 0;
	hi = hi < m->npg ? hi : m->npg;
	/* Take the pages out of the dirty set and write-protect them, with
	 * nothing in between that blocks: a write through a mapping from
	 * now on marks its page again, for the next writeback. */
	for (p = lo; p < hi; p++)
		if (m->bits[p] & PG_DIRTY) {
			m->bits[p] =
			    (uint8_t)((m->bits[p] & ~PG_DIRTY) | PG_WB);
			m->ndirty--;
		}
	all = uvm_obj_clean(&m->obj, lo, hi);
	for (p = lo; p < hi; p++) {
		uint64_t pos = (uint64_t)p << PAGE_SHIFT;
		size_t len;
		long n;

		if (!(m->bits[p] & PG_WB))
			continue;
		m->bits[p] &= (uint8_t)~PG_WB;
		if (!all)
			redirty(m, p); /* still writable in another space */
		if (!m->pg[p] || pos >= m->size)
			continue;
		len = m->size - pos < PAGE_SIZE ? m->size - pos : PAGE_SIZE;
		n = m->vn->ops->write
			? m->vn->ops->write(m->vn, pfn_to_virt(m->pg[p]), len,
					    pos)
			: -EROFS;
		if (n != (long)len) {
			if (!err)
				err = n < 0 ? (int)n : -EIO;
			redirty(m, p);
		}
	}
	return err;
}

/* Free a map no mapping shows any more (its pages written back). */
static void release(struct vmap *m)
{
	struct vmap **pp;
	unsigned long p;

	for (pp = &vm.maps; *pp != m; pp = &(*pp)->next)
		;
	*pp = m->next;
	for (p = 0; p < m->npg; p++)
		if (m->pg[p])
			page_free(m->pg[p], 1);
	m->vn->map = NULL;
	vfs_put(m->vn);
	free(m->pg);
	free(m->bits);
	free(m);
}

/* Write back every map; free the ones no longer mapped. */
static void flush_all(void)
{
	struct vmap *m, *next;
	int rc;

	kmutex_lock(&vm.lock);
	vm.idle = false;
	for (m = vm.maps; m; m = next) {
		next = m->next;
		rc = writeback(m, 0, m->npg);
		if (rc)
			printk("mmap: writing a mapped file back failed "
			       "(error %d)\n",
			       -rc);
		/* The lock is held across the writes: nobody mapped it. */
		if (!m->obj.maps && !rc)
			release(m);
	}
	kmutex_unlock(&vm.lock);
}

static void flusher(void *arg)
{
	(void)arg;
	while (!vm.stopping) {
		if (!vm.idle)
			wq_wait_until(&vm.wake,
				      time_monotonic_ns() + WRITEBACK_NS);
		if (!vm.stopping)
			flush_all();
	}
}

/* --- The calls ------------------------------------------------------------ */

int vfs_map_obj(struct vnode *vn, uint64_t off, uint64_t len,
		struct uvm_obj **out)
{
	unsigned long lo = (unsigned long)(off >> PAGE_SHIFT), hi, p;
	struct vmap *m;
	int rc;

	if (len > (1ull << 47) || off > (1ull << 47))
		return -ENOMEM;
	hi = pages_of(off + len);
	if (!vm.started) {
		kmutex_init(&vm.lock);
		wq_init(&vm.wake);
		if (!thread_create("mmap-flush", flusher, NULL, 64 * 1024))
			return -ENOMEM;
		vfs_map_truncate = map_truncate;
		vm.started = true;
	}
	kmutex_lock(&vm.lock);
	if (!(m = vn->map)) {
		if (!(m = calloc(1, sizeof(*m)))) {
			kmutex_unlock(&vm.lock);
			return -ENOMEM;
		}
		m->obj.ops = &vmap_ops;
		m->vn = vn;
		vfs_get(vn);
		vn->map = m;
		m->size = file_size(vn);
		m->next = vm.maps;
		vm.maps = m;
	}
	rc = grow(m, hi);
	for (p = lo; !rc && p < hi; p++)
		m->bits[p] |= PG_WANTED;
	if (!rc)
		rc = fill_wanted(m, lo, hi);
	kmutex_unlock(&vm.lock);
	if (rc)
		/* Pages filled stay (wanted) until the map goes. */
		return rc;
	*out = &m->obj;
	return 0;
}

/* Between a read or write's buffer and the pages of [off, off+n): in,
 * write()'s bytes (what the file system took) into every page there;
 * else what was written through a mapping and is not yet on the file
 * system (dirty pages) over read()'s bytes. */
static void copy_pages(struct vmap *m, void *buf, size_t n, uint64_t off,
		       bool in)
{
	uint64_t at = off, end = off + n;

	while (at < end) {
		unsigned long p = (unsigned long)(at >> PAGE_SHIFT);
		size_t skip = (size_t)(at & (PAGE_SIZE - 1));
		size_t k = PAGE_SIZE - skip < end - at ? PAGE_SIZE - skip
						       : (size_t)(end - at);
		char *page, *b = (char *)buf + (at - off);

		if (p >= m->npg)
			break;
		at += k;
		if (!m->pg[p])
			continue;
		page = (char *)pfn_to_virt(m->pg[p]) + skip;
		if (in)
			memmove(page, b, k);
		else if (m->bits[p] & PG_DIRTY)
			memcpy(b, page, k);
	}
}

long vfs_map_rw(struct vnode *vn, void *buf, size_t len, uint64_t off,
		bool write)
{
	struct vmap *m;
	long n;

	kmutex_lock(&vm.lock);
	if (write)
		n = vn->ops->write(vn, buf, len, off);
	else
		n = vn->ops->read(vn, buf, len, off);
	if (n > 0 && (m = vn->map) && (write || m->ndirty)) {
		copy_pages(m, buf, (size_t)n, off, write);
		if (write && off + (uint64_t)n > m->size)
			resized(m);
	}
	kmutex_unlock(&vm.lock);
	return n;
}

static int map_truncate(struct vnode *vn, uint64_t size)
{
	int rc;

	kmutex_lock(&vm.lock);
	rc = vn->ops->truncate(vn, size);
	if (vn->map)
		resized(vn->map);
	kmutex_unlock(&vm.lock);
	return rc;
}

void vfs_map_resized(struct vnode *vn)
{
	kmutex_lock(&vm.lock);
	if (vn->map)
		resized(vn->map);
	kmutex_unlock(&vm.lock);
}

int vfs_map_sync(struct vnode *vn)
{
	int rc = 0;

	if (!vm.started)
		return 0;
	kmutex_lock(&vm.lock);
	if (vn->map)
		rc = writeback(vn->map, 0, ((struct vmap *)vn->map)->npg);
	kmutex_unlock(&vm.lock);
	return rc;
}

int fs_msync(struct uvm_obj *obj, uint64_t off, uint64_t len, bool sync)
{
	struct vmap *m;
	unsigned long lo = (unsigned long)(off >> PAGE_SHIFT);
	struct vnode *vn;
	int rc;

	kmutex_lock(&vm.lock);
	/* Still there? (the flusher may have freed it while we waited.) */
	for (m = vm.maps; m && &m->obj != obj; m = m->next)
		;
	if (!m) {
		kmutex_unlock(&vm.lock);
		return 0;
	}
	rc = writeback(m, lo, pages_of(off + len));
	vn = m->vn;
	vfs_get(vn);
	kmutex_unlock(&vm.lock);
	if (!rc && sync && vn->ops->sync)
		rc = vn->ops->sync(vn);
	vfs_put(vn);
	return rc;
}

void vfs_map_exit(void)
{
	if (!vm.started)
		return;
	vm.stopping = true;
	flush_all();
}
