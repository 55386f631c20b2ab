/*
 * The ext4 unit's way in: a file system type for runtime/mounts.c that
 * mounts a Skiff disk (<kernel/blkdev.h>) with ext4fs.c, a thread that
 * writes dirty blocks back every few seconds (as Linux's flusher does),
 * and the unmount of every disk on the way out, so that a program that
 * exits (or is stopped by xl shutdown) leaves clean file systems behind.
 */
#include <kernel/blkdev.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sync.h>
#include <kernel/time.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "ext4fs.h"
#include "mounts.h"
#include "vfs_map.h"

#define SETTLE_WAIT_NS (10ull * NSEC_PER_SEC)
/* Dirty blocks older than this go to the disk without an fsync. */
#define WRITEBACK_NS (5ull * NSEC_PER_SEC)
#define MAX_MOUNTS 16
#define XVD_MAJOR 202

struct emount {
	struct ext4_disk disk;
	struct blkdev *bd;
	struct ext4fs *fs;
	struct kmutex lock;
	bool readonly;
	bool warned_flush;
};

static struct {
	struct emount *m[MAX_MOUNTS];
	unsigned int n;
	bool flusher;
	bool stopping;
} ext4;

static int bd_read(void *ctx, uint64_t sector, void *buf, uint64_t count)
{
	return blkdev_read(((struct emount *)ctx)->bd, sector, buf, count);
}

static int bd_write(void *ctx, uint64_t sector, const void *buf, uint64_t count)
{
	return blkdev_write(((struct emount *)ctx)->bd, sector, buf, count);
}

static int bd_flush(void *ctx)
{
	struct emount *m = ctx;
	int rc = blkdev_flush(m->bd);

	if (rc == -EOPNOTSUPP) {
		/* The backend has no cache control: writes are as stable
		 * as it makes them. Said once. */
		if (!m->warned_flush)
			printk("ext4: %s: the backend refuses flushes; fsync "
			       "cannot promise more than it does\n",
			       m->bd->name);
		m->warned_flush = true;
		return 0;
	}
	return rc;
}

static void m_lock(void *arg)
{
	kmutex_lock(&((struct emount *)arg)->lock);
}

static void m_unlock(void *arg)
{
	kmutex_unlock(&((struct emount *)arg)->lock);
}

/* Every few seconds, what is dirty goes to the disk. */
static void flusher(void *arg)
{
	unsigned int i;

	(void)arg;
	while (!ext4.stopping) {
		thread_sleep_until(time_monotonic_ns() + WRITEBACK_NS);
		for (i = 0; i < ext4.n && !ext4.stopping; i++) {
			struct ext4_io_stats s;
			struct emount *m = ext4.m[i];
			int rc;

			if (m->readonly)
				continue;
			kmutex_lock(&m->lock);
			ext4fs_io_stats(m->fs, &s);
			kmutex_unlock(&m->lock);
			if (!s.dirty)
				continue;
			rc = ext4fs_sync(m->fs);
			if (rc)
				printk("ext4: %s: writing back failed (error "
				       "%d)\n",
				       m->bd->name, -rc);
		}
	}
}

static int ext4_mount(const char *dev, struct vnode *on, bool readonly,
		      bool *ro, char *why, size_t whysize)
{
	struct ext4_mount_info info;
	struct ext4_lock lk;
	struct emount *m;
	struct blkdev *bd;
	int rc;

	if (ext4.n == MAX_MOUNTS) {
		snprintf(why, whysize, "more than %d disks", MAX_MOUNTS);
		return -ENOSPC;
	}
	blkdev_wait_settled(time_monotonic_ns() + SETTLE_WAIT_NS);
	bd = blkdev_by_name(dev);
	if (!bd) {
		snprintf(why, whysize,
			 "no such disk (is it in the xl "
			 "config's disk list?)");
		return -ENOENT;
	}
	if (!bd->connected) {
		snprintf(why, whysize, "its backend is not connected");
		return -ENXIO;
	}
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->bd = bd;
	m->disk.dev.sector_size = bd->sector_size;
	m->disk.dev.sectors = bd->sectors;
	m->disk.dev.read = bd_read;
	m->disk.dev.write = bd_write;
	m->disk.dev.ctx = m;
	m->disk.flush = bd_flush;
	m->disk.read_only = bd->read_only;
	lk.lock = m_lock;
	lk.unlock = m_unlock;
	lk.arg = m;
	rc = ext4fs_open(&m->disk, readonly,
			 bd->vdev >> 8 == XVD_MAJOR
			     ? bd->vdev
			     : (XVD_MAJOR << 8) | (bd->vdev & 0xff),
			 &lk, &m->fs, &info);
	if (!rc && bd->read_only && !readonly && !info.why[0])
		snprintf(info.why, sizeof(info.why), "the disk is read-only");
	snprintf(why, whysize, "%s", info.why);
	if (rc) {
		free(m);
		return rc;
	}
	rc = vfs_mount(ext4fs_mount_of(m->fs), ext4fs_root(m->fs), on,
		       info.readonly);
	if (rc) {
		/* Never mounted: no vnode of it can be held. */
		ext4fs_unmount(m->fs);
		ext4fs_free(m->fs);
		free(m);
		snprintf(why, whysize, "the directory cannot take a mount");
		return rc;
	}
	m->readonly = info.readonly;
	*ro = info.readonly;
	ext4.m[ext4.n++] = m;
	if (!m->readonly && !ext4.flusher) {
		struct thread *t =
		    thread_create("ext4-flush", flusher, NULL, 64 * 1024);

		if (t) {
			thread_detach(t);
			ext4.flusher = true;
		}
	}
	return 0;
}

/* The symbol an app's link names (-u) to take this unit. */
struct vfs_fstype ext4_fstype = {.name = "ext4", .mount = ext4_mount};

static void ext4_register(const struct boot_info *bi)
{
	(void)bi;
	vfs_register_fstype(&ext4_fstype);
}
INITCALL(INIT_DRIVER, ext4_register);

/* The program is ending (other threads still run): every file system
 * is written back and marked clean. However long it takes: cutting it
 * short would leave a file system for e2fsck to repair. */
static void ext4_exit(uint64_t deadline_ns)
{
	unsigned int i;
	int rc;

	(void)deadline_ns;
	ext4.stopping = true;
	vfs_map_exit(); /* what mappings hold goes to the disks first */
	for (i = ext4.n; i-- > 0;) {
		struct emount *m = ext4.m[i];

		rc = ext4fs_unmount(m->fs);
		if (rc)
			printk("ext4: %s: unmounting failed (error %d): the "
			       "file system needs e2fsck\n",
			       m->bd->name, -rc);
		else if (!m->readonly)
			printk("ext4: %s: unmounted cleanly\n", m->bd->name);
	}
	ext4.n = 0;
}
EXITCALL(EXIT_THREADS, ext4_exit);
