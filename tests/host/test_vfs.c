/*
 * Tests of runtime/vfs.c and runtime/memfs.c: the writable root as the
 * system calls drive it, without the fd layer. Path resolution ("..",
 * symbolic links, loops, long names, trailing slashes), the calls by
 * name with Linux's errors, rename's corner cases, copy-on-write of
 * borrowed bytes, unlinked-but-held inodes, listings of a directory that
 * changes, the size bound (ENOSPC, then room again after a delete), a
 * second file system mounted on a directory (crossing, EXDEV), and a long
 * run of random operations checked against a model of the tree.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <kernel/errno.h>

#include "../../runtime/memfs.h"
#include "../../runtime/vfs.h"
#include "check.h"

static struct vfs_mount root_mount, data_mount;
static struct memfs *fs;
static long fake_clock;

static void fake_now(struct timespec *ts)
{
	ts->tv_sec = 1000 + fake_clock;
	ts->tv_nsec = 0;
}

/* A fresh root of limit bytes: vfs.c keeps the root mount for good, so
 * the tests swap the memfs under the same mount. */
static struct vnode *fresh(uint64_t limit)
{
	static bool mounted;

	if (fs)
		memfs_free(fs);
	fs = memfs_new(limit, fake_now, &root_mount);
	if (!mounted) {
		vfs_mount(&root_mount, memfs_root(fs), NULL, false);
		mounted = true;
	} else {
		root_mount.root = memfs_root(fs);
		memfs_root(fs)->refs++;
	}
	return memfs_root(fs);
}

static struct vnode *R(void)
{
	return vfs_root();
}

static int put(const char *path, const char *text)
{
	struct vnode *vn;
	int rc = vfs_open(R(), path, O_CREAT | O_WRONLY | O_TRUNC, 0644, &vn);
	long n;

	if (rc)
		return rc;
	n = vn->ops->write(vn, text, strlen(text), 0);
	return n < 0 ? (int)n : 0;
}

/* The contents of path, NUL-terminated, in a static buffer ("" for an
 * error, whose value goes to *err if asked). */
static const char *get(const char *path)
{
	static char buf[4096];
	struct vnode *vn;
	long n;

	buf[0] = 0;
	if (vfs_open(R(), path, O_RDONLY, 0, &vn))
		return "<error>";
	n = vn->ops->read(vn, buf, sizeof(buf) - 1, 0);
	buf[n < 0 ? 0 : n] = 0;
	return buf;
}

static unsigned long ino_of(const char *path)
{
	struct vnode *vn;

	return vfs_lookup(R(), path, false, &vn) ? 0 : vn->ino;
}

static void basics(void)
{
	struct vnode *vn;
	struct stat st;

	fresh(1 << 20);
	CHECK_EQ_I64(vfs_mkdir(R(), "/a", 0755), 0);
	CHECK_EQ_I64(vfs_mkdir(R(), "/a", 0755), -EEXIST);
	CHECK_EQ_I64(vfs_mkdir(R(), "/a/b/c", 0755), -ENOENT);
	CHECK_EQ_I64(vfs_mkdir(R(), "a/b/", 0700), 0);
	CHECK_EQ_I64(put("/a/b/f", "hello"), 0);
	CHECK_STR(get("/a/./b/../b//f"), "hello");
	CHECK_EQ_I64(vfs_mkdir(R(), "/a/b/f/x", 0755), -ENOTDIR);
	CHECK_EQ_I64(vfs_lookup(R(), "/a/b/f/", true, &vn), -ENOTDIR);
	CHECK_EQ_I64(vfs_lookup(R(), "", true, &vn), -ENOENT);
	CHECK_EQ_I64(vfs_lookup(R(), "/..", true, &vn), 0);
	CHECK(vn == R());
	CHECK_EQ_I64(
	    vfs_open(R(), "/a/b/f", O_RDONLY | O_CREAT | O_EXCL, 0, &vn),
	    -EEXIST);
	CHECK_EQ_I64(vfs_open(R(), "/a/b/f", O_RDONLY | O_DIRECTORY, 0, &vn),
		     -ENOTDIR);
	CHECK_EQ_I64(vfs_open(R(), "/a/b", O_WRONLY, 0, &vn), -EISDIR);
	CHECK_EQ_I64(vfs_open(R(), "/a/new/", O_WRONLY | O_CREAT, 0, &vn),
		     -EISDIR);
	CHECK_EQ_I64(vfs_lookup(R(), "/a/b", true, &vn), 0);
	CHECK_EQ_I64(vfs_getattr(vn, &st), 0);
	CHECK_EQ_U64(st.st_mode, S_IFDIR | 0700);
	CHECK_EQ_U64(st.st_nlink, 2);
	CHECK_EQ_I64(vfs_lookup(R(), "/a", true, &vn), 0);
	CHECK_EQ_I64(vfs_getattr(vn, &st), 0);
	CHECK_EQ_U64(st.st_nlink, 3);
	CHECK_EQ_I64(vfs_rmdir(R(), "/a"), -ENOTEMPTY);
	CHECK_EQ_I64(vfs_rmdir(R(), "/a/b/f"), -ENOTDIR);
	CHECK_EQ_I64(vfs_unlink(R(), "/a/b"), -EISDIR);
	CHECK_EQ_I64(vfs_rmdir(R(), "/a/."), -EINVAL);
	CHECK_EQ_I64(vfs_rmdir(R(), "/a/.."), -ENOTEMPTY);
	CHECK_EQ_I64(vfs_rmdir(R(), "/"), -EBUSY);
	CHECK_EQ_I64(vfs_unlink(R(), "/a/b/f"), 0);
	CHECK_EQ_I64(vfs_unlink(R(), "/a/b/f"), -ENOENT);
	CHECK_EQ_I64(vfs_rmdir(R(), "/a/b/"), 0);
	CHECK_EQ_I64(vfs_rmdir(R(), "/a"), 0);
}

static void long_names(void)
{
	char name[300], path[5000];
	struct vnode *vn;

	fresh(1 << 20);
	memset(name, 'n', 255);
	name[255] = 0;
	snprintf(path, sizeof(path), "/%s", name);
	CHECK_EQ_I64(vfs_mkdir(R(), path, 0755), 0);
	CHECK_EQ_I64(vfs_lookup(R(), path, true, &vn), 0);
	memset(name, 'n', 256);
	name[256] = 0;
	snprintf(path, sizeof(path), "/%s", name);
	CHECK_EQ_I64(vfs_mkdir(R(), path, 0755), -ENAMETOOLONG);
	CHECK_EQ_I64(vfs_lookup(R(), path, true, &vn), -ENAMETOOLONG);
	memset(path, '/', 4095);
	path[4095] = 0;
	CHECK_EQ_I64(vfs_lookup(R(), path, true, &vn), 0);
	memset(path, '/', 4096);
	path[4096] = 0;
	CHECK_EQ_I64(vfs_lookup(R(), path, true, &vn), -ENAMETOOLONG);
}

static void symlinks(void)
{
	char buf[64], name[16];
	struct vnode *vn;
	int i;

	fresh(1 << 20);
	CHECK_EQ_I64(vfs_mkdir(R(), "/d", 0755), 0);
	CHECK_EQ_I64(put("/d/f", "data"), 0);
	CHECK_EQ_I64(vfs_symlink("d/f", R(), "/rel"), 0);
	CHECK_EQ_I64(vfs_symlink("/d", R(), "/abs"), 0);
	CHECK_EQ_I64(vfs_symlink("../d/f", R(), "/d/up"), 0);
	CHECK_EQ_I64(vfs_symlink("x", R(), "/rel"), -EEXIST);
	CHECK_EQ_I64(vfs_symlink("", R(), "/empty"), -ENOENT);
	CHECK_STR(get("/rel"), "data");
	CHECK_STR(get("/abs/f"), "data");
	CHECK_STR(get("/abs/up"), "data");
	CHECK_EQ_I64(vfs_readlink(R(), "/d/up", buf, sizeof(buf)), 6);
	CHECK_MEM(buf, "../d/f", 6);
	CHECK_EQ_I64(vfs_readlink(R(), "/d/f", buf, sizeof(buf)), -EINVAL);
	CHECK_EQ_I64(vfs_readlink(R(), "/abs/", buf, sizeof(buf)), -EINVAL);
	CHECK_EQ_I64(vfs_lookup(R(), "/abs", false, &vn), 0);
	CHECK(vfs_is_link(vn));
	CHECK_EQ_I64(vfs_lookup(R(), "/abs/", false, &vn), 0);
	CHECK(vfs_is_dir(vn));
	CHECK_EQ_I64(vfs_open(R(), "/rel", O_RDONLY | O_NOFOLLOW, 0, &vn),
		     -ELOOP);
	/* A dangling link with O_CREAT makes its target. */
	CHECK_EQ_I64(vfs_symlink("/d/made", R(), "/dangle"), 0);
	CHECK_EQ_I64(vfs_open(R(), "/dangle", O_RDWR | O_CREAT, 0600, &vn), 0);
	CHECK(ino_of("/d/made") == vn->ino);
	/* A loop, and a chain: 40 links are followed, the 41st is ELOOP. */
	CHECK_EQ_I64(vfs_symlink("/loop2", R(), "/loop1"), 0);
	CHECK_EQ_I64(vfs_symlink("/loop1", R(), "/loop2"), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/loop1", true, &vn), -ELOOP);
	CHECK_EQ_I64(vfs_lookup(R(), "/loop1/x", true, &vn), -ELOOP);
	CHECK_EQ_I64(vfs_open(R(), "/loop1", O_RDONLY, 0, &vn), -ELOOP);
	CHECK_EQ_I64(vfs_symlink("/d/f", R(), "/c0"), 0);
	for (i = 1; i <= 40; i++) {
		snprintf(buf, sizeof(buf), "/c%d", i - 1);
		snprintf(name, sizeof(name), "/c%d", i);
		CHECK_EQ_I64(vfs_symlink(buf, R(), name), 0);
	}
	CHECK_EQ_I64(vfs_lookup(R(), "/c39", true, &vn), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/c40", true, &vn), -ELOOP);
	/* unlink removes the link, not its target. */
	CHECK_EQ_I64(vfs_unlink(R(), "/abs"), 0);
	CHECK_STR(get("/d/f"), "data");
	/* A link to a directory is not a directory to rmdir. */
	CHECK_EQ_I64(vfs_symlink("/d", R(), "/dl"), 0);
	CHECK_EQ_I64(vfs_rmdir(R(), "/dl"), -ENOTDIR);
}

static void hard_links(void)
{
	struct vnode *vn;
	struct stat st;
	char buf[8];

	fresh(1 << 20);
	CHECK_EQ_I64(put("/f", "one"), 0);
	CHECK_EQ_I64(vfs_mkdir(R(), "/d", 0755), 0);
	CHECK_EQ_I64(vfs_link(R(), "/f", R(), "/d/g", false), 0);
	CHECK_EQ_I64(vfs_link(R(), "/f", R(), "/d/g", false), -EEXIST);
	CHECK_EQ_I64(vfs_link(R(), "/d", R(), "/d2", false), -EPERM);
	CHECK_EQ_I64(vfs_link(R(), "/nope", R(), "/x", false), -ENOENT);
	CHECK_EQ_U64(ino_of("/f"), ino_of("/d/g"));
	CHECK_EQ_I64(vfs_lookup(R(), "/f", true, &vn), 0);
	CHECK_EQ_I64(vfs_getattr(vn, &st), 0);
	CHECK_EQ_U64(st.st_nlink, 2);
	/* Open (held), then both names go: still readable. */
	vfs_get(vn);
	CHECK_EQ_I64(vfs_unlink(R(), "/f"), 0);
	CHECK_STR(get("/d/g"), "one");
	CHECK_EQ_I64(vfs_unlink(R(), "/d/g"), 0);
	CHECK_EQ_I64(vfs_getattr(vn, &st), 0);
	CHECK_EQ_U64(st.st_nlink, 0);
	CHECK_EQ_I64(vn->ops->read(vn, buf, sizeof(buf), 0), 3);
	CHECK_MEM(buf, "one", 3);
	CHECK_EQ_I64(vn->ops->write(vn, "two", 3, 3), 3);
	CHECK_EQ_I64(vn->ops->link(R(), "back", 4, vn), -ENOENT);
	vfs_put(vn); /* freed now: AddressSanitizer sees any later use */
}

static void renames(void)
{
	unsigned long f, g, d;
	struct vnode *vn;

	fresh(1 << 20);
	CHECK_EQ_I64(put("/f", "F"), 0);
	CHECK_EQ_I64(put("/g", "G"), 0);
	f = ino_of("/f");
	/* Over an existing file: the name never goes missing. */
	CHECK_EQ_I64(vfs_rename(R(), "/f", R(), "/g", 0), 0);
	CHECK_EQ_U64(ino_of("/g"), f);
	CHECK_EQ_I64(vfs_lookup(R(), "/f", true, &vn), -ENOENT);
	CHECK_STR(get("/g"), "F");
	CHECK_EQ_I64(put("/f", "F2"), 0);
	CHECK_EQ_I64(vfs_rename(R(), "/f", R(), "/g", VFS_RENAME_NOREPLACE),
		     -EEXIST);
	CHECK_EQ_I64(vfs_rename(R(), "/f", R(), "/h", VFS_RENAME_NOREPLACE), 0);
	CHECK_EQ_I64(vfs_rename(R(), "/h", R(), "/nope", VFS_RENAME_EXCHANGE),
		     -ENOENT);
	CHECK_EQ_I64(vfs_rename(R(), "/h", R(), "/g",
				VFS_RENAME_EXCHANGE | VFS_RENAME_NOREPLACE),
		     -EINVAL);
	g = ino_of("/g");
	f = ino_of("/h");
	CHECK_EQ_I64(vfs_rename(R(), "/h", R(), "/g", VFS_RENAME_EXCHANGE), 0);
	CHECK_EQ_U64(ino_of("/g"), f);
	CHECK_EQ_U64(ino_of("/h"), g);
	/* Directories. */
	CHECK_EQ_I64(vfs_mkdir(R(), "/d", 0755), 0);
	CHECK_EQ_I64(vfs_mkdir(R(), "/d/e", 0755), 0);
	CHECK_EQ_I64(vfs_mkdir(R(), "/x", 0755), 0);
	CHECK_EQ_I64(vfs_rename(R(), "/d", R(), "/d/e/in", 0), -EINVAL);
	CHECK_EQ_I64(vfs_rename(R(), "/d", R(), "/d/in", 0), -EINVAL);
	CHECK_EQ_I64(vfs_rename(R(), "/d/e", R(), "/d", 0), -ENOTEMPTY);
	CHECK_EQ_I64(vfs_rename(R(), "/g", R(), "/x", 0), -EISDIR);
	CHECK_EQ_I64(vfs_rename(R(), "/x", R(), "/g", 0), -ENOTDIR);
	CHECK_EQ_I64(vfs_rename(R(), "/x", R(), "/d", 0), -ENOTEMPTY);
	CHECK_EQ_I64(vfs_rename(R(), "/g/", R(), "/z", 0), -ENOTDIR);
	CHECK_EQ_I64(vfs_rename(R(), "/g", R(), "/z/", 0), -ENOTDIR);
	CHECK_EQ_I64(vfs_rename(R(), "/.", R(), "/z", 0), -EBUSY);
	CHECK_EQ_I64(vfs_rename(R(), "/nope", R(), "/z", 0), -ENOENT);
	CHECK_EQ_I64(vfs_rename(R(), "/g", R(), "/nodir/z", 0), -ENOENT);
	d = ino_of("/d/e");
	CHECK_EQ_I64(vfs_rename(R(), "/d/e", R(), "/x", 0), 0);
	CHECK_EQ_U64(ino_of("/x"), d);
	CHECK_EQ_I64(vfs_lookup(R(), "/x/..", true, &vn), 0);
	CHECK(vn == R());
	CHECK_EQ_I64(vfs_rename(R(), "/x", R(), "/d/moved/", 0), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/d/moved/..", true, &vn), 0);
	CHECK_EQ_U64(vn->ino, ino_of("/d"));
	/* Two names of one inode: nothing happens, both stay. */
	CHECK_EQ_I64(vfs_link(R(), "/g", R(), "/g2", false), 0);
	CHECK_EQ_I64(vfs_rename(R(), "/g", R(), "/g2", 0), 0);
	CHECK_EQ_U64(ino_of("/g"), ino_of("/g2"));
	CHECK_EQ_I64(vfs_rename(R(), "/g", R(), "/g", 0), 0);
}

static void copy_on_write(void)
{
	static const char archive[] = "borrowed bytes";
	struct vnode *vn;
	struct stat st;
	uint64_t before;

	fresh(1 << 20);
	CHECK_EQ_I64(memfs_add_file(R(), "ro", 2, 0644, 0, 0, archive,
				    sizeof(archive) - 1, &vn),
		     0);
	before = memfs_used(fs);
	CHECK_STR(get("/ro"), "borrowed bytes");
	CHECK_EQ_U64(memfs_used(fs), before); /* reading copies nothing */
	CHECK_EQ_I64(vn->ops->write(vn, "B", 1, 0), 1);
	CHECK_STR(get("/ro"), "Borrowed bytes");
	CHECK_STR(archive, "borrowed bytes");
	CHECK_EQ_U64(memfs_used(fs), before + MEMFS_BLOCK);
	CHECK_EQ_I64(memfs_add_file(R(), "ro2", 3, 0644, 0, 0, archive,
				    sizeof(archive) - 1, &vn),
		     0);
	CHECK_EQ_I64(vfs_truncate(vn, 3), 0);
	CHECK_STR(get("/ro2"), "bor");
	CHECK_EQ_I64(vfs_truncate(vn, 6), 0);
	CHECK_EQ_I64(vfs_getattr(vn, &st), 0);
	CHECK_EQ_I64(st.st_size, 6);
	CHECK_MEM(get("/ro2"), "bor\0\0\0", 7);
	CHECK_STR(archive, "borrowed bytes");
}

static void bound(void)
{
	static char block[MEMFS_BLOCK];
	struct vfs_statfs sf;
	struct vnode *vn, *dir;
	long n;
	int i, rc = 0;
	uint64_t total = 0;

	fresh(64 * 1024);
	CHECK_EQ_I64(vfs_statfs(R(), &sf), 0);
	CHECK_EQ_U64(sf.blocks, 16);
	CHECK_EQ_U64(sf.magic, MEMFS_MAGIC);
	CHECK_EQ_I64(vfs_open(R(), "/big", O_CREAT | O_RDWR, 0644, &vn), 0);
	memset(block, 'x', sizeof(block));
	for (i = 0; i < 100; i++) {
		n = vn->ops->write(vn, block, sizeof(block), total);
		if (n < 0) {
			rc = (int)n;
			break;
		}
		total += (uint64_t)n;
	}
	CHECK_EQ_I64(rc, -ENOSPC);
	CHECK(total > 32 * 1024 && total < 64 * 1024);
	CHECK(memfs_used(fs) <= memfs_limit(fs));
	CHECK_EQ_I64(vfs_statfs(R(), &sf), 0);
	CHECK_EQ_U64(sf.bfree, 0);
	/* Full: creating fails too, and nothing is half made. */
	for (i = 0; i < 200 && !rc; i++)
		rc = vfs_mkdir(R(), "/d", 0755);
	rc = 0;
	for (i = 0; i < 200; i++) {
		char name[16];

		snprintf(name, sizeof(name), "/e%d", i);
		if ((rc = vfs_mkdir(R(), name, 0755)))
			break;
	}
	CHECK_EQ_I64(rc, -ENOSPC);
	CHECK_EQ_I64(vfs_lookup(R(), "/e199", true, &dir), -ENOENT);
	/* Free it: room again, and the app goes on. */
	CHECK_EQ_I64(vfs_truncate(vn, 0), 0);
	CHECK(memfs_used(fs) < 16 * 1024);
	CHECK_EQ_I64(vn->ops->write(vn, block, sizeof(block), 0),
		     sizeof(block));
	CHECK_EQ_I64(vfs_unlink(R(), "/big"), 0);
	CHECK_EQ_I64(put("/after", "ok"), 0);
	CHECK_STR(get("/after"), "ok");
}

struct listing {
	char names[64][16];
	int n;
	int stop_after; /* fill at most this many per call */
	int given;
};

static int collect(void *ctx, const char *name, size_t len, unsigned long ino,
		   unsigned int type, uint64_t next)
{
	struct listing *l = ctx;

	(void)ino, (void)type, (void)next;
	if (l->given == l->stop_after)
		return 1;
	l->given++;
	snprintf(l->names[l->n++], 16, "%.*s", (int)len, name);
	return 0;
}

static bool listed(const struct listing *l, const char *name)
{
	int i, seen = 0;

	for (i = 0; i < l->n; i++)
		seen += !strcmp(l->names[i], name);
	return seen == 1;
}

static void changing_dir(void)
{
	struct listing l;
	struct vnode *d;
	uint64_t pos = 0;
	char name[16];
	int i;

	fresh(1 << 20);
	CHECK_EQ_I64(vfs_mkdir(R(), "/d", 0755), 0);
	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "/d/f%d", i);
		CHECK_EQ_I64(put(name, "x"), 0);
	}
	CHECK_EQ_I64(vfs_lookup(R(), "/d", true, &d), 0);
	memset(&l, 0, sizeof(l));
	l.stop_after = 5;
	CHECK_EQ_I64(d->ops->readdir(d, &pos, collect, &l), 0);
	CHECK_EQ_I64(l.n, 5); /* ., .., f0, f1, f2 */
	/* Between two calls: f1 (seen) and f7 (not yet) go, g comes. */
	CHECK_EQ_I64(vfs_unlink(R(), "/d/f1"), 0);
	CHECK_EQ_I64(vfs_unlink(R(), "/d/f7"), 0);
	CHECK_EQ_I64(put("/d/g", "y"), 0);
	l.stop_after = 100;
	l.given = 0;
	CHECK_EQ_I64(d->ops->readdir(d, &pos, collect, &l), 0);
	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		if (i != 7)
			CHECK(listed(&l, name));
	}
	CHECK(!listed(&l, "f7"));
	CHECK(listed(&l, "g"));
	CHECK(listed(&l, ".") && listed(&l, ".."));
	/* At the end, and a later entry past that end is not seen. */
	l.n = l.given = 0;
	CHECK_EQ_I64(put("/d/late", "z"), 0);
	CHECK_EQ_I64(d->ops->readdir(d, &pos, collect, &l), 0);
	CHECK_EQ_I64(l.n, 1);
	CHECK_STR(l.names[0], "late");
}

static void cwd_and_paths(void)
{
	char buf[64];
	struct vnode *d;

	fresh(1 << 20);
	CHECK_EQ_I64(vfs_mkdir(R(), "/a", 0755), 0);
	CHECK_EQ_I64(vfs_mkdir(R(), "/a/bb", 0755), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/a/bb", true, &d), 0);
	CHECK_EQ_I64(vfs_path_of(d, buf, sizeof(buf)), 5);
	CHECK_STR(buf, "/a/bb");
	CHECK_EQ_I64(vfs_path_of(d, buf, 5), -ERANGE);
	CHECK_EQ_I64(vfs_path_of(R(), buf, sizeof(buf)), 1);
	CHECK_STR(buf, "/");
	vfs_set_cwd(d);
	CHECK(vfs_cwd() == d);
	CHECK_EQ_I64(vfs_mkdir(vfs_cwd(), "c", 0755), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/a/bb/c", true, &d), 0);
	CHECK_EQ_I64(vfs_lookup(vfs_cwd(), "../../a/bb/c", true, &d), 0);
	/* The working directory removed: it is still held, has no path,
	 * and takes no new entries. */
	CHECK_EQ_I64(vfs_rmdir(R(), "/a/bb/c"), 0);
	CHECK_EQ_I64(vfs_rmdir(R(), "/a/bb"), 0);
	CHECK_EQ_I64(vfs_path_of(vfs_cwd(), buf, sizeof(buf)), -ENOENT);
	CHECK_EQ_I64(vfs_mkdir(vfs_cwd(), "x", 0755), -ENOENT);
	CHECK_EQ_I64(vfs_lookup(vfs_cwd(), "..", true, &d), -ENOENT);
	{
		struct listing l;
		uint64_t pos = 0;

		memset(&l, 0, sizeof(l));
		l.stop_after = 10;
		CHECK_EQ_I64(
		    vfs_cwd()->ops->readdir(vfs_cwd(), &pos, collect, &l), 0);
		CHECK_EQ_I64(l.n, 0);
	}
	vfs_set_cwd(R()); /* drops the last reference: freed */
}

static void mounts(void)
{
	struct memfs *data;
	struct vnode *vn, *mnt;
	char buf[64];

	fresh(1 << 20);
	CHECK_EQ_I64(vfs_mkdir(R(), "/mnt", 0755), 0);
	CHECK_EQ_I64(put("/f", "root's"), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/mnt", true, &mnt), 0);
	data = memfs_new(1 << 20, fake_now, &data_mount);
	CHECK_EQ_I64(vfs_mount(&data_mount, memfs_root(data), mnt, false), 0);
	CHECK_EQ_I64(vfs_mount(&data_mount, memfs_root(data), mnt, false),
		     -EBUSY);
	CHECK_EQ_I64(vfs_mkdir(R(), "/mnt/sub", 0755), 0);
	CHECK_EQ_I64(put("/mnt/sub/g", "data's"), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/mnt/sub/../..", true, &vn), 0);
	CHECK(vn == R());
	CHECK_EQ_I64(vfs_lookup(R(), "/mnt", true, &vn), 0);
	CHECK(vn == memfs_root(data));
	CHECK_EQ_I64(vfs_lookup(R(), "/mnt/sub", true, &vn), 0);
	CHECK_EQ_I64(vfs_path_of(vn, buf, sizeof(buf)), 8);
	CHECK_STR(buf, "/mnt/sub");
	CHECK_EQ_I64(vfs_rename(R(), "/f", R(), "/mnt/f", 0), -EXDEV);
	CHECK_EQ_I64(vfs_link(R(), "/f", R(), "/mnt/f", false), -EXDEV);
	CHECK_EQ_I64(vfs_rmdir(R(), "/mnt"), -EBUSY);
	CHECK_EQ_I64(vfs_rename(R(), "/mnt", R(), "/m2", 0), -EBUSY);
	/* Read-only: changes are EROFS, reading works. */
	data_mount.readonly = true;
	CHECK_EQ_I64(vfs_mkdir(R(), "/mnt/x", 0755), -EROFS);
	CHECK_EQ_I64(vfs_open(R(), "/mnt/sub/g", O_WRONLY, 0, &vn), -EROFS);
	CHECK_EQ_I64(vfs_open(R(), "/mnt/new", O_WRONLY | O_CREAT, 0, &vn),
		     -EROFS);
	CHECK_EQ_I64(vfs_mkdir(R(), "/mnt/sub", 0755), -EEXIST);
	CHECK_STR(get("/mnt/sub/g"), "data's");
}

static int type_of(void *ctx, const char *name, size_t len, unsigned long ino,
		   unsigned int type, uint64_t next)
{
	(void)ino, (void)next;
	if (len == 4 && !memcmp(name, "fifo", 4))
		((unsigned int *)ctx)[0] = type;
	if (len == 4 && !memcmp(name, "sock", 4))
		((unsigned int *)ctx)[1] = type;
	return 0;
}

/* mknod: FIFOs and socket inodes are names like any (stat, listing,
 * unlink, rename), with Linux's errors for what cannot be made. */
static void special_nodes(void)
{
	unsigned int types[2] = {0, 0};
	struct vnode *vn, *d;
	uint64_t pos = 0;
	struct stat st;

	fresh(1 << 20);
	CHECK_EQ_I64(vfs_mkdir(R(), "/d", 0755), 0);
	CHECK_EQ_I64(vfs_mknod(R(), "/d/fifo", VFS_IFIFO | 0640, &vn), 0);
	CHECK(vfs_is_fifo(vn));
	CHECK_EQ_I64(vfs_mknod(R(), "/d/sock", VFS_IFSOCK | 0755, NULL), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/d/fifo", true, &vn), 0);
	vfs_getattr(vn, &st);
	CHECK_EQ_U64(st.st_mode, S_IFIFO | 0640);
	CHECK_EQ_I64(st.st_size, 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/d/sock", true, &vn), 0);
	vfs_getattr(vn, &st);
	CHECK_EQ_U64(st.st_mode, S_IFSOCK | 0755);
	CHECK_EQ_I64(vfs_mknod(R(), "/d/fifo", VFS_IFIFO | 0600, NULL),
		     -EEXIST);
	CHECK_EQ_I64(vfs_mknod(R(), "/d/chr", S_IFCHR | 0600, NULL), -EPERM);
	CHECK_EQ_I64(vfs_mknod(R(), "/d/dir", S_IFDIR | 0600, NULL), -EINVAL);
	CHECK_EQ_I64(vfs_mknod(R(), "/nodir/f", VFS_IFIFO | 0600, NULL),
		     -ENOENT);
	CHECK_EQ_I64(vfs_mknod(R(), "/d/reg", 0600, NULL), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/d/reg", true, &vn), 0);
	CHECK(vfs_is_reg(vn));
	CHECK_EQ_I64(vfs_lookup(R(), "/d", true, &d), 0);
	CHECK_EQ_I64(d->ops->readdir(d, &pos, type_of, types), 0);
	CHECK_EQ_U64(types[0], 1);  /* DT_FIFO */
	CHECK_EQ_U64(types[1], 12); /* DT_SOCK */
	CHECK_EQ_I64(vfs_rename(R(), "/d/fifo", R(), "/fifo2", 0), 0);
	CHECK_EQ_I64(vfs_unlink(R(), "/d/sock"), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/d/sock", true, &vn), -ENOENT);
	CHECK_EQ_I64(vfs_lookup(R(), "/fifo2", true, &vn), 0);
	CHECK(vfs_is_fifo(vn));
	/* A read-only mount makes nothing. */
	root_mount.readonly = true;
	CHECK_EQ_I64(vfs_mknod(R(), "/f3", VFS_IFIFO | 0600, NULL), -EROFS);
	root_mount.readonly = false;
}

static void times(void)
{
	struct vnode *vn, *dir;
	struct stat st, dst;
	struct vfs_attr a;
	time_t t0;

	fresh(1 << 20);
	CHECK_EQ_I64(vfs_mkdir(R(), "/d", 0755), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/d", true, &dir), 0);
	CHECK_EQ_I64(put("/d/f", "x"), 0);
	CHECK_EQ_I64(vfs_lookup(R(), "/d/f", true, &vn), 0);
	vfs_getattr(vn, &st);
	vfs_getattr(dir, &dst);
	CHECK_EQ_I64(dst.st_mtim.tv_sec, st.st_ctim.tv_sec);
	t0 = st.st_mtim.tv_sec;
	fake_clock++;
	vn->ops->write(vn, "y", 1, 1);
	vfs_getattr(vn, &st);
	CHECK(st.st_mtim.tv_sec > t0 && st.st_ctim.tv_sec == st.st_mtim.tv_sec);
	memset(&a, 0, sizeof(a));
	a.mask = VFS_SET_MODE;
	a.mode = 0600;
	fake_clock++;
	CHECK_EQ_I64(vfs_setattr(vn, &a), 0);
	vfs_getattr(vn, &st);
	CHECK_EQ_U64(st.st_mode, S_IFREG | 0600);
	CHECK(st.st_ctim.tv_sec > st.st_mtim.tv_sec);
	a.mask = VFS_SET_ATIME | VFS_SET_MTIME | VFS_SET_UID;
	a.uid = 42;
	a.atime.tv_sec = 5;
	a.atime.tv_nsec = 6;
	a.mtime.tv_nsec = VFS_UTIME_OMIT;
	CHECK_EQ_I64(vfs_setattr(vn, &a), 0);
	vfs_getattr(vn, &st);
	CHECK_EQ_I64(st.st_atim.tv_sec, 5);
	CHECK_EQ_I64(st.st_atim.tv_nsec, 6);
	CHECK(st.st_mtim.tv_sec > 5);
	CHECK_EQ_U64(st.st_uid, 42);
	/* A read moves an atime older than the last change (relatime). */
	fake_clock++;
	CHECK_STR(get("/d/f"), "xy");
	vfs_getattr(vn, &st);
	CHECK(st.st_atim.tv_sec > 5);
	/* unlink changes the directory's mtime. */
	t0 = dst.st_mtim.tv_sec;
	fake_clock++;
	CHECK_EQ_I64(vfs_unlink(R(), "/d/f"), 0);
	vfs_getattr(dir, &dst);
	CHECK(dst.st_mtim.tv_sec > t0);
}

/* --- Random operations against a model ------------------------------------------- */

#define NAMES 3
#define DEPTH 3
#define MAXSZ 512
#define MAXN 64

struct m_inode {
	bool dir, used;
	unsigned char data[MAXSZ];
	size_t size;
};

struct m_name {
	char path[1024]; /* absolute, canonical */
	int ino;
};

static struct {
	struct m_inode ino[256];
	struct m_name names[MAXN * 4];
	int nnames;
} model;

static int m_find(const char *path)
{
	int i;

	if (!strcmp(path, "/"))
		return 0;
	for (i = 0; i < model.nnames; i++)
		if (!strcmp(model.names[i].path, path))
			return model.names[i].ino;
	return -1;
}

/* The parent of path ("/a/b" -> "/a"). */
static void m_parent(const char *path, char *out)
{
	const char *s = strrchr(path, '/');

	if (s == path)
		strcpy(out, "/");
	else
		snprintf(out, 1024, "%.*s", (int)(s - path), path);
}

/* Linux's error for a missing or non-directory parent, or 0. */
static int m_parent_err(const char *path)
{
	char p[1024], pre[1024];
	const char *c = path;
	int ino;

	m_parent(path, p);
	/* Each prefix must exist and be a directory. */
	while ((c = strchr(c + 1, '/')) && c <= path + strlen(p)) {
		snprintf(pre, sizeof(pre), "%.*s", (int)(c - path), path);
		ino = m_find(pre);
		if (ino < 0)
			return -ENOENT;
		if (!model.ino[ino].dir)
			return -ENOTDIR;
	}
	return 0;
}

static bool m_empty(const char *dir)
{
	size_t n = strlen(dir);
	int i;

	for (i = 0; i < model.nnames; i++)
		if (!strncmp(model.names[i].path, dir, n) &&
		    model.names[i].path[n] == '/')
			return false;
	return true;
}

static int m_alloc(bool dir)
{
	int i;

	for (i = 1; i < 256; i++)
		if (!model.ino[i].used) {
			memset(&model.ino[i], 0, sizeof(model.ino[i]));
			model.ino[i].used = true;
			model.ino[i].dir = dir;
			return i;
		}
	return -1;
}

static void m_add(const char *path, int ino)
{
	snprintf(model.names[model.nnames].path, 1024, "%s", path);
	model.names[model.nnames++].ino = ino;
}

static void m_gc(void)
{
	int i, j;

	for (i = 1; i < 256; i++) {
		bool named = false;

		for (j = 0; j < model.nnames; j++)
			named |= model.names[j].ino == i;
		if (!named)
			model.ino[i].used = false;
	}
}

static void m_del(const char *path)
{
	int i;

	for (i = 0; i < model.nnames; i++)
		if (!strcmp(model.names[i].path, path)) {
			model.names[i] = model.names[--model.nnames];
			break;
		}
	m_gc();
}

/* Rename every name at or below from to below to. */
static void m_move(const char *from, const char *to)
{
	size_t n = strlen(from);
	char buf[2048];
	int i;

	for (i = 0; i < model.nnames; i++) {
		char *p = model.names[i].path;

		if (!strcmp(p, from) || (!strncmp(p, from, n) && p[n] == '/')) {
			snprintf(buf, sizeof(buf), "%s%s", to, p + n);
			if (strlen(buf) < 1024)
				memcpy(p, buf, strlen(buf) + 1);
		}
	}
}

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && path[n] == '/';
}

static int m_rename(const char *a, const char *b)
{
	int rc, ia, ib;

	if ((rc = m_parent_err(a)) || (rc = m_parent_err(b)))
		return rc;
	if ((ia = m_find(a)) < 0)
		return -ENOENT;
	ib = m_find(b);
	if (model.ino[ia].dir && under(b, a))
		return -EINVAL;
	if (ib >= 0 && model.ino[ib].dir && under(a, b))
		return -ENOTEMPTY;
	if (ia == ib)
		return 0;
	if (ib >= 0) {
		if (model.ino[ia].dir && !model.ino[ib].dir)
			return -ENOTDIR;
		if (!model.ino[ia].dir && model.ino[ib].dir)
			return -EISDIR;
		if (model.ino[ib].dir && !m_empty(b))
			return -ENOTEMPTY;
		m_del(b);
	}
	m_move(a, b);
	return 0;
}

static void random_path(char *out)
{
	int depth = 1 + rand() % DEPTH, i;

	out[0] = 0;
	for (i = 0; i < depth; i++)
		sprintf(out + strlen(out), "/%c", 'a' + rand() % NAMES);
}

static void compare_all(void)
{
	static unsigned char buf[MAXSZ + 1];
	struct vnode *vn;
	struct stat st;
	int i;

	for (i = 0; i < model.nnames; i++) {
		struct m_inode *m = &model.ino[model.names[i].ino];

		if (!CHECK_EQ_I64(
			vfs_lookup(R(), model.names[i].path, false, &vn), 0)) {
			FAIL("model has %s", model.names[i].path);
			return;
		}
		vfs_getattr(vn, &st);
		CHECK_EQ_U64(S_ISDIR(st.st_mode), m->dir);
		if (!m->dir) {
			CHECK_EQ_I64(st.st_size, m->size);
			CHECK_EQ_I64(vn->ops->read(vn, buf, sizeof(buf), 0),
				     m->size);
			if (!CHECK_MEM(buf, m->data, m->size))
				return;
		}
	}
}

static void random_ops(void)
{
	unsigned char chunk[128];
	char a[32], b[32];
	struct vnode *vn;
	int step, op, rc, want, ino;
	size_t off, len;

	fresh(1 << 24);
	memset(&model, 0, sizeof(model));
	model.ino[0].used = model.ino[0].dir = true;
	srand(14);
	for (step = 0; step < 20000; step++) {
		random_path(a);
		random_path(b);
		op = rand() % 8;
		if (model.nnames > MAXN * 4 - 8 && (op < 3 || op == 7))
			op = 3; /* the model is full: delete instead */
		switch (op) {
		case 0: /* mkdir */
			want = m_parent_err(a);
			if (!want && m_find(a) >= 0)
				want = -EEXIST;
			rc = vfs_mkdir(R(), a, 0755);
			if (!want)
				m_add(a, m_alloc(true));
			break;
		case 1: /* write at an offset, creating */
		case 2:
			off = (size_t)rand() % (MAXSZ / 2);
			len = (size_t)rand() % (MAXSZ / 2);
			for (size_t i = 0; i < len; i++)
				chunk[i % sizeof(chunk)] =
				    (unsigned char)rand();
			if (len > sizeof(chunk))
				len = sizeof(chunk);
			want = m_parent_err(a);
			ino = m_find(a);
			if (!want && ino >= 0 && model.ino[ino].dir)
				want = -EISDIR;
			rc = vfs_open(R(), a, O_CREAT | O_RDWR, 0644, &vn);
			if (!rc) {
				long n = vn->ops->write(vn, chunk, len, off);

				if (!CHECK_EQ_I64(n, (long)len))
					return;
			}
			if (!want) {
				if (ino < 0) {
					ino = m_alloc(false);
					m_add(a, ino);
				}
				if (len) {
					struct m_inode *m = &model.ino[ino];

					memcpy(m->data + off, chunk, len);
					if (off + len > m->size)
						m->size = off + len;
				}
			}
			break;
		case 3: /* unlink */
			want = m_parent_err(a);
			ino = m_find(a);
			if (!want)
				want = ino < 0		    ? -ENOENT
				       : model.ino[ino].dir ? -EISDIR
							    : 0;
			rc = vfs_unlink(R(), a);
			if (!want)
				m_del(a);
			break;
		case 4: /* rmdir */
			want = m_parent_err(a);
			ino = m_find(a);
			if (!want)
				want = ino < 0		     ? -ENOENT
				       : !model.ino[ino].dir ? -ENOTDIR
				       : !m_empty(a)	     ? -ENOTEMPTY
							     : 0;
			rc = vfs_rmdir(R(), a);
			if (!want)
				m_del(a);
			break;
		case 5: /* rename */
		case 6:
			want = m_rename(a, b);
			rc = vfs_rename(R(), a, R(), b, 0);
			break;
		default: /* link, or truncate */
			if (rand() % 2) {
				want = m_parent_err(a);
				if (!want && (ino = m_find(a)) < 0)
					want = -ENOENT;
				if (!want && !(want = m_parent_err(b)) &&
				    m_find(b) >= 0)
					want = -EEXIST;
				if (!want && model.ino[ino].dir)
					want = -EPERM;
				rc = vfs_link(R(), a, R(), b, false);
				if (!want)
					m_add(b, ino);
			} else {
				len = (size_t)rand() % MAXSZ;
				want = m_parent_err(a);
				ino = want ? -1 : m_find(a);
				if (!want)
					want = ino < 0		    ? -ENOENT
					       : model.ino[ino].dir ? -EISDIR
								    : 0;
				rc = vfs_lookup(R(), a, true, &vn);
				if (!rc)
					rc = vfs_truncate(vn, len);
				if (!want) {
					struct m_inode *m = &model.ino[ino];

					if (len < m->size)
						memset(m->data + len, 0,
						       m->size - len);
					m->size = len;
				}
			}
			break;
		}
		if (!CHECK_EQ_I64(rc, want)) {
			FAIL("step %d op %d %s %s", step, op, a, b);
			return;
		}
		if (getenv("VFS_TRACE"))
			printf("%d: op %d %s %s -> %d\n", step, op, a, b, rc);
		if (step % 500 == 0 || getenv("VFS_TRACE"))
			compare_all();
	}
	compare_all();
}

CHECK_MAIN("vfs", CHECK_TEST(basics), CHECK_TEST(long_names),
	   CHECK_TEST(symlinks), CHECK_TEST(hard_links), CHECK_TEST(renames),
	   CHECK_TEST(copy_on_write), CHECK_TEST(bound),
	   CHECK_TEST(changing_dir), CHECK_TEST(cwd_and_paths),
	   CHECK_TEST(mounts), CHECK_TEST(special_nodes), CHECK_TEST(times),
	   CHECK_TEST(random_ops))
