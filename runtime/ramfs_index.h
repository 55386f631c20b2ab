/*
 * The ramdisk file system's index: a tree of nodes built from a newc cpio
 * archive, whose files point at their data inside the archive (read in
 * place, never copied), and path lookup over it. Pure apart from malloc,
 * so the host tests run it as it is; runtime/ramfs.c puts it behind the
 * system calls.
 */
#ifndef RUNTIME_RAMFS_INDEX_H
#define RUNTIME_RAMFS_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpio.h"

/* Linux's limits on a path and on one of its components. */
#define RAMFS_PATH_MAX 4096
#define RAMFS_NAME_MAX 255

struct ramfs_node {
	const char *name; /* last component, inside the archive; no NUL */
	size_t name_len;  /* 0 for the root only */
	uint32_t mode;	  /* S_IFREG, S_IFDIR or S_IFLNK, and permission bits */
	uint32_t uid, gid;
	uint32_t mtime;
	unsigned long ino; /* unique, the root's is 1 */
	const void *data;  /* a file's contents or a link's target, size
			    * bytes (no NUL) */
	size_t size;
	struct ramfs_node *parent;   /* the root's is the root */
	struct ramfs_node *children; /* of a directory, sorted by name */
	struct ramfs_node *next;     /* sibling, in that order */
	unsigned int subdirs;	     /* directories among the children */
};

struct ramfs {
	struct ramfs_node root;
	size_t files, dirs; /* not counting the root */
	size_t links;	    /* symbolic links */
	size_t bytes;	    /* in files */
	unsigned long next_ino;
};

/* Called for an entry the index leaves out, with the entry's name and why
 * (a device, a name with "..", a file where a directory is, ...). */
typedef void (*ramfs_skip_fn)(const char *name, const char *why);

/*
 * Build fs from the archive at buf. The whole archive is checked first:
 * if it is malformed, returns -EINVAL with rd->error / rd->error_off
 * saying why and where, and fs is empty. Entries that are well formed but
 * do not fit (see ramfs_skip_fn) are left out, each reported to skip (may
 * be NULL). Returns 0, -EINVAL, or -ENOMEM (fs is empty then too).
 */
int ramfs_build(struct ramfs *fs, const void *buf, size_t len,
		struct cpio_reader *rd, ramfs_skip_fn skip);

/* An empty file system: the root directory alone. */
void ramfs_init(struct ramfs *fs);

/* Free every node; fs is empty afterwards. */
void ramfs_free(struct ramfs *fs);

/*
 * Resolve path: absolute, or relative to the root (there is no other
 * working directory); "." and ".." and repeated slashes work as usual,
 * ".." of the root is the root. Returns 0 with *out set, -ENOENT (also
 * for ""), -ENOTDIR (a component before the last, or the last one
 * followed by '/', is a file) or -ENAMETOOLONG.
 */
int ramfs_lookup(const struct ramfs *fs, const char *path,
		 const struct ramfs_node **out);

static inline bool ramfs_is_dir(const struct ramfs_node *n)
{
	return (n->mode & 0170000) == 0040000;
}

static inline bool ramfs_is_link(const struct ramfs_node *n)
{
	return (n->mode & 0170000) == 0120000;
}

/* Links to a node, as stat() reports them: 1 for a file, 2 plus its
 * subdirectories for a directory. */
static inline unsigned int ramfs_nlink(const struct ramfs_node *n)
{
	return ramfs_is_dir(n) ? 2 + n->subdirs : 1;
}

#endif
