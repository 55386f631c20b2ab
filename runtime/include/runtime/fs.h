/*
 * The runtime core's names: paths to files (runtime/path.c and
 * runtime/vfs_fd.c, the "files" unit). "/" is a writable file system in
 * memory whose first content is the ramdisk (docs/files.md); the memory
 * devices (/dev/null, ...), the disks (/dev/xvdX) and the synthesised
 * files (/proc, /sys, /etc) are found by their absolute paths. For the
 * personalities: newlib's calls (open, mkdir, rename, ...) and the Linux
 * shim's (openat, mkdirat, renameat2, ...).
 *
 * Return convention: an fd, a count or 0, or a negative Linux errno.
 * Flags are open() flags with newlib's O_ values, as every file keeps
 * them (the Linux shim converts Linux's). A relative path is taken from
 * the working directory (dirfd FS_AT_CWD) or from the directory open at
 * dirfd (-EBADF: not open; -ENOTDIR: not a directory).
 */
#ifndef RUNTIME_FS_H
#define RUNTIME_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct stat;

/* "The working directory" as a dirfd (Linux's AT_FDCWD). */
#define FS_AT_CWD (-100)

/* utimensat's special nanosecond values (Linux's). */
#define VFS_UTIME_NOW ((1l << 30) - 1l)
#define VFS_UTIME_OMIT ((1l << 30) - 2l)

/* renameat2's flags (Linux's). */
#define VFS_RENAME_NOREPLACE 1u
#define VFS_RENAME_EXCHANGE 2u

/* What setattr changes: the VFS_SET_ bits of mask. */
#define VFS_SET_MODE 1u /* the permission bits of mode (07777) */
#define VFS_SET_UID 2u
#define VFS_SET_GID 4u
#define VFS_SET_ATIME 8u /* atime; tv_nsec VFS_UTIME_NOW: now */
#define VFS_SET_MTIME 16u
struct vfs_attr {
	unsigned int mask;
	uint32_t mode, uid, gid;
	struct timespec atime, mtime;
};

/* statfs's numbers, in blocks of bsize bytes. */
struct vfs_statfs {
	uint64_t magic, bsize, blocks, bfree, files, ffree, namelen;
	bool readonly;
};

/* open(): an fd, or -ENOENT, -ENOTDIR, -EEXIST, -EISDIR, -ELOOP, -EROFS,
 * -ENOSPC, -ENAMETOOLONG, -ENXIO, -ENOMEM, -EMFILE ... mode: a new
 * file's permission bits (the caller applied its umask). */
int path_open(const char *path, int flags);
int path_open_at(int dirfd, const char *path, int flags, unsigned int mode);

/* stat() (follow) or lstat(): 0 with *st filled. */
int path_stat(const char *path, struct stat *st);
int path_stat_at(int dirfd, const char *path, struct stat *st, bool follow);

int path_mkdir_at(int dirfd, const char *path, unsigned int mode);
/* mknod(): a FIFO (S_IFIFO), a socket inode (S_IFSOCK) or an empty
 * regular file (S_IFREG or no type); -EPERM for a device, -EINVAL for a
 * directory; mode's permission bits after the caller's umask. */
int path_mknod_at(int dirfd, const char *path, unsigned int mode);
/* A read-only-until-written regular file at the absolute path, whose
 * bytes are size bytes at data (kept by the caller for good, read in
 * place, copied on the first change), in the root's memfs: the Linux
 * shim's own executable. 0, -EEXIST, -ENOENT (no such directory),
 * -EXDEV (the directory is another file system's), -EINVAL. */
int path_add_borrowed_file(const char *path, const void *data, size_t size,
			   unsigned int mode);

/* AF_UNIX names in the file system (unix_sock.c): bind makes a socket
 * inode at path (relative to the working directory) and holds it in
 * *node (0, or -EEXIST and the other errors of mknod); find gives the
 * socket inode at path (symbolic links followed) without a reference,
 * or -ENOENT ..., -ECONNREFUSED for a file that is no socket; put drops
 * bind's reference. */
int path_sock_bind(const char *path, void **node);
int path_sock_find(const char *path, void **node);
void path_sock_put(void *node);
/* unlink(), or rmdir() when rmdir. */
int path_remove_at(int dirfd, const char *path, bool rmdir);
/* renameat2() with VFS_RENAME_ flags. */
int path_rename_at(int odirfd, const char *opath, int ndirfd, const char *npath,
		   unsigned int flags);
/* linkat(); follow: AT_SYMLINK_FOLLOW. */
int path_link_at(int odirfd, const char *opath, int ndirfd, const char *npath,
		 bool follow);
int path_symlink_at(const char *target, int dirfd, const char *path);
/* The link's target into buf, not terminated, cut to size: its length;
 * -EINVAL if path is not a symbolic link. */
int path_readlink_at(int dirfd, const char *path, char *buf, size_t size);
/* chmod, chown, utimensat by path. */
int path_setattr_at(int dirfd, const char *path, bool follow,
		    const struct vfs_attr *a);
int path_truncate_at(int dirfd, const char *path, int64_t size);
int path_statfs_at(int dirfd, const char *path, struct vfs_statfs *sf);
/* access(): mode R_OK 4, W_OK 2, X_OK 1, F_OK 0 (the program is root:
 * only existence, a read-only mount (W_OK) and X_OK need checking). */
int path_access_at(int dirfd, const char *path, int mode, bool follow);

/* The working directory. */
int path_chdir(const char *path);
int fd_chdir(int fd);
/* Its absolute path and NUL into buf: the length with the NUL, -ERANGE
 * if size is too small, -ENOENT if it was removed. */
int path_getcwd(char *buf, size_t size);

/* The calls on an open file of the file system (-EBADF, -EINVAL for
 * another kind of file, as Linux says for a pipe or a socket). */
/* mmap of fd, a regular file open for reading (-ENODEV, -EACCES; -EBADF
 * for no fd): *may_write tells whether it is open for writing too. For
 * a shared mapping, *out is the object showing the file's pages for
 * [off, off+len) (<kernel/uvm.h>: uvm_map_obj). */
struct uvm_obj;
int fs_mmap_file(int fd, uint64_t off, uint64_t len, bool shared,
		 bool *may_write, struct uvm_obj **out);
/* msync of [off, off+len) of a shared mapping's object: what was written
 * through mappings goes to the file; sync: and to stable storage. */
int fs_msync(struct uvm_obj *obj, uint64_t off, uint64_t len, bool sync);

int fs_fsetattr(int fd, const struct vfs_attr *a);
int fs_ftruncate(int fd, int64_t size);
/* fallocate(): mode 0 or FALLOC_FL_KEEP_SIZE (1); others -EOPNOTSUPP. */
int fs_fallocate(int fd, int mode, int64_t off, int64_t len);
int fs_fstatfs(int fd, struct vfs_statfs *sf);
/* flock(): op LOCK_SH 1, LOCK_EX 2, LOCK_UN 8, | LOCK_NB 4. Locks
 * belong to the open file: another open of the same file conflicts
 * (-EWOULDBLOCK with LOCK_NB, else it waits). */
int fs_flock(int fd, int op);

/* Linux's getdents64 on fd: whole records (struct dirent's layout, each
 * d_reclen bytes, a multiple of 8) for as many entries as fit in len
 * bytes, from the fd's position on, which moves past them. Returns the
 * bytes filled, 0 at the end, -EINVAL if not even one record fits,
 * -ENOTDIR if fd is not a directory, -EBADF. */
long fs_getdents64(int fd, void *buf, size_t len);

#endif
