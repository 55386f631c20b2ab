/*
 * The ramdisk's index (ramfs_index.h): a tree of nodes, one per file and
 * directory of the archive, plus the directories that file paths imply.
 *
 * Names are normalised: "a/b", "./a/b", "/a/b" and "a//b/" are the same
 * node, and "." or "/" is the root. A symbolic link is a node whose data
 * is its target. Entries the tree cannot hold are left out and reported:
 * devices, fifos and sockets, a link with no target; names
 * with a ".." component or a component over 255 bytes; a name whose
 * parent is a file; a file and a directory of the same name (the later
 * entry loses). A later entry of the same kind replaces the earlier one
 * (last wins, as when Linux unpacks an initramfs).
 */
#include <kernel/errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ramfs_index.h"

/* The mode of a directory only implied by the paths below it. */
#define IMPLIED_DIR_MODE (S_IFDIR | 0755)
#define ROOT_INO 1

void ramfs_init(struct ramfs *fs)
{
	memset(fs, 0, sizeof(*fs));
	fs->root.mode = IMPLIED_DIR_MODE;
	fs->root.ino = ROOT_INO;
	fs->root.parent = &fs->root;
	fs->root.name = "";
	fs->next_ino = ROOT_INO + 1;
}

static void free_children(struct ramfs_node *dir)
{
	struct ramfs_node *c, *next;

	for (c = dir->children; c; c = next) {
		next = c->next;
		free_children(c);
		free(c);
	}
	dir->children = NULL;
}

void ramfs_free(struct ramfs *fs)
{
	free_children(&fs->root);
	ramfs_init(fs);
}

/* Order of names in a directory: bytewise, a prefix first. */
static int name_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

static struct ramfs_node *find_child(const struct ramfs_node *dir,
				     const char *name, size_t len)
{
	struct ramfs_node *c;

	for (c = dir->children; c; c = c->next)
		if (c->name_len == len && !memcmp(c->name, name, len))
			return c;
	return NULL;
}

/* A new node named name in dir (kept sorted), counted in fs. */
static struct ramfs_node *new_child(struct ramfs *fs, struct ramfs_node *dir,
				    const char *name, size_t len, uint32_t mode)
{
	struct ramfs_node *n = calloc(1, sizeof(*n)), **pos;

	if (!n)
		return NULL;
	n->name = name;
	n->name_len = len;
	n->mode = mode;
	n->ino = fs->next_ino++;
	n->parent = dir;
	for (pos = &dir->children; *pos; pos = &(*pos)->next)
		if (name_cmp((*pos)->name, (*pos)->name_len, name, len) > 0)
			break;
	n->next = *pos;
	*pos = n;
	if (ramfs_is_dir(n)) {
		dir->subdirs++;
		fs->dirs++;
	} else if ((mode & S_IFMT) == S_IFLNK) {
		fs->links++;
	} else {
		fs->files++;
	}
	return n;
}

/* Give n the entry's attributes (and a file's data). */
static void set_attrs(struct ramfs *fs, struct ramfs_node *n,
		      const struct cpio_entry *e)
{
	n->mode = e->mode;
	n->uid = e->uid;
	n->gid = e->gid;
	n->mtime = e->mtime;
	if (!ramfs_is_dir(n)) {
		if ((n->mode & S_IFMT) == S_IFREG)
			fs->bytes = fs->bytes - n->size + e->size;
		n->data = e->data;
		n->size = e->size;
	}
}

/* Length of the component at p (up to '/' or end). */
static size_t comp_len(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && *q != '/')
		q++;
	return (size_t)(q - p);
}

static bool is_dot(const char *p, size_t len)
{
	return len == 1 && p[0] == '.';
}

static bool is_dotdot(const char *p, size_t len)
{
	return len == 2 && p[0] == '.' && p[1] == '.';
}

/* Walk the entry's name, creating the directories it implies. Returns 0
 * with *dirp the directory that holds it and *last / *last_len its last
 * component (*last NULL: the name is the root), or a negative errno with
 * *why set. */
static int walk_to_parent(struct ramfs *fs, const struct cpio_entry *e,
			  struct ramfs_node **dirp, const char **last,
			  size_t *last_len, const char **why)
{
	const char *p = e->name, *end = e->name + e->name_len;
	struct ramfs_node *dir = &fs->root, *c;
	size_t len;

	*last = NULL;
	for (; p < end; p += len) {
		if (*p == '/') {
			len = 1;
			continue;
		}
		len = comp_len(p, end);
		if (is_dot(p, len))
			continue;
		if (is_dotdot(p, len) || len > RAMFS_NAME_MAX) {
			*why = len > RAMFS_NAME_MAX ? "a name over 255 bytes"
						    : "a \"..\" in the path";
			return -EINVAL;
		}
		if (*last) { /* the previous component is a directory */
			c = find_child(dir, *last, *last_len);
			if (!c)
				c = new_child(fs, dir, *last, *last_len,
					      IMPLIED_DIR_MODE);
			if (!c) {
				*why = "out of memory";
				return -ENOMEM;
			}
			if (!ramfs_is_dir(c)) {
				*why = "a parent is a file";
				return -ENOTDIR;
			}
			dir = c;
		}
		*last = p;
		*last_len = len;
	}
	*dirp = dir;
	return 0;
}

/* Enter one archive entry. 0, or a negative errno with *why set. */
static int add_entry(struct ramfs *fs, const struct cpio_entry *e,
		     const char **why)
{
	uint32_t type = e->mode & S_IFMT;
	struct ramfs_node *dir, *n;
	const char *last;
	size_t len;
	int rc;

	if (type != S_IFREG && type != S_IFDIR && type != S_IFLNK) {
		*why = "not a file, directory or symbolic link";
		return -ENOTSUP;
	}
	if (type == S_IFLNK && (!e->size || e->size >= RAMFS_PATH_MAX ||
				memchr(e->data, 0, e->size))) {
		*why = "a symbolic link's target is empty, too long or has a "
		       "NUL";
		return -EINVAL;
	}
	rc = walk_to_parent(fs, e, &dir, &last, &len, why);
	if (rc)
		return rc;
	if (!last)
		n = &fs->root;
	else if (!(n = find_child(dir, last, len)))
		n = new_child(fs, dir, last, len, type);
	if (!n) {
		*why = "out of memory";
		return -ENOMEM;
	}
	if ((n->mode & S_IFMT) != type) {
		*why = ramfs_is_dir(n) ? "a directory of that name exists"
				       : "a file of that name exists";
		return -EEXIST;
	}
	set_attrs(fs, n, e);
	return 0;
}

int ramfs_build(struct ramfs *fs, const void *buf, size_t len,
		struct cpio_reader *rd, ramfs_skip_fn skip)
{
	struct cpio_entry e;
	const char *why;
	int rc;

	ramfs_init(fs);
	rc = cpio_check(rd, buf, len, NULL);
	if (rc)
		return rc;
	cpio_open(rd, buf, len);
	while (cpio_next(rd, &e) == 1) {
		rc = add_entry(fs, &e, &why);
		if (rc == -ENOMEM) {
			ramfs_free(fs);
			return rc;
		}
		if (rc && skip)
			skip(e.name, why);
	}
	return 0;
}

int ramfs_lookup(const struct ramfs *fs, const char *path,
		 const struct ramfs_node **out)
{
	const struct ramfs_node *cur = &fs->root;
	size_t n = strnlen(path, RAMFS_PATH_MAX), len;
	const char *p = path, *end = path + n;

	if (n == RAMFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (n == 0)
		return -ENOENT;
	for (; p < end; p += len) {
		if (*p == '/') {
			len = 1;
			continue;
		}
		len = comp_len(p, end);
		if (!ramfs_is_dir(cur))
			return -ENOTDIR;
		if (len > RAMFS_NAME_MAX)
			return -ENAMETOOLONG;
		if (is_dotdot(p, len))
			cur = cur->parent;
		else if (!is_dot(p, len) && !(cur = find_child(cur, p, len)))
			return -ENOENT;
	}
	if (end[-1] == '/' && !ramfs_is_dir(cur))
		return -ENOTDIR;
	*out = cur;
	return 0;
}
