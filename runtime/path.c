/*
 * The calls by path (<runtime/fs.h>), for both personalities: newlib's
 * (vfs_calls.c) and the Linux shim's. Two kinds of names:
 *   - the VFS (vfs.c): the writable root in memory and what is mounted
 *     on it (the devices and disks on /dev, vfs_dev.c), resolved from
 *     the working directory or a dirfd;
 *   - the synthesised read-only files (/proc, /sys, /etc ...,
 *     sysfiles.c), by absolute path, where the VFS has no such name.
 * In the files unit, so an image whose app never names a path carries
 * none of it (the Makefile's "files" unit).
 */
#include <kernel/errno.h>

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include <runtime/fs.h>
#include <runtime/sysfile.h>

#include "vfs.h"
#include "vfs_fd.h"

#define L_R_OK 4
#define L_W_OK 2
#define L_X_OK 1

/* Where a relative path starts: the working directory, or the directory
 * open at dirfd. An absolute path ignores dirfd, as on Linux. */
static int at_dir(int dirfd, const char *path, struct vnode **at)
{
	int rc;

	if (!vfs_root())
		return -ENOENT;
	if (path[0] == '/' || dirfd == FS_AT_CWD) {
		*at = vfs_cwd();
		return 0;
	}
	if ((rc = vfs_fd_vnode(dirfd, at)))
		return rc;
	return vfs_is_dir(*at) ? 0 : -ENOTDIR;
}

int path_open_at(int dirfd, const char *path, int flags, unsigned int mode)
{
	const char *sys;
	struct vnode *at, *vn;
	struct stat st;
	int rc;

	rc = at_dir(dirfd, path, &at);
	if (!rc)
		rc = vfs_open(at, path, flags, mode, &vn);
	/* A synthesised file where the tree has none; a name it does not
	 * have keeps the tree's answer (ENOENT, not its EROFS). */
	if (rc == -ENOENT && path[0] == '/' && !sysfile_stat(path, &st))
		return sysfile_open(path, flags);
	if (rc)
		return rc;
	/* The name that stands for one, however the path reached it. */
	if ((sys = sysfile_placed(vn)))
		return sysfile_open(sys, flags & ~(O_CREAT | O_EXCL));
	/* A device opens as its own kind of file, a FIFO as a pipe; a
	 * socket's inode cannot be opened (Linux's ENXIO). */
	if (vfs_is_fifo(vn))
		return vfs_fifo_open(vn, flags);
	if (vfs_is_sock(vn))
		return -ENXIO;
	return vn->ops->open ? vn->ops->open(vn, flags)
			     : vfs_fd_open(vn, flags);
}

int path_open(const char *path, int flags)
{
	return path_open_at(FS_AT_CWD, path, flags, 0666);
}

/* stat of vn; for a name that stands for a synthesised file, its size
 * and mode are the file's (its inode number the name's, as listed). */
static int placed_stat(struct vnode *vn, struct stat *st)
{
	const char *sys = sysfile_placed(vn);
	struct stat s;
	int rc = vfs_getattr(vn, st);

	if (rc || !sys || sysfile_stat(sys, &s))
		return rc;
	st->st_mode = s.st_mode;
	st->st_size = s.st_size;
	st->st_blocks = s.st_blocks;
	st->st_blksize = s.st_blksize;
	return 0;
}

int path_stat_at(int dirfd, const char *path, struct stat *st, bool follow)
{
	struct vnode *at, *vn;
	int rc;

	rc = at_dir(dirfd, path, &at);
	if (!rc)
		rc = vfs_lookup(at, path, follow, &vn);
	if (rc == -ENOENT && path[0] == '/')
		return sysfile_stat(path, st) ? rc : 0;
	if (rc)
		return rc;
	return placed_stat(vn, st);
}

int path_stat(const char *path, struct stat *st)
{
	return path_stat_at(FS_AT_CWD, path, st, true);
}

/* Where path starts, or return at_dir's error. */
#define AT(dirfd, path, at)                                                    \
	do {                                                                   \
		int rc_;                                                       \
		if ((rc_ = at_dir(dirfd, path, at)))                           \
			return rc_;                                            \
	} while (0)

int path_mkdir_at(int dirfd, const char *path, unsigned int mode)
{
	struct vnode *at;

	AT(dirfd, path, &at);
	return vfs_mkdir(at, path, mode);
}

int path_mknod_at(int dirfd, const char *path, unsigned int mode)
{
	struct vnode *at;

	AT(dirfd, path, &at);
	return vfs_mknod(at, path, mode, NULL);
}

int path_sock_bind(const char *path, void **node)
{
	struct vnode *at, *vn;
	int rc;

	AT(FS_AT_CWD, path, &at);
	/* Linux makes it 0777 less the umask; Skiff's default umask is
	 * 022, which the socket layer does not see. */
	if ((rc = vfs_mknod(at, path, VFS_IFSOCK | 0755, &vn)))
		return rc;
	vfs_get(vn);
	*node = vn;
	return 0;
}

int path_sock_find(const char *path, void **node)
{
	struct vnode *at, *vn;
	int rc;

	AT(FS_AT_CWD, path, &at);
	if ((rc = vfs_lookup(at, path, true, &vn)))
		return rc;
	if (!vfs_is_sock(vn))
		return -ECONNREFUSED;
	*node = vn;
	return 0;
}

void path_sock_put(void *node)
{
	vfs_put(node);
}

int path_remove_at(int dirfd, const char *path, bool rmdir)
{
	struct vnode *at;

	AT(dirfd, path, &at);
	return rmdir ? vfs_rmdir(at, path) : vfs_unlink(at, path);
}

int path_rename_at(int odirfd, const char *opath, int ndirfd, const char *npath,
		   unsigned int flags)
{
	struct vnode *oat, *nat;

	AT(odirfd, opath, &oat);
	AT(ndirfd, npath, &nat);
	return vfs_rename(oat, opath, nat, npath, flags);
}

int path_link_at(int odirfd, const char *opath, int ndirfd, const char *npath,
		 bool follow)
{
	struct vnode *oat, *nat;

	AT(odirfd, opath, &oat);
	AT(ndirfd, npath, &nat);
	return vfs_link(oat, opath, nat, npath, follow);
}

int path_symlink_at(const char *target, int dirfd, const char *path)
{
	struct vnode *at;

	AT(dirfd, path, &at);
	return vfs_symlink(target, at, path);
}

int path_readlink_at(int dirfd, const char *path, char *buf, size_t size)
{
	struct vnode *at;
	struct stat st;
	int rc;

	if ((rc = at_dir(dirfd, path, &at)))
		return rc;
	rc = vfs_readlink(at, path, buf, size);
	if (rc == -ENOENT && path[0] == '/' && !sysfile_stat(path, &st))
		return -EINVAL;
	return rc;
}

int path_setattr_at(int dirfd, const char *path, bool follow,
		    const struct vfs_attr *a)
{
	struct vnode *at, *vn;
	int rc;

	AT(dirfd, path, &at);
	if ((rc = vfs_lookup(at, path, follow, &vn)))
		return rc;
	return vfs_setattr(vn, a);
}

int path_truncate_at(int dirfd, const char *path, int64_t size)
{
	struct vnode *at, *vn;
	int rc;

	if (size < 0)
		return -EINVAL;
	AT(dirfd, path, &at);
	if ((rc = vfs_lookup(at, path, true, &vn)))
		return rc;
	return vfs_truncate(vn, (uint64_t)size);
}

int path_statfs_at(int dirfd, const char *path, struct vfs_statfs *sf)
{
	struct vnode *at, *vn;
	int rc;

	if ((rc = at_dir(dirfd, path, &at)))
		return rc;
	if ((rc = vfs_lookup(at, path, true, &vn)))
		return rc;
	return vfs_statfs(vn, sf);
}

/* The program runs as root: reading and writing are allowed wherever
 * the file system allows them; executing needs an x bit somewhere. */
int path_access_at(int dirfd, const char *path, int mode, bool follow)
{
	struct vnode *at, *vn;
	struct stat st;
	int rc;

	if (mode & ~(L_R_OK | L_W_OK | L_X_OK))
		return -EINVAL;
	if (!vfs_root())
		return path_stat_at(dirfd, path, &st, follow);
	if ((rc = at_dir(dirfd, path, &at)))
		return rc;
	rc = vfs_lookup(at, path, follow, &vn);
	if (rc == -ENOENT && path[0] == '/') {
		if (sysfile_stat(path, &st))
			return rc;
		return (mode & (L_W_OK | L_X_OK)) ? -EACCES : 0;
	}
	if (rc)
		return rc;
	if (sysfile_placed(vn))
		return (mode & (L_W_OK | L_X_OK)) ? -EACCES : 0;
	if ((mode & L_W_OK) && vn->mnt && vn->mnt->readonly)
		return -EROFS;
	if ((mode & L_X_OK) && !vfs_is_dir(vn) && !(vn->mode & 0111))
		return -EACCES;
	return 0;
}

int path_chdir(const char *path)
{
	struct vnode *at, *vn;
	int rc;

	AT(FS_AT_CWD, path, &at);
	if ((rc = vfs_lookup(at, path, true, &vn)))
		return rc;
	if (!vfs_is_dir(vn))
		return -ENOTDIR;
	vfs_set_cwd(vn);
	return 0;
}

int fd_chdir(int fd)
{
	struct vnode *vn;
	int rc = vfs_fd_vnode(fd, &vn);

	if (rc)
		return rc;
	if (!vfs_is_dir(vn))
		return -ENOTDIR;
	vfs_set_cwd(vn);
	return 0;
}

int path_getcwd(char *buf, size_t size)
{
	int rc;

	if (!vfs_root()) {
		if (size < 2)
			return -ERANGE;
		memcpy(buf, "/", 2);
		return 2;
	}
	rc = vfs_path_of(vfs_cwd(), buf, size);
	return rc < 0 ? rc : rc + 1;
}
