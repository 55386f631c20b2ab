/*
 * The app API of <skiff/blkdev.h>: thin wrappers over the block-device
 * registry, a handle being the disk's registry index.
 */
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <skiff/blkdev.h>

_Static_assert(SKIFF_BLKDEV_F_FLUSH == BLKDEV_F_FLUSH, "flush flag");
_Static_assert(SKIFF_BLKDEV_F_BARRIER == BLKDEV_F_BARRIER, "barrier flag");

int skiff_blkdev_open(const char *name, unsigned long timeout_ms,
		      struct skiff_blkdev_info *info)
{
	struct blkdev *bd;
	unsigned int i;

	blkdev_wait_settled(time_monotonic_ns() + timeout_ms * NSEC_PER_MSEC);
	for (i = 0; (bd = blkdev_get(i)) != NULL; i++)
		if (!bd->node.removed && !strcmp(bd->name, name))
			break;
	if (!bd)
		return -ENODEV;
	if (!bd->connected)
		return -ENXIO;
	memset(info, 0, sizeof(*info));
	memcpy(info->name, bd->name, sizeof(info->name));
	info->sectors = bd->sectors;
	info->sector_size = bd->sector_size;
	info->read_only = bd->read_only;
	info->features = bd->features & (BLKDEV_F_FLUSH | BLKDEV_F_BARRIER);
	return (int)i;
}

static struct blkdev *handle(int h)
{
	return h < 0 ? NULL : blkdev_get((unsigned int)h);
}

int skiff_blkdev_read(int h, unsigned long long sector, void *buf,
		      unsigned long long count)
{
	struct blkdev *bd = handle(h);

	return bd ? blkdev_read(bd, sector, buf, count) : -EBADF;
}

int skiff_blkdev_write(int h, unsigned long long sector, const void *buf,
		       unsigned long long count)
{
	struct blkdev *bd = handle(h);

	return bd ? blkdev_write(bd, sector, buf, count) : -EBADF;
}

int skiff_blkdev_flush(int h)
{
	struct blkdev *bd = handle(h);

	return bd ? blkdev_flush(bd) : -EBADF;
}
