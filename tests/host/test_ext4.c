/*
 * Tests of runtime/ext4fs.c and runtime/ext4_io.c: ext2/3/4 images that
 * this machine's mke2fs makes, in a disk in memory (sectors of 512 and
 * 4096 bytes, a disk that fails), mounted on /data of an in-memory root
 * and driven through the VFS as the system calls drive it. After each,
 * the image goes back to a file and e2fsck -fn must find nothing to fix
 * (or, after a simulated crash, e2fsck -fy must repair it and keep what
 * was synced).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <kernel/errno.h>

#include "../../runtime/ext4fs.h"
#include "../../runtime/memfs.h"
#include "../../runtime/vfs.h"
#include "check.h"

#define MB (1024 * 1024)

/* --- A disk in memory ------------------------------------------------------------ */

struct memdisk {
	unsigned char *data;
	size_t size;
	long writes_left; /* < 0: never fails */
	unsigned long reads, writes, flushes;
};

static struct {
	struct memdisk md;
	struct ext4_disk disk;
	struct ext4fs *fs;
	struct ext4_mount_info info;
	char img[64];
	struct vfs_mount root_mount;
	struct memfs *root;
	struct vnode *data; /* /data in the root */
} T;

static int t_read(void *ctx, uint64_t sector, void *buf, uint64_t count)
{
	struct memdisk *m = ctx;
	size_t ss = T.disk.dev.sector_size;

	if ((sector + count) * ss > m->size)
		return -EIO;
	memcpy(buf, m->data + sector * ss, count * ss);
	m->reads++;
	return 0;
}

static int t_write(void *ctx, uint64_t sector, const void *buf, uint64_t count)
{
	struct memdisk *m = ctx;
	size_t ss = T.disk.dev.sector_size;

	if ((sector + count) * ss > m->size)
		return -EIO;
	if (m->writes_left == 0)
		return -EIO;
	if (m->writes_left > 0)
		m->writes_left--;
	memcpy(m->data + sector * ss, buf, count * ss);
	m->writes++;
	return 0;
}

static int t_flush(void *ctx)
{
	struct memdisk *m = ctx;

	m->flushes++;
	return m->writes_left == 0 ? -EIO : 0;
}

/* --- Images ---------------------------------------------------------------------- */

static int run(const char *cmd)
{
	char buf[1024];
	int st;

	snprintf(buf, sizeof(buf),
		 "PATH=$PATH:/sbin:/usr/sbin; ( %s ) >/dev/null 2>&1", cmd);
	st = system(buf);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 255;
}

/* A new image file made by mke2fs with args (e.g. "-t ext4"), of size
 * bytes, loaded into the disk in memory of sector size ss. */
static bool make_image(const char *args, size_t size, unsigned int ss)
{
	char cmd[512];
	FILE *f;

	snprintf(T.img, sizeof(T.img), "/tmp/skiff-ext4-XXXXXX");
	close(mkstemp(T.img));
	snprintf(cmd, sizeof(cmd), "mke2fs -q -F %s %s %zuk", args, T.img,
		 size / 1024);
	if (run(cmd) != 0) {
		FAIL("%s failed", cmd);
		return false;
	}
	free(T.md.data);
	memset(&T.md, 0, sizeof(T.md));
	T.md.data = calloc(1, size);
	T.md.size = size;
	T.md.writes_left = -1;
	f = fopen(T.img, "rb");
	if (!f || fread(T.md.data, 1, size, f) != size) {
		FAIL("cannot read %s", T.img);
		return false;
	}
	fclose(f);
	memset(&T.disk, 0, sizeof(T.disk));
	T.disk.dev.sector_size = ss;
	T.disk.dev.sectors = size / ss;
	T.disk.dev.read = t_read;
	T.disk.dev.write = t_write;
	T.disk.dev.ctx = &T.md;
	T.disk.flush = t_flush;
	return true;
}

/* The disk in memory back into the image file. */
static void save_image(void)
{
	FILE *f = fopen(T.img, "wb");

	CHECK(f && fwrite(T.md.data, 1, T.md.size, f) == T.md.size);
	if (f)
		fclose(f);
}

static int fsck(const char *opts)
{
	char cmd[256];

	save_image();
	snprintf(cmd, sizeof(cmd), "e2fsck %s %s", opts, T.img);
	return run(cmd);
}

/* The image file (after e2fsck changed it) back into the disk. */
static void load_image(void)
{
	FILE *f = fopen(T.img, "rb");

	CHECK(f && fread(T.md.data, 1, T.md.size, f) == T.md.size);
	if (f)
		fclose(f);
}

static void now_fn(struct timespec *ts)
{
	clock_gettime(CLOCK_REALTIME, ts);
}

static int mount_it(bool ro)
{
	static bool rooted;
	int rc;

	if (!rooted) {
		T.root = memfs_new(64 * MB, now_fn, &T.root_mount);
		vfs_mount(&T.root_mount, memfs_root(T.root), NULL, false);
		vfs_mkdir(vfs_root(), "/data", 0755);
		vfs_mkdir(vfs_root(), "/tmp", 0777);
		vfs_lookup(vfs_root(), "/data", true, &T.data);
		rooted = true;
	}
	rc = ext4fs_open(&T.disk, ro, 0xca10, NULL, &T.fs, &T.info);
	if (rc)
		return rc;
	return vfs_mount(ext4fs_mount_of(T.fs), ext4fs_root(T.fs), T.data,
			 T.info.readonly);
}

static int unmount_it(void)
{
	int rc;

	vfs_unmount(ext4fs_mount_of(T.fs));
	rc = ext4fs_unmount(T.fs);
	ext4fs_free(T.fs);
	return rc;
}

static void done(void)
{
	unlink(T.img);
	free(T.md.data);
	T.md.data = NULL;
}

/* --- Helpers --------------------------------------------------------------------- */

static struct vnode *R(void)
{
	return vfs_root();
}

static int put(const char *path, const void *data, size_t len)
{
	struct vnode *vn;
	long n;
	int rc = vfs_open(R(), path, O_CREAT | O_WRONLY | O_TRUNC, 0644, &vn);

	if (rc)
		return rc;
	n = vn->ops->write(vn, data, len, 0);
	if (n < 0)
		return (int)n;
	return (size_t)n == len ? 0 : -ENOSPC;
}

/* path's first len bytes into buf: the length read, or an error. */
static long get(const char *path, void *buf, size_t len)
{
	struct vnode *vn;
	int rc = vfs_open(R(), path, O_RDONLY, 0, &vn);

	if (rc)
		return rc;
	return vn->ops->read(vn, buf, len, 0);
}

static bool has(const char *path, const char *text)
{
	char buf[256];
	long n = get(path, buf, sizeof(buf) - 1);

	if (n < 0)
		return false;
	buf[n] = 0;
	return !strcmp(buf, text);
}

static void pattern(unsigned char *p, size_t len, unsigned int seed)
{
	size_t i;
	uint32_t x = seed * 2654435761u + 1;

	for (i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		p[i] = (unsigned char)(x >> 16);
	}
}

struct names {
	int n;
	bool dot, dotdot;
};

static int count_cb(void *ctx, const char *name, size_t len, unsigned long ino,
		    unsigned int type, uint64_t next)
{
	struct names *c = ctx;

	(void)ino;
	(void)type;
	(void)next;
	if (len == 1 && name[0] == '.')
		c->dot = true;
	else if (len == 2 && !memcmp(name, "..", 2))
		c->dotdot = true;
	else
		c->n++;
	return 0;
}

/* Entries of the directory path (without . and ..), or -1. */
static int entries(const char *path)
{
	struct names c = {0, false, false};
	struct vnode *vn;
	uint64_t pos = 0;

	if (vfs_lookup(R(), path, true, &vn) ||
	    vn->ops->readdir(vn, &pos, count_cb, &c) || !c.dot || !c.dotdot)
		return -1;
	return c.n;
}

/* --- Tests ----------------------------------------------------------------------- */

static void basics(void)
{
	unsigned char *big = malloc(MB), *back = malloc(MB);
	struct vnode *vn;
	struct stat st;
	struct vfs_statfs sf;
	char link[64];

	if (!make_image("-t ext4", 64 * MB, 512))
		return;
	CHECK_EQ_I64(mount_it(false), 0);
	CHECK(!T.info.readonly);
	CHECK_EQ_I64(vfs_mkdir(R(), "/data/d", 0750), 0);
	CHECK_EQ_I64(vfs_mkdir(R(), "/data/d", 0750), -EEXIST);
	CHECK_EQ_I64(vfs_mkdir(R(), "/data/x/y", 0750), -ENOENT);
	CHECK_EQ_I64(put("/data/d/small", "hello, ext4", 11), 0);
	CHECK(has("/data/d/small", "hello, ext4"));
	CHECK_EQ_I64(put("/data/empty", "", 0), 0);
	pattern(big, MB, 1);
	CHECK_EQ_I64(put("/data/d/big", big, MB), 0);
	CHECK_EQ_I64(get("/data/d/big", back, MB), MB);
	CHECK_MEM(big, back, MB);
	CHECK_EQ_I64(vfs_lookup(R(), "/data/d/big", true, &vn), 0);
	CHECK_EQ_I64(vfs_getattr(vn, &st), 0);
	CHECK_EQ_U64(st.st_size, MB);
	CHECK_EQ_U64(st.st_mode, S_IFREG | 0644);
	CHECK(st.st_blocks >= MB / 512);
	CHECK_EQ_I64(vfs_lookup(R(), "/data/d", true, &vn), 0);
	CHECK_EQ_I64(vfs_getattr(vn, &st), 0);
	CHECK_EQ_U64(st.st_mode, S_IFDIR | 0750);
	CHECK_EQ_U64(st.st_nlink, 2);
	CHECK_EQ_I64(vfs_symlink("d/small", R(), "/data/ln"), 0);
	CHECK(has("/data/ln", "hello, ext4"));
	CHECK_EQ_I64(vfs_readlink(R(), "/data/ln", link, sizeof(link)), 7);
	CHECK_EQ_I64(vfs_link(R(), "/data/d/small", R(), "/data/hard", false),
		     0);
	CHECK_EQ_I64(vfs_lookup(R(), "/data/hard", true, &vn), 0);
	CHECK_EQ_I64(vfs_getattr(vn, &st), 0);
	CHECK_EQ_U64(st.st_nlink, 2);
	CHECK_EQ_I64(vfs_rmdir(R(), "/data/d"), -ENOTEMPTY);
	CHECK_EQ_I64(vfs_unlink(R(), "/data/d"), -EISDIR);
	CHECK_EQ_I64(vfs_rmdir(R(), "/data/d/small"), -ENOTDIR);
	CHECK_EQ_I64(vfs_rename(R(), "/data/d/small", R(), "/tmp/x", 0),
		     -EXDEV);
	CHECK_EQ_I64(vfs_rename(R(), "/data/d/small", R(), "/data/moved", 0),
		     0);
	CHECK(has("/data/moved", "hello, ext4"));
	CHECK(has("/data/hard", "hello, ext4"));
	CHECK_EQ_I64(vfs_lookup(R(), "/data/d/big", true, &vn), 0);
	CHECK_EQ_I64(vfs_truncate(vn, 5000), 0);
	CHECK_EQ_I64(vfs_getattr(vn, &st), 0);
	CHECK_EQ_U64(st.st_size, 5000);
	CHECK_EQ_I64(vn->ops->allocate(vn, 0, 3 * MB, false), 0);
	CHECK_EQ_I64(vfs_getattr(vn, &st), 0);
	CHECK_EQ_U64(st.st_size, 3 * MB);
	CHECK_EQ_I64(get("/data/d/big", back, MB), MB);
	CHECK_MEM(big, back, 5000);
	CHECK(back[5000] == 0 && back[MB - 1] == 0);
	CHECK_EQ_I64(entries("/data"),
		     6); /* lost+found d empty ln hard moved */
	CHECK_EQ_I64(vfs_statfs(vn, &sf), 0);
	CHECK_EQ_U64(sf.magic, 0xEF53);
	CHECK_EQ_U64(sf.bsize * sf.blocks, 64 * MB);
	CHECK_EQ_I64(unmount_it(), 0);
	CHECK_EQ_I64(fsck("-fn"), 0);
	/* Mounted again, everything is there. */
	CHECK_EQ_I64(mount_it(false), 0);
	CHECK(has("/data/moved", "hello, ext4"));
	CHECK(has("/data/hard", "hello, ext4"));
	CHECK_EQ_I64(vfs_readlink(R(), "/data/ln", link, sizeof(link)), 7);
	CHECK(!memcmp(link, "d/small", 7));
	CHECK_EQ_I64(vfs_unlink(R(), "/data/moved"), 0);
	CHECK_EQ_I64(vfs_unlink(R(), "/data/hard"), 0);
	CHECK_EQ_I64(vfs_unlink(R(), "/data/d/big"), 0);
	CHECK_EQ_I64(vfs_rmdir(R(), "/data/d"), 0);
	CHECK_EQ_I64(entries("/data"), 3);
	CHECK_EQ_I64(unmount_it(), 0);
	CHECK_EQ_I64(fsck("-fn"), 0);
	free(big);
	free(back);
	done();
}

/* 2,000 files in nested directories (directories grow, dir_index
 * builds trees), half of them removed again. */
static void many_files(void)
{
	char path[128], text[64];
	int i, ok = 0;

	if (!make_image("-t ext4", 64 * MB, 512))
		return;
	CHECK_EQ_I64(mount_it(false), 0);
	for (i = 0; i < 10; i++) {
		snprintf(path, sizeof(path), "/data/d%d", i);
		CHECK_EQ_I64(vfs_mkdir(R(), path, 0755), 0);
		snprintf(path, sizeof(path), "/data/d%d/sub", i);
		CHECK_EQ_I64(vfs_mkdir(R(), path, 0755), 0);
	}
	for (i = 0; i < 2000; i++) {
		snprintf(path, sizeof(path),
			 "/data/d%d/sub/file-with-a-longish-name-%d", i % 10,
			 i);
		snprintf(text, sizeof(text), "file %d", i);
		ok += put(path, text, strlen(text)) == 0;
	}
	CHECK_EQ_I64(ok, 2000);
	CHECK_EQ_I64(entries("/data/d3/sub"), 200);
	/* Every other tenth: half of each directory's files. */
	for (i = 0; i < 2000; i++) {
		if ((i / 10) % 2)
			continue;
		snprintf(path, sizeof(path),
			 "/data/d%d/sub/file-with-a-longish-name-%d", i % 10,
			 i);
		CHECK_EQ_I64(vfs_unlink(R(), path), 0);
	}
	CHECK_EQ_I64(entries("/data/d4/sub"), 100);
	CHECK_EQ_I64(unmount_it(), 0);
	CHECK_EQ_I64(fsck("-fn"), 0);
	CHECK_EQ_I64(mount_it(false), 0);
	ok = 0;
	for (i = 0; i < 2000; i++) {
		if (!((i / 10) % 2))
			continue;
		snprintf(path, sizeof(path),
			 "/data/d%d/sub/file-with-a-longish-name-%d", i % 10,
			 i);
		snprintf(text, sizeof(text), "file %d", i);
		ok += has(path, text);
	}
	CHECK_EQ_I64(ok, 1000);
	CHECK_EQ_I64(unmount_it(), 0);
	done();
}

/* A large file written in pieces, on a disk of 4 KiB sectors with a
 * file system of 1 KiB blocks (every block write is a read-modify-write
 * of a sector). */
static void sectors_4k(void)
{
	unsigned char *big = malloc(8 * MB), *back = malloc(8 * MB);
	struct vnode *vn;
	int i;

	if (!make_image("-t ext4 -b 1024", 32 * MB, 4096))
		return;
	CHECK_EQ_I64(mount_it(false), 0);
	pattern(big, 8 * MB, 7);
	CHECK_EQ_I64(vfs_open(R(), "/data/big", O_CREAT | O_WRONLY, 0600, &vn),
		     0);
	for (i = 0; i < 8 * MB; i += 100000) {
		size_t n = 8 * MB - i < 100000 ? 8 * MB - (size_t)i : 100000;

		CHECK_EQ_I64(vn->ops->write(vn, big + i, n, (uint64_t)i), n);
	}
	CHECK_EQ_I64(get("/data/big", back, 8 * MB), 8 * MB);
	CHECK_MEM(big, back, 8 * MB);
	CHECK_EQ_I64(unmount_it(), 0);
	CHECK_EQ_I64(fsck("-fn"), 0);
	CHECK_EQ_I64(mount_it(true), 0);
	memset(back, 0, 8 * MB);
	CHECK_EQ_I64(get("/data/big", back, 8 * MB), 8 * MB);
	CHECK_MEM(big, back, 8 * MB);
	CHECK_EQ_I64(unmount_it(), 0);
	free(big);
	free(back);
	done();
}

/* ext2 and ext3 (no extents), and a tree that mke2fs -d put there. */
static void ext2_ext3_and_d(void)
{
	const char *types[] = {"-t ext2", "-t ext3"};
	char cmd[256], dir[] = "/tmp/skiff-ext4-d-XXXXXX";
	unsigned int t;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/a/b && printf 'deep' > %s/a/b/f && "
		 "ln -s a/b/f %s/l && printf 'top' > %s/t",
		 dir, dir, dir, dir);
	CHECK_EQ_I64(run(cmd), 0);
	for (t = 0; t < 2; t++) {
		snprintf(cmd, sizeof(cmd), "%s -d %s", types[t], dir);
		if (!make_image(cmd, 16 * MB, 512))
			return;
		CHECK_EQ_I64(mount_it(false), 0);
		CHECK(has("/data/a/b/f", "deep"));
		CHECK(has("/data/l", "deep"));
		CHECK(has("/data/t", "top"));
		CHECK_EQ_I64(put("/data/a/new", "new", 3), 0);
		CHECK_EQ_I64(vfs_rename(R(), "/data/a/b", R(), "/data/b2", 0),
			     0);
		CHECK(has("/data/b2/f", "deep"));
		CHECK_EQ_I64(unmount_it(), 0);
		CHECK_EQ_I64(fsck("-fn"), 0);
		done();
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	run(cmd);
}

static void readonly(void)
{
	unsigned char *copy;
	struct vnode *vn;

	if (!make_image("-t ext4", 16 * MB, 512))
		return;
	copy = malloc(T.md.size);
	memcpy(copy, T.md.data, T.md.size);
	CHECK_EQ_I64(mount_it(true), 0);
	CHECK(T.info.readonly);
	CHECK_EQ_I64(vfs_open(R(), "/data/f", O_CREAT | O_WRONLY, 0600, &vn),
		     -EROFS);
	CHECK_EQ_I64(vfs_mkdir(R(), "/data/x", 0755), -EROFS);
	CHECK_EQ_I64(entries("/data"), 1);
	CHECK_EQ_I64(unmount_it(), 0);
	CHECK(!memcmp(copy, T.md.data, T.md.size));
	free(copy);
	/* Not a file system at all. */
	memset(T.md.data, 0, T.md.size);
	CHECK_EQ_I64(ext4fs_open(&T.disk, false, 1, NULL, &T.fs, &T.info),
		     -EINVAL);
	CHECK(strstr(T.info.why, "no ext2") != NULL);
	done();
	/* A feature Skiff does not write: read-only, with the reason. */
	if (make_image("-t ext4 -O quota", 16 * MB, 512)) {
		CHECK_EQ_I64(mount_it(false), 0);
		CHECK(T.info.readonly);
		CHECK(strstr(T.info.why, "features") != NULL);
		CHECK_EQ_I64(vfs_mkdir(R(), "/data/x", 0755), -EROFS);
		CHECK_EQ_I64(unmount_it(), 0);
		done();
	}
}

static void renames(void)
{
	struct vnode *vn;

	if (!make_image("-t ext4", 16 * MB, 512))
		return;
	CHECK_EQ_I64(mount_it(false), 0);
	CHECK_EQ_I64(vfs_mkdir(R(), "/data/a", 0755), 0);
	CHECK_EQ_I64(vfs_mkdir(R(), "/data/a/b", 0755), 0);
	CHECK_EQ_I64(vfs_mkdir(R(), "/data/e", 0755), 0);
	CHECK_EQ_I64(put("/data/f", "F", 1), 0);
	CHECK_EQ_I64(put("/data/g", "G", 1), 0);
	CHECK_EQ_I64(vfs_rename(R(), "/data/a", R(), "/data/a/b/c", 0),
		     -EINVAL);
	CHECK_EQ_I64(vfs_rename(R(), "/data/f", R(), "/data/a", 0), -EISDIR);
	CHECK_EQ_I64(vfs_rename(R(), "/data/a", R(), "/data/f", 0), -ENOTDIR);
	CHECK_EQ_I64(vfs_rename(R(), "/data/e", R(), "/data/a", 0), -ENOTEMPTY);
	CHECK_EQ_I64(
	    vfs_rename(R(), "/data/f", R(), "/data/g", VFS_RENAME_NOREPLACE),
	    -EEXIST);
	CHECK_EQ_I64(
	    vfs_rename(R(), "/data/f", R(), "/data/g", VFS_RENAME_EXCHANGE), 0);
	CHECK(has("/data/f", "G") && has("/data/g", "F"));
	CHECK_EQ_I64(vfs_rename(R(), "/data/f", R(), "/data/g", 0), 0);
	CHECK(has("/data/g", "G"));
	CHECK_EQ_I64(vfs_lookup(R(), "/data/f", true, &vn), -ENOENT);
	/* A directory into another, over an empty one. */
	CHECK_EQ_I64(vfs_mkdir(R(), "/data/e/b", 0755), 0);
	CHECK_EQ_I64(vfs_rename(R(), "/data/a/b", R(), "/data/e/b", 0), 0);
	CHECK_EQ_I64(vfs_rename(R(), "/data/e", R(), "/data/a/e2", 0), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/data/a/e2/b/..", true, &vn), 0);
	CHECK_EQ_I64(entries("/data/a/e2"), 1);
	CHECK_EQ_I64(unmount_it(), 0);
	CHECK_EQ_I64(fsck("-fn"), 0);
	done();
}

/* A file unlinked while open stays until its last reference goes. */
static void unlinked_open(void)
{
	struct vnode *vn;
	char buf[8];

	if (!make_image("-t ext4", 16 * MB, 512))
		return;
	CHECK_EQ_I64(mount_it(false), 0);
	CHECK_EQ_I64(put("/data/f", "held", 4), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/data/f", true, &vn), 0);
	vfs_get(vn);
	CHECK_EQ_I64(vfs_unlink(R(), "/data/f"), 0);
	CHECK_EQ_I64(vn->ops->read(vn, buf, 4, 0), 4);
	CHECK(!memcmp(buf, "held", 4));
	CHECK_EQ_I64(vn->ops->write(vn, "more", 4, 4), 4);
	vfs_put(vn);
	CHECK_EQ_I64(unmount_it(), 0);
	CHECK_EQ_I64(fsck("-fn"), 0);
	done();
}

/* A full file system: a short write, ENOSPC, and room again after a
 * delete. */
static void full(void)
{
	unsigned char *chunk = calloc(1, MB);
	struct vnode *vn;
	long n, total = 0;
	int i;

	if (!make_image("-t ext4", 8 * MB, 512))
		return;
	CHECK_EQ_I64(mount_it(false), 0);
	CHECK_EQ_I64(vfs_open(R(), "/data/fill", O_CREAT | O_WRONLY, 0600, &vn),
		     0);
	for (i = 0; i < 16; i++) {
		n = vn->ops->write(vn, chunk, MB, (uint64_t)total);
		if (n < 0)
			break;
		total += n;
	}
	CHECK_EQ_I64(n, -ENOSPC);
	CHECK(total > 2 * MB && total < 8 * MB);
	CHECK_EQ_I64(put("/data/more", "x", 1), -ENOSPC);
	CHECK_EQ_I64(vfs_unlink(R(), "/data/fill"), 0);
	CHECK_EQ_I64(put("/data/more", "x", 1), 0);
	CHECK_EQ_I64(unmount_it(), 0);
	CHECK_EQ_I64(fsck("-fn"), 0);
	free(chunk);
	done();
}

/* A disk that stops taking writes: errors, never a crash; e2fsck -fy
 * repairs what is left. */
static void failing_disk(void)
{
	unsigned char *big;
	char path[64];
	int i, errs = 0;

	if (!make_image("-t ext4", 16 * MB, 512))
		return;
	CHECK_EQ_I64(mount_it(false), 0);
	CHECK_EQ_I64(put("/data/kept", "synced", 6), 0);
	CHECK_EQ_I64(ext4fs_sync(T.fs), 0);
	T.md.writes_left = 3;
	for (i = 0; i < 300; i++) {
		snprintf(path, sizeof(path), "/data/f%d", i);
		if (put(path, "data", 4))
			errs++;
	}
	CHECK(ext4fs_sync(T.fs) < 0);
	/* An append of whole blocks (straight to the disk) fails at once. */
	T.md.writes_left = 0;
	big = calloc(1, MB);
	CHECK_EQ_I64(put("/data/big", big, MB), -EIO);
	free(big);
	CHECK(unmount_it() < 0);
	(void)errs;
	T.md.writes_left = -1;
	CHECK(fsck("-fy") < 4);
	load_image();
	CHECK_EQ_I64(fsck("-fn"), 0);
	CHECK_EQ_I64(mount_it(true), 0);
	CHECK(has("/data/kept", "synced"));
	CHECK_EQ_I64(unmount_it(), 0);
	done();
}

/* A crash: the disk as it was at some moment after a sync, without an
 * unmount. e2fsck -fy repairs it and the synced files are intact. */

/* A 64 MiB file on 1 KiB blocks (what mkfs.ext4 makes under 512 MiB),
 * written in 64 KiB pieces and read back in odd-sized ones: the bytes
 * come back, and the disk sees large requests, not one per block. */
static void big_file(void)
{
	const size_t size = 64 * MB, piece = 64 * 1024, odd = 65543;
	unsigned char *want = malloc(size), *buf = malloc(odd);
	struct vnode *vn;
	char cmd[256];
	size_t off;
	long n;

	if (!make_image("-t ext4 -b 1024", 256 * MB, 512))
		return;
	pattern(want, size, 7);
	CHECK_EQ_I64(mount_it(false), 0);
	CHECK_EQ_I64(vfs_open(R(), "/data/big", O_CREAT | O_WRONLY, 0644, &vn),
		     0);
	T.md.writes = T.md.reads = 0;
	for (off = 0; off < size; off += piece)
		if (!CHECK_EQ_I64(vn->ops->write(vn, want + off, piece, off),
				  (long)piece))
			break;
	CHECK_EQ_I64(ext4fs_sync(T.fs), 0);
	/* 64 MiB in runs of up to 1 MiB, with the metadata around them. */
	CHECK(T.md.writes < 4096);
	/* Dirty blocks in the cache while reading: the read-ahead's taking
	 * of blocks writes them back, which must not spoil what it reads. */
	CHECK_EQ_I64(put("/data/dirty", want + 5, 3 * MB), 0);
	T.md.reads = 0;
	for (off = 0; off < size; off += (size_t)n) {
		n = vn->ops->read(vn, buf, odd, off);
		if (!CHECK(n > 0) ||
		    !CHECK(!memcmp(buf, want + off, (size_t)n)))
			break;
	}
	/* Read-ahead: far fewer requests than the 65536 blocks. */
	CHECK(T.md.reads < 4096);
	vfs_put(vn);
	CHECK_EQ_I64(get("/data/dirty", buf, odd), (long)odd);
	CHECK_MEM(buf, want + 5, odd);
	CHECK_EQ_I64(unmount_it(), 0);
	CHECK_EQ_I64(fsck("-fn"), 0);
	/* Appended in 1024 writes, the file has the few extents the file
	 * system's layout asks for (at most 32768 blocks each, broken where
	 * a group's backup superblock sits: 7 here), not one per write:
	 * debugfs lists them below its version, a header and an index. */
	snprintf(cmd, sizeof(cmd),
		 "test $(debugfs -R 'ex /big' %s 2>&1 | wc -l) -le 12", T.img);
	CHECK_EQ_I64(run(cmd), 0);
	done();
	free(want);
	free(buf);
}

/* Appends of whole blocks (the fast way: extents allocated at once, data
 * straight to the disk) next to what must stay as it is: blocks that
 * fallocate kept beyond the end (unwritten extents), a hole before a far
 * append, a partial block before and after. */
static void appends(void)
{
	const size_t bs = 4096, sz = 2 * MB;
	unsigned char *want = calloc(1, 12 * MB), *back = malloc(12 * MB);
	struct vnode *vn;
	struct stat va;

	if (!make_image("-t ext4 -b 4096", 64 * MB, 512))
		return;
	pattern(want, 12 * MB, 3);
	CHECK_EQ_I64(mount_it(false), 0);
	CHECK_EQ_I64(vfs_open(R(), "/data/a", O_CREAT | O_WRONLY, 0644, &vn),
		     0);
	/* 100 bytes, then 2 MiB from there: a partial head, whole blocks,
	 * a partial tail. */
	CHECK_EQ_I64(vn->ops->write(vn, want, 100, 0), 100);
	CHECK_EQ_I64(vn->ops->write(vn, want + 100, sz, 100), (long)sz);
	/* Kept room beyond the end, then an append over it and past it. */
	CHECK_EQ_I64(vn->ops->allocate(vn, sz + 100, 3 * MB, true), 0);
	CHECK_EQ_I64(vn->ops->write(vn, want + sz + 100, 4 * MB, sz + 100),
		     4 * MB);
	/* A hole of almost 4 MiB (zeros), then 1 MiB at a block boundary. */
	memset(want + 6 * MB + 100, 0, 4 * MB - 100);
	CHECK_EQ_I64(vn->ops->write(vn, want + 8 * MB + sz, MB, 8 * MB + sz),
		     MB);
	CHECK_EQ_I64(vn->ops->getattr(vn, &va), 0);
	CHECK_EQ_U64(va.st_size, 9 * MB + sz);
	CHECK_EQ_I64(vn->ops->read(vn, back, 9 * MB + sz, 0), 9 * MB + sz);
	CHECK_MEM(back, want, 9 * MB + sz);
	/* The hole costs nothing. */
	CHECK((size_t)va.st_blocks * 512 < 7 * MB + 64 * bs);
	vfs_put(vn);
	CHECK_EQ_I64(unmount_it(), 0);
	CHECK_EQ_I64(fsck("-fn"), 0);
	CHECK_EQ_I64(mount_it(true), 0);
	memset(back, 0xff, 12 * MB);
	CHECK_EQ_I64(get("/data/a", back, 12 * MB), 9 * MB + sz);
	CHECK_MEM(back, want, 9 * MB + sz);
	CHECK_EQ_I64(unmount_it(), 0);
	done();
	free(want);
	free(back);
}

/* FIFOs and socket inodes (mknod) on ext4: made, listed with their
 * types, kept across a remount, and what e2fsck finds right (no extent
 * flag on them). */
static void special_files(void)
{
	struct vnode *vn;
	struct stat st;

	if (!make_image("-t ext4", 16 * MB, 512))
		return;
	CHECK_EQ_I64(mount_it(false), 0);
	CHECK_EQ_I64(vfs_mknod(R(), "/data/fifo", VFS_IFIFO | 0640, &vn), 0);
	CHECK(vfs_is_fifo(vn));
	CHECK_EQ_I64(vfs_mknod(R(), "/data/sock", VFS_IFSOCK | 0755, NULL), 0);
	CHECK_EQ_I64(vfs_mknod(R(), "/data/fifo", VFS_IFIFO | 0600, NULL),
		     -EEXIST);
	CHECK_EQ_I64(vfs_mknod(R(), "/data/chr", S_IFCHR | 0600, NULL), -EPERM);
	CHECK_EQ_I64(unmount_it(), 0);
	CHECK_EQ_I64(fsck("-fn"), 0);
	CHECK_EQ_I64(mount_it(true), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/data/fifo", true, &vn), 0);
	vfs_getattr(vn, &st);
	CHECK_EQ_U64(st.st_mode, S_IFIFO | 0640);
	CHECK_EQ_I64(vfs_lookup(R(), "/data/sock", true, &vn), 0);
	vfs_getattr(vn, &st);
	CHECK_EQ_U64(st.st_mode, S_IFSOCK | 0755);
	CHECK_EQ_I64(unmount_it(), 0);
	done();
}

static void crash(void)
{
	unsigned char *snap;
	char path[64], text[64];
	int i;

	if (!make_image("-t ext4", 32 * MB, 512))
		return;
	CHECK_EQ_I64(mount_it(false), 0);
	for (i = 0; i < 50; i++) {
		snprintf(path, sizeof(path), "/data/s%d", i);
		snprintf(text, sizeof(text), "synced %d", i);
		CHECK_EQ_I64(put(path, text, strlen(text)), 0);
		CHECK_EQ_I64(ext4fs_sync(T.fs), 0);
	}
	for (i = 0; i < 200; i++) {
		snprintf(path, sizeof(path), "/data/u%d", i);
		put(path, "unsynced", 8);
	}
	snap = malloc(T.md.size);
	memcpy(snap, T.md.data, T.md.size);
	unmount_it();
	memcpy(T.md.data, snap, T.md.size);
	free(snap);
	CHECK(fsck("-fy") < 4);
	load_image();
	CHECK_EQ_I64(fsck("-fn"), 0);
	CHECK_EQ_I64(mount_it(true), 0);
	for (i = 0; i < 50; i++) {
		snprintf(path, sizeof(path), "/data/s%d", i);
		snprintf(text, sizeof(text), "synced %d", i);
		if (!CHECK(has(path, text)))
			break;
	}
	CHECK_EQ_I64(unmount_it(), 0);
	done();
}

CHECK_MAIN("ext4", CHECK_TEST(basics), CHECK_TEST(many_files),
	   CHECK_TEST(sectors_4k), CHECK_TEST(ext2_ext3_and_d),
	   CHECK_TEST(readonly), CHECK_TEST(renames), CHECK_TEST(unlinked_open),
	   CHECK_TEST(full), CHECK_TEST(failing_disk), CHECK_TEST(crash),
	   CHECK_TEST(big_file), CHECK_TEST(appends), CHECK_TEST(special_files))
