/*
 * ext2/3/4 behind the VFS, on libext2fs (see ext4fs.h, docs/files.md).
 *
 * Each op takes the file system's lock (libext2fs is not reentrant, and
 * its calls block on the disk), reads what it needs through libext2fs
 * and its block cache, and changes the file system as Linux's ext4 would
 * leave it, less the journal: metadata is written in place (the journal
 * stays empty, so the file system stays what e2fsck and Linux expect),
 * and a crash is repaired by e2fsck in dom0. fsync writes the bitmaps,
 * the group descriptors and the superblock, then every dirty block, then
 * flushes the disk, so whatever it covered survives a crash and e2fsck.
 *
 * Vnodes: one per inode met, kept in a hash until the file system is
 * unmounted (the VFS lets a walk hold a vnode without a reference while
 * it blocks, so a vnode may not be freed under it); one of an inode that
 * is freed and used again is simply refreshed. An inode whose last name
 * goes while it is open is freed when the last reference goes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ext2fs/ext2_fs.h"
#include "ext2fs/ext2fs.h"

#include "ext4fs.h"

/*
 * Error numbers. The VFS takes negative Linux numbers (<kernel/errno.h>),
 * but libext2fs's headers bring the C library's <errno.h>: glibc's numbers
 * are Linux's, newlib's differ from Linux's above 34. The ones this file
 * returns from <errno.h> are below 35 (checked here); the three above are
 * spelled as Linux numbers. An errno libext2fs itself returns is in the C
 * library's numbering and goes through runtime_errno_to_linux() on Skiff.
 */
_Static_assert(EPERM == 1 && ENOENT == 2 && EIO == 5 && ENOMEM == 12 &&
		   EBUSY == 16 && EEXIST == 17 && ENOTDIR == 20 &&
		   EISDIR == 21 && EINVAL == 22 && EFBIG == 27 &&
		   ENOSPC == 28 && EROFS == 30 && EMLINK == 31,
	       "the C library's numbers below 35 are Linux's");
#define LX_ENAMETOOLONG 36
#define LX_ENOTEMPTY 39
#define LX_ELOOP 40
#define LX_EOPNOTSUPP 95
#ifdef __skiff__
int runtime_errno_to_linux(int libc_errno);
#define LIBC_TO_LINUX(e) runtime_errno_to_linux(e)
#else
#define LIBC_TO_LINUX(e) (e)
#endif

#define NHASH 1024
#define EXT4_MAGIC 0xEF53
#define LINK_MAX_EXT4 65000
/* Directory positions: 0 ".", 1 "..", then 2 + an entry's byte offset
 * in the directory. */
#define POS_BASE 2

struct enode {
	struct vnode v;
	struct ext4fs *fs;
	struct enode *hnext;
	bool orphan; /* no name left: freed when the last reference goes */
};

struct ext4fs {
	ext2_filsys fs;
	struct ext4_lock lock;
	struct vfs_mount mnt;
	struct enode *hash[NHASH];
	unsigned long dev;
	bool readonly;
	bool was_clean; /* valid when mounted: clean again at unmount */
	char *blockbuf; /* one block, for the ops that need one */
};

static const struct vnode_ops ext4_ops, ext4_ro_ops;

static struct enode *E(struct vnode *vn)
{
	return (struct enode *)vn;
}

static void unlock(struct ext4fs *f)
{
	if (f->lock.unlock)
		f->lock.unlock(f->lock.arg);
}

/* Take the lock: 0, or -EIO once the file system was unmounted (an op
 * that waited for the lock while the program ended). */
static int lock(struct ext4fs *f)
{
	if (f->lock.lock)
		f->lock.lock(f->lock.arg);
	if (f->fs)
		return 0;
	unlock(f);
	return -EIO;
}

/* libext2fs's error codes as Linux errno values (negative). */
static int errno_of(errcode_t e)
{
	if (!e)
		return 0;
	/* An errno: from the I/O manager (Linux's numbers, all below 35,
	 * where the two agree) or from libext2fs (the C library's). */
	if (e > 0 && e < 4096)
		return -LIBC_TO_LINUX((int)e);
	switch (e) {
	case EXT2_ET_NO_MEMORY:
		return -ENOMEM;
	case EXT2_ET_BLOCK_ALLOC_FAIL:
	case EXT2_ET_INODE_ALLOC_FAIL:
	case EXT2_ET_DIR_NO_SPACE:
	case EXT2_ET_EA_NO_SPACE:
	case EXT2_ET_RES_GDT_BLOCKS:
		return -ENOSPC;
	case EXT2_ET_RO_FILSYS:
	case EXT2_ET_FILE_RO:
		return -EROFS;
	case EXT2_ET_FILE_NOT_FOUND:
		return -ENOENT;
	case EXT2_ET_DIR_EXISTS:
		return -EEXIST;
	case EXT2_ET_FILE_TOO_BIG:
	case EXT2_ET_EXTENT_NOT_SUPPORTED:
		return -EFBIG;
	case EXT2_ET_NO_DIRECTORY:
		return -ENOTDIR;
	case EXT2_ET_UNIMPLEMENTED:
	case EXT2_ET_OP_NOT_SUPPORTED:
		return -LX_EOPNOTSUPP;
	case EXT2_ET_INVALID_ARGUMENT:
		return -EINVAL;
	default:
		return -EIO;
	}
}

/* --- Inodes ---------------------------------------------------------------------- */

/* The on-disk inode of any size: the large layout, zero beyond what the
 * file system's inodes hold. */
struct einode {
	struct ext2_inode_large i;
};

static int iget(struct ext4fs *f, ext2_ino_t ino, struct einode *n)
{
	memset(n, 0, sizeof(*n));
	return errno_of(ext2fs_read_inode_full(
	    f->fs, ino, (struct ext2_inode *)&n->i, sizeof(n->i)));
}

static int iput(struct ext4fs *f, ext2_ino_t ino, struct einode *n)
{
	return errno_of(ext2fs_write_inode_full(
	    f->fs, ino, (struct ext2_inode *)&n->i, sizeof(n->i)));
}

/* Whether the inode has room for an extra time field at offset off of
 * the large layout. */
static bool has_extra(struct ext4fs *f, const struct einode *n, size_t off)
{
	return EXT2_INODE_SIZE(f->fs->super) > EXT2_GOOD_OLD_INODE_SIZE &&
	       off + 4 <= (size_t)EXT2_GOOD_OLD_INODE_SIZE + n->i.i_extra_isize;
}

#define EXTRA(f, n, field)                                                     \
	has_extra(f, n, offsetof(struct ext2_inode_large, field))

static struct timespec tget(uint32_t sec, const uint32_t *extra)
{
	struct timespec t;
	int64_t s = (int32_t)sec;

	if (extra) {
		s += (int64_t)(*extra & 3) << 32;
		t.tv_nsec = (long)(*extra >> 2);
		if (t.tv_nsec >= 1000000000)
			t.tv_nsec = 0;
	} else {
		t.tv_nsec = 0;
	}
	t.tv_sec = (time_t)s;
	return t;
}

static void tset(const struct timespec *t, uint32_t *sec, uint32_t *extra)
{
	int64_t s = (int64_t)t->tv_sec;

	*sec = (uint32_t)s;
	if (extra)
		*extra = (uint32_t)(((s - (int32_t)(uint32_t)s) >> 32) & 3) |
			 (uint32_t)t->tv_nsec << 2;
}

static void now(struct timespec *t)
{
	clock_gettime(CLOCK_REALTIME, t);
}

#define SET_TIME(f, n, field, t)                                               \
	tset(t, &(n)->i.i_##field,                                             \
	     EXTRA(f, n, i_##field##_extra) ? &(n)->i.i_##field##_extra        \
					    : NULL)
#define GET_TIME(f, n, field)                                                  \
	tget((n)->i.i_##field, EXTRA(f, n, i_##field##_extra)                  \
				   ? &(n)->i.i_##field##_extra                 \
				   : NULL)

/* A change of contents: mtime and ctime now. */
static void touch_mc(struct ext4fs *f, struct einode *n)
{
	struct timespec t;

	now(&t);
	SET_TIME(f, n, mtime, &t);
	SET_TIME(f, n, ctime, &t);
}

static void touch_c(struct ext4fs *f, struct einode *n)
{
	struct timespec t;

	now(&t);
	SET_TIME(f, n, ctime, &t);
}

/* Read, touch (mtime and ctime) and write back the directory dir. */
static int dir_touched(struct ext4fs *f, ext2_ino_t dir, int dlinks)
{
	struct einode n;
	int rc = iget(f, dir, &n);

	if (rc)
		return rc;
	touch_mc(f, &n);
	if (dlinks > 0 && n.i.i_links_count > 1)
		n.i.i_links_count++;
	/* Past Linux's limit a directory's count is 1 ("many"), as
	 * dir_nlink has it. */
	if (dlinks > 0 && n.i.i_links_count >= LINK_MAX_EXT4)
		n.i.i_links_count = 1;
	if (dlinks < 0 && n.i.i_links_count > 2)
		n.i.i_links_count--;
	return iput(f, dir, &n);
}

static unsigned int ftype_of(uint32_t mode)
{
	switch (mode & VFS_IFMT) {
	case VFS_IFREG:
		return EXT2_FT_REG_FILE;
	case VFS_IFDIR:
		return EXT2_FT_DIR;
	case VFS_IFLNK:
		return EXT2_FT_SYMLINK;
	case 0020000:
		return EXT2_FT_CHRDEV;
	case 0060000:
		return EXT2_FT_BLKDEV;
	case 0010000:
		return EXT2_FT_FIFO;
	case 0140000:
		return EXT2_FT_SOCK;
	default:
		return EXT2_FT_UNKNOWN;
	}
}

/* --- Vnodes ---------------------------------------------------------------------- */

static struct enode **bucket(struct ext4fs *f, ext2_ino_t ino)
{
	return &f->hash[ino % NHASH];
}

/* The vnode of inode ino, whose mode is mode. NULL: no memory. */
static struct enode *node(struct ext4fs *f, ext2_ino_t ino, uint32_t mode)
{
	struct enode *e;

	for (e = *bucket(f, ino); e; e = e->hnext)
		if (e->v.ino == ino) {
			e->v.mode = mode;
			return e;
		}
	e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	e->v.ops = f->readonly ? &ext4_ro_ops : &ext4_ops;
	e->v.mnt = &f->mnt;
	e->v.mode = mode;
	e->v.ino = ino;
	e->fs = f;
	e->hnext = *bucket(f, ino);
	*bucket(f, ino) = e;
	return e;
}

static int node_of(struct ext4fs *f, ext2_ino_t ino, struct vnode **out)
{
	struct einode n;
	struct enode *e;
	int rc = iget(f, ino, &n);

	if (rc)
		return rc;
	if (!n.i.i_links_count || !n.i.i_mode)
		return -ENOENT; /* a stale entry (e2fsck's job) */
	e = node(f, ino, n.i.i_mode);
	if (!e)
		return -ENOMEM;
	*out = &e->v;
	return 0;
}

/* A name as libext2fs wants it: NUL-terminated. */
static void cname(char *buf, const char *name, size_t len)
{
	memcpy(buf, name, len);
	buf[len] = 0;
}

static int lookup_ino(struct ext4fs *f, ext2_ino_t dir, const char *name,
		      size_t len, ext2_ino_t *ino)
{
	errcode_t e =
	    ext2fs_lookup(f->fs, dir, name, (int)len, f->blockbuf, ino);

	return e == EXT2_ET_FILE_NOT_FOUND ? -ENOENT : errno_of(e);
}

/* --- Freeing an inode ------------------------------------------------------------ */

/* Give back an inode without names (and, if nothing holds it open, its
 * blocks and the inode itself). */
static int release(struct ext4fs *f, ext2_ino_t ino)
{
	struct einode n;
	struct timespec t;
	int rc = iget(f, ino, &n);

	if (rc)
		return rc;
	if (ext2fs_inode_has_valid_blocks2(f->fs, (struct ext2_inode *)&n.i)) {
		rc = errno_of(ext2fs_punch(
		    f->fs, ino, (struct ext2_inode *)&n.i, NULL, 0, ~0ULL));
		if (rc)
			return rc;
	}
	if (ext2fs_file_acl_block(f->fs, (struct ext2_inode *)&n.i)) {
		rc = errno_of(ext2fs_free_ext_attr(f->fs, ino, &n.i));
		if (rc)
			return rc;
	}
	now(&t);
	n.i.i_dtime = (uint32_t)t.tv_sec;
	n.i.i_links_count = 0;
	rc = iput(f, ino, &n);
	if (rc)
		return rc;
	ext2fs_inode_alloc_stats2(f->fs, ino, -1, LINUX_S_ISDIR(n.i.i_mode));
	return 0;
}

/* An inode lost its last name: free it now, or when it is closed. */
static int unlinked(struct ext4fs *f, ext2_ino_t ino)
{
	struct enode *e;

	for (e = *bucket(f, ino); e; e = e->hnext)
		if (e->v.ino == ino && e->v.refs) {
			e->orphan = true;
			return 0;
		}
	return release(f, ino);
}

/* --- Directories ----------------------------------------------------------------- */

/* Add the entry name -> ino (of type ftype) to dir, growing dir when it
 * is full. */
static int add_entry(struct ext4fs *f, ext2_ino_t dir, const char *name,
		     ext2_ino_t ino, unsigned int ftype)
{
	errcode_t e = ext2fs_link(f->fs, dir, name, ino, (int)ftype);

	if (e == EXT2_ET_DIR_NO_SPACE) {
		e = ext2fs_expand_dir(f->fs, dir);
		if (!e)
			e = ext2fs_link(f->fs, dir, name, ino, (int)ftype);
	}
	return errno_of(e);
}

struct set_entry {
	const char *name;
	size_t len;
	ext2_ino_t ino;
	unsigned int ftype;
	bool done;
};

static int set_entry_cb(struct ext2_dir_entry *d, int offset, int blocksize,
			char *buf, void *priv)
{
	struct set_entry *s = priv;

	(void)offset;
	(void)blocksize;
	(void)buf;
	if (!d->inode || (size_t)ext2fs_dirent_name_len(d) != s->len ||
	    memcmp(d->name, s->name, s->len))
		return 0;
	d->inode = s->ino;
	ext2fs_dirent_set_file_type(d, (int)s->ftype);
	s->done = true;
	return DIRENT_CHANGED | DIRENT_ABORT;
}

/* Make the existing entry name of dir name ino (of type ftype). */
static int set_entry(struct ext4fs *f, ext2_ino_t dir, const char *name,
		     size_t len, ext2_ino_t ino, unsigned int ftype)
{
	struct set_entry s = {name, len, ino, ftype, false};
	errcode_t e = ext2fs_dir_iterate(f->fs, dir, DIRENT_FLAG_INCLUDE_EMPTY,
					 NULL, set_entry_cb, &s);

	if (e)
		return errno_of(e);
	return s.done ? 0 : -ENOENT;
}

static int empty_cb(struct ext2_dir_entry *d, int offset, int blocksize,
		    char *buf, void *priv)
{
	int len = ext2fs_dirent_name_len(d);

	(void)offset;
	(void)blocksize;
	(void)buf;
	if (!d->inode || (len == 1 && d->name[0] == '.') ||
	    (len == 2 && d->name[0] == '.' && d->name[1] == '.'))
		return 0;
	*(bool *)priv = false;
	return DIRENT_ABORT;
}

static int is_empty(struct ext4fs *f, ext2_ino_t dir, bool *empty)
{
	*empty = true;
	return errno_of(
	    ext2fs_dir_iterate(f->fs, dir, 0, NULL, empty_cb, empty));
}

/* Whether dir is ino or below it. */
static int inside(struct ext4fs *f, ext2_ino_t dir, ext2_ino_t ino, bool *in)
{
	int n = 0, rc;

	*in = false;
	while (dir != EXT2_ROOT_INO) {
		if (dir == ino) {
			*in = true;
			return 0;
		}
		if (++n > 4096)
			return -LX_ELOOP; /* a damaged tree */
		rc = lookup_ino(f, dir, "..", 2, &dir);
		if (rc)
			return rc;
	}
	*in = dir == ino;
	return 0;
}

/* --- Ops: names ------------------------------------------------------------------ */

static int e_lookup(struct vnode *dir, const char *name, size_t len,
		    struct vnode **out)
{
	struct ext4fs *f = E(dir)->fs;
	ext2_ino_t ino;
	int rc;

	if ((rc = lock(f)))
		return rc;
	rc = lookup_ino(f, (ext2_ino_t)dir->ino, name, len, &ino);
	if (!rc)
		rc = node_of(f, ino, out);
	unlock(f);
	return rc;
}

/* A new inode of mode for dir, linked there as name. */
static int new_file(struct ext4fs *f, ext2_ino_t dir, const char *name,
		    uint32_t mode, uint32_t uid, uint32_t gid, ext2_ino_t *out)
{
	unsigned int isize = EXT2_INODE_SIZE(f->fs->super);
	struct ext2_inode_large *i;
	struct timespec t;
	ext2_ino_t ino;
	int rc;

	rc = errno_of(ext2fs_new_inode(f->fs, dir, (int)mode, NULL, &ino));
	if (rc)
		return rc;
	i = calloc(1, isize < sizeof(*i) ? sizeof(*i) : isize);
	if (!i)
		return -ENOMEM;
	i->i_mode = (uint16_t)mode;
	i->i_uid = (uint16_t)uid;
	ext2fs_set_i_uid_high(*i, uid >> 16);
	i->i_gid = (uint16_t)gid;
	ext2fs_set_i_gid_high(*i, gid >> 16);
	i->i_links_count = 1;
	if (isize > EXT2_GOOD_OLD_INODE_SIZE)
		i->i_extra_isize =
		    sizeof(struct ext2_inode_large) - EXT2_GOOD_OLD_INODE_SIZE;
	now(&t);
	{
		struct einode *n = (struct einode *)i;

		SET_TIME(f, n, atime, &t);
		SET_TIME(f, n, mtime, &t);
		SET_TIME(f, n, ctime, &t);
		SET_TIME(f, n, crtime, &t);
	}
	/* Files and directories hold their blocks in extents; a FIFO or a
	 * socket has none (e2fsck finds the flag on one wrong). */
	if (ext2fs_has_feature_extents(f->fs->super) &&
	    ((mode & VFS_IFMT) == VFS_IFREG ||
	     (mode & VFS_IFMT) == VFS_IFDIR)) {
		ext2_extent_handle_t h;

		rc = errno_of(ext2fs_extent_open2(f->fs, ino,
						  (struct ext2_inode *)i, &h));
		if (rc)
			goto out;
		ext2fs_extent_free(h);
	}
	rc = add_entry(f, dir, name, ino, ftype_of(mode));
	if (rc)
		goto out;
	ext2fs_inode_alloc_stats2(f->fs, ino, +1, 0);
	rc = errno_of(
	    ext2fs_write_inode_full(f->fs, ino, (struct ext2_inode *)i, isize));
	if (!rc)
		*out = ino;
out:
	free(i);
	return rc;
}

/* Owner and mode of the inode ino that libext2fs made. */
static int set_owner(struct ext4fs *f, ext2_ino_t ino, uint32_t mode,
		     uint32_t uid, uint32_t gid)
{
	struct einode n;
	int rc = iget(f, ino, &n);

	if (rc)
		return rc;
	n.i.i_mode = (uint16_t)((n.i.i_mode & VFS_IFMT) | (mode & 07777));
	n.i.i_uid = (uint16_t)uid;
	ext2fs_set_i_uid_high(n.i, uid >> 16);
	n.i.i_gid = (uint16_t)gid;
	ext2fs_set_i_gid_high(n.i, gid >> 16);
	return iput(f, ino, &n);
}

/* ext2fs_mkdir and ext2fs_symlink with a full directory grown. */
static int make_dir(struct ext4fs *f, ext2_ino_t dir, const char *name)
{
	errcode_t e = ext2fs_mkdir(f->fs, dir, 0, name);

	if (e == EXT2_ET_DIR_NO_SPACE) {
		e = ext2fs_expand_dir(f->fs, dir);
		if (!e)
			e = ext2fs_mkdir(f->fs, dir, 0, name);
	}
	return errno_of(e);
}

static int make_symlink(struct ext4fs *f, ext2_ino_t dir, const char *name,
			const char *target)
{
	errcode_t e;

	if (strlen(target) >= f->fs->blocksize)
		return -LX_ENAMETOOLONG;
	e = ext2fs_symlink(f->fs, dir, 0, name, target);
	if (e == EXT2_ET_DIR_NO_SPACE) {
		e = ext2fs_expand_dir(f->fs, dir);
		if (!e)
			e = ext2fs_symlink(f->fs, dir, 0, name, target);
	}
	return errno_of(e);
}

static int e_create(struct vnode *vdir, const char *name, size_t len,
		    uint32_t mode, uint32_t uid, uint32_t gid,
		    struct vnode **out)
{
	struct ext4fs *f = E(vdir)->fs;
	ext2_ino_t dir = (ext2_ino_t)vdir->ino, ino;
	char buf[VFS_NAME_MAX + 1];
	int rc;

	cname(buf, name, len);
	if ((rc = lock(f)))
		return rc;
	if ((mode & VFS_IFMT) == VFS_IFDIR) {
		rc = make_dir(f, dir, buf);
		if (!rc)
			rc = lookup_ino(f, dir, name, len, &ino);
		if (!rc)
			rc = set_owner(f, ino, mode, uid, gid);
	} else {
		rc = new_file(f, dir, buf, mode, uid, gid, &ino);
		if (!rc)
			rc = dir_touched(f, dir, 0);
	}
	if (!rc)
		rc = node_of(f, ino, out);
	unlock(f);
	return rc;
}

static int e_mknod(struct vnode *vdir, const char *name, size_t len,
		   uint32_t mode, uint32_t uid, uint32_t gid,
		   struct vnode **out)
{
	/* A FIFO or a socket is made as a file is, of its own type. */
	if ((mode & VFS_IFMT) != VFS_IFIFO && (mode & VFS_IFMT) != VFS_IFSOCK)
		return -EPERM;
	return e_create(vdir, name, len, mode, uid, gid, out);
}

static int e_symlink(struct vnode *vdir, const char *name, size_t len,
		     const char *target, uint32_t uid, uint32_t gid)
{
	struct ext4fs *f = E(vdir)->fs;
	ext2_ino_t dir = (ext2_ino_t)vdir->ino, ino;
	char buf[VFS_NAME_MAX + 1];
	int rc;

	cname(buf, name, len);
	if ((rc = lock(f)))
		return rc;
	rc = make_symlink(f, dir, buf, target);
	if (!rc)
		rc = lookup_ino(f, dir, name, len, &ino);
	if (!rc)
		rc = set_owner(f, ino, 0777, uid, gid);
	unlock(f);
	return rc;
}

static int e_link(struct vnode *vdir, const char *name, size_t len,
		  struct vnode *vn)
{
	struct ext4fs *f = E(vdir)->fs;
	ext2_ino_t ino = (ext2_ino_t)vn->ino;
	char buf[VFS_NAME_MAX + 1];
	struct einode n;
	int rc;

	cname(buf, name, len);
	if ((rc = lock(f)))
		return rc;
	rc = iget(f, ino, &n);
	if (!rc && !n.i.i_links_count)
		rc = -ENOENT;
	if (!rc && n.i.i_links_count >= LINK_MAX_EXT4)
		rc = -EMLINK;
	if (!rc)
		rc = add_entry(f, (ext2_ino_t)vdir->ino, buf, ino,
			       ftype_of(n.i.i_mode));
	if (!rc) {
		n.i.i_links_count++;
		touch_c(f, &n);
		rc = iput(f, ino, &n);
	}
	if (!rc)
		rc = dir_touched(f, (ext2_ino_t)vdir->ino, 0);
	unlock(f);
	return rc;
}

/* Drop one name of ino (whose inode is n): the link count, and the inode
 * with the last. A directory loses all (its "." too). */
static int drop_link(struct ext4fs *f, ext2_ino_t ino, struct einode *n)
{
	int rc;

	if (LINUX_S_ISDIR(n->i.i_mode) || n->i.i_links_count <= 1)
		n->i.i_links_count = 0;
	else
		n->i.i_links_count--;
	touch_c(f, n);
	rc = iput(f, ino, n);
	if (!rc && !n->i.i_links_count)
		rc = unlinked(f, ino);
	return rc;
}

static int e_remove(struct vnode *vdir, const char *name, size_t len,
		    bool rmdir)
{
	struct ext4fs *f = E(vdir)->fs;
	ext2_ino_t dir = (ext2_ino_t)vdir->ino, ino;
	char buf[VFS_NAME_MAX + 1];
	struct einode n;
	bool isdir, empty;
	struct enode *e;
	int rc;

	cname(buf, name, len);
	if ((rc = lock(f)))
		return rc;
	rc = lookup_ino(f, dir, name, len, &ino);
	if (!rc)
		rc = iget(f, ino, &n);
	if (rc)
		goto out;
	isdir = LINUX_S_ISDIR(n.i.i_mode);
	if (rmdir && !isdir) {
		rc = -ENOTDIR;
		goto out;
	}
	if (!rmdir && isdir) {
		rc = -EISDIR;
		goto out;
	}
	if (isdir) {
		for (e = *bucket(f, ino); e; e = e->hnext)
			if (e->v.ino == ino && e->v.covered) {
				rc = -EBUSY;
				goto out;
			}
		if ((rc = is_empty(f, ino, &empty)))
			goto out;
		if (!empty) {
			rc = -LX_ENOTEMPTY;
			goto out;
		}
	}
	rc = errno_of(ext2fs_unlink(f->fs, dir, buf, ino, 0));
	if (!rc)
		rc = drop_link(f, ino, &n);
	if (!rc)
		rc = dir_touched(f, dir, isdir ? -1 : 0);
out:
	unlock(f);
	return rc;
}

/* RENAME_EXCHANGE: the two entries swap inodes. */
static int exchange(struct ext4fs *f, ext2_ino_t odir, const char *oname,
		    size_t olen, ext2_ino_t ndir, const char *nname,
		    size_t nlen, ext2_ino_t a, ext2_ino_t b)
{
	struct einode na, nb;
	bool adir, bdir, in;
	int rc;

	if ((rc = iget(f, a, &na)) || (rc = iget(f, b, &nb)))
		return rc;
	adir = LINUX_S_ISDIR(na.i.i_mode);
	bdir = LINUX_S_ISDIR(nb.i.i_mode);
	if (adir && (rc = inside(f, ndir, a, &in)) == 0 && in)
		return -EINVAL;
	if (bdir && !rc && (rc = inside(f, odir, b, &in)) == 0 && in)
		return -EINVAL;
	if (rc)
		return rc;
	if ((rc = set_entry(f, odir, oname, olen, b, ftype_of(nb.i.i_mode))) ||
	    (rc = set_entry(f, ndir, nname, nlen, a, ftype_of(na.i.i_mode))))
		return rc;
	if (odir != ndir) {
		if (adir && (rc = set_entry(f, a, "..", 2, ndir, EXT2_FT_DIR)))
			return rc;
		if (bdir && (rc = set_entry(f, b, "..", 2, odir, EXT2_FT_DIR)))
			return rc;
		if (adir != bdir) {
			rc = dir_touched(f, odir, adir ? -1 : 1);
			if (!rc)
				rc = dir_touched(f, ndir, adir ? 1 : -1);
			return rc;
		}
	}
	touch_c(f, &na);
	touch_c(f, &nb);
	if ((rc = iput(f, a, &na)) || (rc = iput(f, b, &nb)))
		return rc;
	rc = dir_touched(f, odir, 0);
	return rc ? rc : dir_touched(f, ndir, 0);
}

static int do_rename(struct ext4fs *f, ext2_ino_t odir, const char *oname,
		     size_t olen, ext2_ino_t ndir, const char *nname,
		     size_t nlen, unsigned int flags)
{
	char obuf[VFS_NAME_MAX + 1], nbuf[VFS_NAME_MAX + 1];
	ext2_ino_t src, dst = 0;
	struct einode ns, nd, ndn;
	bool isdir, in, empty;
	int rc;

	cname(obuf, oname, olen);
	cname(nbuf, nname, nlen);
	if ((rc = lookup_ino(f, odir, oname, olen, &src)))
		return rc;
	if ((rc = iget(f, ndir, &ndn)))
		return rc;
	if (!ndn.i.i_links_count)
		return -ENOENT;
	rc = lookup_ino(f, ndir, nname, nlen, &dst);
	if (rc && rc != -ENOENT)
		return rc;
	if (rc)
		dst = 0;
	if (flags & VFS_RENAME_EXCHANGE)
		return dst ? exchange(f, odir, oname, olen, ndir, nname, nlen,
				      src, dst)
			   : -ENOENT;
	if (dst && (flags & VFS_RENAME_NOREPLACE))
		return -EEXIST;
	if ((rc = iget(f, src, &ns)))
		return rc;
	isdir = LINUX_S_ISDIR(ns.i.i_mode);
	if (isdir) {
		if ((rc = inside(f, ndir, src, &in)))
			return rc;
		if (in)
			return -EINVAL;
	}
	if (dst == src)
		return 0; /* the same inode: Linux does nothing */
	if (dst) {
		struct enode *e;

		if ((rc = iget(f, dst, &nd)))
			return rc;
		if (isdir && !LINUX_S_ISDIR(nd.i.i_mode))
			return -ENOTDIR;
		if (!isdir && LINUX_S_ISDIR(nd.i.i_mode))
			return -EISDIR;
		if (LINUX_S_ISDIR(nd.i.i_mode)) {
			if ((rc = is_empty(f, dst, &empty)))
				return rc;
			if (!empty)
				return -LX_ENOTEMPTY;
			for (e = *bucket(f, dst); e; e = e->hnext)
				if (e->v.ino == dst && e->v.covered)
					return -EBUSY;
		}
		/* The entry now names src: no moment without the name. */
		rc =
		    set_entry(f, ndir, nname, nlen, src, ftype_of(ns.i.i_mode));
		if (!rc)
			rc = drop_link(f, dst, &nd);
		if (!rc && isdir)
			rc = dir_touched(f, ndir, -1);
	} else {
		rc = add_entry(f, ndir, nbuf, src, ftype_of(ns.i.i_mode));
	}
	if (rc)
		return rc;
	rc = errno_of(ext2fs_unlink(f->fs, odir, obuf, src, 0));
	if (rc)
		return rc;
	if (isdir && odir != ndir) {
		if ((rc = set_entry(f, src, "..", 2, ndir, EXT2_FT_DIR)))
			return rc;
		if ((rc = dir_touched(f, odir, -1)) ||
		    (rc = dir_touched(f, ndir, 1)))
			return rc;
	} else {
		if ((rc = dir_touched(f, odir, 0)))
			return rc;
		if (ndir != odir && (rc = dir_touched(f, ndir, 0)))
			return rc;
	}
	if ((rc = iget(f, src, &ns)))
		return rc;
	touch_c(f, &ns);
	return iput(f, src, &ns);
}

static int e_rename(struct vnode *vodir, const char *oname, size_t olen,
		    struct vnode *vndir, const char *nname, size_t nlen,
		    unsigned int flags)
{
	struct ext4fs *f = E(vodir)->fs;
	int rc;

	if ((rc = lock(f)))
		return rc;
	rc = do_rename(f, (ext2_ino_t)vodir->ino, oname, olen,
		       (ext2_ino_t)vndir->ino, nname, nlen, flags);
	unlock(f);
	return rc;
}

/* --- Ops: attributes ------------------------------------------------------------- */

static int read_link(struct ext4fs *f, ext2_ino_t ino, struct einode *n,
		     char *buf, size_t size)
{
	uint64_t len = EXT2_I_SIZE(&n->i);
	ext2_file_t file;
	unsigned int got;
	errcode_t e;

	if (len > size)
		len = size;
	if (ext2fs_is_fast_symlink((struct ext2_inode *)&n->i)) {
		memcpy(buf, n->i.i_block, len);
		return (int)len;
	}
	if (n->i.i_flags & EXT4_INLINE_DATA_FL) {
		size_t isz;
		char *tmp;

		e = ext2fs_inline_data_size(f->fs, ino, &isz);
		if (e)
			return errno_of(e);
		tmp = malloc(isz + 1);
		if (!tmp)
			return -ENOMEM;
		e = ext2fs_inline_data_get(
		    f->fs, ino, (struct ext2_inode *)&n->i, tmp, &isz);
		if (!e) {
			if (len > isz)
				len = isz;
			memcpy(buf, tmp, len);
		}
		free(tmp);
		return e ? errno_of(e) : (int)len;
	}
	e = ext2fs_file_open2(f->fs, ino, (struct ext2_inode *)&n->i, 0, &file);
	if (e)
		return errno_of(e);
	e = ext2fs_file_read(file, buf, (unsigned int)len, &got);
	ext2fs_file_close(file);
	return e ? errno_of(e) : (int)got;
}

static int e_readlink(struct vnode *vn, char *buf, size_t size)
{
	struct ext4fs *f = E(vn)->fs;
	struct einode n;
	int rc;

	if (!vfs_is_link(vn))
		return -EINVAL;
	if ((rc = lock(f)))
		return rc;
	rc = iget(f, (ext2_ino_t)vn->ino, &n);
	if (!rc)
		rc = read_link(f, (ext2_ino_t)vn->ino, &n, buf, size);
	unlock(f);
	return rc;
}

static int e_getattr(struct vnode *vn, struct stat *st)
{
	struct ext4fs *f = E(vn)->fs;
	struct einode n;
	int rc;

	if ((rc = lock(f)))
		return rc;
	rc = iget(f, (ext2_ino_t)vn->ino, &n);
	if (!rc) {
		memset(st, 0, sizeof(*st));
		st->st_dev = (dev_t)f->dev;
		st->st_ino = (ino_t)vn->ino;
		st->st_mode = n.i.i_mode;
		st->st_nlink = n.i.i_links_count;
		st->st_uid = inode_uid(n.i);
		st->st_gid = inode_gid(n.i);
		st->st_size = (off_t)EXT2_I_SIZE(&n.i);
		st->st_blksize = (blksize_t)f->fs->blocksize;
		st->st_blocks = (blkcnt_t)ext2fs_get_stat_i_blocks(
		    f->fs, (struct ext2_inode *)&n.i);
		st->st_atim = GET_TIME(f, &n, atime);
		st->st_mtim = GET_TIME(f, &n, mtime);
		st->st_ctim = GET_TIME(f, &n, ctime);
		vn->mode = n.i.i_mode;
	}
	unlock(f);
	return rc;
}

static void want_time(struct ext4fs *f, struct einode *n, bool atime,
		      const struct timespec *want)
{
	struct timespec t = *want;

	if (want->tv_nsec == VFS_UTIME_OMIT)
		return;
	if (want->tv_nsec == VFS_UTIME_NOW)
		now(&t);
	if (atime)
		SET_TIME(f, n, atime, &t);
	else
		SET_TIME(f, n, mtime, &t);
}

static int e_setattr(struct vnode *vn, const struct vfs_attr *a)
{
	struct ext4fs *f = E(vn)->fs;
	ext2_ino_t ino = (ext2_ino_t)vn->ino;
	struct einode n;
	int rc;

	if ((rc = lock(f)))
		return rc;
	rc = iget(f, ino, &n);
	if (!rc) {
		if (a->mask & VFS_SET_MODE)
			n.i.i_mode = (uint16_t)((n.i.i_mode & VFS_IFMT) |
						(a->mode & 07777));
		if (a->mask & VFS_SET_UID) {
			n.i.i_uid = (uint16_t)a->uid;
			ext2fs_set_i_uid_high(n.i, a->uid >> 16);
		}
		if (a->mask & VFS_SET_GID) {
			n.i.i_gid = (uint16_t)a->gid;
			ext2fs_set_i_gid_high(n.i, a->gid >> 16);
		}
		if (a->mask & VFS_SET_ATIME)
			want_time(f, &n, true, &a->atime);
		if (a->mask & VFS_SET_MTIME)
			want_time(f, &n, false, &a->mtime);
		touch_c(f, &n);
		rc = iput(f, ino, &n);
		vn->mode = n.i.i_mode;
	}
	unlock(f);
	return rc;
}

/* --- Ops: contents --------------------------------------------------------------- */

/* Linux's relatime: atime moves on a read when it is not after mtime or
 * ctime, or is a day old. */
static void read_touch(struct ext4fs *f, ext2_ino_t ino, struct einode *n)
{
	struct timespec a = GET_TIME(f, n, atime), m = GET_TIME(f, n, mtime),
			c = GET_TIME(f, n, ctime), t;

	if (f->readonly)
		return;
	now(&t);
	if (a.tv_sec > m.tv_sec && a.tv_sec > c.tv_sec &&
	    t.tv_sec - a.tv_sec < 24 * 3600)
		return;
	SET_TIME(f, n, atime, &t);
	iput(f, ino, n);
}

static long e_read(struct vnode *vn, void *buf, size_t len, uint64_t off)
{
	struct ext4fs *f = E(vn)->fs;
	ext2_ino_t ino = (ext2_ino_t)vn->ino;
	size_t done = 0;
	ext2_file_t file = NULL;
	struct einode n;
	errcode_t e;
	long rc;

	if ((rc = lock(f)))
		return rc;
	rc = iget(f, ino, &n);
	if (rc)
		goto out;
	if (off >= EXT2_I_SIZE(&n.i) || !len)
		goto out;
	if (len > EXT2_I_SIZE(&n.i) - off)
		len = (size_t)(EXT2_I_SIZE(&n.i) - off);
	e = ext2fs_file_open2(f->fs, ino, (struct ext2_inode *)&n.i, 0, &file);
	if (!e)
		e = ext2fs_file_llseek(file, off, EXT2_SEEK_SET, NULL);
	while (!e && done < len) {
		unsigned int want = len - done > (1u << 30)
					? (1u << 30)
					: (unsigned int)(len - done),
			     got = 0;

		e = ext2fs_file_read(file, (char *)buf + done, want, &got);
		done += got;
		if (!got)
			break;
	}
	if (file)
		ext2fs_file_close(file);
	if (e && !done)
		rc = errno_of(e);
	else
		read_touch(f, ino, &n);
out:
	unlock(f);
	return rc ? rc : (long)done;
}

/* Write buf through libext2fs's file layer (block by block, allocating
 * each as it goes): what every write can take. Adds what it wrote to
 * *done. */
static errcode_t file_write(struct ext4fs *f, ext2_ino_t ino, struct einode *n,
			    const char *buf, size_t len, uint64_t off,
			    size_t *done)
{
	ext2_file_t file = NULL;
	size_t d = 0;
	errcode_t e, c;

	e = ext2fs_file_open2(f->fs, ino, (struct ext2_inode *)&n->i,
			      EXT2_FILE_WRITE, &file);
	if (e)
		return e;
	e = ext2fs_file_llseek(file, off, EXT2_SEEK_SET, NULL);
	while (!e && d < len) {
		unsigned int want = len - d > (1u << 30)
					? (1u << 30)
					: (unsigned int)(len - d),
			     put = 0;

		e = ext2fs_file_write(file, buf + d, want, &put);
		d += put;
		if (!put)
			break;
	}
	c = ext2fs_file_close(file);
	*done += d;
	return e ? e : c;
}

/* fallocate puts each call's blocks in an extent of their own, even when
 * they follow the file's last extent on the disk too: join the extent at
 * b0 to the one before it when they touch, so that a file appended in
 * many writes keeps few extents (all in the inode, where a lookup reads
 * no tree block). The extent at b0 goes first: should the second step
 * fail, blocks are unmapped (e2fsck frees them), never mapped twice. */
static void join_left(ext2_extent_handle_t h, blk64_t b0)
{
	struct ext2fs_extent cur, left;

	if (ext2fs_extent_goto(h, b0) ||
	    ext2fs_extent_get(h, EXT2_EXTENT_CURRENT, &cur) ||
	    cur.e_lblk != b0 ||
	    ext2fs_extent_get(h, EXT2_EXTENT_PREV_LEAF, &left) ||
	    left.e_lblk + left.e_len != cur.e_lblk ||
	    left.e_pblk + left.e_len != cur.e_pblk ||
	    ((left.e_flags | cur.e_flags) & EXT2_EXTENT_FLAGS_UNINIT) ||
	    left.e_len + cur.e_len > EXT_INIT_MAX_LEN)
		return;
	if (ext2fs_extent_goto(h, b0) || ext2fs_extent_delete(h, 0) ||
	    ext2fs_extent_goto(h, left.e_lblk))
		return;
	left.e_len += cur.e_len;
	ext2fs_extent_replace(h, 0, &left);
}

/*
 * Appending whole blocks, the fast way: blocks [b0, b0 + nb), all past
 * the file's last block, allocated in extents at once (ext2fs_fallocate,
 * initialised, next to the file's last extent where there is room), then
 * buf written to them in runs as long as the extents (the I/O manager
 * sends a long run straight to the disk), then the size. Per block,
 * libext2fs's file layer would allocate, map and copy one at a time.
 * Stops early (the rest then goes the usual way) where it finds no
 * initialised extent; what it allocated and could not write is punched
 * out again, so no block of someone else's old data stays in the file.
 * Returns the blocks written (0: take the usual way for all of them).
 */
static blk64_t append_blocks(struct ext4fs *f, ext2_ino_t ino, struct einode *n,
			     const char *buf, blk64_t b0, blk64_t nb,
			     errcode_t *err)
{
	unsigned int bs = f->fs->blocksize;
	ext2_extent_handle_t h = NULL;
	struct ext2_extent_info info;
	struct ext2fs_extent ex;
	blk64_t b = b0, run;
	errcode_t e;

	/* Only where the file has no block from b0 on (fallocate may have
	 * kept some beyond the end): then what is punched below is only
	 * what this call allocated. Anything unexpected: the usual way. */
	*err = 0;
	if (ext2fs_extent_open2(f->fs, ino, (struct ext2_inode *)&n->i, &h))
		return 0;
	if (ext2fs_extent_get_info(h, &info) ||
	    (info.num_entries &&
	     (ext2fs_extent_get(h, EXT2_EXTENT_LAST_LEAF, &ex) ||
	      ex.e_lblk + ex.e_len > b0))) {
		ext2fs_extent_free(h);
		return 0;
	}
	ext2fs_extent_free(h);
	h = NULL;
	e = ext2fs_fallocate(
	    f->fs, EXT2_FALLOCATE_FORCE_INIT | EXT2_FALLOCATE_INIT_BEYOND_EOF,
	    ino, (struct ext2_inode *)&n->i, ~0ull, b0, nb);
	if (!e)
		e = ext2fs_extent_open2(f->fs, ino, (struct ext2_inode *)&n->i,
					&h);
	if (!e)
		join_left(h, b0);
	while (!e && b < b0 + nb) {
		if (ext2fs_extent_goto(h, b) ||
		    ext2fs_extent_get(h, EXT2_EXTENT_CURRENT, &ex) ||
		    (ex.e_flags & EXT2_EXTENT_FLAGS_UNINIT) || b < ex.e_lblk ||
		    b >= ex.e_lblk + ex.e_len)
			break;
		run = ex.e_lblk + ex.e_len - b;
		if (run > b0 + nb - b)
			run = b0 + nb - b;
		if (run > (1u << 20) / bs)
			run = (1u << 20) / bs;
		e = io_channel_write_blk64(f->fs->io,
					   ex.e_pblk + (b - ex.e_lblk),
					   (int)run, buf + (b - b0) * bs);
		if (!e)
			b += run;
	}
	if (h)
		ext2fs_extent_free(h);
	if (b < b0 + nb) {
		/* Allocated, not written: not part of the file. */
		ext2fs_punch(f->fs, ino, (struct ext2_inode *)&n->i, NULL, b,
			     ~0ull);
	}
	if (b > b0 && EXT2_I_SIZE(&n->i) < b * bs)
		ext2fs_inode_size_set(f->fs, (struct ext2_inode *)&n->i,
				      b * bs);
	if (b > b0 || e) {
		errcode_t w = ext2fs_write_inode_full(
		    f->fs, ino, (struct ext2_inode *)&n->i, sizeof(n->i));

		if (!e)
			e = w;
	}
	*err = e;
	return b - b0;
}

/* Appends of at least this many whole blocks take append_blocks(). */
#define APPEND_MIN_BLOCKS 16

static long e_write(struct vnode *vn, const void *buf, size_t len, uint64_t off)
{
	struct ext4fs *f = E(vn)->fs;
	ext2_ino_t ino = (ext2_ino_t)vn->ino;
	const char *p = buf;
	unsigned int bs;
	struct einode n;
	size_t done = 0, head;
	blk64_t b0, b1, last, k;
	errcode_t e = 0;
	long rc;

	if (!len)
		return 0;
	if ((rc = lock(f)))
		return rc;
	rc = iget(f, ino, &n);
	if (rc)
		goto out;
	bs = f->fs->blocksize;
	/* The whole blocks of the write, and the first block past the
	 * file's end. */
	b0 = (off + bs - 1) / bs;
	b1 = (off + len) / bs;
	last = (EXT2_I_SIZE(&n.i) + bs - 1) / bs;
	if ((n.i.i_flags & EXT4_EXTENTS_FL) && b1 > b0 &&
	    b1 - b0 >= APPEND_MIN_BLOCKS && b0 >= last) {
		head = (size_t)(b0 * bs - off);
		if (head)
			e = file_write(f, ino, &n, p, head, off, &done);
		if (!e && done == head && !(rc = iget(f, ino, &n))) {
			k = append_blocks(f, ino, &n, p + head, b0, b1 - b0,
					  &e);
			done += (size_t)(k * bs);
			/* The rest goes the usual way, also when the disk is
			 * too full for the fast way's extents: block by block,
			 * the usual way fills what room there is. */
			if (errno_of(e) == -ENOSPC)
				e = 0;
		}
		if (rc)
			goto out;
	}
	if (!e && done < len && !(rc = iget(f, ino, &n)))
		e = file_write(f, ino, &n, p + done, len - done, off + done,
			       &done);
	if (rc)
		goto out;
	if (e && !done) {
		rc = errno_of(e);
		goto out;
	}
	if (!iget(f, ino, &n)) {
		touch_mc(f, &n);
		iput(f, ino, &n);
	}
out:
	unlock(f);
	return rc ? rc : (long)done;
}

static int e_truncate(struct vnode *vn, uint64_t size)
{
	struct ext4fs *f = E(vn)->fs;
	ext2_ino_t ino = (ext2_ino_t)vn->ino;
	ext2_file_t file;
	struct einode n;
	errcode_t e;
	int rc;

	if ((rc = lock(f)))
		return rc;
	rc = iget(f, ino, &n);
	if (rc)
		goto out;
	e = ext2fs_file_open2(f->fs, ino, (struct ext2_inode *)&n.i,
			      EXT2_FILE_WRITE, &file);
	if (!e) {
		e = ext2fs_file_set_size2(file, size);
		errcode_t c = ext2fs_file_close(file);

		if (!e)
			e = c;
	}
	rc = errno_of(e);
	if (!rc && !(rc = iget(f, ino, &n))) {
		touch_mc(f, &n);
		rc = iput(f, ino, &n);
	}
out:
	unlock(f);
	return rc;
}

static int e_allocate(struct vnode *vn, uint64_t off, uint64_t len,
		      bool keep_size)
{
	struct ext4fs *f = E(vn)->fs;
	ext2_ino_t ino = (ext2_ino_t)vn->ino;
	uint64_t bs = f->fs->blocksize, first = off / bs,
		 last = (off + len + bs - 1) / bs;
	struct einode n;
	int flags, rc;

	if ((rc = lock(f)))
		return rc;
	rc = iget(f, ino, &n);
	if (rc)
		goto out;
	flags = ext2fs_has_feature_extents(f->fs->super)
		    ? EXT2_FALLOCATE_FORCE_UNINIT
		    : EXT2_FALLOCATE_ZERO_BLOCKS;
	rc = errno_of(ext2fs_fallocate(f->fs, flags, ino,
				       (struct ext2_inode *)&n.i, ~0ULL, first,
				       last - first));
	if (rc)
		goto out;
	if ((rc = iget(f, ino, &n)))
		goto out;
	if (!keep_size && off + len > EXT2_I_SIZE(&n.i)) {
		rc = errno_of(ext2fs_inode_size_set(
		    f->fs, (struct ext2_inode *)&n.i, off + len));
		if (rc)
			goto out;
		touch_mc(f, &n);
	} else {
		touch_c(f, &n);
	}
	rc = iput(f, ino, &n);
out:
	unlock(f);
	return rc;
}

/* --- Ops: listing ---------------------------------------------------------------- */

struct list {
	vfs_filldir_fn fn;
	void *ctx;
	uint64_t *pos;
	uint64_t index; /* inline directories: entries seen */
	bool stop;
};

static unsigned int dtype_of(int ftype)
{
	static const unsigned char t[] = {
	    [EXT2_FT_REG_FILE] = 8, [EXT2_FT_DIR] = 4,	[EXT2_FT_CHRDEV] = 2,
	    [EXT2_FT_BLKDEV] = 6,   [EXT2_FT_FIFO] = 1, [EXT2_FT_SOCK] = 12,
	    [EXT2_FT_SYMLINK] = 10,
	};

	return ftype > 0 && ftype < (int)sizeof(t) ? t[ftype] : 0;
}

static bool is_dot_entry(const struct ext2_dir_entry *d)
{
	int len = ext2fs_dirent_name_len(d);

	return (len == 1 && d->name[0] == '.') ||
	       (len == 2 && d->name[0] == '.' && d->name[1] == '.');
}

/* The entries of one directory block (logical block lblk) from *pos on. */
static int list_block(struct ext4fs *f, struct list *l, uint64_t lblk,
		      const char *blk)
{
	unsigned int bs = f->fs->blocksize, off = 0, rec;
	uint64_t base = lblk * bs + POS_BASE;

	while (off + 8 <= bs) {
		struct ext2_dir_entry *d = (struct ext2_dir_entry *)(blk + off);

		if (ext2fs_get_rec_len(f->fs, d, &rec) || rec < 8 ||
		    off + rec > bs)
			return -EIO; /* checked by read_dir_block already */
		if (base + off >= *l->pos && d->inode && !is_dot_entry(d) &&
		    (unsigned int)ext2fs_dirent_name_len(d) + 8 <= rec) {
			if (l->fn(l->ctx, d->name,
				  (size_t)ext2fs_dirent_name_len(d), d->inode,
				  dtype_of(ext2fs_dirent_file_type(d)),
				  base + off + rec)) {
				l->stop = true;
				return 0;
			}
			*l->pos = base + off + rec;
		}
		off += rec;
	}
	return 0;
}

static int inline_cb(struct ext2_dir_entry *d, int offset, int blocksize,
		     char *buf, void *priv)
{
	struct list *l = priv;

	(void)offset;
	(void)blocksize;
	(void)buf;
	if (!d->inode || is_dot_entry(d))
		return 0;
	l->index++;
	if (POS_BASE + l->index - 1 < *l->pos)
		return 0;
	if (l->fn(l->ctx, d->name, (size_t)ext2fs_dirent_name_len(d), d->inode,
		  dtype_of(ext2fs_dirent_file_type(d)), POS_BASE + l->index)) {
		l->stop = true;
		return DIRENT_ABORT;
	}
	*l->pos = POS_BASE + l->index;
	return 0;
}

static int list_dir(struct ext4fs *f, ext2_ino_t ino, struct list *l)
{
	uint64_t bs = f->fs->blocksize, lblk, nblk;
	struct einode n;
	ext2_ino_t parent;
	blk64_t pblk;
	int rc;

	if (*l->pos == 0) {
		if (l->fn(l->ctx, ".", 1, ino, 4, 1))
			return 0;
		*l->pos = 1;
	}
	if (*l->pos == 1) {
		if ((rc = lookup_ino(f, ino, "..", 2, &parent)))
			return rc;
		if (l->fn(l->ctx, "..", 2, parent, 4, POS_BASE))
			return 0;
		*l->pos = POS_BASE;
	}
	if ((rc = iget(f, ino, &n)))
		return rc;
	if (n.i.i_flags & EXT4_INLINE_DATA_FL)
		return errno_of(
		    ext2fs_dir_iterate(f->fs, ino, 0, NULL, inline_cb, l));
	nblk = (EXT2_I_SIZE(&n.i) + bs - 1) / bs;
	for (lblk = (*l->pos - POS_BASE) / bs; lblk < nblk && !l->stop;
	     lblk++) {
		rc =
		    errno_of(ext2fs_bmap2(f->fs, ino, (struct ext2_inode *)&n.i,
					  NULL, 0, lblk, NULL, &pblk));
		if (rc)
			return rc;
		if (!pblk)
			continue;
		rc = errno_of(
		    ext2fs_read_dir_block4(f->fs, pblk, f->blockbuf, 0, ino));
		if (rc)
			return rc;
		if ((rc = list_block(f, l, lblk, f->blockbuf)))
			return rc;
	}
	if (!l->stop)
		*l->pos = POS_BASE + nblk * bs;
	return 0;
}

static int e_readdir(struct vnode *dir, uint64_t *pos, vfs_filldir_fn fn,
		     void *ctx)
{
	struct ext4fs *f = E(dir)->fs;
	struct list l = {fn, ctx, pos, 0, false};
	int rc;

	if ((rc = lock(f)))
		return rc;
	rc = list_dir(f, (ext2_ino_t)dir->ino, &l);
	unlock(f);
	return rc;
}

/* --- Ops: the file system -------------------------------------------------------- */

static int e_statfs(struct vnode *vn, struct vfs_statfs *sf)
{
	struct ext4fs *f = E(vn)->fs;
	struct ext2_super_block *s;
	int rc;

	if ((rc = lock(f)))
		return rc;
	s = f->fs->super;
	sf->magic = EXT4_MAGIC;
	sf->bsize = f->fs->blocksize;
	sf->blocks = ext2fs_blocks_count(s);
	sf->bfree = ext2fs_free_blocks_count(s);
	sf->files = s->s_inodes_count;
	sf->ffree = s->s_free_inodes_count;
	sf->namelen = EXT2_NAME_LEN;
	sf->readonly = f->readonly;
	unlock(f);
	return 0;
}

/* Bitmaps, descriptors and superblock, then every dirty block, then the
 * disk's own cache. */
static int sync_all(struct ext4fs *f)
{
	int rc, io;

	if (f->readonly)
		return 0;
	rc = errno_of(ext2fs_flush2(f->fs, 0));
	io = ext4_io_take_error(f->fs->io);
	return rc ? rc : io;
}

static int e_sync(struct vnode *vn)
{
	struct ext4fs *f = E(vn)->fs;
	int rc;

	if ((rc = lock(f)))
		return rc;
	rc = sync_all(f);
	unlock(f);
	return rc;
}

static void e_inactive(struct vnode *vn)
{
	struct enode *e = E(vn);
	struct ext4fs *f = e->fs;

	if (!e->orphan || lock(f))
		return;
	e->orphan = false;
	release(f, (ext2_ino_t)vn->ino);
	unlock(f);
}

static const struct vnode_ops ext4_ops = {
    .lookup = e_lookup,
    .create = e_create,
    .symlink = e_symlink,
    .mknod = e_mknod,
    .link = e_link,
    .remove = e_remove,
    .rename = e_rename,
    .readlink = e_readlink,
    .getattr = e_getattr,
    .setattr = e_setattr,
    .read = e_read,
    .write = e_write,
    .truncate = e_truncate,
    .allocate = e_allocate,
    .readdir = e_readdir,
    .statfs = e_statfs,
    .sync = e_sync,
    .inactive = e_inactive,
};

/* A read-only mount has no writing ops, so the VFS answers EROFS. */
static const struct vnode_ops ext4_ro_ops = {
    .lookup = e_lookup,
    .readlink = e_readlink,
    .getattr = e_getattr,
    .read = e_read,
    .readdir = e_readdir,
    .statfs = e_statfs,
};

/* --- Mounting -------------------------------------------------------------------- */

/* What Skiff writes correctly; any other feature makes the mount
 * read-only (libext2fs itself refuses what it cannot even read). */
#define RW_COMPAT                                                              \
	(EXT3_FEATURE_COMPAT_HAS_JOURNAL | EXT2_FEATURE_COMPAT_EXT_ATTR |      \
	 EXT2_FEATURE_COMPAT_RESIZE_INODE | EXT2_FEATURE_COMPAT_DIR_INDEX |    \
	 EXT4_FEATURE_COMPAT_SPARSE_SUPER2 | EXT4_FEATURE_COMPAT_FAST_COMMIT | \
	 EXT4_FEATURE_COMPAT_STABLE_INODES |                                   \
	 EXT2_FEATURE_COMPAT_DIR_PREALLOC |                                    \
	 EXT2_FEATURE_COMPAT_IMAGIC_INODES | EXT2_FEATURE_COMPAT_LAZY_BG |     \
	 EXT2_FEATURE_COMPAT_EXCLUDE_BITMAP)
#define RW_INCOMPAT                                                            \
	(EXT2_FEATURE_INCOMPAT_FILETYPE | EXT3_FEATURE_INCOMPAT_EXTENTS |      \
	 EXT4_FEATURE_INCOMPAT_64BIT | EXT4_FEATURE_INCOMPAT_FLEX_BG |         \
	 EXT2_FEATURE_INCOMPAT_META_BG | EXT4_FEATURE_INCOMPAT_CSUM_SEED |     \
	 EXT4_FEATURE_INCOMPAT_LARGEDIR)
#define RW_RO_COMPAT                                                           \
	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER |                                 \
	 EXT2_FEATURE_RO_COMPAT_LARGE_FILE |                                   \
	 EXT4_FEATURE_RO_COMPAT_HUGE_FILE | EXT4_FEATURE_RO_COMPAT_GDT_CSUM |  \
	 EXT4_FEATURE_RO_COMPAT_DIR_NLINK |                                    \
	 EXT4_FEATURE_RO_COMPAT_EXTRA_ISIZE |                                  \
	 EXT4_FEATURE_RO_COMPAT_METADATA_CSUM)

/* Why f cannot be written ("" if it can) into why. */
static void writable(struct ext2_super_block *s, char *why, size_t size)
{
	uint32_t c = s->s_feature_compat & ~RW_COMPAT,
		 i = s->s_feature_incompat & ~RW_INCOMPAT,
		 r = s->s_feature_ro_compat & ~RW_RO_COMPAT;

	why[0] = 0;
	if (s->s_feature_incompat & EXT3_FEATURE_INCOMPAT_RECOVER)
		snprintf(why, size,
			 "its journal needs recovery (run e2fsck -fy on it "
			 "in dom0)");
	else if (s->s_state & EXT2_ERROR_FS)
		snprintf(why, size,
			 "it has errors (run e2fsck -fy on it in dom0)");
	else if (c || i || r)
		snprintf(why, size,
			 "Skiff cannot write its features (compat 0x%x, "
			 "incompat 0x%x, ro_compat 0x%x)",
			 (unsigned int)c, (unsigned int)i, (unsigned int)r);
}

int ext4fs_open(struct ext4_disk *disk, bool readonly, unsigned long dev,
		const struct ext4_lock *lk, struct ext4fs **out,
		struct ext4_mount_info *info)
{
	char name[48];
	struct ext4fs *f;
	struct enode *root;
	errcode_t e;
	int flags = EXT2_FLAG_64BITS, rc;

	info->readonly = readonly;
	info->why[0] = 0;
	initialize_ext2_error_table();
	f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	if (lk)
		f->lock = *lk;
	f->dev = dev;
	ext4_io_name(disk, name, sizeof(name));
	if (!readonly && !disk->read_only)
		flags |= EXT2_FLAG_RW;
	else
		info->readonly = true;
	e = ext2fs_open2(name, NULL, flags, 0, 0, (io_manager)ext4_io_manager,
			 &f->fs);
	if (e == EXT2_ET_RO_UNSUPP_FEATURE && (flags & EXT2_FLAG_RW)) {
		snprintf(info->why, sizeof(info->why),
			 "libext2fs cannot write its features");
		flags &= ~EXT2_FLAG_RW;
		e = ext2fs_open2(name, NULL, flags, 0, 0,
				 (io_manager)ext4_io_manager, &f->fs);
	}
	if (e) {
		snprintf(info->why, sizeof(info->why), "%s",
			 e == EXT2_ET_BAD_MAGIC
			     ? "no ext2/ext3/ext4 file system"
			 : e == EXT2_ET_UNSUPP_FEATURE
			     ? "it has features libext2fs does not know"
			     : error_message(e));
		free(f);
		return e == EXT2_ET_BAD_MAGIC ? -EINVAL : errno_of(e);
	}
	if (flags & EXT2_FLAG_RW) {
		writable(f->fs->super, info->why, sizeof(info->why));
		if (info->why[0]) {
			ext2fs_close_free(&f->fs);
			flags &= ~EXT2_FLAG_RW;
			e = ext2fs_open2(name, NULL, flags, 0, 0,
					 (io_manager)ext4_io_manager, &f->fs);
			if (e) {
				free(f);
				return errno_of(e);
			}
		}
	}
	f->readonly = !(flags & EXT2_FLAG_RW);
	info->readonly = f->readonly;
	f->blockbuf = malloc(f->fs->blocksize);
	if (!f->blockbuf) {
		rc = -ENOMEM;
		goto fail;
	}
	f->fs->umask = 0;
	if (!f->readonly) {
		rc = errno_of(ext2fs_read_bitmaps(f->fs));
		if (rc)
			goto fail;
		/* Mounted: not clean until unmounted (e2fsck looks then). */
		f->was_clean = f->fs->super->s_state & EXT2_VALID_FS;
		f->fs->super->s_state &= (uint16_t)~EXT2_VALID_FS;
		f->fs->super->s_mnt_count++;
		f->fs->super->s_mtime = (uint32_t)time(NULL);
		f->fs->flags |= EXT2_FLAG_MASTER_SB_ONLY;
		ext2fs_mark_super_dirty(f->fs);
		rc = sync_all(f);
		if (rc)
			goto fail;
	}
	root = node(f, EXT2_ROOT_INO, LINUX_S_IFDIR | 0755);
	if (!root) {
		rc = -ENOMEM;
		goto fail;
	}
	if (f->readonly)
		root->v.ops = &ext4_ro_ops;
	f->mnt.readonly = f->readonly;
	*out = f;
	return 0;
fail:
	snprintf(info->why, sizeof(info->why), "opening it failed (%d)", rc);
	free(f->blockbuf);
	ext2fs_close_free(&f->fs);
	free(f);
	return rc;
}

struct vnode *ext4fs_root(struct ext4fs *f)
{
	struct enode *e;

	for (e = *bucket(f, EXT2_ROOT_INO); e; e = e->hnext)
		if (e->v.ino == EXT2_ROOT_INO)
			return &e->v;
	return NULL;
}

struct vfs_mount *ext4fs_mount_of(struct ext4fs *f)
{
	return &f->mnt;
}

int ext4fs_sync(struct ext4fs *f)
{
	int rc;

	if ((rc = lock(f)))
		return rc;
	rc = sync_all(f);
	unlock(f);
	return rc;
}

int ext4fs_unmount(struct ext4fs *f)
{
	struct enode *e;
	unsigned int i;
	int rc, c;

	if ((rc = lock(f)))
		return rc;
	if (!f->readonly) {
		/* Inodes still open without a name go now. */
		for (i = 0; i < NHASH; i++)
			for (e = f->hash[i]; e; e = e->hnext)
				if (e->orphan) {
					e->orphan = false;
					release(f, (ext2_ino_t)e->v.ino);
				}
		rc = sync_all(f);
		if (!rc && f->was_clean)
			f->fs->super->s_state |= EXT2_VALID_FS;
		/* The backups of the superblock and descriptors too. */
		f->fs->flags &= ~EXT2_FLAG_MASTER_SB_ONLY;
		ext2fs_mark_super_dirty(f->fs);
	}
	/* Closed even when the disk failed: f->fs is NULL from here on,
	 * and an op that still comes (another thread, while the program
	 * ends) gets EIO from lock(). The vnodes stay. */
	c = errno_of(ext2fs_close_free(&f->fs));
	unlock(f);
	return rc ? rc : c;
}

void ext4fs_free(struct ext4fs *f)
{
	struct enode *e, *next;
	unsigned int i;

	for (i = 0; i < NHASH; i++)
		for (e = f->hash[i]; e; e = next) {
			next = e->hnext;
			free(e);
		}
	free(f->blockbuf);
	free(f);
}

void ext4fs_io_stats(struct ext4fs *f, struct ext4_io_stats *s)
{
	ext4_io_get_stats(f->fs->io, s);
}

/* libext2fs asks whether a device is mounted (to refuse to make a
 * journal on one); here nothing is mounted in its sense. */
errcode_t ext2fs_check_mount_point(const char *file, int *mount_flags,
				   char *mtpt, int mtlen);
errcode_t ext2fs_check_mount_point(const char *file, int *mount_flags,
				   char *mtpt, int mtlen)
{
	(void)file;
	if (mtpt && mtlen > 0)
		*mtpt = 0;
	*mount_flags = 0;
	return 0;
}
