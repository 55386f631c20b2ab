/*
 * The VFS (vfs.h): mounts, the working directory, path resolution and
 * the calls by name, checked as Linux checks them before the file
 * system's op runs (a "." as the last component, a trailing slash, a
 * read-only mount, two mounts: EXDEV).
 *
 * Resolution walks one component at a time from the root (an absolute
 * path) or from the directory given (a relative one). ".." of the root
 * is the root; ".." of a mounted file system's root is ".." of the
 * directory it covers; a directory with a mount on it is that mount's
 * root. A symbolic link met on the way is replaced by its target,
 * resolved from the link's directory; at most VFS_SYMLOOP_MAX links are
 * followed in one call, then ELOOP, as on Linux.
 */
#include <kernel/errno.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "vfs.h"

static struct {
	struct vfs_mount *root; /* the mount at "/" */
	struct vnode *cwd;	/* NULL: the root */
} vfs;

void vfs_get(struct vnode *vn)
{
	vn->refs++;
}

void vfs_put(struct vnode *vn)
{
	if (!--vn->refs && vn->ops->inactive)
		vn->ops->inactive(vn);
}

int vfs_mount(struct vfs_mount *m, struct vnode *root, struct vnode *on,
	      bool readonly)
{
	if (on && !vfs_is_dir(on))
		return -ENOTDIR;
	if (on ? on->covered != NULL : vfs.root != NULL)
		return -EBUSY;
	m->root = root;
	m->on = on;
	m->parent = on ? on->mnt : NULL;
	m->readonly = readonly;
	vfs_get(root);
	if (on) {
		vfs_get(on);
		on->covered = m;
	} else {
		vfs.root = m;
	}
	return 0;
}

int vfs_unmount(struct vfs_mount *m)
{
	struct vnode *on = m->on;

	if (!on || on->covered != m)
		return -EINVAL;
	on->covered = NULL;
	m->on = NULL;
	vfs_put(on);
	vfs_put(m->root);
	return 0;
}

struct vnode *vfs_root(void)
{
	return vfs.root ? vfs.root->root : NULL;
}

static struct vnode **(*cwd_hook)(void);

void vfs_set_cwd_hook(struct vnode **(*hook)(void))
{
	cwd_hook = hook;
}

/* Where the caller's working directory is kept. */
static struct vnode **cwd_slot(void)
{
	struct vnode **slot = cwd_hook ? cwd_hook() : NULL;

	return slot ? slot : &vfs.cwd;
}

struct vnode *vfs_cwd(void)
{
	struct vnode *cwd = *cwd_slot();

	return cwd ? cwd : vfs_root();
}

void vfs_set_cwd(struct vnode *dir)
{
	struct vnode **slot = cwd_slot(), *old = *slot;

	vfs_get(dir);
	*slot = dir;
	if (old)
		vfs_put(old);
}

/* --- Resolution ---------------------------------------------------------------- */

static bool is_dot(const char *p, size_t len)
{
	return len == 1 && p[0] == '.';
}

static bool is_dotdot(const char *p, size_t len)
{
	return len == 2 && p[0] == '.' && p[1] == '.';
}

/* The directory a mount's root stands for (through stacked mounts). */
static struct vnode *uncover(struct vnode *vn)
{
	while (vn->mnt && vn == vn->mnt->root && vn->mnt->on)
		vn = vn->mnt->on;
	return vn;
}

/* One component from the directory cur: *out, with mounts crossed. */
static int step(struct vnode *cur, const char *name, size_t len,
		struct vnode **out)
{
	struct vnode *n;
	int rc;

	if (!vfs_is_dir(cur))
		return -ENOTDIR;
	if (len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (is_dot(name, len)) {
		*out = cur;
		return 0;
	}
	if (is_dotdot(name, len)) {
		cur = uncover(cur);
		if (cur == vfs_root()) {
			*out = cur;
			return 0;
		}
	}
	rc = cur->ops->lookup(cur, name, len, &n);
	if (rc)
		return rc;
	while (n->covered)
		n = n->covered->root;
	*out = n;
	return 0;
}

static int walk(struct vnode *at, const char *p, size_t n, bool follow,
		int *links, struct vnode **out);

/* Replace the link vn (in directory dir) by what its target names. */
static int follow_link(struct vnode *dir, struct vnode *vn, int *links,
		       struct vnode **out)
{
	char *buf;
	int len, rc;

	if (++*links > VFS_SYMLOOP_MAX)
		return -ELOOP;
	if (!vn->ops->readlink)
		return -EINVAL;
	buf = malloc(VFS_PATH_MAX);
	if (!buf)
		return -ENOMEM;
	len = vn->ops->readlink(vn, buf, VFS_PATH_MAX);
	rc = len < 0 ? len : walk(dir, buf, (size_t)len, true, links, out);
	free(buf);
	return rc;
}

/* Resolve p[0, n) from at. follow: a link as the last component is
 * followed too (one before it always is, and one before a trailing
 * slash). */
static int walk(struct vnode *at, const char *p, size_t n, bool follow,
		int *links, struct vnode **out)
{
	struct vnode *cur, *next;
	size_t i = 0, j, k;
	bool last;
	int rc;

	if (!n)
		return -ENOENT;
	cur = p[0] == '/' ? vfs_root() : at;
	if (!cur)
		return -ENOENT;
	while (i < n) {
		if (p[i] == '/') {
			i++;
			continue;
		}
		for (j = i; j < n && p[j] != '/'; j++)
			;
		rc = step(cur, p + i, j - i, &next);
		if (rc)
			return rc;
		for (k = j; k < n && p[k] == '/'; k++)
			;
		last = k == n;
		if (vfs_is_link(next) && (!last || follow || j < n)) {
			rc = follow_link(cur, next, links, &next);
			if (rc)
				return rc;
		}
		cur = next;
		i = j;
	}
	if (p[n - 1] == '/' && !vfs_is_dir(cur))
		return -ENOTDIR;
	*out = cur;
	return 0;
}

/* The length of path, or -ENAMETOOLONG / -ENOENT (""). */
static long path_len(const char *path)
{
	size_t n = strnlen(path, VFS_PATH_MAX);

	if (n == VFS_PATH_MAX)
		return -ENAMETOOLONG;
	return n ? (long)n : -ENOENT;
}

int vfs_lookup(struct vnode *at, const char *path, bool follow,
	       struct vnode **out)
{
	long n = path_len(path);
	int links = 0;

	if (n < 0)
		return (int)n;
	return walk(at, path, (size_t)n, follow, &links, out);
}

/* A path split into its directory (resolved) and last component. */
struct last {
	struct vnode *dir;
	const char *name;
	size_t len;
	bool slash; /* one or more '/' after it */
	bool dot;   /* "." or "/" (the directory itself) */
	bool dotdot;
	bool root; /* the path is "/" (or slashes only) */
};

static int split(struct vnode *at, const char *path, int *links, struct last *l)
{
	long n = path_len(path);
	size_t e, s;
	int rc;

	if (n < 0)
		return (int)n;
	for (e = (size_t)n; e && path[e - 1] == '/'; e--)
		;
	l->slash = e < (size_t)n;
	for (s = e; s && path[s - 1] != '/'; s--)
		;
	l->name = e ? path + s : ".";
	l->len = e ? e - s : 1;
	l->dot = is_dot(l->name, l->len);
	l->dotdot = is_dotdot(l->name, l->len);
	l->root = !e;
	if (l->len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (s) {
		rc = walk(at, path, s, true, links, &l->dir);
		if (rc)
			return rc;
	} else {
		l->dir = path[0] == '/' ? vfs_root() : at;
		if (!l->dir)
			return -ENOENT;
	}
	return vfs_is_dir(l->dir) ? 0 : -ENOTDIR;
}

static bool readonly(const struct vnode *vn)
{
	return vn->mnt && vn->mnt->readonly;
}

/* The op's answer when a file system has none: a change is EROFS. */
#define NEED_OP(vn, op)                                                        \
	do {                                                                   \
		if (!(vn)->ops->op)                                            \
			return -EROFS;                                         \
	} while (0)

static int open_links(struct vnode *at, const char *path, int flags,
		      uint32_t mode, int *links, struct vnode **out);

/* open() of what the link vn in dir names (a dangling link with O_CREAT
 * creates its target, as Linux does). */
static int open_through(struct vnode *dir, struct vnode *vn, int flags,
			uint32_t mode, int *links, struct vnode **out)
{
	char *buf;
	int len, rc;

	if (++*links > VFS_SYMLOOP_MAX)
		return -ELOOP;
	buf = malloc(VFS_PATH_MAX + 1);
	if (!buf)
		return -ENOMEM;
	len = vn->ops->readlink(vn, buf, VFS_PATH_MAX);
	if (len >= 0) {
		buf[len] = 0;
		rc = open_links(dir, buf, flags & ~O_EXCL, mode, links, out);
	} else {
		rc = len;
	}
	free(buf);
	return rc;
}

static int open_links(struct vnode *at, const char *path, int flags,
		      uint32_t mode, int *links, struct vnode **out)
{
	bool create = flags & O_CREAT, excl = flags & O_EXCL;
	int acc = flags & O_ACCMODE, rc;
	struct vnode *vn;
	struct last l;

	rc = split(at, path, links, &l);
	if (rc)
		return rc;
	rc = step(l.dir, l.name, l.len, &vn);
	if (rc == -ENOENT && create && !l.dot && !l.dotdot) {
		if (l.slash)
			return -EISDIR;
		if (readonly(l.dir))
			return -EROFS;
		NEED_OP(l.dir, create);
		return l.dir->ops->create(l.dir, l.name, l.len,
					  VFS_IFREG | (mode & 07777), 0, 0,
					  out);
	}
	if (rc)
		return rc;
	if (create && excl)
		return -EEXIST;
	if (vfs_is_link(vn)) {
		if ((flags & O_NOFOLLOW) && !l.slash)
			return -ELOOP;
		return open_through(l.dir, vn, flags, mode, links, out);
	}
	if (vfs_is_dir(vn)) {
		if (acc != O_RDONLY || create)
			return -EISDIR;
	} else if (l.slash || (flags & O_DIRECTORY)) {
		return -ENOTDIR;
	}
	if ((acc != O_RDONLY || (flags & O_TRUNC)) && readonly(vn))
		return -EROFS;
	if ((flags & O_TRUNC) && vfs_is_reg(vn)) {
		NEED_OP(vn, truncate);
		rc = vn->map ? vfs_map_truncate(vn, 0)
			     : vn->ops->truncate(vn, 0);
		if (rc)
			return rc;
	}
	*out = vn;
	return 0;
}

int vfs_open(struct vnode *at, const char *path, int flags, uint32_t mode,
	     struct vnode **out)
{
	int links = 0;

	return open_links(at, path, flags, mode, &links, out);
}

int vfs_mkdir(struct vnode *at, const char *path, uint32_t mode)
{
	struct vnode *vn;
	struct last l;
	int links = 0, rc = split(at, path, &links, &l);

	if (rc)
		return rc;
	if (l.dot || l.dotdot || !step(l.dir, l.name, l.len, &vn))
		return -EEXIST;
	if (readonly(l.dir))
		return -EROFS;
	NEED_OP(l.dir, create);
	return l.dir->ops->create(l.dir, l.name, l.len,
				  VFS_IFDIR | (mode & 07777), 0, 0, &vn);
}

int vfs_mknod(struct vnode *at, const char *path, uint32_t mode,
	      struct vnode **out)
{
	uint32_t type = mode & VFS_IFMT;
	struct vnode *vn;
	struct last l;
	int links = 0, rc;

	if (type != VFS_IFIFO && type != VFS_IFSOCK && type != VFS_IFREG &&
	    type != 0)
		return type == VFS_IFDIR ? -EINVAL : -EPERM;
	if ((rc = split(at, path, &links, &l)))
		return rc;
	if (l.dot || l.dotdot || !step(l.dir, l.name, l.len, &vn))
		return -EEXIST;
	if (readonly(l.dir))
		return -EROFS;
	if (type == 0 || type == VFS_IFREG) {
		NEED_OP(l.dir, create);
		rc = l.dir->ops->create(l.dir, l.name, l.len,
					VFS_IFREG | (mode & 07777), 0, 0, &vn);
	} else {
		if (!l.dir->ops->mknod)
			return -EPERM;
		rc = l.dir->ops->mknod(l.dir, l.name, l.len,
				       type | (mode & 07777), 0, 0, &vn);
	}
	if (!rc && out)
		*out = vn;
	return rc;
}

int vfs_rmdir(struct vnode *at, const char *path)
{
	struct vnode *vn;
	struct last l;
	int links = 0, rc = split(at, path, &links, &l);

	if (rc)
		return rc;
	if (l.dot)
		return l.root ? -EBUSY : -EINVAL;
	if (l.dotdot)
		return -ENOTEMPTY;
	if ((rc = step(l.dir, l.name, l.len, &vn)))
		return rc;
	if (!vfs_is_dir(vn))
		return -ENOTDIR;
	if (vn == vfs_root() || (vn->mnt && vn == vn->mnt->root))
		return -EBUSY;
	if (readonly(l.dir))
		return -EROFS;
	NEED_OP(l.dir, remove);
	return l.dir->ops->remove(l.dir, l.name, l.len, true);
}

int vfs_unlink(struct vnode *at, const char *path)
{
	struct vnode *vn;
	struct last l;
	int links = 0, rc = split(at, path, &links, &l);

	if (rc)
		return rc;
	if (l.dot || l.dotdot)
		return -EISDIR;
	if ((rc = step(l.dir, l.name, l.len, &vn)))
		return rc;
	if (vfs_is_dir(vn))
		return -EISDIR;
	if (l.slash)
		return -ENOTDIR;
	if (readonly(l.dir))
		return -EROFS;
	NEED_OP(l.dir, remove);
	return l.dir->ops->remove(l.dir, l.name, l.len, false);
}

int vfs_symlink(const char *target, struct vnode *at, const char *path)
{
	struct vnode *vn;
	struct last l;
	int links = 0, rc;
	long tl = path_len(target);

	if (tl < 0)
		return (int)tl;
	if ((rc = split(at, path, &links, &l)))
		return rc;
	if (l.dot || l.dotdot || !step(l.dir, l.name, l.len, &vn))
		return -EEXIST;
	if (l.slash)
		return -ENOENT;
	if (readonly(l.dir))
		return -EROFS;
	NEED_OP(l.dir, symlink);
	return l.dir->ops->symlink(l.dir, l.name, l.len, target, 0, 0);
}

int vfs_link(struct vnode *oat, const char *opath, struct vnode *nat,
	     const char *npath, bool follow)
{
	struct vnode *src, *vn;
	struct last l;
	int links = 0, rc = vfs_lookup(oat, opath, follow, &src);

	if (rc)
		return rc;
	if ((rc = split(nat, npath, &links, &l)))
		return rc;
	if (l.dot || l.dotdot || !step(l.dir, l.name, l.len, &vn))
		return -EEXIST;
	if (vfs_is_dir(src))
		return -EPERM;
	if (l.slash)
		return -ENOENT;
	if (src->mnt != l.dir->mnt)
		return -EXDEV;
	if (readonly(l.dir))
		return -EROFS;
	NEED_OP(l.dir, link);
	return l.dir->ops->link(l.dir, l.name, l.len, src);
}

int vfs_rename(struct vnode *oat, const char *opath, struct vnode *nat,
	       const char *npath, unsigned int flags)
{
	struct vnode *src, *dst;
	struct last o, n;
	int links = 0, rc;

	if (flags & ~(VFS_RENAME_NOREPLACE | VFS_RENAME_EXCHANGE))
		return -EINVAL;
	if ((flags & VFS_RENAME_NOREPLACE) && (flags & VFS_RENAME_EXCHANGE))
		return -EINVAL;
	if ((rc = split(oat, opath, &links, &o)))
		return rc;
	links = 0;
	if ((rc = split(nat, npath, &links, &n)))
		return rc;
	if (o.dot || o.dotdot || n.dot || n.dotdot)
		return -EBUSY;
	if ((rc = step(o.dir, o.name, o.len, &src)))
		return rc;
	if (o.dir->mnt != n.dir->mnt)
		return -EXDEV;
	if (src->mnt && src == src->mnt->root)
		return -EBUSY;
	rc = step(n.dir, n.name, n.len, &dst);
	if (rc && rc != -ENOENT)
		return rc;
	if (!vfs_is_dir(src) && (o.slash || n.slash))
		return -ENOTDIR;
	if (!rc && dst->mnt && dst == dst->mnt->root)
		return -EBUSY;
	if (readonly(o.dir))
		return -EROFS;
	NEED_OP(o.dir, rename);
	return o.dir->ops->rename(o.dir, o.name, o.len, n.dir, n.name, n.len,
				  flags);
}

int vfs_readlink(struct vnode *at, const char *path, char *buf, size_t size)
{
	struct vnode *vn;
	int rc = vfs_lookup(at, path, false, &vn);

	if (rc)
		return rc;
	if (!vfs_is_link(vn) || !vn->ops->readlink)
		return -EINVAL;
	return vn->ops->readlink(vn, buf, size);
}

/* --- Calls on a vnode ------------------------------------------------------------ */

int vfs_getattr(struct vnode *vn, struct stat *st)
{
	return vn->ops->getattr ? vn->ops->getattr(vn, st) : -EPERM;
}

int vfs_setattr(struct vnode *vn, const struct vfs_attr *a)
{
	if (readonly(vn))
		return -EROFS;
	NEED_OP(vn, setattr);
	return vn->ops->setattr(vn, a);
}

int (*vfs_map_truncate)(struct vnode *vn, uint64_t size);

int vfs_truncate(struct vnode *vn, uint64_t size)
{
	if (vfs_is_dir(vn))
		return -EISDIR;
	if (!vfs_is_reg(vn))
		return -EINVAL;
	if (readonly(vn))
		return -EROFS;
	NEED_OP(vn, truncate);
	if (vn->map)
		return vfs_map_truncate(vn, size);
	return vn->ops->truncate(vn, size);
}

int vfs_statfs(struct vnode *vn, struct vfs_statfs *sf)
{
	int rc;

	if (!vn->ops->statfs)
		return -ENOSYS;
	rc = vn->ops->statfs(vn, sf);
	if (!rc && readonly(vn))
		sf->readonly = true;
	return rc;
}

/* --- The path of a directory ------------------------------------------------------ */

struct find_name {
	unsigned long ino;
	char *buf; /* the name found goes at its end */
	size_t room;
	int len; /* found: its length; -ERANGE: no room; 0 none yet */
};

static int match(void *ctx, const char *name, size_t len, unsigned long ino,
		 unsigned int type, uint64_t next)
{
	struct find_name *f = ctx;

	(void)type, (void)next;
	if (ino != f->ino || is_dot(name, len) || is_dotdot(name, len))
		return 0;
	if (len + 1 > f->room) {
		f->len = -ERANGE;
		return 1;
	}
	memcpy(f->buf + f->room - len, name, len);
	f->buf[f->room - len - 1] = '/';
	f->len = (int)len + 1;
	return 1;
}

int vfs_path_of(struct vnode *dir, char *buf, size_t size)
{
	struct find_name f;
	struct vnode *parent;
	size_t end = size; /* the path is built backwards at buf[end..] */
	uint64_t pos;
	int rc;

	if (size < 2)
		return -ERANGE;
	end--; /* the NUL */
	for (;;) {
		dir = uncover(dir);
		if (dir == vfs_root())
			break;
		if ((rc = step(dir, "..", 2, &parent)))
			return rc;
		f.ino = dir->ino;
		f.buf = buf;
		f.room = end;
		f.len = 0;
		pos = 0;
		if (!parent->ops->readdir)
			return -ENOENT;
		if ((rc = parent->ops->readdir(parent, &pos, match, &f)))
			return rc;
		if (f.len <= 0)
			return f.len ? f.len : -ENOENT;
		end -= (size_t)f.len;
		dir = parent;
	}
	if (end == size - 1) /* the root itself */
		buf[--end] = '/';
	memmove(buf, buf + end, size - 1 - end);
	buf[size - 1 - end] = 0;
	return (int)(size - 1 - end);
}
