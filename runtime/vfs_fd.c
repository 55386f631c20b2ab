/*
 * Files and directories of the VFS as fds: an open file holds a
 * reference to its vnode (so an unlinked file stays readable until the
 * last close), its offset and its open flags. Directories list through
 * getdents64. flock() locks live on the vnode, owned by open files.
 */
#include <kernel/errno.h>
#include <kernel/sched.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <runtime/fd.h>
#include <runtime/fs.h>
#include <runtime/take.h>

#include "vfs.h"
#include "vfs_fd.h"
#include "vfs_map.h"

#define L_LOCK_SH 1
#define L_LOCK_EX 2
#define L_LOCK_NB 4
#define L_LOCK_UN 8
#define L_FALLOC_FL_KEEP_SIZE 1
/* Linux's cap on one read or write (MAX_RW_COUNT). */
#define RW_MAX 0x7ffff000ul

struct vfile {
	struct vnode *vn;
	uint64_t pos; /* bytes; a directory's: readdir's position */
	int flags;    /* open() flags: the access mode, O_APPEND */
	int lock;     /* the flock() this open file holds: 0, SH or EX */
};

/* A vnode's flock() state: how many open files hold it shared, and
 * whether one holds it exclusively. */
struct vlocks {
	unsigned int shared;
	bool excl;
};

/* The file system's read or write, through vfs_map.c when the file is
 * mapped (coherent with its pages). */
static long rw(struct vnode *vn, void *buf, size_t len, uint64_t off,
	       bool write)
{
	if (len > RW_MAX)
		len = RW_MAX;
	if (vn->map)
		return vfs_map_rw(vn, buf, len, off, write);
	return write ? vn->ops->write(vn, buf, len, off)
		     : vn->ops->read(vn, buf, len, off);
}

static long vf_read(void *obj, void *buf, size_t len)
{
	struct vfile *f = obj;
	long n;

	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	n = rw(f->vn, buf, len, f->pos, false);
	if (n > 0)
		f->pos += (uint64_t)n;
	return n;
}

static long vf_pread(void *obj, void *buf, size_t len, long off)
{
	struct vfile *f = obj;

	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	return rw(f->vn, buf, len, (uint64_t)off, false);
}

static uint64_t size_of(struct vnode *vn)
{
	struct stat st;

	return vfs_getattr(vn, &st) ? 0 : (uint64_t)st.st_size;
}

static long vf_write(void *obj, const void *buf, size_t len)
{
	struct vfile *f = obj;
	long n;

	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!f->vn->ops->write)
		return -EROFS;
	if (f->flags & O_APPEND)
		f->pos = size_of(f->vn);
	n = rw(f->vn, (void *)buf, len, f->pos, true);
	if (n > 0)
		f->pos += (uint64_t)n;
	return n;
}

static long vf_pwrite(void *obj, const void *buf, size_t len, long off)
{
	struct vfile *f = obj;

	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!f->vn->ops->write)
		return -EROFS;
	/* Linux appends with O_APPEND whatever the offset says. */
	if (f->flags & O_APPEND)
		off = (long)size_of(f->vn);
	return rw(f->vn, (void *)buf, len, (uint64_t)off, true);
}

static long vf_lseek(void *obj, long off, int whence)
{
	struct vfile *f = obj;
	long r;

	if (vfs_is_dir(f->vn)) {
		/* A directory's offset is a position readdir gave: only
		 * SEEK_SET to one, or SEEK_CUR 0 to read it. */
		if (whence == SEEK_SET && off >= 0)
			return (long)(f->pos = (uint64_t)off);
		if (whence == SEEK_CUR && off == 0)
			return (long)f->pos;
		return -EINVAL;
	}
	r = file_seek_offset((long)f->pos, (long)size_of(f->vn), off, whence);
	if (r >= 0)
		f->pos = (uint64_t)r;
	return r;
}

static int vf_fstat(void *obj, struct stat *st)
{
	return vfs_getattr(((struct vfile *)obj)->vn, st);
}

static int vf_fsync(void *obj)
{
	struct vnode *vn = ((struct vfile *)obj)->vn;
	int rc = vn->map ? vfs_map_sync(vn) : 0;

	if (vn->ops->sync) {
		int rs = vn->ops->sync(vn);

		rc = rc ? rc : rs;
	}
	return rc;
}

static int vf_set_flags(void *obj, int flags)
{
	((struct vfile *)obj)->flags = flags;
	return 0;
}

static void unlock(struct vfile *f)
{
	struct vlocks *l = f->vn->locks;

	if (!f->lock)
		return;
	if (f->lock == L_LOCK_EX)
		l->excl = false;
	else
		l->shared--;
	f->lock = 0;
	if (!l->excl && !l->shared) {
		free(l);
		f->vn->locks = NULL;
	}
}

static int vf_close(void *obj)
{
	struct vfile *f = obj;

	unlock(f);
	vfs_put(f->vn);
	free(f);
	return 0;
}

static long dir_read(void *obj, void *buf, size_t len)
{
	(void)obj, (void)buf, (void)len;
	return -EISDIR;
}

static const struct fd_ops vfile_ops = {
    .read = vf_read,
    .write = vf_write,
    .pread = vf_pread,
    .pwrite = vf_pwrite,
    .lseek = vf_lseek,
    .fstat = vf_fstat,
    .fsync = vf_fsync,
    .set_flags = vf_set_flags,
    .close = vf_close,
};

static const struct fd_ops vdir_ops = {
    .read = dir_read,
    .lseek = vf_lseek,
    .fstat = vf_fstat,
    .fsync = vf_fsync,
    .close = vf_close,
};

int vfs_fd_open(struct vnode *vn, int flags)
{
	struct vfile *f = calloc(1, sizeof(*f));
	int fd;

	if (!f)
		return -ENOMEM;
	f->vn = vn;
	f->flags = flags;
	vfs_get(vn);
	fd = fd_open(vfs_is_dir(vn) ? &vdir_ops : &vfile_ops, f, flags);
	if (fd < 0) {
		vfs_put(vn);
		free(f);
	}
	return fd;
}

/* fd's open file of the VFS with a reference (file_put when done), or
 * NULL and *err -EBADF / wrong. */
static struct file *get(int fd, int wrong, int *err, struct vfile **vf)
{
	struct file *f = fd_get(fd);

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	*vf = file_object(f, &vfile_ops);
	if (!*vf)
		*vf = file_object(f, &vdir_ops);
	if (!*vf) {
		file_put(f);
		*err = wrong;
		return NULL;
	}
	return f;
}

int vfs_fd_vnode(int fd, struct vnode **out)
{
	struct vfile *vf;
	struct file *f;
	int err;

	if (!(f = get(fd, -ENOTDIR, &err, &vf)))
		return err;
	*out = vf->vn;
	file_put(f); /* the vnode stays: nothing blocks before its use */
	return 0;
}

int fs_mmap_file(int fd, uint64_t off, uint64_t len, bool shared,
		 bool *may_write, struct uvm_obj **out)
{
	struct vfile *vf;
	struct file *f;
	int err = 0;

	if (!(f = get(fd, -ENODEV, &err, &vf)))
		return err;
	if (!vfs_is_reg(vf->vn))
		err = -ENODEV;
	else if ((vf->flags & O_ACCMODE) == O_WRONLY)
		err = -EACCES;
	*may_write = (vf->flags & O_ACCMODE) == O_RDWR;
	if (!err && shared)
		err = vfs_map_obj(vf->vn, off, len, out);
	file_put(f);
	return err;
}

int fs_fsetattr(int fd, const struct vfs_attr *a)
{
	struct vfile *vf;
	struct file *f;
	int err;

	if (!(f = get(fd, -EPERM, &err, &vf)))
		return err;
	err = vfs_setattr(vf->vn, a);
	file_put(f);
	return err;
}

int fs_ftruncate(int fd, int64_t size)
{
	struct vfile *vf;
	struct file *f;
	int err;

	if (!(f = get(fd, -EINVAL, &err, &vf)))
		return err;
	if (size < 0)
		err = -EINVAL;
	else if ((vf->flags & O_ACCMODE) == O_RDONLY)
		err = vfs_is_dir(vf->vn) ? -EISDIR : -EINVAL;
	else
		err = vfs_truncate(vf->vn, (uint64_t)size);
	file_put(f);
	return err;
}

int fs_fallocate(int fd, int mode, int64_t off, int64_t len)
{
	struct vfile *vf;
	struct file *f;
	int err;

	if (!(f = get(fd, -ENODEV, &err, &vf)))
		return err;
	if (mode & ~L_FALLOC_FL_KEEP_SIZE)
		err = -EOPNOTSUPP;
	else if (off < 0 || len <= 0)
		err = -EINVAL;
	else if ((vf->flags & O_ACCMODE) == O_RDONLY)
		err = -EBADF;
	else if (vfs_is_dir(vf->vn))
		err = -EISDIR;
	else if (!vf->vn->ops->allocate)
		err = -EOPNOTSUPP;
	else
		err =
		    vf->vn->ops->allocate(vf->vn, (uint64_t)off, (uint64_t)len,
					  mode & L_FALLOC_FL_KEEP_SIZE);
	if (!err && vf->vn->map)
		vfs_map_resized(vf->vn);
	file_put(f);
	return err;
}

int fs_fstatfs(int fd, struct vfs_statfs *sf)
{
	struct vfile *vf;
	struct file *f;
	int err;

	if (!(f = get(fd, -ENOSYS, &err, &vf)))
		return err;
	err = vfs_statfs(vf->vn, sf);
	file_put(f);
	return err;
}

/* Does the open file f's wish (SH or EX) conflict with the others'? */
static bool conflicts(const struct vfile *f, int want)
{
	const struct vlocks *l = f->vn->locks;
	unsigned int others_shared;

	if (!l)
		return false;
	others_shared = l->shared - (f->lock == L_LOCK_SH);
	if (l->excl && f->lock != L_LOCK_EX)
		return true;
	return want == L_LOCK_EX && others_shared > 0;
}

static int take(struct vfile *f, int want)
{
	struct vlocks *l = f->vn->locks;

	if (!l) {
		l = calloc(1, sizeof(*l));
		if (!l)
			return -ENOLCK;
		f->vn->locks = l;
	}
	if (f->lock == L_LOCK_EX)
		l->excl = false;
	else if (f->lock == L_LOCK_SH)
		l->shared--;
	if (want == L_LOCK_EX)
		l->excl = true;
	else
		l->shared++;
	f->lock = want;
	return 0;
}

int fs_flock(int fd, int op)
{
	int want = op & ~L_LOCK_NB, err;
	struct vfile *vf;
	struct file *f;

	if (want != L_LOCK_SH && want != L_LOCK_EX && want != L_LOCK_UN)
		return -EINVAL;
	if (!(f = get(fd, -EINVAL, &err, &vf)))
		return err;
	if (want == L_LOCK_UN) {
		unlock(vf);
		err = 0;
	} else {
		/* Another open file of this program holds it: wait for
		 * that one to let go (it is in another thread). */
		while (conflicts(vf, want) && !(op & L_LOCK_NB))
			thread_yield();
		err = conflicts(vf, want) ? -EWOULDBLOCK : take(vf, want);
	}
	file_put(f);
	return err;
}

/* --- Directory entries -------------------------------------------------------- */

struct fill {
	char *buf;
	size_t len, used;
	bool full;  /* an entry did not fit */
	long taken; /* the reader cannot receive the next (<runtime/take.h>) */
};

static int fill_one(void *ctx, const char *name, size_t namelen,
		    unsigned long ino, unsigned int type, uint64_t next)
{
	struct fill *c = ctx;
	struct dirent *d;
	/* Header, name, NUL, rounded up to 8 bytes. */
	size_t reclen =
	    (offsetof(struct dirent, d_name) + namelen + 1 + 7) & ~(size_t)7;

	if (reclen > c->len - c->used) {
		c->full = true;
		return 1;
	}
	/* An entry the reader cannot take stays for the next call. */
	if ((c->taken = fd_take_check(c->used + reclen)) < 0)
		return 1;
	d = (struct dirent *)(c->buf + c->used);
	d->d_ino = ino;
	d->d_off = (long)next;
	d->d_reclen = (unsigned short)reclen;
	d->d_type = (unsigned char)type;
	memcpy(d->d_name, name, namelen);
	memset(d->d_name + namelen, 0,
	       reclen - offsetof(struct dirent, d_name) - namelen);
	c->used += reclen;
	return 0;
}

long fs_getdents64(int fd, void *buf, size_t len)
{
	struct fill c = {buf, len, 0, false, 0};
	struct vfile *vf;
	struct file *f;
	int err;

	if (!(f = get(fd, -ENOTDIR, &err, &vf)))
		return err;
	if (!vfs_is_dir(vf->vn))
		err = -ENOTDIR;
	else
		err = vf->vn->ops->readdir(vf->vn, &vf->pos, fill_one, &c);
	file_put(f);
	if (err)
		return err;
	if (!c.used && c.taken < 0)
		return c.taken;
	return !c.used && c.full ? -EINVAL : (long)c.used;
}
