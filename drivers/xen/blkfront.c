/*
 * blkfront's data path: the shared pages and their grants, the request
 * queue (a block request is cut into ring requests as ring room allows,
 * so large transfers keep up to 32 ring requests in flight), grants per
 * request, completions and the calls of done() in the worker thread. The
 * ring rules and every check of the backend's responses are in
 * blkfront_ring.c; a violation breaks the disk for good.
 *
 * Grants: a buffer aligned to the disk's sector size is granted page by
 * page as it is (no copy); any other buffer goes through the disk's pool
 * of bounce pages, granted once per connection (writes copy in before
 * posting, reads copy out after a good answer). When the backend offers
 * persistent grants every transfer goes through the pool: a copy in the
 * guest is far cheaper than the backend's map and unmap of each page.
 *
 * No locks: threads are cooperative on one vCPU and nothing here sleeps
 * between taking ring room and publishing, except the bounded waits of
 * teardown.
 */
#include <arch/barrier.h>
#include <arch/mm.h>
#include <kernel/errno.h>
#include <kernel/gnttab.h>
#include <kernel/page_alloc.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>

#include "blkfront_priv.h"

/* How long teardown waits for the backend to unmap our pages. */
#define UNSHARE_WAIT_NS (2 * NSEC_PER_SEC)

int blkfront_alloc(struct blkfront *bf)
{
	unsigned int i;

	if (!(bf->sring = gnttab_page_alloc()))
		return -ENOMEM;
	for (i = 0; i < BF_POOL_MIN; i++) {
		if (!(bf->pool[i] = gnttab_page_alloc()))
			return -ENOMEM;
		bf->pool_ref[i] = -1;
	}
	bf->npool = BF_POOL_MIN;
	bf->ring_ref = -1;
	list_init(&bf->queue);
	list_init(&bf->finished);
	return 0;
}

void blkfront_free(struct blkfront *bf)
{
	unsigned int i;

	if (bf->sring)
		page_free(virt_to_pfn(bf->sring), 1);
	bf->sring = NULL;
	for (i = 0; i < BF_POOL_MAX; i++) {
		if (bf->pool[i])
			page_free(virt_to_pfn(bf->pool[i]), 1);
		bf->pool[i] = NULL;
	}
	bf->npool = bf->npool_free = 0;
}

void blkfront_unshare(struct blkfront *bf)
{
	uint64_t deadline = time_monotonic_ns() + UNSHARE_WAIT_NS;
	unsigned int i, lost = 0;

	if (!bf->granted)
		return;
	lost += gnttab_end_page((void **)&bf->sring, &bf->ring_ref, deadline,
				bf->bd.name);
	for (i = 0; i < bf->npool; i++)
		lost += gnttab_end_page(&bf->pool[i], &bf->pool_ref[i],
					deadline, bf->bd.name);
	if (lost)
		printk("blkfront: %s: backend kept %u page(s) mapped; "
		       "abandoned\n",
		       bf->bd.name, lost);
	bf->granted = false;
}

/* With persistent grants: more pool pages, while at least
 * POOL_GROW_RESERVE pages of memory stay free. */
#define POOL_GROW_RESERVE (8 * BF_POOL_MAX)

void blkfront_go_persistent(struct blkfront *bf)
{
	unsigned int i;
	int ref;

	bf->persistent = true;
	while ((i = bf->npool) < BF_POOL_MAX &&
	       page_alloc_free_pages() > POOL_GROW_RESERVE) {
		if (!bf->pool[i] && !(bf->pool[i] = gnttab_page_alloc()))
			break;
		if ((ref = gnttab_grant_page(bf->xf.backend_id, bf->pool[i],
					     false)) < 0)
			break;
		bf->pool_ref[i] = ref;
		bf->pool_free[bf->npool_free++] = (uint16_t)i;
		bf->npool++;
	}
}

int blkfront_share(struct blkfront *bf)
{
	unsigned int i;

	bf->granted = true; /* so that unshare cleans up a partial set */
	if (gnttab_page_fill((void **)&bf->sring) ||
	    (bf->ring_ref =
		 gnttab_grant_page(bf->xf.backend_id, bf->sring, false)) < 0)
		goto fail;
	for (i = 0; i < bf->npool; i++) {
		if (gnttab_page_fill(&bf->pool[i]) ||
		    (bf->pool_ref[i] = gnttab_grant_page(
			 bf->xf.backend_id, bf->pool[i], false)) < 0)
			goto fail;
		bf->pool_free[i] = (uint16_t)i;
	}
	bf->npool_free = bf->npool;
	bf_ring_init(&bf->ring, bf->sring, (uint16_t)bf->bd.vdev);
	return 0;
fail:
	printk("blkfront: %s: out of grant references\n", bf->bd.name);
	blkfront_unshare(bf);
	return -ENOSPC;
}

/* r is complete: its done() is called by the worker. */
static void finish(struct blkfront *bf, struct blk_req *r)
{
	list_add_tail(&r->link, &bf->finished);
	xenfront_kick(&bf->xf);
}

/* Give id's pages back: end direct grants, copy bounced reads out. */
static int release_slot(struct blkfront *bf, struct bf_slot *s, int status)
{
	unsigned int i;
	int rc = 0;

	for (i = 0; i < s->nsegs; i++) {
		const struct bf_piece *p = &s->piece[i];

		if (s->direct) {
			/* Answered: the backend must have unmapped it. If it
			 * has not, the frame stays pinned: never reused. */
			if (gnttab_end_access((unsigned int)s->seg[i].gref) < 0)
				rc = -EIO;
			else
				page_unpin(virt_to_pfn((void *)p->page));
			continue;
		}
		if (s->read && !status)
			memcpy((void *)p->page, bf->pool[s->seg[i].bounce],
			       p->len);
		bf->pool_free[bf->npool_free++] = s->seg[i].bounce;
	}
	if (s->list >= 0)
		bf->pool_free[bf->npool_free++] = (uint16_t)s->list;
	s->list = -1;
	s->nsegs = 0;
	return rc;
}

static void note_done(struct blkfront *bf, const struct bf_done *d)
{
	if (release_slot(bf, &bf->slot[d->id], d->status) < 0 &&
	    !bf->ring.error) {
		bf->ring.error = "backend still maps a page it answered for";
		bf->ring.error_val = d->id;
	}
	if (d->status)
		bf->errors++;
	if (d->req_done)
		finish(bf, d->req);
}

void blkfront_fail_all(struct blkfront *bf, int status)
{
	struct bf_done d[BF_RING_SIZE];
	struct blk_req *r;
	int n, i;

	n = bf_fail_inflight(&bf->ring, d, BF_RING_SIZE);
	for (i = 0; i < n; i++) {
		d[i].req->status = status;
		note_done(bf, &d[i]);
	}
	while (!list_empty(&bf->queue)) {
		r = list_first(&bf->queue, struct blk_req, link);
		list_del(&r->link);
		r->status = status;
		r->all_posted = true;
		if (!r->pending)
			finish(bf, r);
	}
}

/* r goes back to being wholly unposted. */
static void rewind(struct blk_req *r)
{
	r->posted = 0;
	r->pending = 0;
	r->status = 0;
	r->all_posted = false;
}

void blkfront_requeue(struct blkfront *bf)
{
	struct bf_done d[BF_RING_SIZE];
	struct list_head again;
	struct blk_req *r;
	int n, i;

	list_init(&again);
	/* Ring requests in flight: their slots are released without
	 * copying anything (nothing was answered); a block request whose
	 * every part was posted is on no list yet, so it joins "again"
	 * once (rewind() clears all_posted for its later parts). */
	n = bf_fail_inflight(&bf->ring, d, BF_RING_SIZE);
	for (i = 0; i < n; i++) {
		r = d[i].req;
		release_slot(bf, &bf->slot[d[i].id], -EIO);
		if (r->all_posted) {
			rewind(r);
			list_add_tail(&r->link, &again);
		} else {
			r->pending = 0;
		}
	}
	/* Then the queue, partly posted ones from their start: a write or
	 * read done twice gives the same result. */
	while (!list_empty(&bf->queue)) {
		r = list_first(&bf->queue, struct blk_req, link);
		list_del(&r->link);
		rewind(r);
		list_add_tail(&r->link, &again);
	}
	while (!list_empty(&again)) {
		r = list_first(&again, struct blk_req, link);
		list_del(&r->link);
		list_add_tail(&r->link, &bf->queue);
	}
	bf->replaying = true;
}

/* A protocol violation: log it, -EIO from now on. */
static void break_dev(struct blkfront *bf)
{
	if (!xenfront_break(&bf->xf))
		return;
	bf->bd.broken = true;
	printk("blkfront: %s: backend broke the ring protocol: %s (%ld); "
	       "disk disabled\n",
	       bf->bd.name, bf->ring.error ? bf->ring.error : "?",
	       bf->ring.error_val);
	blkfront_fail_all(bf, -EIO);
}

/* The pieces of r's next ring request through bounce pages: never more
 * than the whole pool holds with an indirect list, so that a request
 * always fits once nothing else is in flight. */
static unsigned int plan_bounced(struct blkfront *bf, struct blk_req *r,
				 struct bf_slot *s, uint64_t *bytes)
{
	unsigned int max = bf->bd.max_segments;

	if (max > BF_SEGS_MAX && max > bf->npool - 1)
		max = bf->npool - 1;
	s->direct = false;
	return bf_split((uintptr_t)r->buf, r->count * bf->bd.sector_size,
			r->posted, false, max, s->piece, bytes);
}

/* The pieces of r's next ring request, and whether they can be granted
 * directly: not with persistent grants, else when the buffer is aligned
 * to the sector size and every page mapped. */
static unsigned int plan(struct blkfront *bf, struct blk_req *r,
			 struct bf_slot *s, uint64_t *bytes)
{
	uintptr_t buf = (uintptr_t)r->buf;
	uint64_t len = r->count * bf->bd.sector_size;
	unsigned int n, i;

	s->direct = !bf->persistent && !(buf % bf->bd.sector_size);
	n = bf_split(buf, len, r->posted, s->direct, bf->bd.max_segments,
		     s->piece, bytes);
	for (i = 0; s->direct && i < n; i++)
		if (!arch_va_to_mfn((void *)s->piece[i].page))
			s->direct = false;
	if (!s->direct)
		n = plan_bounced(bf, r, s, bytes);
	return n;
}

/* Grant the program's own page of p to the backend, pinned: if the
 * program unmaps it during the I/O, the frame is not reused until the
 * grant is ended. p->page becomes the frame's direct-map address. */
static int grant_direct(struct blkfront *bf, struct bf_piece *p, bool read)
{
	mfn_t mfn = arch_va_to_mfn((void *)p->page);
	pfn_t pfn = mfn ? mfn_to_pfn(mfn) : 0;
	int ref;

	if (!pfn || !page_pin(pfn))
		return -EAGAIN;
	p->page = (uintptr_t)pfn_to_virt(pfn);
	if ((ref = gnttab_grant_page(bf->xf.backend_id, (void *)p->page,
				     !read)) < 0)
		page_unpin(pfn);
	return ref;
}

/* Grant or bounce the pieces of s into segs. Returns 0, or -EAGAIN (out
 * of pool pages or grant references: retry after completions). */
static int map_slot(struct blkfront *bf, struct bf_slot *s, unsigned int n,
		    struct bf_seg *segs)
{
	unsigned int i;
	int ref;

	s->list = -1;
	if (!s->direct && bf->npool_free < n + (n > BF_SEGS_MAX))
		return -EAGAIN;
	for (i = 0; i < n; i++) {
		struct bf_piece *p = &s->piece[i];

		if (s->direct) {
			if ((ref = grant_direct(bf, p, s->read)) < 0) {
				while (i--) {
					gnttab_end_access(
					    (unsigned int)s->seg[i].gref);
					page_unpin(virt_to_pfn(
					    (void *)s->piece[i].page));
				}
				return -EAGAIN;
			}
			s->seg[i].gref = ref;
		} else {
			s->seg[i].bounce = bf->pool_free[--bf->npool_free];
			ref = bf->pool_ref[s->seg[i].bounce];
			if (!s->read)
				memcpy(bf->pool[s->seg[i].bounce],
				       (const void *)p->page, p->len);
		}
		segs[i] = bf_piece_seg(p, (uint32_t)ref);
	}
	s->nsegs = (uint8_t)n;
	if (n > BF_SEGS_MAX) { /* the list's page: checked or given back */
		if (!bf->npool_free) {
			release_slot(bf, s, -EAGAIN);
			return -EAGAIN;
		}
		s->list = bf->pool_free[--bf->npool_free];
	}
	return 0;
}

/* Post a flush: after every earlier ring request was answered, so that
 * it covers them. Without a cache-control feature it is done at once. */
static int post_flush(struct blkfront *bf, struct blk_req *r)
{
	uint8_t op = bf->bd.features & BLKDEV_F_FLUSH ? BLKIF_OP_FLUSH_DISKCACHE
						      : BLKIF_OP_WRITE_BARRIER;
	int id;

	if (bf->ring.inflight)
		return -EAGAIN;
	if (!(bf->bd.features & (BLKDEV_F_FLUSH | BLKDEV_F_BARRIER))) {
		r->all_posted = true;
		return 0;
	}
	if ((id = bf_post(&bf->ring, r, op, 0, NULL, 0)) < 0)
		return id;
	bf->slot[id].nsegs = 0;
	bf->slot[id].list = -1;
	r->all_posted = true;
	return 0;
}

/* Post r's next ring request. Returns 0, -EAGAIN (no room now) or
 * another negative errno (r fails). */
static int post_part(struct blkfront *bf, struct blk_req *r)
{
	struct bf_seg segs[BF_IND_SEGS_MAX];
	struct bf_slot tmp;
	uint64_t bytes, sector512;
	unsigned int n;
	uint8_t op;
	int id, rc;

	if (r->op == BLK_FLUSH)
		return post_flush(bf, r);
	if (!bf_ring_can_post(&bf->ring))
		return bf->ring.error ? -EIO : -EAGAIN;
	tmp.read = r->op == BLK_READ;
	n = plan(bf, r, &tmp, &bytes);
	if ((rc = map_slot(bf, &tmp, n, segs)) == -EAGAIN && tmp.direct) {
		/* Out of grant references: bounce this part instead (with
		 * nothing in flight the pool is whole, so this never
		 * stalls). */
		n = plan_bounced(bf, r, &tmp, &bytes);
		rc = map_slot(bf, &tmp, n, segs);
	}
	if (rc < 0)
		return rc;
	sector512 = (r->sector * bf->bd.sector_size + r->posted) / BF_SECTOR;
	op = tmp.read ? BLKIF_OP_READ : BLKIF_OP_WRITE;
	if (tmp.list >= 0)
		id = bf_post_indirect(&bf->ring, r, op, sector512, segs, n,
				      bf->pool[tmp.list],
				      (uint32_t)bf->pool_ref[tmp.list]);
	else
		id = bf_post(&bf->ring, r, op, sector512, segs, n);
	if (id < 0) { /* not expected: room checked, shape from bf_split */
		release_slot(bf, &tmp, -EIO);
		return id;
	}
	bf->slot[id] = tmp;
	r->posted += bytes;
	r->all_posted = r->posted == r->count * bf->bd.sector_size;
	return 0;
}

/* Post queued requests in order while there is room; publish them. */
static void pump(struct blkfront *bf)
{
	int rc;

	while (bf->xf.phase == XF_UP && !list_empty(&bf->queue)) {
		struct blk_req *r =
		    list_first(&bf->queue, struct blk_req, link);

		if ((rc = post_part(bf, r)) == -EAGAIN)
			break;
		if (rc < 0) {
			r->status = r->status ? r->status : rc;
			r->all_posted = true;
		}
		if (r->all_posted) {
			list_del(&r->link);
			if (!r->pending)
				finish(bf, r);
		}
	}
	if (bf->ring.req_prod_pvt != bf->ring.req_pub && bf_push(&bf->ring))
		xenfront_notify(&bf->xf);
}

static void reap(struct blkfront *bf)
{
	struct bf_done d[BF_RING_SIZE];
	int n, i;

	while (bf->xf.phase == XF_UP &&
	       (n = bf_reap(&bf->ring, d, BF_RING_SIZE)) != 0) {
		if (n < 0) {
			break_dev(bf);
			return;
		}
		for (i = 0; i < n; i++)
			note_done(bf, &d[i]);
		if (bf->ring.error) {
			break_dev(bf);
			return;
		}
	}
}

/* Call done() of every finished request (they may submit more). */
static void deliver(struct blkfront *bf)
{
	while (!list_empty(&bf->finished)) {
		struct blk_req *r =
		    list_first(&bf->finished, struct blk_req, link);

		list_del(&r->link);
		if (r->op == BLK_FLUSH && r->status == -EOPNOTSUPP)
			bf->bd.features &= ~(BLKDEV_F_FLUSH | BLKDEV_F_BARRIER);
		bf->completed++;
		r->done(r, r->status);
	}
}

void blkfront_poll(struct blkfront *bf)
{
	reap(bf);
	pump(bf);
	deliver(bf);
}

static int bf_submit(struct blkdev *bd, struct blk_req *r)
{
	struct blkfront *bf = container_of(bd, struct blkfront, bd);

	if (bf->xf.phase == XF_BROKEN)
		return -EIO;
	/* Reconnecting after a restore: queued for the new backend. */
	if (bf->xf.phase != XF_UP && !bf->replaying)
		return -ENXIO;
	bf->reqs++;
	list_add_tail(&r->link, &bf->queue);
	pump(bf);
	return 0;
}

static void drain_done(struct blk_req *r, int status __unused)
{
	*(bool *)r->arg = true;
}

/* Exit: queue a flush behind everything (it waits for the ring to empty)
 * and run the data path here until it is answered. The flush lives on
 * this stack: after a timeout only the domain's end may follow. */
static int bf_drain(struct blkdev *bd, uint64_t deadline_ns)
{
	struct blkfront *bf = container_of(bd, struct blkfront, bd);
	unsigned long before = bf->completed;
	struct blk_req fl;
	bool flushed = false;

	if (bf->xf.phase != XF_UP)
		return bf->xf.phase == XF_BROKEN ? -EIO : 0;
	memset(&fl, 0, sizeof(fl));
	fl.op = BLK_FLUSH;
	fl.done = drain_done;
	fl.arg = &flushed;
	list_add_tail(&fl.link, &bf->queue);
	while (!flushed) {
		blkfront_poll(bf);
		if (flushed)
			break;
		if (bf->xf.phase != XF_UP)
			return -EIO;
		if (time_monotonic_ns() >= deadline_ns)
			return -ETIMEDOUT;
		cpu_relax();
	}
	printk("blkfront: %s: exit: %lu request(s) completed, flush %d\n",
	       bd->name, bf->completed - before - 1, fl.status);
	return fl.status;
}

const struct blkdev_ops blkfront_ops = {.submit = bf_submit, .drain = bf_drain};
