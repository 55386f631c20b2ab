/*
 * The ramdisk as files: the xl config's ramdisk (a newc cpio archive) is
 * mounted read-only at "/" when the app starts. Files are read in place
 * from the archive, which Xen loaded and the kernel keeps reserved; opened
 * files and directories are fds like any other. See ramfs_index.c for how
 * the archive becomes a tree and docs/runtime.md for the behaviour.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <runtime/fd.h>
#include <runtime/fs.h>

#include "ramfs.h"
#include "ramfs_index.h"

/* st_dev of every ramdisk file: Linux's first anonymous device (0:1). */
#define RAMFS_DEV 1
#define RAMFS_BLKSIZE 4096
/* Position in a directory: ".", "..", then the children in order. */
#define DIR_FIRST_CHILD 2

/* One per open file or directory. */
struct ramfs_file {
	const struct ramfs_node *node;
	size_t pos; /* byte offset; for a directory, the entry index */
	/* A directory's child at pos, when pos >= DIR_FIRST_CHILD (NULL:
	 * at the end, or not known after an lseek). */
	const struct ramfs_node *cursor;
	bool cursor_valid;
};

static struct {
	bool mounted;
	struct ramfs fs;
} ramfs;

static void report_skip(const char *name, const char *why)
{
	printk("ramfs: left out \"%s\": %s\n", name, why);
}

void ramfs_mount(const void *buf, size_t len)
{
	struct cpio_reader rd;
	int rc;

	if (!len)
		return;
	rc = ramfs_build(&ramfs.fs, buf, len, &rd, report_skip);
	if (rc == -EINVAL) {
		printk("ramfs: the ramdisk (%zu bytes) is not a newc cpio "
		       "archive: %s at byte %zu; going on without files\n",
		       len, rd.error, rd.error_off);
		return;
	}
	if (rc) {
		printk("ramfs: no memory for the ramdisk's index; going on "
		       "without files\n");
		return;
	}
	ramfs.mounted = true;
	printk("ramfs: %zu files, %zu directories, %zu bytes\n", ramfs.fs.files,
	       ramfs.fs.dirs, ramfs.fs.bytes);
}

static int lookup(const char *path, const struct ramfs_node **n)
{
	return ramfs.mounted ? ramfs_lookup(&ramfs.fs, path, n) : -ENOENT;
}

static void fill_stat(const struct ramfs_node *n, struct stat *st)
{
	size_t size = ramfs_is_dir(n) ? 0 : n->size;

	memset(st, 0, sizeof(*st));
	st->st_dev = RAMFS_DEV;
	st->st_ino = n->ino;
	st->st_mode = n->mode;
	st->st_nlink = ramfs_nlink(n);
	st->st_uid = n->uid;
	st->st_gid = n->gid;
	st->st_size = (off_t)size;
	st->st_blksize = RAMFS_BLKSIZE;
	st->st_blocks = (blkcnt_t)((size + 511) / 512);
	st->st_mtim.tv_sec = n->mtime;
	st->st_atim = st->st_mtim;
	st->st_ctim = st->st_mtim;
}

int ramfs_stat(const char *path, struct stat *st)
{
	const struct ramfs_node *n;
	int rc = lookup(path, &n);

	if (!rc)
		fill_stat(n, st);
	return rc;
}

/* --- Files and directories as fds --------------------------------------- */

static long rfile_read(void *obj, void *buf, size_t len)
{
	struct ramfs_file *f = obj;
	size_t size = f->node->size, n;

	if (f->pos >= size)
		return 0;
	n = size - f->pos < len ? size - f->pos : len;
	memcpy(buf, (const char *)f->node->data + f->pos, n);
	f->pos += n;
	return (long)n;
}

/* Any offset from 0 up is fine, past the end too (reads there give 0). */
static long rfile_lseek(void *obj, long off, int whence)
{
	struct ramfs_file *f = obj;
	long r = file_seek_offset(
	    (long)f->pos, ramfs_is_dir(f->node) ? 0 : (long)f->node->size, off,
	    whence);

	if (r >= 0) {
		f->pos = (size_t)r;
		f->cursor_valid = false;
	}
	return r;
}

static int rfile_fstat(void *obj, struct stat *st)
{
	fill_stat(((struct ramfs_file *)obj)->node, st);
	return 0;
}

static long dir_read(void *obj, void *buf, size_t len)
{
	(void)obj, (void)buf, (void)len;
	return -EISDIR;
}

static const struct fd_ops ramfs_file_ops = {
    .read = rfile_read,
    .lseek = rfile_lseek,
    .fstat = rfile_fstat,
    .close = file_close_free,
};

static const struct fd_ops ramfs_dir_ops = {
    .read = dir_read,
    .lseek = rfile_lseek,
    .fstat = rfile_fstat,
    .close = file_close_free,
};

/* Linux's answers for a read-only file system: writing or creating is
 * EROFS, but a directory opened for writing is EISDIR first. */
static int check_open(const struct ramfs_node *n, int flags)
{
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	if ((flags & O_ACCMODE) != O_RDONLY)
		return ramfs_is_dir(n) ? -EISDIR : -EROFS;
	if (flags & O_TRUNC)
		return -EROFS;
	if ((flags & O_DIRECTORY) && !ramfs_is_dir(n))
		return -ENOTDIR;
	return 0;
}

int ramfs_open(const char *path, int flags)
{
	const struct ramfs_node *n;
	struct ramfs_file *f;
	int rc = lookup(path, &n), fd;

	if (rc == -ENOENT && (flags & O_CREAT))
		return -EROFS;
	if (!rc)
		rc = check_open(n, flags);
	if (rc)
		return rc;
	f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->node = n;
	fd = fd_open(ramfs_is_dir(n) ? &ramfs_dir_ops : &ramfs_file_ops, f,
		     flags);
	if (fd < 0)
		free(f);
	return fd;
}

/* --- Directory entries ----------------------------------------------------- */

/* The child at position pos of f's directory (NULL past the end). */
static const struct ramfs_node *child_at(struct ramfs_file *f)
{
	const struct ramfs_node *c;
	size_t i;

	if (!f->cursor_valid) {
		c = f->node->children;
		for (i = DIR_FIRST_CHILD; c && i < f->pos; i++)
			c = c->next;
		f->cursor = c;
		f->cursor_valid = true;
	}
	return f->cursor;
}

/* Name, inode and type of the entry at f->pos; false past the end. */
static bool entry_at(struct ramfs_file *f, const char **name, size_t *len,
		     const struct ramfs_node **n)
{
	if (f->pos < DIR_FIRST_CHILD) {
		*name = f->pos ? ".." : ".";
		*len = f->pos + 1;
		*n = f->pos ? f->node->parent : f->node;
		return true;
	}
	*n = child_at(f);
	if (!*n)
		return false;
	*name = (*n)->name;
	*len = (*n)->name_len;
	return true;
}

static void advance(struct ramfs_file *f)
{
	if (f->pos >= DIR_FIRST_CHILD && f->cursor)
		f->cursor = f->cursor->next;
	f->pos++;
	if (f->pos == DIR_FIRST_CHILD) {
		f->cursor = f->node->children;
		f->cursor_valid = true;
	}
}

/* getdents64 on a directory f: whole records from its position on. */
static long dir_getdents64(struct ramfs_file *f, void *buf, size_t len)
{
	const struct ramfs_node *n;
	struct dirent *d;
	const char *name;
	size_t used = 0, namelen, reclen;

	while (entry_at(f, &name, &namelen, &n)) {
		/* Header, name, NUL, rounded up to 8 bytes. */
		reclen = (offsetof(struct dirent, d_name) + namelen + 1 + 7) &
			 ~(size_t)7;
		if (reclen > len - used)
			break;
		d = (struct dirent *)((char *)buf + used);
		d->d_ino = n->ino;
		d->d_off = (long)f->pos + 1;
		d->d_reclen = (unsigned short)reclen;
		d->d_type = ramfs_is_dir(n) ? DT_DIR : DT_REG;
		memcpy(d->d_name, name, namelen);
		memset(d->d_name + namelen, 0,
		       reclen - offsetof(struct dirent, d_name) - namelen);
		used += reclen;
		advance(f);
	}
	if (!used && entry_at(f, &name, &namelen, &n))
		return -EINVAL;
	return (long)used;
}

long ramfs_getdents64(int fd, void *buf, size_t len)
{
	int err;
	struct file *f = fd_get_kind(fd, &ramfs_dir_ops, -ENOTDIR, &err);
	long r;

	if (!f)
		return err;
	r = dir_getdents64(f->obj, buf, len);
	file_put(f);
	return r;
}
