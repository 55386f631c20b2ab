/*
 * Synthesised read-only files as fds (<runtime/sysfile.h>): a file's
 * contents are built when it is opened (a snapshot, as Linux's /proc
 * files give one read's worth at a time) and read from memory after.
 * The sets come from the units that know the contents, through weak
 * references: a set is here only if its unit is linked.
 *
 * Each file also has a name in the root (sysfile_place(), at start): an
 * empty inode that stands for it, so that /etc, /proc/self, /sys/...
 * are directories that list, as on Linux. path.c opens and stats the
 * synthesised file where a walk meets one of these; a file the app's
 * ramdisk has at that path is left alone, and wins.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <kernel/errno.h>

#include <runtime/fd.h>
#include <runtime/sysfile.h>

#include "sysfile_text.h"
#include "vfs.h"

/* st_dev of the synthesised files: an anonymous device of their own (the
 * ramdisk is 0:1). */
#define SYSFILE_DEV 3
#define SYSFILE_BLKSIZE 4096
/* Names placed in the root (the sets have about 30 files). */
#define SYSFILE_PLACED_MAX 64

/* Weak: a set is absent (its address 0) when its unit is not linked. */
extern const struct sysfile_set linux_sysfiles __attribute__((weak));
extern const struct sysfile_set net_sysfiles __attribute__((weak));

struct sysfile_open {
	struct sysfile_buf b;
	size_t pos;
	unsigned long dev, ino;
};

/* The entry for path, and its inode number; NULL if no set has it. One
 * process, pid 1: /proc/1/ and /proc/thread-self/ are /proc/self/. */
static const struct sysfile *find(const char *path, unsigned long *ino)
{
	const struct sysfile_set *sets[] = {&linux_sysfiles, &net_sysfiles};
	static const char *const aliases[] = {"/proc/1/", "/proc/thread-self/"};
	char self[80];
	unsigned long base = 1;
	size_t s, i, n;

	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		n = strlen(aliases[i]);
		if (!strncmp(path, aliases[i], n) &&
		    strlen(path + n) < sizeof(self) - 11) {
			strcpy(self, "/proc/self/");
			strcat(self, path + n);
			path = self;
			break;
		}
	}

	for (s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
		if (!sets[s]) /* its unit is not in the image */
			continue;
		for (i = 0; i < sets[s]->n; i++)
			if (!strcmp(sets[s]->files[i].path, path)) {
				*ino = base + i;
				return &sets[s]->files[i];
			}
		base += 1000;
	}
	return NULL;
}

static int build(const struct sysfile *f, struct sysfile_buf *b)
{
	int rc;

	memset(b, 0, sizeof(*b));
	rc = f->fill(b);
	if (!rc && b->failed)
		rc = -ENOMEM;
	if (rc < 0)
		free(b->data);
	return rc;
}

/* The inodes that stand for the files, and the path each stands for. */
static struct {
	const struct vnode *vn[SYSFILE_PLACED_MAX];
	const char *path[SYSFILE_PLACED_MAX];
	size_t n;
} placed;

/* The directories above path (absolute) in the root, made as needed:
 * 0, or an error when one cannot be (a file in the way). */
static int make_parents(const char *path)
{
	char dir[128];
	const char *p;
	int rc;

	for (p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		if ((size_t)(p - path) >= sizeof(dir))
			return -ENAMETOOLONG;
		memcpy(dir, path, (size_t)(p - path));
		dir[p - path] = 0;
		rc = vfs_mkdir(vfs_root(), dir, 0755);
		if (rc && rc != -EEXIST)
			return rc;
	}
	return 0;
}

static void place(const char *path)
{
	struct vnode *vn;

	if (placed.n == SYSFILE_PLACED_MAX || make_parents(path) ||
	    vfs_open(vfs_root(), path, O_CREAT | O_EXCL | O_WRONLY, 0444, &vn))
		return; /* the ramdisk has it, or no room: no name */
	vfs_get(vn);	/* the record keeps it, named or not */
	placed.vn[placed.n] = vn;
	placed.path[placed.n++] = path;
}

void sysfile_place(void)
{
	const struct sysfile_set *sets[] = {&linux_sysfiles, &net_sysfiles};
	size_t s, i;

	if (!vfs_root())
		return;
	for (s = 0; s < sizeof(sets) / sizeof(sets[0]); s++)
		for (i = 0; sets[s] && i < sets[s]->n; i++)
			place(sets[s]->files[i].path);
}

const char *sysfile_placed(const struct vnode *vn)
{
	size_t i;

	for (i = 0; i < placed.n; i++)
		if (placed.vn[i] == vn)
			return placed.path[i];
	return NULL;
}

static const char *bytes(const struct sysfile_buf *b)
{
	return b->ext ? b->ext : b->data;
}

/* The identity of f (st_dev, st_ino): its placed name's, when it has
 * one, so that stat by name and fstat of an open file agree (Go's
 * os.SameFile), whichever way the path reached it; else its own. */
static void identity(const struct sysfile *f, unsigned long *dev,
		     unsigned long *ino)
{
	struct stat st;
	size_t i;

	*dev = SYSFILE_DEV;
	for (i = 0; i < placed.n; i++)
		if (placed.path[i] == f->path &&
		    !vfs_getattr((struct vnode *)placed.vn[i], &st)) {
			*dev = (unsigned long)st.st_dev;
			*ino = (unsigned long)st.st_ino;
			return;
		}
}

static void fill_stat(unsigned long dev, unsigned long ino, size_t len,
		      struct stat *st)
{
	file_stat_init(st, S_IFREG | 0444, SYSFILE_BLKSIZE);
	st->st_dev = dev;
	st->st_ino = ino;
	st->st_size = (off_t)len;
	st->st_blocks = (blkcnt_t)((len + 511) / 512);
}

static long sf_read(void *obj, void *buf, size_t len)
{
	struct sysfile_open *o = obj;
	size_t n;

	if (o->pos >= o->b.len)
		return 0;
	n = o->b.len - o->pos < len ? o->b.len - o->pos : len;
	memcpy(buf, bytes(&o->b) + o->pos, n);
	o->pos += n;
	return (long)n;
}

static long sf_lseek(void *obj, long off, int whence)
{
	struct sysfile_open *o = obj;
	long r = file_seek_offset((long)o->pos, (long)o->b.len, off, whence);

	if (r >= 0)
		o->pos = (size_t)r;
	return r;
}

static int sf_fstat(void *obj, struct stat *st)
{
	struct sysfile_open *o = obj;

	fill_stat(o->dev, o->ino, o->b.len, st);
	return 0;
}

static int sf_close(void *obj)
{
	struct sysfile_open *o = obj;

	free(o->b.data);
	free(o);
	return 0;
}

static const struct fd_ops sysfile_ops = {
    .read = sf_read,
    .lseek = sf_lseek,
    .fstat = sf_fstat,
    .close = sf_close,
};

int sysfile_open(const char *path, int flags)
{
	unsigned long ino;
	const struct sysfile *f = find(path, &ino);
	struct sysfile_open *o;
	int rc;

	if (!f)
		return (flags & O_CREAT) ? -EROFS : -ENOENT;
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return -EROFS;
	if (flags & O_DIRECTORY)
		return -ENOTDIR;
	o = calloc(1, sizeof(*o));
	if (!o)
		return -ENOMEM;
	identity(f, &o->dev, &ino);
	o->ino = ino;
	if ((rc = build(f, &o->b)) < 0) {
		free(o);
		return rc;
	}
	rc = fd_open(&sysfile_ops, o, flags);
	if (rc < 0)
		sf_close(o);
	return rc;
}

int sysfile_stat(const char *path, struct stat *st)
{
	unsigned long dev, ino;
	const struct sysfile *f = find(path, &ino);
	struct sysfile_buf b;
	int rc;

	if (!f)
		return -ENOENT;
	if ((rc = build(f, &b)) < 0)
		return rc;
	identity(f, &dev, &ino);
	fill_stat(dev, ino, b.len, st);
	free(b.data);
	return 0;
}
