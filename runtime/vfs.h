/*
 * The virtual file system: one name space of vnodes (a file, a directory
 * or a symbolic link of some file system), with file systems mounted on
 * directories of it. Path resolution (vfs.c) walks it component by
 * component through each file system's ops, follows symbolic links, and
 * crosses mounts; the calls by name (create, mkdir, rename, ...) are
 * checked here and done by the file system. Private to runtime/; pure
 * apart from malloc, so the host tests run it with memfs (memfs.c, the
 * in-memory file system at "/"). See docs/files.md.
 *
 * Return convention: 0, a count or a length on success, a negative Linux
 * errno value on failure. Threads are cooperative on one vCPU and no op
 * blocks, so a vnode found by a walk stays valid until the caller blocks:
 * whoever keeps one longer (an open file, the working directory) holds a
 * reference (vfs_get / vfs_put).
 */
#ifndef RUNTIME_VFS_H
#define RUNTIME_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <runtime/fs.h>

struct stat;

#define VFS_PATH_MAX 4096  /* bytes of a path with its NUL (Linux's) */
#define VFS_NAME_MAX 255   /* bytes of one component */
#define VFS_SYMLOOP_MAX 40 /* symbolic links one resolution follows */

/* The mode's type bits (Linux's and POSIX's values). */
#define VFS_IFMT 0170000
#define VFS_IFDIR 0040000
#define VFS_IFREG 0100000
#define VFS_IFLNK 0120000
#define VFS_IFIFO 0010000
#define VFS_IFSOCK 0140000

struct vnode;
struct vfs_mount;

/* readdir's callback, once per entry: its name, inode, Linux d_type
 * (DT_DIR 4, DT_REG 8, DT_LNK 10) and the position after it. A non-zero
 * return stops the listing there (the buffer is full); the position
 * then stays at this entry. */
typedef int (*vfs_filldir_fn)(void *ctx, const char *name, size_t len,
			      unsigned long ino, unsigned int type,
			      uint64_t next);

/*
 * A file system's ops. name/len is one component (never "." or "..",
 * except lookup's ".."), up to VFS_NAME_MAX bytes, not terminated. A NULL
 * op means the file system cannot do it: -EROFS for the ones that
 * change something, -EINVAL for readlink, -EPERM otherwise.
 */
struct vnode_ops {
	/* The entry name of dir (".." too): *out, or -ENOENT. */
	int (*lookup)(struct vnode *dir, const char *name, size_t len,
		      struct vnode **out);
	/* A new regular file or directory (mode's type bits say which)
	 * named name in dir, which has no such entry: *out. */
	int (*create)(struct vnode *dir, const char *name, size_t len,
		      uint32_t mode, uint32_t uid, uint32_t gid,
		      struct vnode **out);
	int (*symlink)(struct vnode *dir, const char *name, size_t len,
		       const char *target, uint32_t uid, uint32_t gid);
	/* A new name for vn (not a directory, same file system). */
	int (*link)(struct vnode *dir, const char *name, size_t len,
		    struct vnode *vn);
	/* Remove the entry: a directory only if rmdir (then it must be
	 * empty: -ENOTEMPTY), else anything but a directory (-EISDIR);
	 * -ENOTDIR for rmdir of a non-directory. */
	int (*remove)(struct vnode *dir, const char *name, size_t len,
		      bool rmdir);
	/* rename(2) inside one file system, with renameat2's flags. */
	int (*rename)(struct vnode *odir, const char *oname, size_t olen,
		      struct vnode *ndir, const char *nname, size_t nlen,
		      unsigned int flags);
	/* A symbolic link's target into buf (not terminated, cut to size):
	 * its length. */
	int (*readlink)(struct vnode *vn, char *buf, size_t size);
	int (*getattr)(struct vnode *vn, struct stat *st);
	int (*setattr)(struct vnode *vn, const struct vfs_attr *a);
	/* Bytes read at off (0 at or past the end). */
	long (*read)(struct vnode *vn, void *buf, size_t len, uint64_t off);
	/* Bytes written at off: fewer when the file system fills up,
	 * -ENOSPC when not even one fits. */
	long (*write)(struct vnode *vn, const void *buf, size_t len,
		      uint64_t off);
	int (*truncate)(struct vnode *vn, uint64_t size);
	/* Make room for [off, off+len); grow the size unless keep_size. */
	int (*allocate)(struct vnode *vn, uint64_t off, uint64_t len,
			bool keep_size);
	/* The entries of dir from position *pos on (0 and 1 are "." and
	 * ".."), *pos moving past each one given. */
	int (*readdir)(struct vnode *dir, uint64_t *pos, vfs_filldir_fn fn,
		       void *ctx);
	int (*statfs)(struct vnode *vn, struct vfs_statfs *sf);
	/* Put vn's data and metadata on stable storage. NULL: nothing to
	 * do (memory). */
	int (*sync)(struct vnode *vn);
	/* The last reference went (vfs_put): free vn if it has no name. */
	void (*inactive)(struct vnode *vn);
	/* Open vn as a file of its own kind (a device): an fd. NULL: an
	 * open file of the VFS (vfs_fd.c). */
	int (*open)(struct vnode *vn, int flags);
	/* A new FIFO or socket inode (mode's type bits VFS_IFIFO or
	 * VFS_IFSOCK) named name in dir, which has no such entry: *out.
	 * NULL: the file system has none (-EPERM). */
	int (*mknod)(struct vnode *dir, const char *name, size_t len,
		     uint32_t mode, uint32_t uid, uint32_t gid,
		     struct vnode **out);
};

/* Kept by each file system in its inodes. */
struct vnode {
	const struct vnode_ops *ops;
	struct vfs_mount *mnt;	   /* the mount it belongs to */
	struct vfs_mount *covered; /* a mount on this directory, or NULL */
	uint32_t mode;		   /* type and permission bits */
	unsigned long ino;
	unsigned int refs; /* open files, the cwd, ... */
	void *locks;	   /* flock()'s state (vfs_fd.c) */
	void *map;	   /* its mapped pages (vfs_map.c), or NULL */
};

/* A file system mounted on a directory (the root's: on nothing). */
struct vfs_mount {
	struct vnode *root;	  /* its root directory */
	struct vnode *on;	  /* the directory it covers; NULL for "/" */
	struct vfs_mount *parent; /* the mount on holds; NULL for "/" */
	bool readonly;
};

static inline bool vfs_is_dir(const struct vnode *vn)
{
	return (vn->mode & VFS_IFMT) == VFS_IFDIR;
}
static inline bool vfs_is_reg(const struct vnode *vn)
{
	return (vn->mode & VFS_IFMT) == VFS_IFREG;
}
static inline bool vfs_is_link(const struct vnode *vn)
{
	return (vn->mode & VFS_IFMT) == VFS_IFLNK;
}
static inline bool vfs_is_fifo(const struct vnode *vn)
{
	return (vn->mode & VFS_IFMT) == VFS_IFIFO;
}
static inline bool vfs_is_sock(const struct vnode *vn)
{
	return (vn->mode & VFS_IFMT) == VFS_IFSOCK;
}

void vfs_get(struct vnode *vn);
void vfs_put(struct vnode *vn);

/* Mount the file system whose root is root at "/" (on NULL) or on the
 * directory on. m is the caller's and stays in use. -EBUSY if on already
 * has a mount, -ENOTDIR. */
int vfs_mount(struct vfs_mount *m, struct vnode *root, struct vnode *on,
	      bool readonly);

/* Take the mount m off its directory (not "/"): lookups see the
 * directory again. -EINVAL for the root's. */
int vfs_unmount(struct vfs_mount *m);

/* The root directory, NULL before a file system is mounted at "/". */
struct vnode *vfs_root(void);

/* The working directory (the root until vfs_set_cwd). vfs_set_cwd takes a reference to dir and drops the old. */
struct vnode *vfs_cwd(void);
void vfs_set_cwd(struct vnode *dir);
/* Where the caller's working directory is kept, for a layer with
 * processes (each its own): hook returns the address of the caller's
 * (a NULL vnode there is the root), or NULL for the one of the domain. */
void vfs_set_cwd_hook(struct vnode **(*hook)(void));

/* Resolve path from at (relative paths; absolute ones start at the
 * root): *out. follow: follow a symbolic link in the last component.
 * -ENOENT (also ""), -ENOTDIR, -ENAMETOOLONG, -ELOOP. A trailing '/'
 * needs a directory (-ENOTDIR), following a link there. */
int vfs_lookup(struct vnode *at, const char *path, bool follow,
	       struct vnode **out);

/* The names by path, each from at (see vfs_lookup). flags of open():
 * newlib's O_ values (O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY,
 * O_NOFOLLOW, the access mode); mode for a new file. */
int vfs_open(struct vnode *at, const char *path, int flags, uint32_t mode,
	     struct vnode **out);
int vfs_mkdir(struct vnode *at, const char *path, uint32_t mode);
/* mknod of a FIFO or a socket inode (mode's type bits); a regular file
 * as an open with O_CREAT|O_EXCL would make it. -EPERM for devices.
 * out (may be NULL): the new vnode. */
int vfs_mknod(struct vnode *at, const char *path, uint32_t mode,
	      struct vnode **out);
int vfs_rmdir(struct vnode *at, const char *path);
int vfs_unlink(struct vnode *at, const char *path);
int vfs_symlink(const char *target, struct vnode *at, const char *path);
/* follow: link to what a symbolic link names (linkat's
 * AT_SYMLINK_FOLLOW). */
int vfs_link(struct vnode *oat, const char *opath, struct vnode *nat,
	     const char *npath, bool follow);
int vfs_rename(struct vnode *oat, const char *opath, struct vnode *nat,
	       const char *npath, unsigned int flags);
int vfs_readlink(struct vnode *at, const char *path, char *buf, size_t size);

/* Set by vfs_map.c once a file is mapped: truncation of a vnode with a
 * map (vn->map) goes through it, which keeps the pages coherent. */
extern int (*vfs_map_truncate)(struct vnode *vn, uint64_t size);

/* The calls on a vnode. */
int vfs_getattr(struct vnode *vn, struct stat *st);
int vfs_setattr(struct vnode *vn, const struct vfs_attr *a);
int vfs_truncate(struct vnode *vn, uint64_t size);
int vfs_statfs(struct vnode *vn, struct vfs_statfs *sf);

/* The absolute path of directory dir into buf: its length (without the
 * NUL), -ERANGE if size is too small, -ENOENT if dir was removed. */
int vfs_path_of(struct vnode *dir, char *buf, size_t size);

#endif
