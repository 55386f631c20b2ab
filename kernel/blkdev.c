/*
 * The block-device registry (<kernel/blkdev.h>): drivers register disks,
 * users look them up by index or name, requests are checked here before
 * a driver sees them, and the synchronous calls wait for the asynchronous
 * completion on a semaphore of the calling thread.
 */
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/sync.h>

static struct {
	struct list_head devs;
	unsigned int count;
	struct wait_queue settle_wq; /* blkdev_wait_settled() callers */
	bool ready;
} bds;

static void setup(void)
{
	if (bds.ready)
		return;
	list_init(&bds.devs);
	wq_init(&bds.settle_wq);
	bds.ready = true;
}

int blkdev_register(struct blkdev *bd)
{
	setup();
	if (bds.count >= BLKDEV_MAX)
		return -ENOSPC;
	if (blkdev_by_name(bd->name))
		return -EEXIST;
	list_add_tail(&bd->link, &bds.devs);
	bds.count++;
	return 0;
}

void blkdev_settle(struct blkdev *bd)
{
	bd->settled = true;
	if (bds.ready)
		wq_wake_all(&bds.settle_wq);
}

unsigned int blkdev_count(void)
{
	return bds.count;
}

struct blkdev *blkdev_get(unsigned int i)
{
	struct list_head *p;

	if (i >= bds.count)
		return NULL;
	list_for_each(p, &bds.devs) {
		if (i-- == 0)
			return list_entry(p, struct blkdev, link);
	}
	return NULL;
}

struct blkdev *blkdev_by_name(const char *name)
{
	struct list_head *p;

	if (!bds.ready)
		return NULL;
	list_for_each(p, &bds.devs) {
		struct blkdev *bd = list_entry(p, struct blkdev, link);

		if (!strcmp(bd->name, name))
			return bd;
	}
	return NULL;
}

int blkdev_submit(struct blkdev *bd, struct blk_req *r)
{
	if (!r->done || r->op > BLK_FLUSH)
		return -EINVAL;
	if (bd->broken)
		return -EIO;
	if (!bd->connected || !bd->ops || !bd->ops->submit)
		return -ENXIO;
	if (r->op != BLK_FLUSH) {
		if (!r->count || r->sector >= bd->sectors ||
		    r->count > bd->sectors - r->sector)
			return -EINVAL;
		if (r->op == BLK_WRITE && bd->read_only)
			return -EROFS;
	}
	r->posted = 0;
	r->pending = 0;
	r->status = 0;
	r->all_posted = false;
	return bd->ops->submit(bd, r);
}

/* A synchronous call's completion: the status, and the waiter's wake-up. */
struct sync_wait {
	struct ksem sem;
	int status;
};

static void sync_done(struct blk_req *r, int status)
{
	struct sync_wait *w = r->arg;

	w->status = status;
	ksem_post(&w->sem);
}

static int sync_io(struct blkdev *bd, enum blk_op op, uint64_t sector,
		   void *buf, uint64_t count)
{
	struct sync_wait w;
	struct blk_req r;
	int rc;

	memset(&r, 0, sizeof(r));
	ksem_init(&w.sem, 0);
	r.op = op;
	r.sector = sector;
	r.count = count;
	r.buf = buf;
	r.done = sync_done;
	r.arg = &w;
	if ((rc = blkdev_submit(bd, &r)) < 0)
		return rc;
	ksem_wait(&w.sem);
	return w.status;
}

int blkdev_read(struct blkdev *bd, uint64_t sector, void *buf, uint64_t count)
{
	return sync_io(bd, BLK_READ, sector, buf, count);
}

int blkdev_write(struct blkdev *bd, uint64_t sector, const void *buf,
		 uint64_t count)
{
	return sync_io(bd, BLK_WRITE, sector, (void *)buf, count);
}

int blkdev_flush(struct blkdev *bd)
{
	return sync_io(bd, BLK_FLUSH, 0, NULL, 0);
}

void blkdev_drain_all(uint64_t deadline_ns)
{
	struct list_head *p;
	int rc;

	if (!bds.ready)
		return;
	list_for_each(p, &bds.devs) {
		struct blkdev *bd = list_entry(p, struct blkdev, link);

		if (bd->connected && !bd->broken && bd->ops->drain &&
		    (rc = bd->ops->drain(bd, deadline_ns)) < 0)
			printk("blkdev: %s: writes may be lost at exit: error "
			       "%d\n",
			       bd->name, rc);
	}
}
EXITCALL(EXIT_KERNEL, blkdev_drain_all);

static bool all_settled(void)
{
	struct list_head *p;

	list_for_each(p, &bds.devs) {
		if (!list_entry(p, struct blkdev, link)->settled)
			return false;
	}
	return true;
}

int blkdev_wait_settled(uint64_t deadline_ns)
{
	setup();
	while (!all_settled())
		if (!wq_wait_until(&bds.settle_wq, deadline_ns))
			return all_settled() ? 0 : -ETIMEDOUT;
	return 0;
}
