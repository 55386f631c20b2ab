/*
 * memfs (memfs.h): inodes in memory behind the vnode ops.
 *
 * A directory keeps its entries in a list in the order they were made;
 * each entry has a cookie (a number that only grows), and readdir's
 * position is a cookie, so a listing that runs while entries come and go
 * sees every entry that stays exactly once, as Linux promises.
 *
 * A regular file's bytes are either the borrowed ones (ro, never
 * written) or its own buffer of cap bytes, where everything from the
 * size to cap is zero and everything past cap reads as zero too (a file
 * grown by truncate costs nothing until written). What it owns is
 * counted in whole blocks; inodes, entries and link targets by their
 * size. An inode is freed when it has no name and no reference.
 */
#include <kernel/errno.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "memfs.h"

#define MEMFS_DEV 1    /* st_dev: Linux's first anonymous device, 0:1 */
#define FIRST_COOKIE 2 /* positions 0 and 1 are "." and ".." */
/* The largest file: Linux's tmpfs limit on x86-64 is bigger, but a file
 * here is one buffer, so keep offsets far from overflowing. */
#define MAX_FILE_SIZE (1ull << 40)
#define DAY_S (24 * 3600)

struct dirent_m {
	struct dirent_m *next, *prev;
	struct mnode *node;
	uint64_t cookie;
	size_t len;
	char name[];
};

struct mnode {
	struct vnode v; /* first: a vnode is its mnode */
	struct memfs *fs;
	uint32_t uid, gid;
	unsigned int links; /* entries naming it */
	struct timespec atime, mtime, ctime;
	uint64_t size;
	const char *ro; /* borrowed contents (size bytes), or NULL */
	char *data;	/* owned contents, cap bytes */
	uint64_t cap;
	char *target; /* a symbolic link's, size bytes */
	/* A directory's entries, their next cookie, its parent (itself for
	 * the root) and how many of the entries are directories. */
	struct dirent_m *first, *last;
	uint64_t next_cookie;
	struct mnode *parent;
	unsigned int subdirs;
};

struct memfs {
	struct mnode *root;
	uint64_t limit, used;
	uint64_t inodes;
	unsigned long next_ino;
	void (*now)(struct timespec *ts);
	struct vfs_mount *mnt;
};

static const struct vnode_ops memfs_ops;

static struct mnode *M(struct vnode *vn)
{
	return (struct mnode *)vn;
}

static uint64_t blocks_of(uint64_t bytes)
{
	return (bytes + MEMFS_BLOCK - 1) / MEMFS_BLOCK * MEMFS_BLOCK;
}

static bool charge(struct memfs *fs, uint64_t n)
{
	if (n > fs->limit - fs->used)
		return false;
	fs->used += n;
	return true;
}

static void uncharge(struct memfs *fs, uint64_t n)
{
	fs->used -= n;
}

static void now(struct memfs *fs, struct timespec *ts)
{
	fs->now(ts);
}

static void touch_mc(struct mnode *n) /* contents changed */
{
	now(n->fs, &n->mtime);
	n->ctime = n->mtime;
}

static void touch_c(struct mnode *n) /* the inode changed */
{
	now(n->fs, &n->ctime);
}

/* --- Inodes ------------------------------------------------------------------ */

static struct mnode *node_new(struct memfs *fs, uint32_t mode, uint32_t uid,
			      uint32_t gid)
{
	struct mnode *n;

	if (!charge(fs, sizeof(*n)))
		return NULL;
	n = calloc(1, sizeof(*n));
	if (!n) {
		uncharge(fs, sizeof(*n));
		return NULL;
	}
	n->v.ops = &memfs_ops;
	n->v.mode = mode;
	n->v.ino = fs->next_ino++;
	n->v.mnt = fs->mnt;
	n->fs = fs;
	n->uid = uid;
	n->gid = gid;
	now(fs, &n->mtime);
	n->atime = n->ctime = n->mtime;
	n->next_cookie = FIRST_COOKIE;
	n->parent = n;
	fs->inodes++;
	return n;
}

static void node_free(struct mnode *n)
{
	struct memfs *fs = n->fs;

	if (n->data)
		uncharge(fs, blocks_of(n->cap));
	if (n->target)
		uncharge(fs, n->size + 1);
	free(n->data);
	free(n->target);
	uncharge(fs, sizeof(*n));
	fs->inodes--;
	free(n);
}

/* Free n if nothing names or holds it. */
static void node_maybe_free(struct mnode *n)
{
	if (!n->links && !n->v.refs && n != n->fs->root)
		node_free(n);
}

static unsigned int nlink_of(const struct mnode *n)
{
	if (!vfs_is_dir(&n->v))
		return n->links;
	return n->links ? 2 + n->subdirs : 0;
}

/* --- Directory entries --------------------------------------------------------- */

static struct dirent_m *find(const struct mnode *dir, const char *name,
			     size_t len)
{
	struct dirent_m *d;

	for (d = dir->first; d; d = d->next)
		if (d->len == len && !memcmp(d->name, name, len))
			return d;
	return NULL;
}

static uint64_t dirent_cost(size_t len)
{
	return sizeof(struct dirent_m) + len;
}

/* An entry not yet in a directory (so a rename can fail before it
 * changes anything). */
static struct dirent_m *dirent_new(struct memfs *fs, const char *name,
				   size_t len)
{
	struct dirent_m *d;

	if (!charge(fs, dirent_cost(len)))
		return NULL;
	d = malloc(sizeof(*d) + len);
	if (!d) {
		uncharge(fs, dirent_cost(len));
		return NULL;
	}
	memcpy(d->name, name, len);
	d->len = len;
	d->node = NULL;
	return d;
}

static void dirent_free(struct memfs *fs, struct dirent_m *d)
{
	uncharge(fs, dirent_cost(d->len));
	free(d);
}

/* Put d (naming n) at the end of dir. */
static void dirent_insert(struct mnode *dir, struct dirent_m *d,
			  struct mnode *n)
{
	d->node = n;
	d->cookie = dir->next_cookie++;
	d->next = NULL;
	d->prev = dir->last;
	if (dir->last)
		dir->last->next = d;
	else
		dir->first = d;
	dir->last = d;
	n->links++;
	if (vfs_is_dir(&n->v)) {
		dir->subdirs++;
		n->parent = dir;
	}
}

/* Take d out of dir; its node loses the name (not freed here). */
static void dirent_unhook(struct mnode *dir, struct dirent_m *d)
{
	if (d->prev)
		d->prev->next = d->next;
	else
		dir->first = d->next;
	if (d->next)
		d->next->prev = d->prev;
	else
		dir->last = d->prev;
	d->node->links--;
	if (vfs_is_dir(&d->node->v))
		dir->subdirs--;
}

/* A new entry name for n in dir, which has none of that name. */
static int add_name(struct mnode *dir, const char *name, size_t len,
		    struct mnode *n)
{
	struct dirent_m *d = dirent_new(dir->fs, name, len);

	if (!d)
		return -ENOSPC;
	dirent_insert(dir, d, n);
	touch_mc(dir);
	return 0;
}

/* A directory that was removed takes no new entries and has no "..". */
static bool dead(const struct mnode *dir)
{
	return !dir->links;
}

/* --- Names --------------------------------------------------------------------- */

static int m_lookup(struct vnode *vdir, const char *name, size_t len,
		    struct vnode **out)
{
	struct mnode *dir = M(vdir);
	struct dirent_m *d;

	if (len == 2 && name[0] == '.' && name[1] == '.') {
		if (dead(dir))
			return -ENOENT;
		*out = &dir->parent->v;
		return 0;
	}
	d = find(dir, name, len);
	if (!d)
		return -ENOENT;
	*out = &d->node->v;
	return 0;
}

/* A new inode of mode named name in dir. */
static int make(struct mnode *dir, const char *name, size_t len, uint32_t mode,
		uint32_t uid, uint32_t gid, struct mnode **out)
{
	struct mnode *n;
	int rc;

	if (dead(dir))
		return -ENOENT;
	if (find(dir, name, len))
		return -EEXIST;
	n = node_new(dir->fs, mode, uid, gid);
	if (!n)
		return -ENOSPC;
	rc = add_name(dir, name, len, n);
	if (rc) {
		node_free(n);
		return rc;
	}
	*out = n;
	return 0;
}

static int m_create(struct vnode *dir, const char *name, size_t len,
		    uint32_t mode, uint32_t uid, uint32_t gid,
		    struct vnode **out)
{
	struct mnode *n;
	uint32_t type = mode & VFS_IFMT;
	int rc;

	if (type != VFS_IFREG && type != VFS_IFDIR)
		return -EPERM;
	rc = make(M(dir), name, len, type | (mode & 07777), uid, gid, &n);
	if (!rc)
		*out = &n->v;
	return rc;
}

static int m_mknod(struct vnode *dir, const char *name, size_t len,
		   uint32_t mode, uint32_t uid, uint32_t gid,
		   struct vnode **out)
{
	struct mnode *n;
	uint32_t type = mode & VFS_IFMT;
	int rc;

	if (type != VFS_IFIFO && type != VFS_IFSOCK)
		return -EPERM;
	rc = make(M(dir), name, len, type | (mode & 07777), uid, gid, &n);
	if (!rc)
		*out = &n->v;
	return rc;
}

static int m_symlink(struct vnode *dir, const char *name, size_t len,
		     const char *target, uint32_t uid, uint32_t gid)
{
	size_t tlen = strlen(target);
	struct memfs *fs = M(dir)->fs;
	struct mnode *n;
	char *t;
	int rc;

	if (!charge(fs, tlen + 1))
		return -ENOSPC;
	t = malloc(tlen + 1);
	if (!t) {
		uncharge(fs, tlen + 1);
		return -ENOSPC;
	}
	memcpy(t, target, tlen + 1);
	rc = make(M(dir), name, len, VFS_IFLNK | 0777, uid, gid, &n);
	if (rc) {
		uncharge(fs, tlen + 1);
		free(t);
		return rc;
	}
	n->target = t;
	n->size = tlen;
	return 0;
}

static int m_link(struct vnode *vdir, const char *name, size_t len,
		  struct vnode *vn)
{
	struct mnode *dir = M(vdir), *n = M(vn);
	int rc;

	if (dead(dir))
		return -ENOENT;
	if (!n->links) /* an open file that was unlinked */
		return -ENOENT;
	if (find(dir, name, len))
		return -EEXIST;
	rc = add_name(dir, name, len, n);
	if (!rc)
		touch_c(n);
	return rc;
}

static int m_remove(struct vnode *vdir, const char *name, size_t len,
		    bool rmdir)
{
	struct mnode *dir = M(vdir), *n;
	struct dirent_m *d = find(dir, name, len);

	if (!d)
		return -ENOENT;
	n = d->node;
	if (rmdir && !vfs_is_dir(&n->v))
		return -ENOTDIR;
	if (!rmdir && vfs_is_dir(&n->v))
		return -EISDIR;
	if (rmdir && n->first)
		return -ENOTEMPTY;
	if (n->v.covered)
		return -EBUSY;
	dirent_unhook(dir, d);
	dirent_free(dir->fs, d);
	touch_mc(dir);
	touch_c(n);
	node_maybe_free(n);
	return 0;
}

/* True if dir is n or below it. */
static bool inside(const struct mnode *dir, const struct mnode *n)
{
	for (;;) {
		if (dir == n)
			return true;
		if (dir->parent == dir)
			return false;
		dir = dir->parent;
	}
}

/* Swap the inodes two entries name (RENAME_EXCHANGE). */
static int exchange(struct mnode *odir, struct dirent_m *od, struct mnode *ndir,
		    struct dirent_m *nd)
{
	struct mnode *a = od->node, *b = nd->node;
	bool adir = vfs_is_dir(&a->v), bdir = vfs_is_dir(&b->v);

	if ((adir && inside(ndir, a)) || (bdir && inside(odir, b)))
		return -EINVAL;
	od->node = b;
	nd->node = a;
	if (adir) {
		odir->subdirs--;
		ndir->subdirs++;
		a->parent = ndir;
	}
	if (bdir) {
		ndir->subdirs--;
		odir->subdirs++;
		b->parent = odir;
	}
	touch_mc(odir);
	touch_mc(ndir);
	touch_c(a);
	touch_c(b);
	return 0;
}

static int m_rename(struct vnode *vodir, const char *oname, size_t olen,
		    struct vnode *vndir, const char *nname, size_t nlen,
		    unsigned int flags)
{
	struct mnode *odir = M(vodir), *ndir = M(vndir), *n, *old;
	struct dirent_m *od = find(odir, oname, olen), *nd, *fresh;
	bool isdir;

	if (!od)
		return -ENOENT;
	if (dead(ndir))
		return -ENOENT;
	n = od->node;
	isdir = vfs_is_dir(&n->v);
	nd = find(ndir, nname, nlen);
	if (flags & VFS_RENAME_EXCHANGE)
		return nd ? exchange(odir, od, ndir, nd) : -ENOENT;
	if (nd && (flags & VFS_RENAME_NOREPLACE))
		return -EEXIST;
	if (isdir && inside(ndir, n))
		return -EINVAL;
	/* The target is a directory above the source: never empty. */
	if (nd && vfs_is_dir(&nd->node->v) && inside(odir, nd->node))
		return -ENOTEMPTY;
	if (nd && nd->node == n) /* the same inode: Linux does nothing */
		return 0;
	if (nd) {
		old = nd->node;
		if (isdir && !vfs_is_dir(&old->v))
			return -ENOTDIR;
		if (!isdir && vfs_is_dir(&old->v))
			return -EISDIR;
		if (old->first)
			return -ENOTEMPTY;
		if (old->v.covered)
			return -EBUSY;
		/* The entry now names n: no moment without the name. */
		dirent_unhook(ndir, nd);
		dirent_unhook(odir, od);
		dirent_free(odir->fs, od);
		dirent_insert(ndir, nd, n);
		touch_c(old);
		node_maybe_free(old);
	} else {
		fresh = dirent_new(ndir->fs, nname, nlen);
		if (!fresh)
			return -ENOSPC;
		dirent_unhook(odir, od);
		dirent_free(odir->fs, od);
		dirent_insert(ndir, fresh, n);
	}
	touch_mc(odir);
	touch_mc(ndir);
	touch_c(n);
	return 0;
}

static int m_readlink(struct vnode *vn, char *buf, size_t size)
{
	struct mnode *n = M(vn);
	size_t len = n->size < size ? n->size : size;

	if (!vfs_is_link(vn))
		return -EINVAL;
	memcpy(buf, n->target, len);
	return (int)len;
}

/* --- Attributes ------------------------------------------------------------------ */

static int m_getattr(struct vnode *vn, struct stat *st)
{
	struct mnode *n = M(vn);
	uint64_t owned = n->data ? blocks_of(n->cap) : 0;

	memset(st, 0, sizeof(*st));
	st->st_dev = MEMFS_DEV;
	st->st_ino = vn->ino;
	st->st_mode = vn->mode;
	st->st_nlink = nlink_of(n);
	st->st_uid = n->uid;
	st->st_gid = n->gid;
	st->st_size = (off_t)(vfs_is_dir(vn) ? MEMFS_BLOCK : n->size);
	st->st_blksize = MEMFS_BLOCK;
	if (n->ro)
		owned = blocks_of(n->size);
	st->st_blocks = (blkcnt_t)(owned / 512);
	st->st_atim = n->atime;
	st->st_mtim = n->mtime;
	st->st_ctim = n->ctime;
	return 0;
}

static void set_time(struct mnode *n, struct timespec *t,
		     const struct timespec *want)
{
	if (want->tv_nsec == VFS_UTIME_NOW)
		now(n->fs, t);
	else
		*t = *want;
}

static int m_setattr(struct vnode *vn, const struct vfs_attr *a)
{
	struct mnode *n = M(vn);

	if (a->mask & VFS_SET_MODE)
		vn->mode = (vn->mode & VFS_IFMT) | (a->mode & 07777);
	if (a->mask & VFS_SET_UID)
		n->uid = a->uid;
	if (a->mask & VFS_SET_GID)
		n->gid = a->gid;
	if ((a->mask & VFS_SET_ATIME) && a->atime.tv_nsec != VFS_UTIME_OMIT)
		set_time(n, &n->atime, &a->atime);
	if ((a->mask & VFS_SET_MTIME) && a->mtime.tv_nsec != VFS_UTIME_OMIT)
		set_time(n, &n->mtime, &a->mtime);
	touch_c(n);
	return 0;
}

/* --- Contents -------------------------------------------------------------------- */

/* Resize the owned buffer to cap bytes (a multiple of the block), the
 * new part zero. false: no room. */
static bool set_cap(struct mnode *n, uint64_t cap)
{
	uint64_t old = n->data ? n->cap : 0;
	char *p;

	if (cap == old && n->data)
		return true;
	if (cap > old && !charge(n->fs, cap - old))
		return false;
	p = realloc(n->data, cap ? cap : 1);
	if (!p) {
		if (cap > old)
			uncharge(n->fs, cap - old);
		return cap < old; /* a failed shrink keeps the old buffer */
	}
	if (cap < old)
		uncharge(n->fs, old - cap);
	if (cap > old)
		memset(p + old, 0, cap - old);
	n->data = p;
	n->cap = cap;
	return true;
}

/* Own the contents before changing them: copy the borrowed bytes. */
static int own(struct mnode *n)
{
	uint64_t keep;

	if (n->data)
		return 0;
	keep = n->ro ? n->size : 0;
	if (!set_cap(n, blocks_of(keep)))
		return -ENOSPC;
	if (n->ro)
		memcpy(n->data, n->ro, keep);
	n->ro = NULL;
	return 0;
}

/* Make the buffer hold end bytes: grow by doubling while the bound
 * allows, else just enough. Returns the bytes it holds, which may be
 * fewer than end (the bound). */
static uint64_t reserve(struct mnode *n, uint64_t end)
{
	uint64_t want, room;

	if (end <= n->cap)
		return n->cap;
	want = blocks_of(end);
	if (want < n->cap * 2 && n->cap * 2 <= MAX_FILE_SIZE)
		want = n->cap * 2;
	if (set_cap(n, want))
		return n->cap;
	if (set_cap(n, blocks_of(end)))
		return n->cap;
	room = (n->fs->limit - n->fs->used) / MEMFS_BLOCK * MEMFS_BLOCK;
	if (room && set_cap(n, n->cap + room))
		return n->cap;
	return n->cap;
}

static long m_read(struct vnode *vn, void *buf, size_t len, uint64_t off)
{
	struct mnode *n = M(vn);
	struct timespec t;
	uint64_t have;
	size_t k = 0;

	if (vfs_is_dir(vn))
		return -EISDIR;
	if (off >= n->size || !len)
		return 0;
	if (len > n->size - off)
		len = (size_t)(n->size - off);
	if (n->ro) {
		memcpy(buf, n->ro + off, len);
	} else {
		have = n->data ? n->cap : 0;
		if (off < have) {
			k = have - off < len ? (size_t)(have - off) : len;
			memcpy(buf, n->data + off, k);
		}
		memset((char *)buf + k, 0, len - k);
	}
	/* relatime: atime moves when it is older than the last change or
	 * a day old, as Linux's default mount option has it. */
	now(n->fs, &t);
	if (n->atime.tv_sec < n->mtime.tv_sec ||
	    (n->atime.tv_sec == n->mtime.tv_sec &&
	     n->atime.tv_nsec <= n->mtime.tv_nsec) ||
	    t.tv_sec - n->atime.tv_sec >= DAY_S)
		n->atime = t;
	return (long)len;
}

static long m_write(struct vnode *vn, const void *buf, size_t len, uint64_t off)
{
	struct mnode *n = M(vn);
	uint64_t have;
	int rc;

	if (vfs_is_dir(vn))
		return -EISDIR;
	if (!len)
		return 0;
	if (off >= MAX_FILE_SIZE)
		return -EFBIG;
	if (len > MAX_FILE_SIZE - off)
		len = (size_t)(MAX_FILE_SIZE - off);
	if ((rc = own(n)))
		return rc;
	have = reserve(n, off + len);
	if (have <= off)
		return -ENOSPC;
	if (len > have - off)
		len = (size_t)(have - off);
	memcpy(n->data + off, buf, len);
	if (off + len > n->size)
		n->size = off + len;
	touch_mc(n);
	return (long)len;
}

static int m_truncate(struct vnode *vn, uint64_t size)
{
	struct mnode *n = M(vn);
	int rc;

	if (vfs_is_dir(vn))
		return -EISDIR;
	if (size > MAX_FILE_SIZE)
		return -EFBIG;
	if ((rc = own(n)))
		return rc;
	if (size < n->size) {
		/* Zero what is cut off (a later growth reads zeros there),
		 * and give back whole blocks past it. */
		if (size < n->cap)
			memset(n->data + size, 0,
			       (size_t)((n->size < n->cap ? n->size : n->cap) -
					size));
		if (blocks_of(size) < n->cap)
			(void)set_cap(n, blocks_of(size));
	}
	n->size = size;
	touch_mc(n);
	return 0;
}

static int m_allocate(struct vnode *vn, uint64_t off, uint64_t len,
		      bool keep_size)
{
	struct mnode *n = M(vn);
	uint64_t end = off + len;
	int rc;

	if (!vfs_is_reg(vn))
		return vfs_is_dir(vn) ? -EISDIR : -ENODEV;
	if (end > MAX_FILE_SIZE || end < off)
		return -EFBIG;
	if ((rc = own(n)))
		return rc;
	if (reserve(n, end) < end)
		return -ENOSPC;
	if (!keep_size && end > n->size) {
		n->size = end;
		touch_mc(n);
	}
	return 0;
}

static unsigned int dtype(const struct vnode *vn)
{
	static const unsigned char types[16] = {[VFS_IFDIR >> 12] = 4,
						[VFS_IFREG >> 12] = 8,
						[VFS_IFLNK >> 12] = 10,
						[VFS_IFIFO >> 12] = 1,
						[VFS_IFSOCK >> 12] = 12};

	return types[(vn->mode & VFS_IFMT) >> 12];
}

static int m_readdir(struct vnode *vdir, uint64_t *pos, vfs_filldir_fn fn,
		     void *ctx)
{
	struct mnode *dir = M(vdir);
	struct dirent_m *d;

	if (!vfs_is_dir(vdir))
		return -ENOTDIR;
	/* A removed directory lists nothing, not even "." and ".." (its
	 * parent may be gone), as on Linux. */
	if (dead(dir))
		return 0;
	if (*pos == 0) {
		if (fn(ctx, ".", 1, vdir->ino, 4, 1))
			return 0;
		*pos = 1;
	}
	if (*pos == 1) {
		if (fn(ctx, "..", 2, dir->parent->v.ino, 4, FIRST_COOKIE))
			return 0;
		*pos = FIRST_COOKIE;
	}
	for (d = dir->first; d; d = d->next) {
		if (d->cookie < *pos)
			continue;
		if (fn(ctx, d->name, d->len, d->node->v.ino, dtype(&d->node->v),
		       d->cookie + 1))
			return 0;
		*pos = d->cookie + 1;
	}
	/* Past every entry, including ones made later. */
	if (*pos < dir->next_cookie)
		*pos = dir->next_cookie;
	return 0;
}

static int m_statfs(struct vnode *vn, struct vfs_statfs *sf)
{
	struct memfs *fs = M(vn)->fs;

	memset(sf, 0, sizeof(*sf));
	sf->magic = MEMFS_MAGIC;
	sf->bsize = MEMFS_BLOCK;
	sf->blocks = fs->limit / MEMFS_BLOCK;
	sf->bfree = (fs->limit - fs->used) / MEMFS_BLOCK;
	/* Inodes cost memory like the rest: as many as would fit. */
	sf->ffree = (fs->limit - fs->used) / sizeof(struct mnode);
	sf->files = fs->inodes + sf->ffree;
	sf->namelen = VFS_NAME_MAX;
	return 0;
}

static void m_inactive(struct vnode *vn)
{
	node_maybe_free(M(vn));
}

static const struct vnode_ops memfs_ops = {
    .lookup = m_lookup,
    .create = m_create,
    .symlink = m_symlink,
    .link = m_link,
    .remove = m_remove,
    .rename = m_rename,
    .readlink = m_readlink,
    .getattr = m_getattr,
    .setattr = m_setattr,
    .read = m_read,
    .write = m_write,
    .truncate = m_truncate,
    .allocate = m_allocate,
    .readdir = m_readdir,
    .statfs = m_statfs,
    .inactive = m_inactive,
    .mknod = m_mknod,
};

/* --- The file system ------------------------------------------------------------- */

struct memfs *memfs_new(uint64_t limit, void (*now_fn)(struct timespec *ts),
			struct vfs_mount *m)
{
	struct memfs *fs = calloc(1, sizeof(*fs));

	if (!fs)
		return NULL;
	fs->mnt = m;
	fs->limit = limit;
	fs->now = now_fn;
	fs->next_ino = 1;
	fs->root = node_new(fs, VFS_IFDIR | 0755, 0, 0);
	if (!fs->root) {
		free(fs);
		return NULL;
	}
	fs->root->links = 1; /* named by the mount */
	return fs;
}

struct vnode *memfs_root(struct memfs *fs)
{
	return &fs->root->v;
}

uint64_t memfs_used(const struct memfs *fs)
{
	return fs->used;
}

uint64_t memfs_limit(const struct memfs *fs)
{
	return fs->limit;
}

int memfs_add_file(struct vnode *dir, const char *name, size_t len,
		   uint32_t mode, uint32_t uid, uint32_t gid, const void *data,
		   size_t size, struct vnode **out)
{
	struct mnode *n;
	int rc =
	    make(M(dir), name, len, VFS_IFREG | (mode & 07777), uid, gid, &n);

	if (rc)
		return rc;
	n->ro = data;
	n->size = size;
	*out = &n->v;
	return 0;
}

void memfs_set_times(struct vnode *vn, time_t mtime)
{
	struct mnode *n = M(vn);

	n->mtime.tv_sec = mtime;
	n->mtime.tv_nsec = 0;
	n->atime = n->ctime = n->mtime;
}

static void free_tree(struct mnode *dir)
{
	struct dirent_m *d, *next;
	struct mnode *n;

	for (d = dir->first; d; d = next) {
		next = d->next;
		n = d->node;
		dirent_unhook(dir, d);
		dirent_free(dir->fs, d);
		if (vfs_is_dir(&n->v))
			free_tree(n);
		if (!n->links)
			node_free(n);
	}
}

void memfs_free(struct memfs *fs)
{
	free_tree(fs->root);
	node_free(fs->root);
	free(fs);
}
