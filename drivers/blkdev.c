/*
 * The block-device registry (<kernel/blkdev.h>): drivers register disks,
 * users look them up by index or name, requests are checked here before
 * a driver sees them, and the synchronous calls wait for the asynchronous
 * completion on a semaphore of the calling thread. The list and the
 * settle-wait are the generic registry's (devreg.c).
 */
#include <kernel/blkdev.h>
#include <kernel/devreg.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/sync.h>

static struct devreg_class bds = DEVREG_CLASS(BLKDEV_MAX);

int blkdev_register(struct blkdev *bd)
{
	if (blkdev_by_name(bd->name))
		return -EEXIST;
	return devreg_add(&bds, &bd->node, bd->name);
}

void blkdev_unregister(struct blkdev *bd)
{
	bd->connected = false;
	devreg_remove(&bd->node);
}

void blkdev_settle(struct blkdev *bd)
{
	devreg_settle(&bd->node);
}

unsigned int blkdev_count(void)
{
	return devreg_count(&bds);
}

struct blkdev *blkdev_get(unsigned int i)
{
	struct devreg_node *n = devreg_get(&bds, i);

	return n ? container_of(n, struct blkdev, node) : NULL;
}

struct blkdev *blkdev_by_name(const char *name)
{
	struct devreg_node *n = devreg_by_name(&bds, name);

	return n ? container_of(n, struct blkdev, node) : NULL;
}

int blkdev_submit(struct blkdev *bd, struct blk_req *r)
{
	if (!r->done || r->op > BLK_FLUSH)
		return -EINVAL;
	if (bd->node.removed)
		return -ENXIO;
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
	struct blkdev *bd;
	unsigned int i;
	int rc;

	for (i = 0; (bd = blkdev_get(i)); i++)
		if (bd->connected && !bd->broken && !bd->node.removed &&
		    bd->ops->drain &&
		    (rc = bd->ops->drain(bd, deadline_ns)) < 0)
			printk("blkdev: %s: writes may be lost at exit: error "
			       "%d\n",
			       bd->name, rc);
}
EXITCALL(EXIT_KERNEL, blkdev_drain_all);

int blkdev_wait_settled(uint64_t deadline_ns)
{
	return devreg_wait_settled(&bds, deadline_ns);
}
